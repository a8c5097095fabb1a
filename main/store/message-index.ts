// Message-ID → where its message record is, for de-duplication and threading. A workspace
// has one entry per stored message (100,000 for a big seller), and an entry keyed by a long
// Message-ID string cost about 160 bytes of heap as a lowdb document: so the entries live on
// disk, in an append-only log of JSON lines, and memory holds a 30-bit hash of each
// Message-ID with the byte offset of its line (a Map of numbers), plus a small cache of the
// entries used last. A lookup of a known Message-ID reads one line; an unknown one (most
// lookups of a first sync) reads nothing. A second such Map, keyed by a hash of the record id,
// finds a record's month from its id alone (opening a message by id), also in one line read.
//
// Crash safety: lines are appended and fsynced (a line cut short by a kill is cut off on the
// next read: it was never acknowledged). The whole index can be derived from the message
// records, so a damaged log is set aside and rebuilt from the month shards: nothing is lost.
import { promises as fs } from 'node:fs'
import { basename, join } from 'node:path'
import { pathExists, syncDir, writeFileAtomic } from './atomic-file'
import { JsonDocument, hasRecordMaps, type FlushPolicy, type NoticeSink } from './json-document'
import { appendLines, readLineAt } from './line-log'

/** Where the message with a given RFC 5322 Message-ID is. */
export interface MessageIndexEntry {
  /** Message record id. */
  id: string
  conversationId: string
  /** Month shard holding the record. */
  month: string
}

/** The facts of a stored message the index is rebuilt from (a message record has them). */
export interface IndexedMessage {
  id: string
  conversationId: string
  messageId?: string
  date: string
}

export const MESSAGE_INDEX_FILE = 'message-index.log'
/** The lowdb document the index was before (read once, then removed). */
const LEGACY_FILE = 'message-index.json'
const HEADER = JSON.stringify({ messageIndex: 1 })
/** Entries kept whole in memory: the ones used or added last (a thread's replies come close together). */
const CACHE_SIZE = 1024
const NEWLINE = 0x0a
/** A failed append (full disk) is tried again after this long. */
const RETRY_MS = 2000

type Line = [messageId: string, id: string, conversationId: string, month: string]

class DamagedIndexError extends Error {}

export class MessageIndex {
  readonly path: string
  /** Hash of a Message-ID → offset of its line; several offsets when hashes collide. */
  private readonly offsets = new Map<number, number | number[]>()
  /** Hash of a record id → offsets of the lines naming it: the current ones and no others. */
  private readonly records = new Map<number, number | number[]>()
  /** Added or changed, not yet in the log. */
  private unwritten = new Map<string, MessageIndexEntry>()
  /** Being appended now: still looked up here until their lines are placed. */
  private inFlight = new Map<string, MessageIndexEntry>()
  /** Entries read or added last, most recent last (Map order is the LRU order). */
  private readonly cache = new Map<string, MessageIndexEntry>()
  private size = 0
  private loading: Promise<void> | undefined
  private handle: fs.FileHandle | undefined
  private writing: Promise<void> = Promise.resolve()
  private timer: NodeJS.Timeout | undefined
  private held = 0
  /** The last append failed (told once, until one succeeds). */
  private failing = false
  /** How many entries the log holds (after load); a changed entry counts once per line. */
  lines = 0

  constructor(
    private readonly dataDir: string,
    /** Every stored message, month by month: what a damaged or missing index is rebuilt from. */
    private readonly allMessages: () => AsyncIterable<IndexedMessage[]>,
    private readonly notify: NoticeSink,
    private readonly policy: FlushPolicy,
  ) {
    this.path = join(dataDir, MESSAGE_INDEX_FILE)
  }

  /** Reads the log (once; later calls share the first read). */
  load(): Promise<void> {
    this.loading ??= this.read()
    return this.loading
  }

  get loaded(): boolean {
    return this.loading !== undefined
  }

  /** How many Message-IDs are known (tests, benchmarks). */
  get count(): number {
    let fresh = 0
    for (const k of [...this.unwritten.keys(), ...this.inFlight.keys()]) if (this.lookupOffsets(k).length === 0) fresh++
    return this.size + fresh
  }

