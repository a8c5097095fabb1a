// Reads loose message files: each path is a file (taken whatever its name) or a folder,
// searched recursively for message files. Yields raw bytes with the file they came from;
// storing them is the engine's job.
import { promises as fs } from 'node:fs'
import path from 'node:path'

export interface EmlMessage {
  raw: Uint8Array
  /** The file the message was read from. */
  source: string
}

/** Files inside a folder that could not be read; thrown after every readable one was yielded. */
export class EmlReadError extends Error {
  constructor(readonly failures: { path: string; code?: string; message: string }[]) {
    const shown = failures
      .slice(0, 3)
      .map((f) => `${f.path} (${f.code ?? f.message})`)
      .join(', ')
    const more = failures.length > 3 ? ` and ${failures.length - 3} more` : ''
    super(`${failures.length} file(s) could not be read: ${shown}${more}`)
    this.name = 'EmlReadError'
  }
}

/**
 * Names in a folder that hold one message each: *.eml, Maildir's "…:2,FLAGS" files, and MH's
 * or exporters' extension-less names. Dot files and the usual documentation files are not mail.
 */
export function isMessageFileName(name: string): boolean {
  if (name.startsWith('.')) return false
  if (/\.eml$/i.test(name) || /:2,[A-Za-z]*$/.test(name)) return true
  return !name.includes('.') && !/^(?:license|licence|readme|copying|notice|authors|changelog|makefile)$/i.test(name)
}

/**
 * Yields every message file under `paths`, each file once, folders in name order. A path
 * that does not exist or cannot be read throws Node's own error (`code`, `path`) when it is
 * reached; files inside folders that fail to read are collected and thrown together as an
 * EmlReadError at the end, so one bad file does not stop an import.
 */
export async function* readEmlFiles(paths: string[]): AsyncGenerator<EmlMessage> {
  const seen = new Set<string>()
  const failures: EmlReadError['failures'] = []
  for (const given of paths) {
    const stat = await fs.stat(given)
    if (stat.isDirectory()) {
      yield* readFolder(path.resolve(given), seen, failures)
    } else {
      const resolved = path.resolve(given)
      if (seen.has(resolved)) continue
      seen.add(resolved)
      yield { raw: await fs.readFile(given), source: given }
    }
  }
  if (failures.length) throw new EmlReadError(failures)
}

async function* readFolder(
  folder: string,
  seen: Set<string>,
  failures: EmlReadError['failures'],
): AsyncGenerator<EmlMessage> {
  // Real paths guard against symlink loops (a → b → a) as well as the same folder given twice.
  const real = await fs.realpath(folder)
  if (seen.has(real)) return
  seen.add(real)
  let entries
  try {
    entries = await fs.readdir(folder, { withFileTypes: true })
  } catch (err) {
    failures.push(failureOf(folder, err))
    return
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const entry of entries) {
    const full = path.join(folder, entry.name)
    try {
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && (await fs.stat(full)).isDirectory())
      if (isDir) {
        if (!entry.name.startsWith('.')) yield* readFolder(full, seen, failures)
        continue
      }
      if (!isMessageFileName(entry.name) || seen.has(full)) continue
      seen.add(full)
      const raw = await fs.readFile(full)
      yield { raw, source: full }
    } catch (err) {
      failures.push(failureOf(full, err))
    }
  }
}

function failureOf(file: string, err: unknown): EmlReadError['failures'][number] {
  const code = (err as NodeJS.ErrnoException).code
  return { path: file, message: err instanceof Error ? err.message : String(err), ...(code ? { code } : {}) }
}
