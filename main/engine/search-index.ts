// The full-text search over every stored message: subject, the start of the body, sender,
// customer name and order number. One FlexSearch index per field over all history (one shared
// dictionary; postings are plain integer arrays), and a table of what filters and ordering
// need (core/search-docs.ts). Persisted by store/search-index-files.ts as a compacted index
// plus an append-only log of what came since. Updated as mail is stored; on start it is read
// back, and whatever the store holds that the index lacks (a crash before a write, a damaged
// or missing file) is indexed again in the background from the stored .eml files.
import { performance } from 'node:perf_hooks'
import { Index } from 'flexsearch'
import type { SearchHit, SearchResults } from '../../preload/api'
import type { Channel, MessageRecord } from '../core/model'
import { OUTGOING, REMOVED, SearchDocs, UNREAD } from '../core/search-docs'
import { type SearchQuery } from '../core/search-query'
import { markTerms } from '../core/search-snippet'
import { BODY_CHARS, type MessageTerms, normaliseTerm, searchTerms } from '../core/search-tokens'
import { TermBitmaps, bitmapOf, bitmapPays, setBit, setBits } from '../core/term-bitmaps'
import { parseStored } from './stored-message'
import type { NoticeSink } from '../store/json-document'
import { SearchIndexFiles } from '../store/search-index-files'
import type { Store } from '../store/store'

/** Bump when what is indexed or how it is tokenised changes: old files are then rebuilt. */
const FORMAT = 2
/** A prefix ("t") can stand for thousands of words: the first this many are searched. */
const PREFIX_EXPANSIONS = 64
/**
 * The log of recent additions is folded into the index once it holds this many lines: each
 * line is tokenised again on start (about 0.1 ms), so a short log keeps loading quick, and
 * writing the whole index every 2,000 new messages costs little. While the index is being
 * rebuilt the log may grow longer, so a rebuild does not rewrite the index again and again.
 */
const COMPACT_AT = 2000
const COMPACT_AT_REBUILDING = 20_000
/** Senders and customer names whose terms are kept: the same few recur message after message. */
const NAMES_KEPT = 4096
/** Bitmap terms per part of index.json: a part is one string in memory while it is written and read. */
const BITMAP_TERMS_PER_PART = 16

export interface SearchIndexOptions {
  /** How long changes wait before they are written (batches a burst of mail). */
  flushDelayMs?: number
  /** How long after start the index files are read, if no search asks first (keeps cold start short). */
  loadDelayMs?: number
  /** Told before each file write, with the file ('index' or 'recent'); tests use it to kill the process mid-write. */
  onWrite?: (file: string) => void
}

/** The part of a message record the index needs. */
export type IndexedRecord = Pick<
  MessageRecord,
  'id' | 'conversationId' | 'customerId' | 'date' | 'subject' | 'from' | 'direction' | 'seen' | 'snippet'
>

/** One message as indexed: a line of the recent log, replayed on start. */
interface Entry {
  id: string
  conversationId: string
  date: number
  month: string
  flags: number
  /** Subject, customer name and body share one field: nothing searches them apart. */
  text: string
  from: string
  order: string
  /** Where its display line sits in display.jsonl: byte offset, length. */
  display: [number, number]
}

type Field = 'text' | 'from' | 'order'
/** What the text index is given: the text, or its terms already worked out. */
type Content = string | string[]
const FIELDS: Field[] = ['text', 'from', 'order']
/** One word of a query: any of `words` in any of `fields`. */
interface Group {
  fields: Field[]
  words: string[]
}

/** An order number is also kept whole, so `order:249-1234567-1234567` matches exactly. */
function orderTerms(text: string): string[] {
  const whole = text.trim()
  return whole ? [normaliseTerm(whole), ...searchTerms(whole)] : []
}

