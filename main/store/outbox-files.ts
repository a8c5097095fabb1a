// Attachment bytes of queued messages, one folder per outbox item (outbox/<item id>/<n>).
// Written durably before the item is queued, so a crash never loses them and a retry
// composes the same message; removed once the item is sent or cancelled.
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { pathExists, syncDir, writeFileAtomic } from './atomic-file'

const DIR = 'outbox'
const ITEM_ID = /^[A-Za-z0-9_-]{1,100}$/
const FILE = /^outbox\/([A-Za-z0-9_-]{1,100})\/(\d{1,4})$/

export class OutboxFiles {
  constructor(private readonly dataDir: string) {}

  /**
   * Stores the attachments of one item, durably (file, folder and the folder's entry);
   * returns their paths relative to the data folder, in order.
   */
  async write(itemId: string, files: Uint8Array[]): Promise<string[]> {
    if (!ITEM_ID.test(itemId)) throw new Error(`bad outbox item id ${itemId}`)
    const root = join(this.dataDir, DIR)
    const rootIsNew = !(await pathExists(root))
    await fs.mkdir(join(root, itemId), { recursive: true })
    if (rootIsNew) await syncDir(this.dataDir)
    await syncDir(root)
    const paths: string[] = []
    for (const [n, bytes] of files.entries()) {
      await writeFileAtomic(join(root, itemId, String(n)), bytes)
      paths.push(`${DIR}/${itemId}/${n}`)
    }
    return paths
  }

  async read(file: string): Promise<Buffer> {
    const m = FILE.exec(file)
    if (!m) throw new Error(`not an outbox attachment: ${file}`)
    return fs.readFile(join(this.dataDir, DIR, m[1]!, m[2]!))
  }

  async remove(itemId: string): Promise<void> {
    if (!ITEM_ID.test(itemId)) return
    await fs.rm(join(this.dataDir, DIR, itemId), { recursive: true, force: true })
  }

  /**
   * Removes the folders of items that are gone or need them no more: left behind by a crash
   * between writing the bytes and queueing the item, or between sending and cleaning up.
   * Call only while nothing is being queued.
   */
  async prune(keep: (itemId: string) => boolean): Promise<string[]> {
    let names: string[]
    try {
      names = await fs.readdir(join(this.dataDir, DIR))
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw err
    }
    const removed: string[] = []
    for (const name of names) {
      if (keep(name)) continue
      await fs.rm(join(this.dataDir, DIR, name), { recursive: true, force: true })
      removed.push(name)
    }
    return removed
  }
}
