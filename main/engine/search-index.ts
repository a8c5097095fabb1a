// The full-text search over every stored message: subject, the start of the body, sender,
// customer name and order number, in one MiniSearch index per month (persisted per month
// by store/search-index-files.ts). Updated as mail is stored; on start it is read back, and
// whatever the store holds that the index lacks (a crash before a write, a damaged or
// missing file) is indexed again in the background from the stored .eml files.
import { performance } from 'node:perf_hooks'
import MiniSearch, { type Query, type SearchResult } from 'minisearch'
import type { SearchHit, SearchResults } from '../../preload/api'
import type { Channel, MessageRecord } from '../core/model'
import { type SearchQuery } from '../core/search-query'
import { markTerms } from '../core/search-snippet'
import { normaliseTerm, searchTerms } from '../core/search-tokens'
import { parseMail } from '../channels/mail/parse'
import type { NoticeSink } from '../store/json-document'
import { SearchIndexFiles, type SearchSegmentFile } from '../store/search-index-files'
import type { Store } from '../store/store'

/** Bump when what is indexed or how it is tokenised changes: old files are then rebuilt. */
const FORMAT = 1
/** Only the start of a body is indexed: what a seller searches for is near the top. */
export const BODY_CHARS = 3000
/** Counting stops here; the page is still the newest matches (totalIsLowerBound says so). */
export const TOTAL_CAP = 1000

export interface SearchIndexOptions {
  /** How long changes wait before their month file is rewritten (batches a burst of mail). */
  flushDelayMs?: number
  /** How long after start the index files are read, if no search asks first (keeps cold start short). */
  loadDelayMs?: number
  /** Told before each month file is written (tests use it to kill the process mid-write). */
  onWrite?: (month: string) => void
}

/** The part of a message record the index needs. */
export type IndexedRecord = Pick<
  MessageRecord,
  'id' | 'conversationId' | 'customerId' | 'date' | 'subject' | 'from' | 'direction' | 'seen' | 'snippet'
>

/**
 * Subject, customer name and body share one field: each field costs a map per term and
 * document, and nothing searches them apart (the sender and the order number are filters).
 */
interface IndexDoc {
  id: string
  text: string
  from: string
  order: string
}

/**
 * [conversation id, date in epoch seconds, flags (UNREAD | OUTGOING), subject, snippet, sender].
 * What a hit shows is kept here so a page of hits reads no message shard: hits spread over
 * many months would otherwise load a month file each (tens of ms apiece at 100,000 messages).
 */
type DocMeta = [string, number, number, string, string, string]
const UNREAD = 1
const OUTGOING = 2

interface Segment {
  month: string
  index: MiniSearch<IndexDoc>
  docs: Map<string, DocMeta>
  dirty: boolean
}

function tokenize(text: string, field?: string): string[] {
  // An order number is also kept whole, so `order:249-1234567-1234567` matches exactly.
  if (field === 'order') return text.trim() ? [normaliseTerm(text.trim()), ...searchTerms(text)] : []
  return searchTerms(text)
}

const OPTIONS = {
  fields: ['text', 'from', 'order'],
  idField: 'id',
  storeFields: [],
  tokenize,
  processTerm: (term: string) => term,
}

/** As the seller types, the last word is usually unfinished: it matches as a prefix. */
const lastIsPrefix = (_term: string, i: number, terms: string[]) => i === terms.length - 1

export class SearchIndex {
  private readonly segments = new Map<string, Segment>()
  private readonly files: SearchIndexFiles
  private loading: Promise<void> | undefined
  private loaded = false
  /** Messages stored before the files were read; indexed right after. */
  private pending: { record: IndexedRecord; text: string }[] = []
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

  /** A message stored for the first time, with the plain text of its body. */
  added(record: IndexedRecord, text: string): void {
    if (!this.loaded) {
      this.pending.push({ record, text: text.slice(0, BODY_CHARS) })
      this.load().catch((err) => this.log(`search: could not read the index: ${err}`))
      return
    }
    this.addNow(record, text)
    this.scheduleFlush()
  }

  /** A message no longer stored: it stops matching. */
  async removed(record: Pick<MessageRecord, 'id' | 'date'>): Promise<void> {
    await this.load()
    const seg = this.segments.get(record.date.slice(0, 7))
    if (!seg?.docs.delete(record.id)) return
    seg.index.discard(record.id)
    seg.dirty = true
    this.scheduleFlush()
  }

  /** Many messages at once (demo seeding); written once at the end. */
  async addMany(items: Iterable<{ record: IndexedRecord; text: string }>): Promise<void> {
    await this.load()
    for (const { record, text } of items) this.addNow(record, text)
    await this.flush()
  }