  async get(messageId: string): Promise<MessageIndexEntry | undefined> {
    await this.load()
    const fresh = this.unwritten.get(messageId) ?? this.inFlight.get(messageId) ?? this.cache.get(messageId)
    if (fresh) {
      this.touch(messageId, fresh)
      return fresh
    }
    for (const offset of this.lookupOffsets(messageId)) {
      const line = await this.readLine(offset)
      if (line[0] !== messageId) continue // another Message-ID with the same hash
      const entry = { id: line[1], conversationId: line[2], month: line[3] }
      this.touch(messageId, entry)
      return entry
    }
    return undefined
  }

  /**
   * Where the record with this id is, found by the record id instead of the Message-ID (so only
   * records that have a Message-ID are found, as by `get`).
   */
  async locate(recordId: string): Promise<MessageIndexEntry | undefined> {
    await this.load()
    for (const entries of [this.unwritten, this.inFlight, this.cache])
      for (const e of entries.values()) if (e.id === recordId) return e
    for (const offset of offsetsAt(this.records, hashOf(recordId))) {
      const line = await this.readLine(offset)
      if (line[1] === recordId) return { id: line[1], conversationId: line[2], month: line[3] }
    }
    return undefined
  }

  /** Several at once: threading looks up a message's In-Reply-To and References together. */
  async getMany(messageIds: readonly string[]): Promise<Map<string, MessageIndexEntry>> {
    const found = new Map<string, MessageIndexEntry>()
    for (const id of new Set(messageIds)) {
      const entry = await this.get(id)
      if (entry) found.set(id, entry)
    }
    return found
  }

