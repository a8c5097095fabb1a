// The change journal of a JSON document: each flush appends only the values that changed
// (one line per changed path, fsynced), so a document of 100,000 records is not rewritten
// whole for a change to a few. The journal belongs to one snapshot generation: it is
// replayed only over the snapshot it was started on, and folded into the next snapshot.
import { promises as fs } from 'node:fs'
import { appendLines } from './line-log'

/** Where a value sits in the document: `['conversations', 'cnv_1']`. */
export type JsonPath = readonly string[]

interface Header {
  journalOf: number
}

/** One changed value; `v` absent means the path was deleted. */
export interface Entry {
  p: JsonPath
  v?: unknown
}

export interface JournalReplay {
  entries: number
  /** Bytes of the journal that were read back (what a torn tail was cut to). */
  bytes: number
  /** Set when a line before the last was damaged; it and what followed were dropped. */
  damaged?: string
  /** Where the damaged journal was copied before it was cut. */
  keptAs?: string
}

export function journalPathOf(file: string): string {
  return `${file}.journal`
}

/** Appends the current value at each path (durably) to the journal of generation `generation`. */
export async function appendJournal(
  file: string,
  generation: number,
  data: unknown,
  paths: Iterable<JsonPath>,
): Promise<number> {
  const entries: Entry[] = []
  for (const p of paths) {
    const v = valueAt(data, p)
    entries.push(v === undefined ? { p } : { p, v })
  }
  return (await appendJournalEntries(file, generation, entries)).size
}

/**
 * Appends entries (durably) to the journal of generation `generation`, starting it if there is
 * none. Returns the journal's size after, and where each entry's line is (`end` is its newline).
 * If the append fails, what was written of it is cut off again.
 */
export async function appendJournalEntries(
  file: string,
  generation: number,
  entries: readonly Entry[],
): Promise<{ size: number; lines: { start: number; end: number }[] }> {
  const lines = entries.map((e) => JSON.stringify(e) + '\n')
  const handle = await fs.open(journalPathOf(file), 'a+')
  try {
    const { size } = await handle.stat()
    const header = size === 0 ? JSON.stringify({ journalOf: generation } satisfies Header) + '\n' : ''
    const text = header + lines.join('')
    const start = await appendLines(handle, text)
    let at = start + Buffer.byteLength(header)
    const placed = lines.map((line) => {
      const length = Buffer.byteLength(line)
      const where = { start: at, end: at + length - 1 }
      at += length
      return where
    })
    return { size: at, lines: placed }
  } finally {
    await handle.close()
  }
}

/**
 * Applies the journal of generation `generation` to `data` (in place). A journal of another
 * generation is left from before a snapshot that already holds it: ignored. A line cut short
 * by a crash mid-append ends the replay and is cut off the file, so later appends follow a
 * whole line.
 */
export async function replayJournal(file: string, generation: number, data: unknown): Promise<JournalReplay> {
  const path = journalPathOf(file)
  let text: string
  try {
    text = await fs.readFile(path, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: 0, bytes: 0 }
    throw err
  }
  const lines = text.split('\n')
  let header: Header | undefined
  try {
    header = JSON.parse(lines[0] ?? '') as Header
  } catch {
    header = undefined
  }
  if (header?.journalOf !== generation) {
    await fs.rm(path, { force: true })
    return { entries: 0, bytes: 0 }
  }
  let bytes = Buffer.byteLength(lines[0]!) + 1
  let entries = 0
  let damaged: string | undefined
  let cut = false
  for (const [i, line] of lines.entries()) {
    if (i === 0 || line === '') continue
    let entry: Entry
    try {
      entry = JSON.parse(line) as Entry
      if (!Array.isArray(entry.p) || !entry.p.every((k) => typeof k === 'string')) throw new Error('not an entry')
    } catch (err) {
      // The last line without its newline is an append cut short: never acknowledged as
      // saved, so dropping it loses nothing. Anything else is damage the seller hears of.
      if (i !== lines.length - 1) damaged = `line ${i + 1}: ${(err as Error).message}`
      cut = true
      break
    }
    setAt(data, entry.p, 'v' in entry ? entry.v : undefined)
    bytes += Buffer.byteLength(line) + 1
    entries++
  }
  let keptAs: string | undefined
  if (damaged !== undefined) {
    // What could not be read is kept, as with a damaged document, before the cut.
    keptAs = `${path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`
    await fs.copyFile(path, keptAs)
  }
  if (cut) await fs.truncate(path, bytes)
  return { entries, bytes, ...(damaged !== undefined ? { damaged, keptAs } : {}) }
}

export async function removeJournal(file: string): Promise<void> {
  await fs.rm(journalPathOf(file), { force: true })
}

export function pathKey(path: JsonPath): string {
  return path.join('\u0000')
}

function valueAt(data: unknown, path: JsonPath): unknown {
  let at: unknown = data
  for (const key of path) {
    if (typeof at !== 'object' || at === null || !Object.hasOwn(at, key)) return undefined
    at = (at as Record<string, unknown>)[key]
  }
  return at
}

function setAt(data: unknown, path: JsonPath, value: unknown): void {
  if (path.length === 0) return
  let at = data as Record<string, unknown>
  for (const key of path.slice(0, -1)) {
    if (isUnsafeKey(key)) return
    const next = at[key]
    if (typeof next !== 'object' || next === null) {
      if (value === undefined) return // deleting below a missing parent: nothing to do
      at[key] = {}
    }
    at = at[key] as Record<string, unknown>
  }
  const last = path[path.length - 1]!
  if (isUnsafeKey(last)) return
  if (value === undefined) delete at[last]
  else at[last] = value
}

/** A journal is read from disk: it must not be able to reach the prototype chain. */
function isUnsafeKey(key: string): boolean {
  return key === '__proto__' || key === 'constructor' || key === 'prototype'
}
