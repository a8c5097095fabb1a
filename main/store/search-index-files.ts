// The search index on disk: `search/index.json`, the whole index as of its last compaction,
// and `search/recent.jsonl`, what was added since, one line per message, appended. Mail
// arriving appends a line (a few hundred bytes) instead of rewriting the index; now and then
// the engine folds the recent lines into a new index.json. index.json is replaced atomically
// (temp, fsync, rename); an append cut short by a crash leaves a torn last line, which is
// skipped (the engine indexes that message again from the stored mail). `search/display.jsonl`
// holds what a hit shows (subject, snippet, sender), one line per message, read by byte range
// for the page of hits shown: kept out of memory, and no month shard is read to show a page.
import { constants, mkdirSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic, writeFileAtomicFrom, type ContentProducer } from './atomic-file'

/** What index.json holds; the engine owns its meaning (engine/search-index.ts). */
export interface SearchIndexFile {
  /** Format version: a file of another version is rebuilt, never misread. */
  v: number
  /** The document table (engine/search-docs.ts), column by column. */
  docs: unknown
  /** Every term indexed, per field, for prefix matching. */
  terms: unknown
  /** Per field, the FlexSearch export: key → data, in the order it was exported. */
  index: unknown
}

export type SearchIndexRead =
  { ok: true; file: SearchIndexFile } | { ok: false; reason: 'missing' } | { ok: false; reason: 'damaged' }

export interface RecentRead {
  /** The lines that parsed, oldest first. */
  entries: unknown[]
  /** Lines that did not (a torn last append, or damage). */
  bad: number
}

const INDEX = 'index.json'
const RECENT = 'recent.jsonl'
const DISPLAY = 'display.jsonl'
/** Display lines this close are read together (one read beats two at these sizes)… */
const NEAR = 16 * 1024
/** …up to this much in one read. */
const RUN_MAX = 256 * 1024
/** Files of the first format, one per month ("2026-11.json"): replaced by index.json. */
const LEGACY = /^\d{4}-\d{2}\.json$/