export class SearchIndex {
  private docs = new SearchDocs()
  private indexes = this.emptyIndexes()
  /** The most common terms of each field, kept as bitmaps instead of in FlexSearch (core/term-bitmaps.ts). */
  private bitmaps = emptyBitmaps()
  /** Every term indexed per field, for prefix matching (FlexSearch matches whole terms only). */
  private terms: Record<'text' | 'from', Set<string>> = { text: new Set(), from: new Set() }
  /** The number of the message being added, so the words of queries do not enter `terms` or bitmaps. */
  private adding: number | undefined
  /** The terms of senders and customer names met lately (`nameTerms`). */
  private readonly names = new Map<string, string[]>()
  private readonly files: SearchIndexFiles
  private loading: Promise<void> | undefined
  private loaded = false
  /** Messages stored before the files were read; indexed right after. */
  private pending: { record: IndexedRecord; text: string; terms?: MessageTerms }[] = []
  /** Log lines not written yet, and how many recent.jsonl holds. */
  private unsaved: string[] = []
  private logged = 0
  /** Display lines not written yet, in order from `displayStart`; `displayEnd` is where the next one goes. */
  private unsavedDisplay: Buffer[] = []
  private displayStart = 0
  private displayEnd = 0
  /** The whole index must be written (a rebuild, a removal): appending is not enough. */
  private compactDue = false
  private flushTimer: NodeJS.Timeout | undefined
  private loadTimer: NodeJS.Timeout | undefined
  private writing: Promise<void> = Promise.resolve()
  private catchingUp: Promise<void> | undefined
  private rebuilding = false
  private closed = false
  /** Whether any index file existed at start: if not, the whole index is being built. */
  private hadFiles = false

  constructor(
    private readonly store: Store,
    private readonly notify: NoticeSink,
    private readonly log: (line: string) => void,
    private readonly now: () => Date,
    private readonly options: SearchIndexOptions = {},
  ) {
    this.files = new SearchIndexFiles(store.dataDir)
  }

  /** Reads the index soon, then catches up with the store; neither delays the first inbox. */
  start(): void {
    this.loadTimer = setTimeout(() => void this.catchUp(), this.options.loadDelayMs ?? 300)
    this.loadTimer.unref()
  }

