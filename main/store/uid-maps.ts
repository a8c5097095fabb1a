// Which message record each UID of a mail account's folders is, for flag changes, expunges and
// the server-action queue. A first sync of 100,000 messages makes 100,000 entries, and as a
// lowdb document (sync-state.json) they cost about 140 bytes of heap each: so they live on
// disk, one append-only log of JSON lines per account (`uid-maps/<account>.log`), and memory
// holds per folder a Map of UID → byte offset of the entry's line (small integers only). An
// entry is read from its line when needed: a flag change, an expunge, a queued server action.
//
// Lines: `["INBOX",42,"msg_…","2026-11"]` maps a UID, `["INBOX",42]` unmaps it, `["INBOX"]`
// forgets the folder (a new UIDVALIDITY). Appended and fsynced before the folder's sync cursor
// moves (mail-sync.ts), so a kill -9 leaves at worst a torn last line, cut off on the next
// read: its messages are fetched again, found by Message-ID and mapped again. A damaged log is
// set aside; the caller then walks the account's folders again (nothing is lost: every
// message is in the store, and each UID is mapped again as the walk meets it).
import { promises as fs } from 'node:fs'
import { basename, join } from 'node:path'
import { syncDir, writeFileAtomic } from './atomic-file'
import type { NoticeSink } from './json-document'
import { appendLines, readLineAt } from './line-log'

/** The record a UID stands for: its id and month shard. */
export type UidTarget = [id: string, month: string]

/** Where a record is on its server. */
export interface UidLocation {
  folder: string
  uid: number
}

/** How the log was found when read. */
export type UidMapLoad =
  /** Read whole (a torn last line, never acknowledged, is cut off). */
  | 'ok'
  /** There was none: a new account, one from before this file existed, or the file was lost. */
  | 'missing'
  /** Could not be read: set aside, and the maps start empty. */
  | 'damaged'

const DIR = 'uid-maps'
const HEADER = JSON.stringify({ uidMaps: 1 })
const NEWLINE = 0x0a
/** On load, a log with this many more lines than live entries is written afresh. */
const COMPACT_SLACK = 10_000

type Line = [folder: string] | [folder: string, uid: number] | [folder: string, uid: number, id: string, month: string]

class DamagedLogError extends Error {}

/** One account's UID maps. Changes apply at once and are written by `flush()`. */
export class UidMapLog {
  readonly path: string
  /** Folder → UID → offset of the entry's line, or the entry itself until it is written. */
  private readonly folders = new Map<string, Map<number, number | UidTarget>>()
  /** Lines not written yet, in order. */
  private pending: Line[] = []
  private loading: Promise<UidMapLoad> | undefined
  private handle: fs.FileHandle | undefined
  private writing: Promise<void> = Promise.resolve()
  /** The file holds its header (it is created on the first write, see `load`). */
  private exists = false
  /** Lines in the file after the header (compaction compares it with the live entries). */
  private lines = 0

  constructor(
    private readonly dir: string,
    readonly accountId: string,
    private readonly notify: NoticeSink,
  ) {
    this.path = join(dir, `${fileNameOf(accountId)}.log`)
  }

  /** Reads the log once; later calls share the first read's outcome. */
  load(): Promise<UidMapLoad> {
    this.loading ??= this.read()
    return this.loading
  }

  /** UIDs mapped in the folder (tests, benchmarks). */
  size(folder: string): number {
    return this.folders.get(folder)?.size ?? 0
  }

  async get(folder: string, uid: number): Promise<UidTarget | undefined> {
    await this.load()
    const at = this.folders.get(folder)?.get(uid)
    if (at === undefined || typeof at !== 'number') return at
    const line = await this.readLine(at)
    return line.length === 4 ? [line[2], line[3]] : undefined
  }

  set(folder: string, uid: number, target: UidTarget): void {
    this.loaded()
    let uids = this.folders.get(folder)
    if (!uids) this.folders.set(folder, (uids = new Map()))
    const entry: UidTarget = [target[0], target[1]]
    uids.set(uid, entry)
    this.pending.push([folder, uid, entry[0], entry[1]])
  }

  delete(folder: string, uid: number): void {
    this.loaded()
    if (!this.folders.get(folder)?.delete(uid)) return
    this.pending.push([folder, uid])
  }

  /** Forgets every UID of the folder (its UIDVALIDITY changed). */
  clearFolder(folder: string): void {
    this.loaded()
    if (!this.folders.delete(folder)) return
    this.pending.push([folder])
  }