  async search(q: SearchQuery, offset: number, limit: number): Promise<SearchResults> {
    const started = performance.now()
    await this.load()
    const parts = queryParts(q)
    const textAsked = q.text.trim() !== '' || q.filters.from !== undefined
    const matches: { id: string; meta: DocMeta; terms: string[] }[] = []
    let lowerBound = false
    // A query of nothing but stop words ("the") finds nothing rather than everything.
    if (!(textAsked && parts.length === 0)) {
      const pass = this.filterOf(q)
      const months = [...this.segments.keys()].sort().reverse()
      const { first, last } = monthRange(q)
      const want = Math.max(offset + limit, TOTAL_CAP)
      for (let i = 0; i < months.length; i++) {
        const month = months[i]!
        if ((first && month < first) || (last && month > last)) continue
        const seg = this.segments.get(month)!
        const found: typeof matches = []
        if (parts.length) {
          const results: SearchResult[] = seg.index.search({ combineWith: 'AND', queries: parts })
          for (const r of results) {
            const meta = seg.docs.get(r.id as string)
            if (meta && pass(meta)) found.push({ id: r.id as string, meta, terms: r.terms })
          }
        } else {
          for (const [id, meta] of seg.docs) if (pass(meta)) found.push({ id, meta, terms: [] })
        }
        // Newest first: a seller looks for the conversation they half remember, usually a recent one.
        found.sort((a, b) => b.meta[1] - a.meta[1])
        for (const f of found) matches.push(f)
        if (matches.length >= want && i < months.length - 1) {
          lowerBound = true
          break
        }
      }
    }
    const hits: SearchHit[] = []
    for (const m of matches.slice(offset, offset + limit)) {
      const hit = this.hitOf(m.id, m.meta, m.terms)
      if (hit) hits.push(hit)
    }
    return {
      query: '',
      offset,
      total: matches.length,
      totalIsLowerBound: lowerBound,
      hits,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
      indexing: !this.loaded || this.rebuilding,
    }
  }

  /** How many messages are indexed. */
  get size(): number {
    let n = 0
    for (const s of this.segments.values()) n += s.docs.size
    return n
  }

