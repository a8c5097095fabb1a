// Raw messages as .eml files, content-addressed so storing the same message twice
// (a resumed sync, a re-import) is a no-op. Never inside JSON.
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { dirname, join } from 'node:path'
import { pathExists, writeFileAtomic } from './atomic-file'

export class MailFiles {
  private readonly made = new Set<string>()

  constructor(private readonly dataDir: string) {}

  /**
   * Stores a raw message; returns its path relative to the data folder. `extension` 'json' is for
   * messages pulled from a marketplace API: their raw form is the API's JSON, not MIME.
   */
  async write(
    accountId: string,
    date: string,
    raw: string | Uint8Array,
    durable = true,
    extension: 'eml' | 'json' = 'eml',
  ): Promise<string> {
    const hash = createHash('sha256').update(raw).digest('hex').slice(0, 40)
    const rel = join('mail', safeSegment(accountId), date.slice(0, 7) || 'undated', `${hash}.${extension}`)
    const abs = join(this.dataDir, rel)
    const dir = dirname(abs)
    if (!this.made.has(dir)) {
      await fs.mkdir(dir, { recursive: true })
      this.made.add(dir)
    }
    if (!(await pathExists(abs))) await writeFileAtomic(abs, raw, { durable })
    return rel
  }

  async read(rel: string): Promise<Buffer> {
    return fs.readFile(join(this.dataDir, rel))
  }
}

function safeSegment(s: string): string {
  return s.replace(/[^A-Za-z0-9_.-]/g, '_')
}
