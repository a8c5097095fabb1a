// Where each message record of a month shard sits in its files (the snapshot `2026-11.json` and
// its journal), so one conversation's records are read, and changed, without parsing the month.
// A busy month of a big workspace is 15 MB of JSON, about 300 ms to read and parse; opening a
// customer needs a handful of its records. Memory keeps, per month, record id → byte range and
// conversation; the records stay on disk.
//
// The files are the truth: the index of a month is used only while both files are exactly as
// they were when it was made (inode, size, time), it is made again (or, when only the journal
// grew, extended) otherwise, and every record read is checked against the id and conversation
// it was found under. Whatever cannot be read this way (a damaged file, an unexpected shape)
// answers `undefined`, and the store loads the month the usual way, which reports damage.
//
// The store uses this only for months not held in memory, and runs one operation of a month at
// a time, before the month is loaded (`settled`): nothing writes the files meanwhile.
import { promises as fs } from 'node:fs'
import type { MessageRecord } from '../core/model'
import { readBytes } from './atomic-file'
import { appendJournalEntries, journalPathOf } from './journal'

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COLON = 0x3a
const COMMA = 0x2c
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d
const NEWLINE = 0x0a
const CONVERSATION_KEY = Buffer.from('conversationId')

/** Where one record's current value is: a byte range of the snapshot, or a journal line. */
interface Place {
  conversationId: string
  start: number
  end: number
  inJournal: boolean
}

interface MonthIndex {
  snapshot: string
  journal: string
  /** Generation of the snapshot: the journal that continues it says so in its first line. */
  generation: number
  /** Bytes of the journal read (where its next line starts); 0 when there is none. */
  journalBytes: number
  places: Map<string, Place>
  /** Record ids by conversation. */
  byConversation: Map<string, string[]>
}

class Unreadable extends Error {}

/** Months whose index is kept; each is about 100 bytes per record. */
const MONTHS_KEPT = 12

export class ShardIndex {
  private readonly months = new Map<string, MonthIndex>()
  /** The operation of each month running now, to run them one at a time. */
  private readonly running = new Map<string, Promise<unknown>>()

  /** `file(month)`: the month's snapshot path (its journal is beside it). */
  constructor(private readonly file: (month: string) => string) {}

  /** Resolves once no operation of `month` runs (before the month is loaded whole). */
  settled(month: string): Promise<void> {
    return (this.running.get(month) ?? Promise.resolve()).then(
      () => undefined,
      () => undefined,
    )
  }

  /** The records of a conversation in `month`, or undefined when they cannot be read this way. */
  recordsOf(month: string, conversationId: string): Promise<MessageRecord[] | undefined> {
    return this.exclusive(month, async () => {
      const index = await this.current(month)
      if (!index) return undefined
      return this.read(month, index, index.byConversation.get(conversationId) ?? [])
    })
  }

  /** Records of `month` by id (those that exist), or undefined when they cannot be read this way. */
  records(month: string, ids: readonly string[]): Promise<MessageRecord[] | undefined> {
    return this.exclusive(month, async () => {
      const index = await this.current(month)
      if (!index) return undefined
      return this.read(month, index, ids)
    })
  }

  /**
   * Changes records of `month` in its journal, as the loaded month would: `change` returns the
   * new record or undefined to leave it. Returns the records changed, or undefined when the
   * month cannot be changed this way (nothing was written then).
   */
  update(
    month: string,
    ids: readonly string[],
    change: (record: MessageRecord) => MessageRecord | undefined,
  ): Promise<MessageRecord[] | undefined> {
    return this.exclusive(month, async () => {
      const index = await this.current(month)
      if (!index) return undefined
      const records = await this.read(month, index, ids)
      if (!records) return undefined
      const changed = records.map((r) => change(r)).filter((r): r is MessageRecord => r !== undefined)
      if (changed.length === 0) return []
      const path = journalPathOf(this.file(month))
      const { lines } = await appendJournalEntries(
        this.file(month),
        index.generation,
        changed.map((r) => ({ p: ['messages', r.id], v: r })),
      )
      index.journal = await signature(path)
      for (const [i, r] of changed.entries()) {
        const { start, end } = lines[i]!
        place(index, r.id, { conversationId: r.conversationId, start, end, inJournal: true })
        index.journalBytes = Math.max(index.journalBytes, end + 1)
      }
      return changed
    })
  }

  /**
   * Indexes these months now (those beyond what is kept are left), so the first reads of them
   * do not wait for it; the most wanted first.
   */
  async prepare(months: readonly string[]): Promise<void> {
    for (const month of months.slice(0, MONTHS_KEPT)) await this.exclusive(month, () => this.current(month))
  }

