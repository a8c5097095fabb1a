// One JSON document of the data folder, held by lowdb. Changes are batched: callers mutate
// `data` and call `changed()`; the file is rewritten at most once per debounce window.
// A damaged file is never overwritten silently: it is set aside and the last good copy
// (`.bak`, kept by every atomic write) restored, and the seller is told.
import { promises as fs } from 'node:fs'
import { basename } from 'node:path'
import { Low, type Adapter } from 'lowdb'
import { writeFileAtomic } from './atomic-file'

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

/** lowdb adapter: strict JSON read with shape check, atomic durable write with backup. */
class SafeJsonFile<T> implements Adapter<T> {
  constructor(
    private readonly path: string,
    private readonly isValid: (raw: unknown) => raw is T,
  ) {}

  async read(): Promise<T | null> {
    const text = await readIfExists(this.path)
    if (text === null) return null
    return parseChecked(text, this.isValid, this.path)
  }

  async write(data: T): Promise<void> {
    await writeFileAtomic(this.path, JSON.stringify(data), { keepBackup: true })
  }
}

export class JsonDocument<T> {
  private readonly db: Low<T>
  private dirty = false
  private firstChangeAt = 0
  private lastChangeAt = 0
  private timer: NodeJS.Timeout | undefined
  private writing: Promise<void> = Promise.resolve()
  private lastError: unknown
  /** How many times the file was rewritten (for tests and benchmarks of batching). */
  writes = 0

  constructor(
    readonly path: string,
    private readonly spec: DocumentSpec<T>,
    private readonly notify: NoticeSink,
    private readonly policy: FlushPolicy = DEFAULT_FLUSH,
  ) {
    this.db = new Low(new SafeJsonFile(path, spec.isValid), spec.empty())
  }

  get data(): T {
    return this.db.data
  }

  get name(): string {
    return basename(this.path)
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
      await this.db.read()
      return
    } catch (err) {
      if (!(err instanceof DamagedFileError)) throw err
    }
    await this.recover()
  }

  /** Mark the document changed; it is written after the debounce window. */
  changed(): void {
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
    const run = this.writing.then(async () => {
      if (!this.dirty) return
      this.dirty = false
      try {
        await this.db.write()
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
    this.writing = run.catch(() => undefined)
    return run
  }

  get pending(): boolean {
    return this.dirty
  }

  private async recover(): Promise<void> {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const aside = `${this.path}.damaged-${stamp}`
    await fs.rename(this.path, aside)
    const backup = await this.readBackup()
    if (backup) {
      this.db.data = backup.data
      await writeFileAtomic(this.path, JSON.stringify(backup.data))
      this.notify({
        level: 'warning',
        message: `${this.name} was damaged. The last good copy (saved ${backup.savedAt}) was restored; changes made after it may be missing.`,
        action: `The damaged file is kept as ${basename(aside)} in the data folder.`,
      })
      return
    }
    this.db.data = this.spec.empty()
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
