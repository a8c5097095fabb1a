// One JSON document of the data folder, held by lowdb. Changes are batched: callers mutate
// `data` and call `changed()`; the file is rewritten at most once per debounce window.
// A damaged file is never overwritten silently: it is set aside and the last good copy
// (`.bak`, kept by every atomic write) restored, and the seller is told.
import { promises as fs } from 'node:fs'
import { basename, join } from 'node:path'
import { Low, type Adapter } from 'lowdb'
import { writeFileAtomic } from './atomic-file'
import { appendJournal, pathKey, removeJournal, replayJournal, type JsonPath } from './journal'

export interface StoreNotice {
  level: 'info' | 'warning' | 'error'
  message: string
  action?: string
}
export type NoticeSink = (notice: StoreNotice) => void

export interface DocumentSpec<T> {
  /** Path relative to the data folder. */
  file: string
  empty: () => T
  /** Cheap shape check of what was read from disk (deep validation would slow startup). */
  isValid: (raw: unknown) => raw is T
}

export interface FlushPolicy {
  /** Quiet time after the last change before writing. */
  debounceMs: number
  /** Upper bound on how long a change may stay unwritten under continuous changes. */
  maxDelayMs: number
}

export const DEFAULT_FLUSH: FlushPolicy = { debounceMs: 50, maxDelayMs: 500 }

class DamagedFileError extends Error {}

/**
 * lowdb adapter: strict JSON read with shape check, atomic durable write with backup. Each
 * snapshot carries its generation (`$generation`), which names the journal that follows it.
 */
class SafeJsonFile<T> implements Adapter<T> {
  generation = 0
  /** Size of the snapshot last read or written, to decide when the journal is worth folding. */
  bytes = 0

  constructor(
    private readonly path: string,
    private readonly isValid: (raw: unknown) => raw is T,
  ) {}

  async read(): Promise<T | null> {
    const text = await readIfExists(this.path)
    if (text === null) return null
    const data = parseChecked(text, this.isValid, this.path)
    const generation = (data as { $generation?: unknown }).$generation
    this.generation = typeof generation === 'number' ? generation : 0
    delete (data as { $generation?: unknown }).$generation
    this.bytes = text.length
    return data
  }

  async write(data: T): Promise<void> {
    const next = this.generation + 1
    const pieces = snapshotPieces(data, next)
    await writeFileAtomic(this.path, pieces, { keepBackup: true })
    this.generation = next
    this.bytes = pieces.length
  }
}

/** A snapshot is written in pieces of about this many characters. */
const PIECE_CHARS = 256 * 1024

/**
 * The JSON text of a snapshot, with its generation in front, as the pieces `JSON.stringify`
 * would join: a document of 100,000 records (conversations, a month shard) is written record
 * by record, never held as one string of tens of MB (twice that as UTF-16, again as a Buffer).
 * A record changed while the pieces are written is marked dirty again and journaled after
 * this snapshot, so a crash in between leaves it as it was before or after, never torn.
 */
class SnapshotPieces implements Iterable<string> {
  /** Characters produced so far (the snapshot's size once iterated). */
  length = 0

  constructor(
    private readonly data: unknown,
    private readonly generation: number,
  ) {}

  *[Symbol.iterator](): Iterator<string> {
    this.length = 0
    if (!isRecordMap(this.data)) {
      const json = JSON.stringify(this.data)
      this.length = json.length
      yield json
      return
    }
    let out = `{"$generation":${this.generation}`
    for (const key of Object.keys(this.data)) {
      const value = this.data[key]
      if (!isRecordMap(value)) {
        const json = JSON.stringify(value)
        if (json !== undefined) out += `,${JSON.stringify(key)}:${json}`
        continue
      }
      // A map of records: one record at a time.
      out += `,${JSON.stringify(key)}:{`
      let first = true
      for (const id in value) {
        if (!Object.hasOwn(value, id)) continue
        const json = JSON.stringify(value[id])
        if (json === undefined) continue
        out += `${first ? '' : ','}${JSON.stringify(id)}:${json}`
        first = false
        if (out.length >= PIECE_CHARS) {
          this.length += out.length
          yield out
          out = ''
        }
      }
      out += '}'
    }
    out += '}'
    this.length += out.length
    yield out
  }
}

/** An object literal (not a Date or anything else with its own JSON form). */
function isRecordMap(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v)) return false
  const proto = Object.getPrototypeOf(v) as unknown
  return proto === Object.prototype || proto === null
}

function snapshotPieces(data: unknown, generation: number): SnapshotPieces {
  return new SnapshotPieces(data, generation)
}

/** The journal is folded into a new snapshot once it outgrows this share of the snapshot. */
const JOURNAL_SHARE = 0.5
const JOURNAL_MIN_BYTES = 256 * 1024