  /** Resolves once the files are read and every stored message is indexed (tests, benchmarks). */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.load().then(() => this.reconcile())
    return this.catchingUp
  }

  /**
   * A message stored for the first time, with the plain text of its body and, when they were
   * worked out where it was parsed, the terms of its subject and body (messageTerms).
   */
  added(record: IndexedRecord, text: string, terms?: MessageTerms): void {
    if (!this.loaded) {
      this.pending.push({ record, text: text.slice(0, BODY_CHARS), terms })
      this.load().catch((err) => this.log(`search: could not read the index: ${err}`))
      return
    }
    this.addNow(record, text, terms)
    this.scheduleFlush()
  }

  /** A message no longer stored: it stops matching. */
  async removed(record: Pick<MessageRecord, 'id' | 'date'>): Promise<void> {
    await this.load()
    const n = this.docs.remove(record.id)
    if (n === undefined) return
    this.forget(n)
    this.unsaved.push(JSON.stringify({ removed: record.id }))
    this.scheduleFlush()
  }

  /** Many messages at once (demo seeding); written once at the end. */
  async addMany(items: Iterable<{ record: IndexedRecord; text: string }>): Promise<void> {
    await this.load()
    // Oldest first, so numbers follow dates and newest-first ordering of hits is nearly free.
    const list = [...items].sort((a, b) => (a.record.date < b.record.date ? -1 : a.record.date > b.record.date ? 1 : 0))
    for (const { record, text } of list) this.addNow(record, text)
    this.compactDue = true
    await this.flush()
  }

  async search(q: SearchQuery, offset: number, limit: number): Promise<SearchResults> {
    const started = performance.now()
    await this.load()
    const groups = this.queryGroups(q)
    const textAsked = q.text.trim() !== '' || q.filters.from !== undefined
    const marks: string[] = []
    let newest: number[] = []
    // A query of nothing but stop words ("the") finds nothing rather than everything.
    if (!(textAsked && groups.length === 0)) {
      const candidates = groups.length ? this.matching(groups, marks) : undefined
      const pass = this.filterOf(q)
      const docs = this.docs
      if (candidates) {
        for (const n of candidates) if (pass(n)) newest.push(n)
      } else {
        for (let n = 0; n < docs.length; n++) if (pass(n)) newest.push(n)
      }
      // Newest first: a seller looks for the conversation they half remember, usually a
      // recent one. Numbers mostly follow dates, so this sort meets long sorted runs.
      newest = newest.sort((a, b) => docs.date(b) - docs.date(a) || b - a)
    }
    const hits: SearchHit[] = []
    const page = newest.slice(offset, offset + limit)
    const lines = await this.files.readDisplay(page.map((n) => this.docs.display(n)))
    for (const [i, n] of page.entries()) {
      const hit = this.hitOf(n, displayOf(lines[i]!, this.docs.id(n)) ?? (await this.recordDisplay(n)), marks)
      if (hit) hits.push(hit)
    }
    return {
      query: '',
      offset,
      total: newest.length,
      totalIsLowerBound: false,
      hits,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
      indexing: !this.loaded || this.rebuilding,
    }
  }

  /** How many messages are indexed. */
  get size(): number {
    return this.docs.size
  }

  /** How many terms are kept as bitmaps, over all fields (tests). */
  get bitmapTerms(): number {
    let n = 0
    for (const f of FIELDS) n += this.bitmaps[f].size
    return n
  }

  async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer)
    this.flushTimer = undefined
    const run = this.writing.then(() => this.write())
    this.writing = run.catch(() => undefined)
    await run
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.loadTimer) clearTimeout(this.loadTimer)
    await this.catchingUp?.catch(() => undefined)
    await this.loading?.catch(() => undefined)
    if (this.loaded) await this.flush().catch((err) => this.log(`search: could not save the index: ${err}`))
  }

  private emptyIndexes(): Record<Field, Index> {
    // FlexSearch runs its encoder on what is added and on what is searched. A search asks for
    // one term at a time, already worked out (queryGroups), so the term goes through as it is:
    // encoded again, an order number would become its whole and its parts, which FlexSearch
    // would all have to hold (some are bitmaps instead).
    const make = (field: Field, terms: (content: Content) => string[]) =>
      // Whole terms, one score level, no reverse register: the most compact form FlexSearch has.
      // Ranking is by date, so scores are not needed; removal (rare) scans instead of a register.
      new Index({
        tokenize: 'strict',
        resolution: 1,
        fastupdate: false,
        encode: (content: Content) =>
          this.adding === undefined ? [content as string] : this.indexed(field, terms(content)),
      })
    return {
      text: make('text', (c) => (typeof c === 'string' ? searchTerms(c) : c)),
      from: make('from', (c) => this.nameTerms(c as string)),
      order: make('order', (c) => orderTerms(c as string)),
    }
  }

  /**
   * The terms of a sender or customer name, worked out once while it keeps coming back: a
   * customer writes many messages, and segmenting a Japanese name each time was about a fifth
   * of indexing on the main thread during a sync. Forgotten all at once when full.
   */
  private nameTerms(name: string): string[] {
    let terms = this.names.get(name)
    if (terms === undefined) {
      if (this.names.size >= NAMES_KEPT) this.names.clear()
      terms = searchTerms(name)
      this.names.set(name, terms)
    }
    return terms
  }

  /**
   * What FlexSearch gets of the terms of message `adding`: the text and sender terms are noted
   * for prefix matching, and the terms kept as bitmaps go there instead.
   */
  private indexed(field: Field, terms: string[]): string[] {
    const n = this.adding!
    if (field !== 'order') for (const t of terms) this.terms[field].add(t)
    const bitmaps = this.bitmaps[field]
    if (bitmaps.size === 0) return terms
    const rest: string[] = []
    for (const t of terms) {
      if (bitmaps.has(t)) bitmaps.add(t, n)
      else rest.push(t)
    }
    return rest
  }

  /** Message `n` stops matching. */
  private forget(n: number): void {
    for (const f of FIELDS) {
      this.indexes[f].remove(n)
      this.bitmaps[f].remove(n)
    }
  }

  private async load(): Promise<void> {
    this.loading ??= this.readFiles()
    return this.loading
  }

  private async readFiles(): Promise<void> {
    const { hadFiles } = await this.files.prepare()
    this.hadFiles = hadFiles
    let damaged = false
    const read = await this.files.read(FORMAT)
    if (read.ok) {
      try {
        this.restore(read.file.docs, read.file.terms, read.file.index)
      } catch {
        damaged = true
      }
    } else damaged = read.reason === 'damaged'
    if (damaged) {
      this.docs = new SearchDocs()
      this.indexes = this.emptyIndexes()
      this.bitmaps = emptyBitmaps()
      this.terms = { text: new Set(), from: new Set() }
      await this.files.setAside(this.now())
      this.compactDue = true
      this.displayStart = this.displayEnd = 0
      this.notify({
        level: 'warning',
        message: 'The search index was damaged; it is being rebuilt from your stored mail.',
        action: 'Nothing is lost: search finds those messages again once the rebuild is done.',
      })
    } else {
      // Lines a crash tore are skipped: reconcile indexes those messages again from the store.
      const recent = await this.files.readRecent()
      for (const line of recent.entries) this.replay(line)
      this.logged = recent.entries.length + recent.bad
      this.displayStart = this.displayEnd = await this.files.displayEnd()
    }
    this.loaded = true
    for (const { record, text, terms } of this.pending) this.addNow(record, text, terms)
    if (this.pending.length) this.scheduleFlush()
    this.pending = []
  }

  private restore(docs: unknown, terms: unknown, index: unknown): void {
    this.docs = SearchDocs.fromColumns(docs)
    const t = terms as { text?: unknown; from?: unknown }
    if (!Array.isArray(t.text) || !Array.isArray(t.from)) throw new Error('bad search terms')
    this.terms = { text: new Set(t.text as string[]), from: new Set(t.from as string[]) }
    const exported = index as Partial<Record<Field, unknown>>
    const total = this.docs.length
    for (const f of FIELDS) {
      const parts = exported[f]
      if (!Array.isArray(parts)) throw new Error('bad search index')
      for (const part of parts as unknown[]) {
        if (!Array.isArray(part) || typeof part[0] !== 'string' || typeof part[1] !== 'string')
          throw new Error('bad search index')
        const [key, data] = part as [string, string]
        if (!key.endsWith('.map')) {
          this.indexes[f].import(key, data)
          continue
        }
        // The terms found in many messages become bitmaps; FlexSearch gets the rest.
        const entries = JSON.parse(data) as unknown
        if (!Array.isArray(entries)) throw new Error('bad search index')
        const rest: unknown[] = []
        for (const entry of entries as unknown[]) {
          const numbers = postingsOf(entry, total)
          if (numbers && bitmapPays(numbers.length, total)) this.bitmaps[f].adopt((entry as [string])[0], numbers)
          else rest.push(entry)
        }
        // FlexSearch takes its export parsed as well as in text (`import` parses a string first).
        this.indexes[f].import(key, rest as unknown as string)
      }
    }
  }

  private replay(line: unknown): void {
    const l = line as Partial<Entry> & { removed?: unknown }
    if (typeof l?.removed === 'string') {
      const n = this.docs.remove(l.removed)
      if (n !== undefined) this.forget(n)
      return
    }
    if (
      typeof l?.id !== 'string' ||
      typeof l.conversationId !== 'string' ||
      typeof l.date !== 'number' ||
      typeof l.month !== 'string' ||
      !/^\d{4}-\d{2}$/.test(l.month) ||
      typeof l.flags !== 'number' ||
      typeof l.text !== 'string' ||
      typeof l.from !== 'string' ||
      typeof l.order !== 'string' ||
      !Array.isArray(l.display) ||
      typeof l.display[0] !== 'number' ||
      typeof l.display[1] !== 'number'
    )
      return
    // Lines already folded into index.json (a crash between its write and the log's) are skipped.
    if (!this.docs.has(l.id)) this.index(l as Entry)
  }

  /**
   * Indexes what the store holds and the index lacks: messages stored just before a crash,
   * and everything when the index was damaged or missing. Read from the raw .eml files.
   */
  private async reconcile(): Promise<void> {
    if (this.closed) return
    const missing = new Map<string, string[]>()
    // The Message-ID index names every stored record and its month, without reading the shards.
    for await (const [, entry] of this.store.messageIds.entries()) {
      if (this.docs.has(entry.id)) continue
      const list = missing.get(entry.month)
      if (list) list.push(entry.id)
      else missing.set(entry.month, [entry.id])
    }
    let count = 0
    for (const ids of missing.values()) count += ids.length
    if (count === 0) return
    if (!this.hadFiles) {
      this.notify({
        level: 'info',
        message: `Building the search index from your stored mail (${count.toLocaleString('en')} messages).`,
        action: 'Search may miss older messages until it is done; everything else works meanwhile.',
      })
    }
    this.log(`search: indexing ${count} stored messages the index lacked (${missing.size} months)`)
    this.rebuilding = true
    try {
      for (const [month, ids] of [...missing].sort((a, b) => a[0].localeCompare(b[0]))) {
        for (const id of ids) {
          if (this.closed) return
          if (this.docs.has(id)) continue
          const record = await this.store.getMessage(month, id)
          if (!record) continue
          this.addNow(record, await this.bodyText(record))
        }
        this.scheduleFlush()
      }
    } finally {
      this.rebuilding = false
    }
    this.compactDue = true
    await this.flush()
    this.log('search: the index holds every stored message')
  }

  private async bodyText(record: MessageRecord): Promise<string> {
    try {
      return (await parseStored(record, await this.store.mail.read(record.emlPath))).text
    } catch {
      // Unreadable or gone: the subject, sender and snippet are still searchable.
      return record.snippet
    }
  }

  private addNow(record: IndexedRecord, text: string, terms?: MessageTerms): void {
    if (this.docs.has(record.id)) return
    const conversation = this.store.conversations[record.conversationId]
    const customer = this.store.customers[record.customerId]
    const line = Buffer.from(
      `${JSON.stringify([record.id, record.subject, record.snippet, record.from.name || record.from.address])}\n`,
    )
    this.unsavedDisplay.push(line)
    const display: [number, number] = [this.displayEnd, line.length - 1]
    this.displayEnd += line.length
    const entry: Entry = {
      id: record.id,
      conversationId: record.conversationId,
      date: Math.floor(Date.parse(record.date) / 1000),
      month: record.date.slice(0, 7),
      flags: (record.direction === 'in' && !record.seen ? UNREAD : 0) | (record.direction === 'out' ? OUTGOING : 0),
      text: `${record.subject}\n${customer?.name ?? ''}\n${text.length > BODY_CHARS ? text.slice(0, BODY_CHARS) : text}`,
      from: `${record.from.name ?? ''} ${record.from.address}`,
      order: conversation?.orderNumber ?? '',
      display,
    }
    // The log keeps the text: a replay on start tokenises it again, as it would have been here.
    this.index(entry, terms && [...terms.subject, ...this.nameTerms(customer?.name ?? ''), ...terms.body])
    this.unsaved.push(JSON.stringify(entry))
  }

  /** `words`: the terms of `entry.text` if already worked out, in the order tokenising it gives. */
  private index(entry: Entry, words?: string[]): void {
    const n = this.docs.add(entry)
    this.adding = n
    try {
      // FlexSearch hands the content to the encoder untouched, so the terms can stand in for the text.
      this.indexes.text.add(n, (words ?? entry.text) as string)
      this.indexes.from.add(n, entry.from)
      if (entry.order) this.indexes.order.add(n, entry.order)
    } finally {
      this.adding = undefined
    }
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.closed) return
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined
      this.flush().catch((err) => this.log(`search: could not save the index, will retry: ${err}`))
    }, this.options.flushDelayMs ?? 1000)
    this.flushTimer.unref()
  }

  /** Appends what is new to the log, or, when the log has grown long, writes the whole index. */
  private async write(): Promise<void> {
    const lines = this.unsaved
    if (!lines.length && !this.compactDue) return
    this.unsaved = []
    const display = this.unsavedDisplay
    const displayAt = this.displayStart
    this.unsavedDisplay = []
    this.displayStart = this.displayEnd
    try {
      // Display lines first: a line of the log or index never points past what is on disk.
      await this.files.writeDisplay(displayAt, Buffer.concat(display))
      if (this.compactDue || this.logged + lines.length > (this.rebuilding ? COMPACT_AT_REBUILDING : COMPACT_AT)) {
        this.compactDue = false
        this.options.onWrite?.('index')
        await this.files.writeIndex((write) => this.serialised(write))
        this.logged = 0
      } else {
        this.options.onWrite?.('recent')
        await this.files.appendRecent(lines)
        this.logged += lines.length
      }
    } catch (err) {
      // Kept for the next try; a half-done append only adds lines the replay skips.
      this.unsaved = [...lines, ...this.unsaved]
      this.unsavedDisplay = [...display, ...this.unsavedDisplay]
      this.displayStart = displayAt
      this.scheduleFlush()
      throw err
    }
  }

  /**
   * index.json, piece by piece into the file as it is made (at 100,000 messages it is tens of
   * MB: its pieces held at once, with FlexSearch's export strings, were most of a first sync's
   * peak memory). Synchronous, so messages added meanwhile cannot be half in it.
   */
  private serialised(write: (piece: string) => void): void {
    write(`{"v":${FORMAT},"docs":${JSON.stringify(this.docs.toColumns())}`)
    write(`,"terms":${JSON.stringify({ text: [...this.terms.text], from: [...this.terms.from] })},"index":{`)
    for (const [i, f] of FIELDS.entries()) {
      write(`${i ? ',' : ''}"${f}":[`)
      let first = true
      // Synchronous with a synchronous handler (FlexSearch 0.8); the parts are its map in chunks.
      let parts = 0
      const part = (key: string, data: string) => {
        write(`${first ? '' : ','}${JSON.stringify([key, data])}`)
        first = false
        parts++
      }
      void this.indexes[f].export(part)
      // The bitmap terms, in FlexSearch's form (a term with one score level of numbers), so the
      // file reads the same whether a term was a bitmap or not; reading it decides again.
      let chunk: [string, number[][]][] = []
      for (const term of this.bitmaps[f].terms()) {
        chunk.push([term, [this.bitmaps[f].numbers(term)]])
        if (chunk.length === BITMAP_TERMS_PER_PART) {
          part(`${parts + 1}.map`, JSON.stringify(chunk))
          chunk = []
        }
      }
      if (chunk.length) part(`${parts + 1}.map`, JSON.stringify(chunk))
      write(']')
    }
    write('}}')
  }

  /**
   * What every match must satisfy: per query word, the fields it may be in and the words it
   * stands for (itself, or for the last word, as the seller is probably still typing it,
   * every word it starts). Free words match any field, as a sender or order number typed
   * without `from:` / `order:` should still be found.
   */
  private queryGroups(q: SearchQuery): Group[] {
    const groups: Group[] = []
    const add = (fields: Field[], prefixes: ('text' | 'from')[], text: string) => {
      const words = searchTerms(text)
      words.forEach((word, i) =>
        groups.push({ fields, words: i === words.length - 1 ? this.expand(prefixes, word) : [word] }),
      )
    }
    add(FIELDS, ['text', 'from'], q.text)
    if (q.filters.from) add(['from'], ['from'], q.filters.from)
    if (q.filters.order) groups.push({ fields: ['order'], words: [normaliseTerm(q.filters.order.trim())] })
    return groups
  }

  private expand(fields: ('text' | 'from')[], prefix: string): string[] {
    const words = new Set([prefix])
    for (const field of fields) {
      for (const t of this.terms[field]) {
        if (words.size > PREFIX_EXPANSIONS) break
        if (t.startsWith(prefix)) words.add(t)
      }
    }
    return [...words]
  }

  /**
   * Numbers of the messages matching every group, in ascending order; the words that matched
   * go into `marks`. Each group is a bitmap (a word's FlexSearch postings set into it, its
   * bitmap terms ORed in), the groups are ANDed: no list of numbers is made but the answer.
   */
  private matching(groups: Group[], marks: string[]): number[] {
    const all = this.docs.length
    let result: Uint32Array | undefined
    for (const { fields, words } of groups) {
      const group = bitmapOf(all)
      let any = false
      for (const word of words) {
        let matched = false
        for (const field of fields) {
          // A term is in FlexSearch or a bitmap; both are asked, should it be in both.
          const list = this.indexes[field].search(word, { limit: all + 1 }) as number[]
          // A number past the table (a damaged file) matches nothing, as it never did.
          for (const n of list) if (n < all) setBit(group, n)
          if (list.length) matched = true
          if (this.bitmaps[field].orInto(word, group)) matched = true
        }
        if (matched) marks.push(word)
        any ||= matched
      }
      if (!any) return []
      if (result) for (let w = 0; w < result.length; w++) result[w]! &= group[w]!
      else result = group
    }
    return result ? setBits(result) : []
  }

  private filterOf(q: SearchQuery): (n: number) => boolean {
    const { channel, open, unread, before, after } = q.filters
    const from = after ? localDayStart(after) : -Infinity
    const to = before ? localDayStart(before) : Infinity
    const channels = channel ? new Set<Channel>(channel) : undefined
    const conversations = this.store.conversations
    const needsConversation = channels !== undefined || open === true || unread === true
    const docs = this.docs
    return (n) => {
      if (n >= docs.length) return false
      const flags = docs.flags(n)
      if (flags & REMOVED) return false
      const t = docs.date(n)
      if (t < from || t >= to) return false
      if (unread && !(flags & UNREAD)) return false
      if (!needsConversation) return true
      const cid = docs.conversationId(n)
      const c = Object.hasOwn(conversations, cid) ? conversations[cid] : undefined
      if (!c) return false
      if (channels && !channels.has(c.channel)) return false
      if (open && c.status !== 'open') return false
      // Read since it was indexed: the conversation has no unread message left.
      if (unread && c.unreadCount === 0) return false
      return true
    }
  }

  /** What a hit shows, from the message record when its display line is not on disk yet. */
  private async recordDisplay(n: number): Promise<Display | undefined> {
    const record = await this.store.getMessage(this.docs.month(n), this.docs.id(n))
    return record && [record.subject, record.snippet, record.from.name || record.from.address]
  }

  private hitOf(n: number, display: Display | undefined, terms: string[]): SearchHit | undefined {
    if (!display) return undefined
    const [subject, snippet, from] = display
    const cid = this.docs.conversationId(n)
    const conversations = this.store.conversations
    // A conversation can only be gone if its messages are (nothing deletes one yet).
    const c = Object.hasOwn(conversations, cid) ? conversations[cid] : undefined
    if (!c) return undefined
    return {
      messageId: this.docs.id(n),
      conversationId: cid,
      customerId: c.customerId,
      customerName: this.store.customers[c.customerId]?.name ?? from,
      channel: c.channel,
      direction: this.docs.flags(n) & OUTGOING ? 'out' : 'in',
      from,
      subject,
      subjectMarks: markTerms(subject, terms),
      snippet,
      snippetMarks: markTerms(snippet, terms),
      date: new Date(this.docs.date(n) * 1000).toISOString(),
    }
  }
}

