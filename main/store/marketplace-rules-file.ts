// The seller's own marketplace recognisers: `marketplace-rules.json` in the data folder, written
// by hand (see core/marketplaces/rules.ts for its shape). Read once when the engine starts.
import { promises as fs } from 'node:fs'
import { join } from 'node:path'

export const MARKETPLACE_RULES_FILE = 'marketplace-rules.json'

/** Rules files are a few kilobytes; anything this big is not one (and must not stall start-up). */
const MAX_BYTES = 1024 * 1024

/** The file's text, or undefined when the seller has none. */
export async function readMarketplaceRulesFile(dataDir: string): Promise<string | undefined> {
  const path = join(dataDir, MARKETPLACE_RULES_FILE)
  let stat
  try {
    stat = await fs.stat(path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  if (stat.size > MAX_BYTES) throw new Error(`it is ${stat.size} bytes, more than a rules file can be (1 MB)`)
  return fs.readFile(path, 'utf8')
}
