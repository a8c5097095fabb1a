// Reads an order export file into a table of cells: detects the encoding (UTF-8 with or
// without BOM, UTF-16 from Excel's "Unicode text", Shift_JIS from Japanese marketplaces) and
// the separator, skips a preamble (eBay's blank first lines), and says on which line and in
// which column a file is broken. Decoding uses the platform's TextDecoder (WHATWG Shift_JIS,
// i.e. Windows-31J with the NEC and IBM extensions); cutting into cells uses csv-parse.
import { promises as fs } from 'node:fs'
import { parse, CsvError } from 'csv-parse/sync'
import type { OrderProblem, OrderTable } from '../../core/orders/fields'

export type OrderFileEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'shift_jis'

/** A file that cannot be read as an order table; `problems` name the lines. */
export class OrderFileError extends Error {
  constructor(
    message: string,
    readonly problems: OrderProblem[],
  ) {
    super(message)
    this.name = 'OrderFileError'
  }
}

/** Bigger than any one seller's export: a wrong file picked. */
const MAX_BYTES = 100 * 1024 * 1024

export async function readOrderFile(path: string): Promise<{ table: OrderTable; encoding: OrderFileEncoding }> {
  let bytes: Uint8Array
  try {
    const stat = await fs.stat(path)
    if (!stat.isFile()) throw fileError(`${path} is not a file.`)
    if (stat.size > MAX_BYTES)
      throw fileError(
        `${path} is ${Math.round(stat.size / 1e6)} MB; an order export is far smaller. Is it the right file?`,
      )
    bytes = await fs.readFile(path)
  } catch (err) {
    if (err instanceof OrderFileError) throw err
    const code = (err as NodeJS.ErrnoException).code
    throw fileError(
      code === 'ENOENT' ? `There is no file ${path}.` : `${path} cannot be read (${code ?? (err as Error).message}).`,
    )
  }
  const { text, encoding } = decodeOrderFile(bytes)
  return { table: tableOf(text), encoding }
}

function fileError(message: string, row = 0): OrderFileError {
  return new OrderFileError(message, [{ row, message }])
}

export function decodeOrderFile(bytes: Uint8Array): { text: string; encoding: OrderFileEncoding } {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw fileError('This is a spreadsheet (.xlsx), not a CSV file: save it as CSV (UTF-8) and import that.')
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  try {
    // fatal: a byte that is not UTF-8 throws instead of becoming U+FFFD and a garbled name.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: bom ? 'utf-8-bom' : 'utf-8' }
  } catch {
    if (bom) throw notText(bytes, firstBadUtf8(bytes))
  }
  try {
    return { text: new TextDecoder('shift_jis', { fatal: true }).decode(bytes), encoding: 'shift_jis' }
  } catch {
    throw notText(bytes, firstBadUtf8(bytes))
  }
}

function notText(bytes: Uint8Array, at: number): OrderFileError {
  let line = 1
  for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++
  const byte = bytes[at]?.toString(16).padStart(2, '0').toUpperCase()
  return fileError(
    `Line ${line} has a byte (0x${byte}) that is neither UTF-8 nor Shift_JIS text: save the file as CSV in UTF-8 and import it again.`,
    line,
  )
}

/** Offset of the first byte that breaks UTF-8. */
function firstBadUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  let lo = 0
  let hi = bytes.length
  // The longest prefix that decodes (allowing a cut-off last character) ends at the bad byte.
  while (hi - lo > 4) {
    const mid = (lo + hi) >> 1
    try {
      decoder.decode(bytes.subarray(0, mid), { stream: true })
      decoder.decode()
      lo = mid
    } catch {
      hi = mid
    }
  }
  for (let i = lo; i <= hi; i++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, i + 1), { stream: true })
    } catch {
      return i
    }
  }
  return lo
}

interface Parsed {
  record: string[]
  raw: string
  info: { lines: number }
}

/** Cuts decoded text into the header row and the rows under it. */
export function tableOf(text: string): OrderTable {
  const firstLine = text.split('\n').find((l) => l.trim() !== '') ?? ''
  const tabs = firstLine.split('\t').length
  const delimiter = tabs > 1 && tabs >= firstLine.split(',').length ? '\t' : ','
  let records: Parsed[]
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      // Tab-separated reports (Amazon's) do not quote: a " in a title is just a character.
      relax_quotes: delimiter === '\t',
      info: true,
      raw: true,
      bom: true,
    }) as unknown as Parsed[]
  } catch (err) {
    if (!(err instanceof CsvError)) throw err
    const e = err as CsvError & { lines?: number; bytes_records?: number; column?: number }
    // An unclosed quote is reported where the file ends; the seller needs where it opened:
    // just after the last record read whole.
    const line =
      err.code === 'CSV_QUOTE_NOT_CLOSED' && e.bytes_records !== undefined
        ? Buffer.from(text).subarray(0, e.bytes_records).toString().split('\n').length
        : (e.lines ?? 0)
    const headers = line > 1 ? headersBefore(text, line, delimiter) : []
    const index = e.column
    const column = typeof index === 'number' ? headers[index] : undefined
    const where = column ? `Line ${line}, column "${column}"` : `Line ${line}`
    const what =
      err.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'a quoted cell is opened here and never closed.'
        : err.code === 'INVALID_OPENING_QUOTE' || err.code === 'CSV_INVALID_CLOSING_QUOTE'
          ? 'a quote (") sits inside a cell that is not quoted, or right after a closing quote.'
          : `the file cannot be read as CSV (${err.message}).`
    throw new OrderFileError(`${where}: ${what}`, [
      { row: line, ...(column ? { column } : {}), message: `${where}: ${what}` },
    ])
  }
  const rows = records.map((r) => ({ line: startLine(r), cells: r.record }))
  const h = rows.findIndex((r) => r.cells.some((c) => c.trim() !== ''))
  if (h < 0) throw fileError('The file is empty.')
  const header = rows[h]!
  return { headers: header.cells.map((c) => c.trim()), headerLine: header.line, rows: rows.slice(h + 1) }
}

/** The line a record starts on: csv-parse counts the line it ends on. */
function startLine(r: Parsed): number {
  const newlines = r.raw.split('\n').length - 1
  return r.info.lines - newlines + (r.raw.endsWith('\n') ? 1 : 0)
}

function headersBefore(text: string, line: number, delimiter: string): string[] {
  try {
    const head = parse(text, { delimiter, relax_column_count: true, to_line: line - 1 }) as string[][]
    return head.find((r) => r.some((c) => c.trim() !== ''))?.map((c) => c.trim()) ?? []
  } catch {
    return []
  }
}