function emptyBitmaps(): Record<Field, TermBitmaps> {
  return { text: new TermBitmaps(), from: new TermBitmaps(), order: new TermBitmaps() }
}

/**
 * The message numbers of an entry of FlexSearch's exported map (`[term, [numbers per score]]`),
 * if it is one and names only numbers below `total` (a damaged file could name any: a bitmap
 * is as long as its highest number). Any other entry goes to FlexSearch as it always did.
 */
function postingsOf(entry: unknown, total: number): number[] | undefined {
  if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) return undefined
  const numbers: number[] = []
  for (const slot of entry[1] as unknown[]) {
    if (slot == null) continue
    if (!Array.isArray(slot)) return undefined
    for (const n of slot as unknown[]) {
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n >= total) return undefined
      numbers.push(n)
    }
  }
  return numbers
}

/** Subject, snippet, sender. */
type Display = [string, string, string]

/** A display line read back, if it is whole and is the line of message `id`. */
function displayOf(line: string, id: string): Display | undefined {
  try {
    const v = JSON.parse(line) as unknown
    if (Array.isArray(v) && v.length === 4 && v[0] === id && v.slice(1).every((x) => typeof x === 'string'))
      return v.slice(1) as Display
  } catch {
    // Not written yet, or torn by a crash: the record in the message shard says the same.
  }
  return undefined
}

/** The start of a YYYY-MM-DD day on the seller's clock, in epoch seconds. */
function localDayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return Math.floor(new Date(y, m - 1, d).getTime() / 1000)
}