  async flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer)
    this.flushTimer = undefined
    const run = this.writing.then(() => this.writeDirty())
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

  private async load(): Promise<void> {
    this.loading ??= this.readFiles()
    return this.loading
  }

  private async readFiles(): Promise<void> {
    const damaged: string[] = []
    const months = await this.files.months()
    this.hadFiles = months.length > 0
    for (const month of months) {
      // One month at a time, with a turn of the event loop between: requests keep flowing.
      const read = await this.files.read(month, FORMAT)
      if (!read.ok) {
        damaged.push(month)
        await this.files.setAside(month, this.now())
        continue
      }
      try {
        this.segments.set(month, segmentOf(read.segment))
      } catch {
        damaged.push(month)
        await this.files.setAside(month, this.now())
      }
    }
    if (damaged.length) {
      this.notify({
        level: 'warning',
        message: `The search index was damaged (${damaged.join(', ')}); it is being rebuilt from your stored mail.`,
        action: 'Nothing is lost: search finds those messages again once the rebuild is done.',
      })
    }
    this.loaded = true
    for (const { record, text } of this.pending) this.addNow(record, text)
    if (this.pending.length) this.scheduleFlush()
    this.pending = []
  }

  /**
   * Indexes what the store holds and the index lacks: messages stored just before a crash,
   * and whole months whose file was damaged or missing. Read from the raw .eml files.
   */
  private async reconcile(): Promise<void> {
    if (this.closed) return
    const missing = new Map<string, string[]>()
    // The Message-ID index names every stored record and its month, without reading the shards.
    for await (const [, entry] of this.store.messageIds.entries()) {
      if (this.segments.get(entry.month)?.docs.has(entry.id)) continue
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
      for (const [month, ids] of [...missing].sort((a, b) => b[0].localeCompare(a[0]))) {
        for (const id of ids) {
          if (this.closed) return
          if (this.segments.get(month)?.docs.has(id)) continue
          const record = await this.store.getMessage(month, id)
          if (!record) continue
          this.addNow(record, await this.bodyText(record))
        }
        this.scheduleFlush()
      }
    } finally {
      this.rebuilding = false
    }
    await this.flush()
    this.log('search: the index holds every stored message')
  }

  private async bodyText(record: MessageRecord): Promise<string> {
    try {
      return (await parseMail(await this.store.mail.read(record.emlPath))).text
    } catch {
      // Unreadable or gone: the subject, sender and snippet are still searchable.
      return record.snippet
    }
  }

  private addNow(record: IndexedRecord, text: string): void {
    const month = record.date.slice(0, 7)
    let seg = this.segments.get(month)
    if (!seg) {
      seg = { month, index: new MiniSearch<IndexDoc>(OPTIONS), docs: new Map(), dirty: false }
      this.segments.set(month, seg)
    }
    if (seg.docs.has(record.id)) return
    const conversation = this.store.conversations[record.conversationId]
    const customer = this.store.customers[record.customerId]
    seg.index.add({
      id: record.id,
      text: `${record.subject}\n${customer?.name ?? ''}\n${text.length > BODY_CHARS ? text.slice(0, BODY_CHARS) : text}`,
      from: `${record.from.name ?? ''} ${record.from.address}`,
      order: conversation?.orderNumber ?? '',
    })
    seg.docs.set(record.id, [
      record.conversationId,
      Math.floor(Date.parse(record.date) / 1000),
      (record.direction === 'in' && !record.seen ? UNREAD : 0) | (record.direction === 'out' ? OUTGOING : 0),
      record.subject,
      record.snippet,
      record.from.name || record.from.address,
    ])
    seg.dirty = true
  }

  private scheduleFlush(): void {
    if (this.flushTimer || this.closed) return
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined
      this.flush().catch((err) => this.log(`search: could not save the index, will retry: ${err}`))
    }, this.options.flushDelayMs ?? 1000)
    this.flushTimer.unref()
  }

  private async writeDirty(): Promise<void> {
    for (const seg of this.segments.values()) {
      if (!seg.dirty) continue
      seg.dirty = false
      const file: SearchSegmentFile = {
        v: FORMAT,
        month: seg.month,
        docs: Object.fromEntries(seg.docs),
        index: seg.index,
      }
      this.options.onWrite?.(seg.month)
      try {
        await this.files.write(seg.month, JSON.stringify(file))
      } catch (err) {
        seg.dirty = true
        this.scheduleFlush()
        throw err
      }
    }
  }

  private filterOf(q: SearchQuery): (meta: DocMeta) => boolean {
    const { channel, open, unread, before, after } = q.filters
    const from = after ? localDayStart(after) : -Infinity
    const to = before ? localDayStart(before) : Infinity
    const channels = channel ? new Set<Channel>(channel) : undefined
    const conversations = this.store.conversations
    const needsConversation = channels !== undefined || open === true || unread === true
    return ([cid, t, flags]) => {
      if (t < from || t >= to) return false
      if (unread && !(flags & UNREAD)) return false
      if (!needsConversation) return true
      const c = Object.hasOwn(conversations, cid) ? conversations[cid] : undefined
      if (!c) return false
      if (channels && !channels.has(c.channel)) return false
      if (open && c.status !== 'open') return false
      // Read since it was indexed: the conversation has no unread message left.
      if (unread && c.unreadCount === 0) return false
      return true
    }
  }

  private hitOf(id: string, [cid, t, flags, subject, snippet, from]: DocMeta, terms: string[]): SearchHit | undefined {
    const conversations = this.store.conversations
    // A conversation can only be gone if its messages are (nothing deletes one yet).
    const c = Object.hasOwn(conversations, cid) ? conversations[cid] : undefined
    if (!c) return undefined
    return {
      messageId: id,
      conversationId: cid,
      customerId: c.customerId,
      customerName: this.store.customers[c.customerId]?.name ?? from,
      channel: c.channel,
      direction: flags & OUTGOING ? 'out' : 'in',
      from,
      subject,
      subjectMarks: markTerms(subject, terms),
      snippet,
      snippetMarks: markTerms(snippet, terms),
      date: new Date(t * 1000).toISOString(),
    }
  }
}

function segmentOf(file: SearchSegmentFile): Segment {
  const docs = new Map(Object.entries(file.docs))
  for (const meta of docs.values()) {
    if (!Array.isArray(meta) || meta.length !== 6 || typeof meta[1] !== 'number') throw new Error('bad search document')
  }
  const index = MiniSearch.loadJS<IndexDoc>(file.index as Parameters<typeof MiniSearch.loadJS>[0], OPTIONS)
  return { month: file.month, index, docs, dirty: false }
}

/** The sub-queries every match must satisfy: the free text, the sender, the order number. */
function queryParts(q: SearchQuery): Query[] {
  const parts: Query[] = []
  if (searchTerms(q.text).length) parts.push({ queries: [q.text], combineWith: 'AND', prefix: lastIsPrefix })
  const { from, order } = q.filters
  if (from && searchTerms(from).length)
    parts.push({ queries: [from], fields: ['from'], combineWith: 'AND', prefix: lastIsPrefix })
  if (order) parts.push({ queries: [order], fields: ['order'], tokenize: (s: string) => [normaliseTerm(s.trim())] })
  return parts
}

/** Months that can hold matches of before:/after: (a month of slack for time zones). */
function monthRange(q: SearchQuery): { first?: string; last?: string } {
  const shift = (day: string, months: number) => {
    const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`)
    d.setUTCMonth(d.getUTCMonth() + months)
    return d.toISOString().slice(0, 7)
  }
  return {
    ...(q.filters.after ? { first: shift(q.filters.after, -1) } : {}),
    ...(q.filters.before ? { last: shift(q.filters.before, 1) } : {}),
  }
}

/** The start of a YYYY-MM-DD day on the seller's clock, in epoch seconds. */
function localDayStart(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return Math.floor(new Date(y, m - 1, d).getTime() / 1000)
}