  /** Adds or replaces an entry; it is written with the next flush (debounced, or at the end of bulk work). */
  put(messageId: string, entry: MessageIndexEntry): void {
    if (!this.loaded) throw new Error('the message index is not loaded yet: await load() first')
    const copy = { id: entry.id, conversationId: entry.conversationId, month: entry.month }
    this.unwritten.set(messageId, copy)
    this.touch(messageId, copy)
    if (this.held === 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined
        void this.flush().catch(() => undefined)
      }, this.policy.debounceMs)
    }
  }

  /** Every entry, read from the log in order (then those not written yet). */
  async *entries(): AsyncGenerator<[string, MessageIndexEntry]> {
    await this.load()
    await this.writing
    const pending = new Map(this.unwritten)
    const text = await fs.readFile(this.path)
    let start = text.indexOf(NEWLINE) + 1
    while (start > 0 && start < text.length) {
      const end = text.indexOf(NEWLINE, start)
      if (end < 0) break
      const offset = start
      const line = parseLine(text.subarray(start, end).toString('utf8'))
      start = end + 1
      if (pending.has(line[0])) continue
      // A changed entry has several lines: only the one its hash points at is current.
      if (!this.lookupOffsets(line[0]).includes(offset)) continue
      yield [line[0], { id: line[1], conversationId: line[2], month: line[3] }]
    }
    yield* pending
  }

  /** Bulk work: entries are written once at `release()`. */
  hold(): void {
    this.held++
    clearTimeout(this.timer)
    this.timer = undefined
  }

  async release(): Promise<void> {
    this.held = Math.max(0, this.held - 1)
    if (this.held === 0) await this.flush()
  }

  /** Appends the unwritten entries durably. */
  flush(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    const run = this.writing.then(() => this.append())
    this.writing = run.catch(() => undefined)
    return run
  }

  async close(): Promise<void> {
    if (!this.loaded) return
    await this.flush()
    await this.handle?.close()
    this.handle = undefined
  }

  private async append(): Promise<void> {
    if (this.unwritten.size === 0 || !this.loading) return
    await this.loading
    const batch = this.unwritten
    this.unwritten = new Map()
    this.inFlight = batch
    try {
      let text = ''
      // Each line's offset from the start of what is appended.
      const placed: [string, number][] = []
      let offset = 0
      for (const [messageId, e] of batch) {
        const line = JSON.stringify([messageId, e.id, e.conversationId, e.month] satisfies Line) + '\n'
        placed.push([messageId, offset])
        offset += Buffer.byteLength(line)
        text += line
      }
      const start = await appendLines(await this.file(), text)
      for (const [messageId, at] of placed) await this.place(messageId, batch.get(messageId)!.id, start + at)
      this.lines += placed.length
      if (this.failing) {
        this.failing = false
        this.notify({ level: 'info', message: 'The message index is saved again.' })
      }
    } catch (err) {
      // Kept to write again (a full disk must not lose the index); newer puts win.
      for (const [k, v] of batch) if (!this.unwritten.has(k)) this.unwritten.set(k, v)
      if (!this.failing) {
        this.notify({
          level: 'error',
          message: `Could not save the message index: ${(err as Error).message}. What is not saved is kept, and saving is retried.`,
          action: 'Check the data folder is writable and the disk has space; saving resumes by itself.',
        })
      }
      this.failing = true
      this.timer ??= setTimeout(() => {
        this.timer = undefined
        void this.flush().catch(() => undefined)
      }, RETRY_MS)
      throw err
    } finally {
      this.inFlight = new Map()
    }
  }

  /** Points the Message-ID's hash at its new line (replacing its old line, if it had one). */
  private async place(messageId: string, recordId: string, offset: number): Promise<void> {
    const lines = new Map<number, Line>()
    for (const old of this.lookupOffsets(messageId)) lines.set(old, await this.readLine(old))
    this.placeWith((old) => lines.get(old)!, messageId, recordId, offset)
  }

  /**
   * Points the Message-ID's and the record id's hashes at a new line; the Message-ID's old
   * line, if it had one, is no longer pointed at by either.
   */
  private placeWith(lineAt: (offset: number) => Line, messageId: string, recordId: string, offset: number): void {
    const h = hashOf(messageId)
    addOffset(this.records, hashOf(recordId), offset)
    for (const old of offsetsAt(this.offsets, h)) {
      const line = lineAt(old)
      if (line[0] !== messageId) continue // another Message-ID with the same hash
      removeOffset(this.offsets, h, old)
      removeOffset(this.records, hashOf(line[1]), old)
      addOffset(this.offsets, h, offset)
      return
    }
    addOffset(this.offsets, h, offset)
    this.size++
  }

  private lookupOffsets(messageId: string): number[] {
    return offsetsAt(this.offsets, hashOf(messageId))
  }

  private touch(messageId: string, entry: MessageIndexEntry): void {
    this.cache.delete(messageId)
    this.cache.set(messageId, entry)
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!)
  }

  private async file(): Promise<fs.FileHandle> {
    this.handle ??= await fs.open(this.path, 'r+')
    return this.handle
  }

  private async readLine(offset: number): Promise<Line> {
    return parseLine(await readLineAt(await this.file(), offset, this.path, 512))
  }

  private async read(): Promise<void> {
    let text: Buffer | undefined
    try {
      text = await fs.readFile(this.path)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
    if (text === undefined) {
      await this.create()
      return
    }
    try {
      await this.index(text)
    } catch (err) {
      if (!(err instanceof DamagedIndexError)) throw err
      const aside = `${this.path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`
      await fs.rename(this.path, aside)
      this.offsets.clear()
      this.records.clear()
      this.size = 0
      this.lines = 0
      await this.rebuild()
      this.notify({
        level: 'warning',
        message: `The message index was damaged (${err.message}); it was rebuilt from your stored messages, so nothing is lost.`,
        action: `The damaged file is kept as ${basename(aside)} in the data folder; you may delete it.`,
      })
    }
  }

  /** Fills the hash map from the log; a torn last line (a kill mid-append) is cut off. */
  private async index(text: Buffer): Promise<void> {
    const first = text.indexOf(NEWLINE)
    if (first < 0 || text.subarray(0, first).toString('utf8') !== HEADER) {
      if (first < 0 && HEADER.startsWith(text.toString('utf8'))) {
        // Cut short while being created: nothing was in it yet.
        await fs.rm(this.path)
        await this.create()
        return
      }
      throw new DamagedIndexError('its first line is not the index header')
    }
    let start = first + 1
    while (start < text.length) {
      const end = text.indexOf(NEWLINE, start)
      if (end < 0) {
        // Never acknowledged as saved: dropping it loses nothing.
        await fs.truncate(this.path, start)
        break
      }
      let line: Line
      try {
        line = parseLine(text.subarray(start, end).toString('utf8'))
      } catch (err) {
        throw new DamagedIndexError(`line ${this.lines + 2}: ${(err as Error).message}`)
      }
      // The older lines are in `text` already.
      const lineAt = (old: number) => parseLine(text.subarray(old, text.indexOf(NEWLINE, old)).toString('utf8'))
      this.placeWith(lineAt, line[0], line[1], start)
      this.lines++
      start = end + 1
    }
  }

  /** A data folder without the log: from the old lowdb document, or from the shards. */
  private async create(): Promise<void> {
    const legacy = join(this.dataDir, LEGACY_FILE)
    if (await pathExists(legacy)) {
      const doc = new JsonDocument<{ ids: Record<string, MessageIndexEntry> }>(
        legacy,
        {
          file: LEGACY_FILE,
          empty: () => ({ ids: {} }),
          isValid: (raw): raw is { ids: Record<string, MessageIndexEntry> } => hasRecordMaps(raw, ['ids']),
        },
        this.notify,
      )
      await doc.load()
      const lines = Object.entries(doc.data.ids).map(([k, e]) => toLine(k, e))
      await this.writeFresh(lines)
      for (const f of [legacy, `${legacy}.bak`, `${legacy}.journal`]) await fs.rm(f, { force: true })
      return
    }
    await this.rebuild()
  }

  /** Writes the index afresh from every stored message record. */
  private async rebuild(): Promise<void> {
    const lines: string[] = []
    for await (const records of this.allMessages()) {
      for (const r of records) {
        if (r.messageId)
          lines.push(toLine(r.messageId, { id: r.id, conversationId: r.conversationId, month: monthKey(r) }))
      }
    }
    await this.writeFresh(lines)
  }

  private async writeFresh(lines: string[]): Promise<void> {
    const text = [HEADER, ...lines].join('\n') + '\n'
    await writeFileAtomic(this.path, text)
    await syncDir(this.dataDir)
    await this.index(Buffer.from(text))
  }
}