export class JsonDocument<T> {
  private readonly db: Low<T>
  private readonly file: SafeJsonFile<T>
  private dirty = false
  /** Changed paths since the last write, when every change named its path. */
  private dirtyPaths = new Map<string, JsonPath>()
  /** A change named no path: the next write is a whole snapshot. */
  private wholeDirty = false
  private journalBytes = 0
  private firstChangeAt = 0
  private lastChangeAt = 0
  private timer: NodeJS.Timeout | undefined
  private writing: Promise<void> = Promise.resolve()
  private writesInFlight = 0
  private lastError: unknown
  /** How many times the file was rewritten (for tests and benchmarks of batching). */
  writes = 0
  /** Counts `changed()` calls: what is derived from the data (the inbox) is stale when it moves. */
  version = 0

  constructor(
    readonly path: string,
    private readonly spec: DocumentSpec<T>,
    private readonly notify: NoticeSink,
    private readonly policy: FlushPolicy = DEFAULT_FLUSH,
  ) {
    this.file = new SafeJsonFile(path, spec.isValid)
    this.db = new Low(this.file, spec.empty())
  }

  get data(): T {
    return this.db.data
  }

  get name(): string {
    return basename(this.path)
  }

  private readonly listeners: ((path: readonly string[]) => void)[] = []

  /**
   * Calls `listener` with the path of each change (`changed()`'s arguments), and with no path
   * when the data was replaced (read from disk, restored from a backup).
   */
  onChange(listener: (path: readonly string[]) => void): void {
    this.listeners.push(listener)
  }

  private loading: Promise<void> | undefined

  /** Reads the file (once; later calls share the first read). */
  load(): Promise<void> {
    this.loading ??= this.read()
    return this.loading
  }

  get loaded(): boolean {
    return this.loading !== undefined
  }

  private async read(): Promise<void> {
    try {
      await this.readData()
    } finally {
      for (const listener of this.listeners) listener([])
    }
  }

  private async readData(): Promise<void> {
    try {
      await this.db.read()
    } catch (err) {
      if (!(err instanceof DamagedFileError)) throw err
      await this.recover()
      return
    }
    const replay = await replayJournal(this.path, this.file.generation, this.db.data)
    this.journalBytes = replay.bytes
    if (replay.damaged) {
      this.notify({
        level: 'warning',
        message: `Part of the change log of ${this.name} was damaged (${replay.damaged}); the changes after that point are missing.`,
        action: `The damaged log is kept as ${basename(replay.keptAs ?? '')}; check the disk, and restore the data folder from a backup if something important is missing.`,
      })
    }
  }

  /**
   * Mark the document changed; it is written after the debounce window. Name the value that
   * changed (`changed('conversations', id)`) and only that value is appended to the journal;
   * without a path the whole document is written.
   */
  changed(...path: string[]): void {
    this.version++
    for (const listener of this.listeners) listener(path)
    if (path.length > 0) this.dirtyPaths.set(pathKey(path), path)
    else this.wholeDirty = true
    const now = Date.now()
    if (!this.dirty) this.firstChangeAt = now
    this.dirty = true
    this.lastChangeAt = now
    // One timer per window, re-armed only when it fires: a burst of 100,000 changes
    // must not mean 100,000 timer resets.
    if (!this.timer && !this.held) this.arm(this.policy.debounceMs)
  }

  private held = false

  /**
   * Bulk work (an import, a first sync, seeding): changes are kept in memory and written
   * once at `release()`, instead of rewriting a growing file every debounce window.
   */
  hold(): void {
    this.held = true
    clearTimeout(this.timer)
    this.timer = undefined
  }

  async release(): Promise<void> {
    this.held = false
    await this.flush()
  }

