// The search index on disk: one file per month (`search/2026-11.json`), like the message
// shards, so mail arriving today rewrites this month's file and not the whole index.
// Written atomically (temp, fsync, rename): a crash leaves the old or the new file.
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from './atomic-file'

/** What a segment file holds; the engine owns its meaning (engine/search-index.ts). */
export interface SearchSegmentFile {
  /** Format version: a file of another version is rebuilt, never misread. */
  v: number
  month: string
  /** Per message record id: what a hit shows and filters need (engine/search-index.ts, DocMeta). */
  docs: Record<string, [string, number, number, string, string, string]>
  /** The serialised index (MiniSearch's JSON). */
  index: unknown
}

export type SegmentRead = { ok: true; segment: SearchSegmentFile } | { ok: false; reason: 'missing' | 'damaged' }

const MONTH = /^\d{4}-\d{2}$/

export class SearchIndexFiles {
  readonly dir: string

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'search')
  }

  /** Months with a segment file; leftovers of writes cut short by a crash are removed. */
  async months(): Promise<string[]> {
    await fs.mkdir(this.dir, { recursive: true })
    const months: string[] = []
    for (const name of await fs.readdir(this.dir)) {
      if (name.startsWith('.') && name.endsWith('.tmp')) await fs.rm(join(this.dir, name), { force: true })
      else if (name.endsWith('.json') && MONTH.test(name.slice(0, -5))) months.push(name.slice(0, -5))
    }
    return months.sort()
  }

  async read(month: string, version: number): Promise<SegmentRead> {
    let text: string
    try {
      text = await fs.readFile(this.path(month), 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, reason: 'missing' }
      throw err
    }
    try {
      const raw = JSON.parse(text) as Partial<SearchSegmentFile>
      const valid =
        raw !== null &&
        typeof raw === 'object' &&
        raw.v === version &&
        raw.month === month &&
        typeof raw.docs === 'object' &&
        raw.docs !== null &&
        typeof raw.index === 'object' &&
        raw.index !== null
      return valid ? { ok: true, segment: raw as SearchSegmentFile } : { ok: false, reason: 'damaged' }
    } catch {
      return { ok: false, reason: 'damaged' }
    }
  }

  /** Replaces a month's file; `text` is the serialised SearchSegmentFile. */
  async write(month: string, text: string): Promise<void> {
    if (!MONTH.test(month)) throw new Error(`bad search segment name ${month}`)
    await fs.mkdir(this.dir, { recursive: true })
    await writeFileAtomic(this.path(month), text)
  }

  /** Sets a damaged file aside (kept for a look, never read again) before it is rebuilt. */
  async setAside(month: string, at: Date): Promise<void> {
    const stamp = at.toISOString().replace(/[:.]/g, '-')
    await fs.rename(this.path(month), `${this.path(month)}.damaged-${stamp}`).catch(() => undefined)
  }

  /** Bytes of all segment files (benchmarks). */
  async size(): Promise<number> {
    let total = 0
    for (const month of await this.months()) total += (await fs.stat(this.path(month))).size
    return total
  }

  private path(month: string): string {
    return join(this.dir, `${month}.json`)
  }
}
