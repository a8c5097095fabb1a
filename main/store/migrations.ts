// Schema versions of the data folder. Each migration rewrites the documents of one
// version into the next; the folder's JSON is backed up before the first one runs.
import { promises as fs } from 'node:fs'
import { join } from 'node:path'

export interface Migration {
  /** The schema version this migration produces. */
  to: number
  describe: string
  run(dataDir: string): Promise<void>
}

export const SCHEMA_VERSION = 1

/** Migrations in order. Version 1 is the first released layout, so none yet. */
export const MIGRATIONS: Migration[] = []

/** Copies every JSON document (not the .eml files) into backups/<label>/. */
export async function backupDocuments(dataDir: string, label: string): Promise<string> {
  const target = join(dataDir, 'backups', label)
  await fs.mkdir(target, { recursive: true })
  await copyJson(dataDir, target, ['mail', 'backups'])
  return target
}

async function copyJson(from: string, to: string, skip: string[]): Promise<void> {
  for (const entry of await fs.readdir(from, { withFileTypes: true })) {
    if (skip.includes(entry.name)) continue
    const src = join(from, entry.name)
    if (entry.isDirectory()) {
      await fs.mkdir(join(to, entry.name), { recursive: true })
      await copyJson(src, join(to, entry.name), [])
    } else if (entry.name.endsWith('.json')) {
      await fs.copyFile(src, join(to, entry.name))
    }
  }
}