function monthKey(r: { date: string }): string {
  return r.date.slice(0, 7)
}

function toLine(messageId: string, e: MessageIndexEntry): string {
  return JSON.stringify([messageId, e.id, e.conversationId, e.month] satisfies Line)
}

function parseLine(text: string): Line {
  const v = JSON.parse(text) as unknown
  if (!Array.isArray(v) || v.length !== 4 || !v.every((x) => typeof x === 'string')) throw new Error('not an entry')
  return v as Line
}

/**
 * 30 bits of an FNV-1a hash of the Message-ID: a small-integer Map key (no string kept, no
 * boxed number). Among 100,000 Message-IDs a few share a hash; that costs a line read, as
 * every lookup compares the Message-ID on the line it reads.
 */
export function hashOf(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  return (h ^ (h >>> 30)) & 0x3fffffff
}

/** The offsets a hash points at (a single number, the common case, is kept unboxed). */
function offsetsAt(map: Map<number, number | number[]>, h: number): number[] {
  const at = map.get(h)
  return at === undefined ? [] : typeof at === 'number' ? [at] : at
}

function addOffset(map: Map<number, number | number[]>, h: number, offset: number): void {
  const at = map.get(h)
  map.set(h, at === undefined ? offset : typeof at === 'number' ? [at, offset] : [...at, offset])
}

function removeOffset(map: Map<number, number | number[]>, h: number, offset: number): void {
  const left = offsetsAt(map, h).filter((o) => o !== offset)
  if (left.length === 0) map.delete(h)
  else map.set(h, left.length === 1 ? left[0]! : left)
}