  /** Every folder each of the records is mapped in, with its UID there. */
  async locate(recordIds: readonly string[]): Promise<Map<string, UidLocation[]>> {
    await this.load()
    await this.writing
    const wanted = new Set(recordIds)
    const found = new Map<string, UidLocation[]>()
    const add = (id: string, where: UidLocation): void => {
      const list = found.get(id)
      if (list) list.push(where)
      else found.set(id, [where])
    }
    // Entries not written yet are in memory; the others are found by searching the file for
    // the record id (a record id is unique, so only its own lines match), then checked current.
    for (const [folder, uids] of this.folders)
      for (const [uid, at] of uids) if (typeof at !== 'number' && wanted.has(at[0])) add(at[0], { folder, uid })
    if (!this.exists) return found
    const text = await fs.readFile(this.path)
    for (const id of wanted) {
      const needle = Buffer.from(JSON.stringify(id))
      for (let hit = text.indexOf(needle); hit >= 0; hit = text.indexOf(needle, hit + needle.length)) {
        const start = text.lastIndexOf(NEWLINE, hit) + 1
        const end = text.indexOf(NEWLINE, hit)
        if (end < 0) break
        const line = parseLine(text.subarray(start, end).toString('utf8'))
        if (line.length === 4 && line[2] === id && this.folders.get(line[0])?.get(line[1]) === start)
          add(id, { folder: line[0], uid: line[1] })
      }
    }
    return found
  }

  /** Creates the file if there is none yet (so the next start reads 'ok', not 'missing'). */
  ensureFile(): Promise<void> {
    const run = this.writing.then(async () => {
      await this.load()
      if (!this.exists) await this.create([])
    })
    this.writing = run.catch(() => undefined)
    return run
  }

  /** Appends the changes made since the last flush, durably. */
  flush(): Promise<void> {
    const run = this.writing.then(() => this.append())
    this.writing = run.catch(() => undefined)
    return run
  }

  async close(): Promise<void> {
    if (!this.loading) return
    await this.flush()
    await this.handle?.close()
    this.handle = undefined
  }

  private loaded(): void {
    if (!this.loading) throw new Error('the UID maps are not loaded yet: await load() first')
  }

  private async append(): Promise<void> {
    if (this.pending.length === 0 || !this.loading) return
    await this.loading
    const batch = this.pending
    this.pending = []
    try {
      if (!this.exists) await this.create([])
      const texts = batch.map((l) => JSON.stringify(l) + '\n')
      let offset = await appendLines(await this.file(), texts.join(''))
      for (const [i, line] of batch.entries()) {
        // A mapping still current (not changed again meanwhile) is now read from its line.
        if (line.length === 4) {
          const uids = this.folders.get(line[0])
          const entry = uids?.get(line[1])
          if (entry !== undefined && typeof entry !== 'number' && entry[0] === line[2] && entry[1] === line[3])
            uids!.set(line[1], offset)
        }
        offset += Buffer.byteLength(texts[i]!)
      }
      this.lines += batch.length
    } catch (err) {
      // Kept to be written with the next flush (a full disk must not lose them).
      this.pending = [...batch, ...this.pending]
      throw err
    }
  }

  private async file(): Promise<fs.FileHandle> {
    this.handle ??= await fs.open(this.path, 'r+')
    return this.handle
  }

  private async readLine(offset: number): Promise<Line> {
    return parseLine(await readLineAt(await this.file(), offset, this.path, 256))
  }

  private async read(): Promise<UidMapLoad> {
    let text: Buffer
    try {
      text = await fs.readFile(this.path)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      return 'missing'
    }
    try {
      this.index(text)
    } catch (err) {
      if (!(err instanceof DamagedLogError)) throw err
      this.folders.clear()
      this.lines = 0
      // Set aside, and no new file until the first write: a kill before the caller has acted
      // on 'damaged' finds no file next time, which it treats the same way.
      const aside = `${this.path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`
      await fs.rename(this.path, aside)
      this.notify({
        level: 'warning',
        message: `The list of which server message is which (account ${this.accountId}) was damaged (${err.message}); the next sync rebuilds it from your stored messages, so nothing is lost.`,
        action: `The damaged file is kept as ${DIR}/${basename(aside)} in the data folder; you may delete it.`,
      })
      return 'damaged'
    }
    this.exists = true
    if (this.tornAt !== undefined) await fs.truncate(this.path, this.tornAt)
    this.tornAt = undefined
    if (this.lines > this.entries() + COMPACT_SLACK) await this.compact(text)
    return 'ok'
  }

