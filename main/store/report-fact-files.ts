// What reports derived from each month shard (engine/reports.ts), kept on disk so a report after a
// restart need not parse every shard again: `reports/<month>.facts`, a JSON header line and then
// the rows as raw float64 numbers (parsing them as JSON text cost more than the rest of a report),
// and the customers' order totals in `reports/order-totals.json` so it need not read every order.
// Derived data: each file names the state it came from and is rebuilt when that differs; deleting
// the folder loses nothing. Written atomically, without fsync (a torn file is just rebuilt).
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomic } from './atomic-file'

const MONTH = /^\d{4}-\d{2}$/
const JSON_FILES = /^order-totals$/

/** A facts file as read: its header parsed, its rows as numbers. */
export interface FactsFileContents {
  header: unknown
  rows: Float64Array
}

export class ReportFactFiles {
  readonly dir: string

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'reports')
  }

  /**
   * A month's facts; undefined when there are none. A file that cannot be read, or whose header
   * does not parse or whose rows are not all there (torn, damaged), throws, saying which file, so
   * the caller can log it and rebuild.
   */
  async readFacts(month: string): Promise<FactsFileContents | undefined> {
    const name = `${checked(month, MONTH)}.facts`
    const bytes = await this.readBytes(name)
    if (bytes === undefined) return undefined
    const end = bytes.indexOf(0x0a)
    const damaged = (why: string) => new Error(`reports/${name} is damaged (${why})`)
    if (end < 0) throw damaged('no header')
    let header: unknown
    try {
      header = JSON.parse(bytes.toString('utf8', 0, end))
    } catch (err) {
      throw damaged((err as Error).message)
    }
    // Not a header at all: the caller says what it is not.
    if (typeof header !== 'object' || header === null) return { header, rows: new Float64Array(0) }
    const count = (header as { rows?: unknown }).rows
    const size = bytes.length - end - 1
    if (typeof count !== 'number' || count * 8 !== size)
      throw damaged(`${size} bytes of rows where the header promises ${String(count)} numbers`)
    // A copy: the numbers must start on an 8-byte boundary, which the bytes after the header need not.
    const rows = new Float64Array(bytes.buffer.slice(bytes.byteOffset + end + 1, bytes.byteOffset + bytes.length))
    return { header, rows }
  }

  /** Writes a month's facts: `header` (with `rows`, their count, added) and the rows. */
  async writeFacts(month: string, header: object, rows: Float64Array): Promise<void> {
    const name = `${checked(month, MONTH)}.facts`
    const head = Buffer.from(`${JSON.stringify({ ...header, rows: rows.length })}\n`)
    await fs.mkdir(this.dir, { recursive: true })
    await writeFileAtomic(
      join(this.dir, name),
      Buffer.concat([head, new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength)]),
      {
        durable: false,
      },
    )
    // The JSON facts files of earlier versions are never read again.
    await fs.rm(join(this.dir, `${month}.json`), { force: true })
  }

  /** A JSON file (`order-totals`) as parsed JSON; undefined when there is none; throws, saying which file, when damaged. */
  async read(name: string): Promise<unknown> {
    const file = `${checked(name, JSON_FILES)}.json`
    const bytes = await this.readBytes(file)
    if (bytes === undefined) return undefined
    try {
      return JSON.parse(bytes.toString('utf8')) as unknown
    } catch (err) {
      throw new Error(`reports/${file} is damaged (${(err as Error).message})`, { cause: err })
    }
  }

  async write(name: string, text: string): Promise<void> {
    const file = `${checked(name, JSON_FILES)}.json`
    await fs.mkdir(this.dir, { recursive: true })
    await writeFileAtomic(join(this.dir, file), text, { durable: false })
  }

  private async readBytes(name: string): Promise<Buffer | undefined> {
    try {
      return await fs.readFile(join(this.dir, name))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
      throw new Error(`reports/${name} could not be read (${(err as Error).message})`, { cause: err })
    }
  }
}

function checked(name: string, pattern: RegExp): string {
  if (!pattern.test(name)) throw new Error(`bad report file name ${name}`)
  return name
}