export class SearchIndexFiles {
  readonly dir: string

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'search')
  }

  /**
   * Removes leftovers of writes cut short by a crash and files of the first format; says
   * whether any index file (of either format) was there, i.e. whether this is a first build.
   */
  async prepare(): Promise<{ hadFiles: boolean }> {
    await fs.mkdir(this.dir, { recursive: true })
    let hadFiles = false
    for (const name of await fs.readdir(this.dir)) {
      if (name.startsWith('.') && name.endsWith('.tmp')) await fs.rm(join(this.dir, name), { force: true })
      else if (LEGACY.test(name)) {
        hadFiles = true
        await fs.rm(join(this.dir, name), { force: true })
      } else if (name === INDEX || name === RECENT || name === DISPLAY) hadFiles = true
    }
    return { hadFiles }
  }

  async read(version: number): Promise<SearchIndexRead> {
    let text: string
    try {
      text = await fs.readFile(join(this.dir, INDEX), 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'missing' }
      throw err
    }
    try {
      const raw = JSON.parse(text) as Partial<SearchIndexFile> | null
      const valid =
        raw !== null &&
        typeof raw === 'object' &&
        raw.v === version &&
        typeof raw.docs === 'object' &&
        raw.docs !== null &&
        typeof raw.terms === 'object' &&
        raw.terms !== null &&
        typeof raw.index === 'object' &&
        raw.index !== null
      return valid ? { ok: true, file: raw as SearchIndexFile } : { ok: false, reason: 'damaged' }
    } catch {
      return { ok: false, reason: 'damaged' }
    }
  }

  async readRecent(): Promise<RecentRead> {
    let text: string
    try {
      text = await fs.readFile(join(this.dir, RECENT), 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], bad: 0 }
      throw err
    }
    const entries: unknown[] = []
    let bad = 0
    for (const line of text.split('\n')) {
      if (!line) continue
      try {
        entries.push(JSON.parse(line))
      } catch {
        bad++
      }
    }
    return { entries, bad }
  }

  /**
   * Replaces index.json (the serialised SearchIndexFile, as `produce` gives it), then empties
   * recent.jsonl. `produce` runs at once (see writeFileAtomicFrom): the file holds the index as it is now.
   */
  async writeIndex(produce: ContentProducer): Promise<void> {
    mkdirSync(this.dir, { recursive: true })
    await writeFileAtomicFrom(join(this.dir, INDEX), produce)
    // A crash between the two leaves lines index.json already holds: the engine skips those.
    await writeFileAtomic(join(this.dir, RECENT), '')
  }

  /** Appends lines (each one JSON value, no newline inside) to recent.jsonl, durably. */
  async appendRecent(lines: string[]): Promise<void> {
    if (!lines.length) return
    await fs.mkdir(this.dir, { recursive: true })
    const handle = await fs.open(join(this.dir, RECENT), 'a')
    try {
      // Starts with a newline: a line torn by an earlier crash stays a line of its own.
      await handle.writeFile(`\n${lines.join('\n')}\n`)
      await handle.sync()
    } finally {
      await handle.close()
    }
  }

  /** Where the next display line goes: the end of display.jsonl. */
  async displayEnd(): Promise<number> {
    return (await fs.stat(join(this.dir, DISPLAY)).catch(() => ({ size: 0 }))).size
  }

  /**
   * Writes display lines at `at` (where the caller placed them; not an append, so a retry after
   * a failed write puts them where the index says they are), durably.
   */
  async writeDisplay(at: number, data: Buffer): Promise<void> {
    if (!data.length) return
    await fs.mkdir(this.dir, { recursive: true })
    const handle = await fs.open(join(this.dir, DISPLAY), constants.O_WRONLY | constants.O_CREAT)
    try {
      let done = 0
      while (done < data.length) done += (await handle.write(data, done, data.length - done, at + done)).bytesWritten
      await handle.sync()
    } finally {
      await handle.close()
    }
  }

  /** The display lines at these byte ranges; a range past the end reads short (the caller checks). */
  async readDisplay(ranges: [number, number][]): Promise<string[]> {
    if (!ranges.length) return []
    let handle: fs.FileHandle
    try {
      handle = await fs.open(join(this.dir, DISPLAY), 'r')
    } catch {
      return ranges.map(() => '')
    }
    try {
      // Hits close together in the file (mail of the same days) are read in one go; the rest in parallel.
      const order = ranges.map((_, i) => i).sort((a, b) => ranges[a]![0] - ranges[b]![0])
      const runs: number[][] = []
      for (const i of order) {
        const run = runs[runs.length - 1]
        const last = run && ranges[run[run.length - 1]!]!
        if (
          run &&
          last &&
          ranges[i]![0] - (last[0] + last[1]) < NEAR &&
          ranges[i]![0] + ranges[i]![1] - ranges[run[0]!]![0] < RUN_MAX
        )
          run.push(i)
        else runs.push([i])
      }
      const out: string[] = new Array<string>(ranges.length).fill('')
      await Promise.all(
        runs.map(async (run) => {
          const start = ranges[run[0]!]![0]
          const end = Math.max(...run.map((i) => ranges[i]![0] + ranges[i]![1]))
          const buffer = Buffer.alloc(end - start)
          const { bytesRead } = await handle.read(buffer, 0, end - start, start)
          for (const i of run) {
            const [at, length] = ranges[i]!
            out[i] = buffer.toString('utf8', at - start, Math.min(at - start + length, bytesRead))
          }
        }),
      )
      return out
    } finally {
      await handle.close()
    }
  }

  /** Sets damaged files aside (kept for a look, never read again) before the index is rebuilt. */
  async setAside(at: Date): Promise<void> {
    const stamp = at.toISOString().replace(/[:.]/g, '-')
    for (const name of [INDEX, RECENT, DISPLAY]) {
      await fs.rename(join(this.dir, name), join(this.dir, `${name}.damaged-${stamp}`)).catch(() => undefined)
    }
  }

  /** Bytes of the index files (benchmarks). */
  async size(): Promise<number> {
    let total = 0
    for (const name of [INDEX, RECENT, DISPLAY])
      total += (await fs.stat(join(this.dir, name)).catch(() => ({ size: 0 }))).size
    return total
  }
}