  /** Fills the maps from the log; a torn last line (a kill mid-append) is cut off. */
  private index(text: Buffer): void {
    const first = text.indexOf(NEWLINE)
    if (first < 0 || text.subarray(0, first).toString('utf8') !== HEADER)
      throw new DamagedLogError('its first line is not the UID map header')
    let start = first + 1
    let count = 0
    while (start < text.length) {
      const end = text.indexOf(NEWLINE, start)
      if (end < 0) {
        // Never acknowledged as written (the folder's cursor did not move past it): dropped.
        this.tornAt = start
        break
      }
      let line: Line
      try {
        line = parseLine(text.subarray(start, end).toString('utf8'))
      } catch (err) {
        throw new DamagedLogError(`line ${count + 2}: ${(err as Error).message}`)
      }
      this.apply(line, start)
      count++
      start = end + 1
    }
    this.lines = count
  }

  /** Where a torn last line starts, cut off before the next append. */
  private tornAt: number | undefined

  private apply(line: Line, offset: number): void {
    const [folder, uid] = line
    if (uid === undefined) {
      this.folders.delete(folder)
      return
    }
    let uids = this.folders.get(folder)
    if (line.length === 2) uids?.delete(uid)
    else {
      if (!uids) this.folders.set(folder, (uids = new Map()))
      uids.set(uid, offset)
    }
  }

  private entries(): number {
    let n = 0
    for (const uids of this.folders.values()) n += uids.size
    return n
  }

  /** Rewrites the log with only its live entries (on load, when removals have piled up). */
  private async compact(text: Buffer): Promise<void> {
    const live: string[] = []
    for (const uids of this.folders.values())
      for (const at of uids.values())
        live.push(text.subarray(at as number, text.indexOf(NEWLINE, at as number)).toString('utf8'))
    this.folders.clear()
    await this.create(live)
  }

  /** Writes the log afresh (header and `lines`), atomically, and indexes it. */
  private async create(lines: string[]): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true })
    const text = [HEADER, ...lines].join('\n') + '\n'
    await this.handle?.close()
    this.handle = undefined
    await writeFileAtomic(this.path, text)
    await syncDir(this.dir)
    // Entries set since load (not in `lines`) stay as they are: in memory until written.
    const unwritten = [...this.folders].map(([f, uids]) => [f, new Map(uids)] as const)
    this.folders.clear()
    this.index(Buffer.from(text))
    for (const [f, uids] of unwritten) {
      let into = this.folders.get(f)
      if (!into) this.folders.set(f, (into = new Map()))
      for (const [uid, at] of uids) if (typeof at !== 'number') into.set(uid, at)
    }
    this.tornAt = undefined
    this.exists = true
  }
}

/** Every account's UID maps, each read on first use. */
export class UidMaps {
  private readonly dir: string
  private readonly logs = new Map<string, UidMapLog>()

  constructor(
    dataDir: string,
    private readonly notify: NoticeSink,
  ) {
    this.dir = join(dataDir, DIR)
  }

  /** The account's maps (not read yet: `await load()` on it). */
  of(accountId: string): UidMapLog {
    let log = this.logs.get(accountId)
    if (!log) this.logs.set(accountId, (log = new UidMapLog(this.dir, accountId, this.notify)))
    return log
  }

  async flush(): Promise<void> {
    await Promise.all([...this.logs.values()].map((l) => l.flush()))
  }

  async close(): Promise<void> {
    await Promise.all([...this.logs.values()].map((l) => l.close()))
  }
}

/** Account ids are ours (`acc_…`); anything else is spelled safely for a file name. */
function fileNameOf(accountId: string): string {
  return /^[A-Za-z0-9_-]{1,100}$/.test(accountId)
    ? accountId
    : `id-${Buffer.from(accountId).toString('hex').slice(0, 200)}`
}

function parseLine(text: string): Line {
  const v = JSON.parse(text) as unknown
  const ok =
    Array.isArray(v) &&
    typeof v[0] === 'string' &&
    (v.length === 1 ||
      (Number.isSafeInteger(v[1]) &&
        (v.length === 2 || (v.length === 4 && typeof v[2] === 'string' && typeof v[3] === 'string'))))
  if (!ok) throw new Error('not a UID map entry')
  return v as Line
}
