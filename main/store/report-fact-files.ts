// What reports derived from each month shard (engine/reports.ts), kept on disk in
// `reports/<month>.json` so a report after a restart need not parse every shard again, and the
// customers' order totals in `reports/order-totals.json` so it need not read every order. Derived
// data: each file names the state it came from and is rebuilt when that differs; deleting
// the folder loses nothing. Written atomically, without fsync (a torn file is just rebuilt).
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from './atomic-file'

/** A month ("2026-11") or `order-totals`. */
const NAME = /^(?:\d{4}-\d{2}|order-totals)$/

export class ReportFactFiles {
  readonly dir: string

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'reports')
  }

  /**
   * A file as parsed JSON; undefined when there is none. A file that cannot be read or
   * does not parse (torn, damaged) throws, saying which file, so the caller can log it and rebuild.
   */
  async read(name: string): Promise<unknown> {
    if (!NAME.test(name)) throw new Error(`bad report file ${name}`)
    let text: string
    try {
      text = await fs.readFile(this.path(name), 'utf8')
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw new Error(`reports/${name}.json could not be read (${(err as Error).message})`, { cause: err })
    }
    try {
      return JSON.parse(text) as unknown
    } catch (err) {
      throw new Error(`reports/${name}.json is damaged (${(err as Error).message})`, { cause: err })
    }
  }

  async write(name: string, text: string): Promise<void> {
    if (!NAME.test(name)) throw new Error(`bad report file ${name}`)
    await fs.mkdir(this.dir, { recursive: true })
    await writeFileAtomic(this.path(name), text, { durable: false })
  }

  private path(name: string): string {
    return join(this.dir, `${name}.json`)
  }
}
