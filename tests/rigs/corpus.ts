// Real e-mails for tests live next to the repo (../shared/corpus), not inside it: they are
// shared between projects and too many to copy. One place knows the path.
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const corpusDir = path.resolve(repoRoot, '../shared/corpus/real-world-emails')

/** Reads corpus files by path relative to corpusDir, e.g. 'multi_charset/japanese.eml'. */
export async function readCorpus(...names: string[]): Promise<Buffer[]> {
  if (!existsSync(corpusDir)) {
    throw new Error(`the e-mail corpus is missing: expected ${corpusDir} (a checkout of shared/ next to the repo)`)
  }
  return await Promise.all(names.map((n) => fs.readFile(path.join(corpusDir, n))))
}

/** Every corpus file, by path relative to corpusDir, sorted. */
export async function corpusFiles(dir = corpusDir): Promise<string[]> {
  const out: string[] = []
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await corpusFiles(full)))
    else out.push(path.relative(corpusDir, full))
  }
  return out.sort()
}