  /** Forgets what is known of `month` (its files were changed another way). */
  forget(month: string): void {
    this.months.delete(month)
  }

  private exclusive<T>(month: string, work: () => Promise<T>): Promise<T> {
    const run = this.settled(month).then(work)
    const tracked = run.finally(() => {
      if (this.running.get(month) === tracked) this.running.delete(month)
    })
    this.running.set(month, tracked)
    return run
  }

  /** The month's index, made or brought up to date from the files; undefined if they cannot be read so. */
  private async current(month: string): Promise<MonthIndex | undefined> {
    const snapshotPath = this.file(month)
    const journalPath = journalPathOf(snapshotPath)
    const [snapshot, journal] = await Promise.all([signature(snapshotPath), signature(journalPath)])
    let index = this.months.get(month)
    try {
      // Only a journal that grew is read on from where it was; anything else is read again.
      if (!index || index.snapshot !== snapshot || !grew(index.journal, journal)) {
        index = await this.make(snapshotPath, snapshot)
      }
      if (index.journal !== journal) await readJournal(journalPath, index)
    } catch (err) {
      this.months.delete(month)
      if (err instanceof Unreadable) return undefined
      throw err
    }
    this.months.delete(month)
    this.months.set(month, index)
    for (const old of this.months.keys()) {
      if (this.months.size <= MONTHS_KEPT) break
      this.months.delete(old)
    }
    return index
  }

  private async make(path: string, snapshot: string): Promise<MonthIndex> {
    const index: MonthIndex = {
      snapshot,
      journal: '-',
      generation: 0,
      journalBytes: 0,
      places: new Map(),
      byConversation: new Map(),
    }
    if (snapshot === '-') return index // a month written only through its journal so far
    const bytes = await readBytes(path)
    index.generation = scanSnapshot(bytes, (id, start, end, conversationId) =>
      place(index, id, { conversationId, start, end, inJournal: false }),
    )
    return index
  }

  private async read(month: string, index: MonthIndex, ids: readonly string[]): Promise<MessageRecord[] | undefined> {
    const wanted = ids.flatMap((id) => {
      const at = index.places.get(id)
      return at ? [{ id, at }] : []
    })
    if (wanted.length === 0) return []
    const snapshotPath = this.file(month)
    const handles = new Map<boolean, fs.FileHandle>()
    try {
      const out: MessageRecord[] = []
      for (const { id, at } of wanted) {
        let handle = handles.get(at.inJournal)
        if (!handle) {
          const path = at.inJournal ? journalPathOf(snapshotPath) : snapshotPath
          handle = await fs.open(path, 'r')
          handles.set(at.inJournal, handle)
          // The file opened must be the one indexed (not replaced since it was looked at).
          const now = identify(await handle.stat())
          if (now !== (at.inJournal ? index.journal : index.snapshot)) throw new Unreadable(`${path} changed`)
        }
        const buffer = Buffer.alloc(at.end - at.start)
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, at.start)
        if (bytesRead !== buffer.length) throw new Unreadable(`short read of ${id}`)
        let record = JSON.parse(buffer.toString('utf8')) as unknown
        if (at.inJournal) record = (record as { v?: unknown }).v
        const r = record as Partial<MessageRecord> | undefined
        if (r?.id !== id || r.conversationId !== at.conversationId) throw new Unreadable(`${id} is not where it was`)
        out.push(record as MessageRecord)
      }
      return out
    } catch (err) {
      this.months.delete(month)
      if (err instanceof Unreadable || err instanceof SyntaxError) return undefined
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw err
    } finally {
      for (const handle of handles.values()) await handle.close()
    }
  }
}

function place(index: MonthIndex, id: string, at: Place | undefined): void {
  const before = index.places.get(id)
  if (before && (!at || before.conversationId !== at.conversationId)) {
    const ids = index.byConversation.get(before.conversationId)
    const i = ids?.indexOf(id) ?? -1
    if (ids && i >= 0) {
      ids.splice(i, 1)
      if (ids.length === 0) index.byConversation.delete(before.conversationId)
    }
  }
  if (!at) {
    index.places.delete(id)
    return
  }
  if (!before || before.conversationId !== at.conversationId) {
    const ids = index.byConversation.get(at.conversationId)
    if (ids) ids.push(id)
    else index.byConversation.set(at.conversationId, [id])
  }
  index.places.set(id, at)
}

/**
 * Reads the journal's lines from where the index stopped (all of it when it is new): each
 * line replaces (or deletes) one record. What the month's load would do to the file, this does
 * too, so a line appended after it is read back: a journal of another generation (left from
 * before the snapshot that holds it) is removed, and a last line without its newline (an
 * append cut short, never acknowledged) is cut off.
 */