  private arm(delay: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined
      const now = Date.now()
      const quietFor = now - this.lastChangeAt
      const waited = now - this.firstChangeAt
      if (this.dirty && quietFor < this.policy.debounceMs && waited < this.policy.maxDelayMs) {
        this.arm(Math.min(this.policy.debounceMs - quietFor, this.policy.maxDelayMs - waited))
      } else {
        void this.flush().catch(() => undefined)
      }
    }, delay)
  }

  /** Write pending changes now. Resolves when they are durably on disk. */
  flush(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    this.writesInFlight++
    const run = this.writing.then(async () => {
      if (!this.dirty) return
      this.dirty = false
      const whole = this.wholeDirty
      const paths = this.dirtyPaths
      this.wholeDirty = false
      this.dirtyPaths = new Map()
      try {
        try {
          await this.write(whole, paths)
        } catch (err) {
          // Not written: the same changes are still to write (merged with any made since).
          this.wholeDirty ||= whole
          for (const [k, p] of paths) if (!this.dirtyPaths.has(k)) this.dirtyPaths.set(k, p)
          throw err
        }
        this.writes++
        if (this.lastError) {
          this.lastError = undefined
          this.notify({ level: 'info', message: `${this.name} is saved again.` })
        }
      } catch (err) {
        // Keep the change in memory and try again later: a full disk must not lose edits.
        this.dirty = true
        if (!this.lastError) this.notify(writeFailureNotice(this.name, err))
        this.lastError = err
        this.timer = setTimeout(() => void this.flush().catch(() => undefined), 2000)
        throw err
      }
    })
    // The chain continues after a failed write; the caller still sees the failure.
    this.writing = run.catch(() => undefined).finally(() => this.writesInFlight--)
    return run
  }

  /** Appends the changed values to the journal, or writes a new snapshot and starts it afresh. */
  private async write(whole: boolean, paths: Map<string, JsonPath>): Promise<void> {
    const limit = Math.max(JOURNAL_MIN_BYTES, this.file.bytes * JOURNAL_SHARE)
    if (!whole && this.journalBytes < limit) {
      this.journalBytes = await appendJournal(this.path, this.file.generation, this.db.data, paths.values())
      return
    }
    await this.db.write()
    // The new snapshot holds everything the journal did; a crash before this removal leaves
    // a journal of the previous generation, which the next read ignores.
    await removeJournal(this.path)
    this.journalBytes = 0
  }

  /** Folds the journal into a fresh snapshot (on close, so the next start reads one file). */
  async compact(): Promise<void> {
    await this.flush()
    if (this.journalBytes === 0) return
    this.wholeDirty = true
    this.dirty = true
    await this.flush()
  }

  get pending(): boolean {
    return this.dirty
  }

  /** Nothing unwritten, nothing being written, not held: safe to drop from memory. */
  get idle(): boolean {
    return this.loaded && !this.dirty && !this.held && this.writesInFlight === 0 && this.timer === undefined
  }

  private async recover(): Promise<void> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const aside = `${this.path}.damaged-${stamp}`
    await fs.rename(this.path, aside)
    // The journal continued the damaged snapshot, not the older copy: it cannot be replayed.
    await removeJournal(this.path)
    const backup = await this.readBackup()
    if (backup) {
      this.db.data = backup.data
      await writeFileAtomic(this.path, JSON.stringify(backup.data))
      this.file.generation = 0
      this.notify({
        level: 'warning',
        message: `${this.name} was damaged. The last good copy (saved ${backup.savedAt}) was restored; changes made after it may be missing.`,
        action: `The damaged file is kept as ${basename(aside)} in the data folder.`,
      })
      return
    }
    this.db.data = this.spec.empty()
    this.file.generation = 0
    this.notify({
      level: 'error',
      message: `${this.name} was damaged and no good copy exists, so it starts empty.`,
      action: `The damaged file is kept as ${basename(aside)}; restore the data folder from a backup to get it back.`,
    })
  }

  private async readBackup(): Promise<{ data: T; savedAt: string } | null> {
    const bak = `${this.path}.bak`
    const text = await readIfExists(bak)
    if (text === null) return null
    try {
      const data = parseChecked(text, this.spec.isValid, bak)
      delete (data as { $generation?: unknown }).$generation
      const { mtime } = await fs.stat(bak)
      return { data, savedAt: mtime.toISOString() }
    } catch {
      return null
    }
  }
}

async function readIfExists(path: string): Promise<string | null> {
  try {
    return await fs.readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

function parseChecked<T>(text: string, isValid: (raw: unknown) => raw is T, path: string): T {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    throw new DamagedFileError(`${path}: ${(err as Error).message}`)
  }
  if (!isValid(raw)) throw new DamagedFileError(`${path}: unexpected content`)
  return raw
}

function writeFailureNotice(name: string, err: unknown): StoreNotice {
  const code = (err as NodeJS.ErrnoException).code
  const why =
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EROFS'
        ? 'the disk is read-only'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission was denied'
          : (err as Error).message
  return {
    level: 'error',
    message: `Could not save ${name}: ${why}. Your changes are kept and saving is retried.`,
    action:
      code === 'ENOSPC'
        ? 'Free some disk space; saving resumes by itself.'
        : 'Check the data folder is writable; saving resumes by itself.',
  }
}

/** Shape check helper: a plain object whose named keys hold plain objects (id → record). */
export function hasRecordMaps<K extends string>(
  raw: unknown,
  keys: readonly K[],
): raw is Record<K, Record<string, unknown>> {
  if (!isPlainObject(raw)) return false
  return keys.every((k) => isPlainObject((raw as Record<string, unknown>)[k]))
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/**
 * Folds the journals of every document under `dir` into their snapshots, so code that reads
 * the JSON files directly (migrations) sees everything.
 */
export async function foldJournals(dir: string): Promise<void> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json.journal')) continue
    const file = join(entry.parentPath, entry.name.slice(0, -'.journal'.length))
    const doc = new JsonDocument(file, { file, empty: () => ({}), isValid: isPlainObject }, () => undefined)
    await doc.load()
    await doc.compact()
  }
}
