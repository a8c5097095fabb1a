// What reports derived from each month shard (engine/reports.ts), kept on disk in
// `reports/<month>.json` so a report after a restart need not parse every shard again. Derived
// data: each file names the shard state it came from and is rebuilt when that differs; deleting
// the folder loses nothing. Written atomically, without fsync (a torn file is just rebuilt).
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from './atomic-file'

const MONTH = /^\d{4}-\d{2}$/

export class ReportFactFiles {
  readonly dir: string

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'reports')
  }

  /**
   * A month's file as parsed JSON; undefined when there is none. A file that cannot be read or
   * does not parse (torn, damaged) throws, saying which file, so the caller can log it and rebuild.
   */
  async read(month: string): Promise<unknown> {
    if (!MONTH.test(month)) throw new Error(`bad report month ${month}`)
    let text: string
    try {
      text = await fs.readFile(this.path(month), 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw new Error(`reports/${month}.json could not be read (${(err as Error).message})`, { cause: err })
    }
    try {
      return JSON.parse(text) as unknown
    } catch (err) {
      throw new Error(`reports/${month}.json is damaged (${(err as Error).message})`, { cause: err })
    }
  }

  async write(month: string, text: string): Promise<void> {
    if (!MONTH.test(month)) throw new Error(`bad report month ${month}`)
    await fs.mkdir(this.dir, { recursive: true })
    await writeFileAtomic(this.path(month), text, { durable: false })
  }

  private path(month: string): string {
    return join(this.dir, `${month}.json`)
  }
}