async function readJournal(path: string, index: MonthIndex): Promise<void> {
  let bytes: Buffer
  try {
    bytes = await readBytes(path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    bytes = Buffer.alloc(0)
  }
  let at = index.journalBytes
  if (at === 0 && bytes.length > 0) {
    const end = bytes.indexOf(NEWLINE)
    const header = end < 0 ? undefined : (parseOr(bytes, 0, end) as { journalOf?: unknown } | undefined)
    if (header?.journalOf !== index.generation) {
      await fs.rm(path, { force: true })
      index.journal = '-'
      return
    }
    at = end + 1
  }
  for (;;) {
    const end = bytes.indexOf(NEWLINE, at)
    if (end < 0) break
    const entry = journalEntry(bytes, at, end)
    if (entry.conversationId === undefined) place(index, entry.id, undefined)
    else place(index, entry.id, { conversationId: entry.conversationId, start: at, end, inJournal: true })
    at = end + 1
  }
  if (at < bytes.length) await fs.truncate(path, at)
  index.journalBytes = at
  index.journal = await signature(path)
}

/** The journal `now` is the one `before` was, with lines added (or there was none before). */
function grew(before: string, now: string): boolean {
  if (before === now || before === '-') return true
  const [inoBefore, sizeBefore] = before.split(':')
  const [inoNow, sizeNow] = now.split(':')
  return inoBefore === inoNow && Number(sizeNow) >= Number(sizeBefore)
}

/** One journal line `{"p":["messages",id],"v":{…}}`: its record id and the record's conversation. */
function journalEntry(bytes: Buffer, start: number, end: number): { id: string; conversationId: string | undefined } {
  const prefix = '{"p":'
  if (bytes.toString('latin1', start, start + prefix.length) !== prefix) throw new Unreadable('not a journal line')
  const pathStart = start + prefix.length
  const pathEnd = skipValue(bytes, pathStart)
  const path = parse(bytes, pathStart, pathEnd)
  if (!Array.isArray(path) || path.length !== 2 || path[0] !== 'messages' || typeof path[1] !== 'string') {
    throw new Unreadable('a journal line changes more than one record')
  }
  if (bytes[pathEnd] === CLOSE_BRACE && pathEnd + 1 === end) return { id: path[1], conversationId: undefined }
  const valuePrefix = ',"v":'
  if (bytes.toString('latin1', pathEnd, pathEnd + valuePrefix.length) !== valuePrefix) {
    throw new Unreadable('not a journal line')
  }
  const valueStart = pathEnd + valuePrefix.length
  const { end: valueEnd, conversationId } = scanRecord(bytes, valueStart)
  if (bytes[valueEnd] !== CLOSE_BRACE || valueEnd + 1 !== end || conversationId === undefined) {
    throw new Unreadable('not a record line')
  }
  return { id: path[1], conversationId }
}

/**
 * Walks a snapshot `{"$generation":n,"messages":{id:{…},…}}` (as the store writes it; the same
 * JSON with other spacing or key order too), calling `found` for each record. Returns the
 * generation.
 */
function scanSnapshot(
  bytes: Buffer,
  found: (id: string, start: number, end: number, conversationId: string) => void,
): number {
  let generation = 0
  let records = false
  let at = skipSpace(bytes, 0)
  if (bytes[at] !== OPEN_BRACE) throw new Unreadable('not an object')
  at = skipSpace(bytes, at + 1)
  if (bytes[at] === CLOSE_BRACE) throw new Unreadable('no records')
  for (;;) {
    const key = readString(bytes, at)
    at = skipSpace(bytes, key.end)
    if (bytes[at] !== COLON) throw new Unreadable('no colon')
    at = skipSpace(bytes, at + 1)
    if (key.value === 'messages') {
      at = scanRecords(bytes, at, found)
      records = true
    } else {
      const end = skipValue(bytes, at)
      if (key.value === '$generation') {
        const n = parse(bytes, at, end)
        generation = typeof n === 'number' ? n : 0
      }
      at = end
    }
    at = skipSpace(bytes, at)
    if (bytes[at] === CLOSE_BRACE) break
    if (bytes[at] !== COMMA) throw new Unreadable('no comma')
    at = skipSpace(bytes, at + 1)
  }
  // What the month's load would find damaged (it then restores the last good copy): not read here.
  if (!records || skipSpace(bytes, at + 1) !== bytes.length) throw new Unreadable('not a month shard')
  return generation
}

function scanRecords(
  bytes: Buffer,
  start: number,
  found: (id: string, start: number, end: number, conversationId: string) => void,
): number {
  if (bytes[start] !== OPEN_BRACE) throw new Unreadable('messages is not an object')
  let at = skipSpace(bytes, start + 1)
  if (bytes[at] === CLOSE_BRACE) return at + 1
  for (;;) {
    const key = readString(bytes, at)
    at = skipSpace(bytes, key.end)
    if (bytes[at] !== COLON) throw new Unreadable('no colon')
    at = skipSpace(bytes, at + 1)
    const record = scanRecord(bytes, at)
    if (record.conversationId === undefined) throw new Unreadable(`record ${key.value} has no conversation`)
    found(key.value, at, record.end, record.conversationId)
    at = skipSpace(bytes, record.end)
    if (bytes[at] === CLOSE_BRACE) return at + 1
    if (bytes[at] !== COMMA) throw new Unreadable('no comma')
    at = skipSpace(bytes, at + 1)
  }
}

/**
 * The object starting at `start`: where it ends, and its own (not a nested object's)
 * `conversationId` string. Strings are skipped whole, so nothing written inside a message's
 * text (quotes, braces, a fake `"conversationId":"…"`) is taken for structure.
 */
function scanRecord(bytes: Buffer, start: number): { end: number; conversationId: string | undefined } {
  if (bytes[start] !== OPEN_BRACE) throw new Unreadable('a record is not an object')
  let depth = 0
  let conversationId: string | undefined
  for (let at = start; at < bytes.length; at++) {
    const c = bytes[at]
    if (c === QUOTE) {
      const end = stringEnd(bytes, at)
      if (depth === 1 && isKey(bytes, at, end, CONVERSATION_KEY)) {
        const valueAt = skipSpace(bytes, skipSpace(bytes, end + 1) + 1)
        if (bytes[valueAt] === QUOTE) {
          const value = readString(bytes, valueAt)
          conversationId = value.value
          at = value.end - 1
          continue
        }
      }
      at = end
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (--depth === 0) return { end: at + 1, conversationId }
    }
  }
  throw new Unreadable('a record is cut short')
}

/** The string from `open` to `close` (its quotes) is `key`, followed by a colon: a key. */
function isKey(bytes: Buffer, open: number, close: number, key: Buffer): boolean {
  if (close - open - 1 !== key.length) return false
  if (bytes.compare(key, 0, key.length, open + 1, close) !== 0) return false
  return bytes[skipSpace(bytes, close + 1)] === COLON
}

/**
 * Index of the quote closing the string opened at `open`. A byte loop: most strings of a record
 * are short, and a native search per string costs more in calls than it saves.
 */
function stringEnd(bytes: Buffer, open: number): number {
  for (let at = open + 1; at < bytes.length; at++) {
    const c = bytes[at]
    if (c === BACKSLASH)
      at++ // the escaped character, whatever it is
    else if (c === QUOTE) return at
  }
  throw new Unreadable('a string is cut short')
}

function readString(bytes: Buffer, open: number): { value: string; end: number } {
  if (bytes[open] !== QUOTE) throw new Unreadable('no string')
  const close = stringEnd(bytes, open)
  const value = parse(bytes, open, close + 1)
  if (typeof value !== 'string') throw new Unreadable('bad string')
  return { value, end: close + 1 }
}

/** End of the JSON value starting at `start`. */
function skipValue(bytes: Buffer, start: number): number {
  const c = bytes[start]
  if (c === QUOTE) return stringEnd(bytes, start) + 1
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    let depth = 0
    for (let at = start; at < bytes.length; at++) {
      const d = bytes[at]
      if (d === QUOTE) at = stringEnd(bytes, at)
      else if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++
      else if ((d === CLOSE_BRACE || d === CLOSE_BRACKET) && --depth === 0) return at + 1
    }
    throw new Unreadable('a value is cut short')
  }
  let at = start
  while (at < bytes.length && bytes[at] !== COMMA && bytes[at] !== CLOSE_BRACE && bytes[at] !== CLOSE_BRACKET) at++
  return at
}

function skipSpace(bytes: Buffer, at: number): number {
  while (bytes[at] === 0x20 || bytes[at] === 0x0a || bytes[at] === 0x0d || bytes[at] === 0x09) at++
  return at
}

function parse(bytes: Buffer, start: number, end: number): unknown {
  try {
    return JSON.parse(bytes.toString('utf8', start, end))
  } catch {
    throw new Unreadable(`not JSON at ${start}`)
  }
}

function parseOr(bytes: Buffer, start: number, end: number): unknown {
  try {
    return JSON.parse(bytes.toString('utf8', start, end))
  } catch {
    return undefined
  }
}

function identify(s: { ino: number; size: number; mtimeMs: number }): string {
  return `${s.ino}:${s.size}:${s.mtimeMs}`
}

/** What a file is now (inode, size, time), or '-' when it does not exist. */
async function signature(path: string): Promise<string> {
  try {
    return identify(await fs.stat(path))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '-'
    throw err
  }
}
