// Crash-safe file replacement: write a temp file, fsync it, keep the previous version as
// `.bak` (a hard link, so it costs no copy), rename over the target, fsync the folder.
// After a power cut or SIGKILL the target is either the old or the new content, never a mix.
import { closeSync, fsync, openSync, promises as fs, rmSync, writeSync } from 'node:fs'
import { dirname, basename, join } from 'node:path'

let counter = 0

export interface AtomicWriteOptions {
  /** Keep the replaced version as `<file>.bak` (the last good copy for recovery). */
  keepBackup?: boolean
  /** Skip fsync: only for bulk generation where the caller syncs once at the end. */
  durable?: boolean
}

export async function writeFileAtomic(
  file: string,
  /** The content, or its pieces in order (a big document is never one string in memory). */
  data: string | Uint8Array | Iterable<string>,
  { keepBackup = false, durable = true }: AtomicWriteOptions = {},
): Promise<void> {
  const dir = dirname(file)
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${++counter}.tmp`)
  try {
    const handle = await fs.open(tmp, 'w')
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data)
      // writeFile writes on from the current position, and retries short writes (a full disk).
      else for (const piece of data) await handle.writeFile(piece)
      if (durable) await handle.sync()
    } finally {
      await handle.close()
    }
    if (keepBackup) await replaceBackup(file)
    await fs.rename(tmp, file)
  } catch (err) {
    // A half-written temp file (disk full) must not linger and eat more space.
    await fs.rm(tmp, { force: true })
    throw err
  }
  if (durable) await syncDir(dir)
}

/** Gives the content piece by piece, synchronously, to `write`. */
export type ContentProducer = (write: (piece: string) => void) => void

/**
 * writeFileAtomic for content too big to hold whole (the search index at 100,000 messages is
 * tens of MB, and its pieces held at once, with their copies, were a first sync's peak memory):
 * `produce` runs at once, before this returns, each piece going to the temp file as it comes,
 * so the file holds the data as it was at the call. Then fsync and rename, as writeFileAtomic.
 */
export function writeFileAtomicFrom(file: string, produce: ContentProducer): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${++counter}.tmp`)
  let fd: number | undefined
  try {
    fd = openSync(tmp, 'w')
    const out = fd
    produce((piece) => {
      const bytes = Buffer.from(piece, 'utf8')
      // Short writes (a full disk) are retried; an error ends the write.
      for (let done = 0; done < bytes.length;) done += writeSync(out, bytes, done, bytes.length - done)
    })
  } catch (err) {
    if (fd !== undefined) closeSync(fd)
    rmSync(tmp, { force: true })
    return Promise.reject(err)
  }
  const written = fd
  return (async () => {
    try {
      try {
        await new Promise<void>((ok, fail) => fsync(written, (err) => (err ? fail(err) : ok())))
      } finally {
        closeSync(written)
      }
      await fs.rename(tmp, file)
    } catch (err) {
      await fs.rm(tmp, { force: true })
      throw err
    }
    await syncDir(dirname(file))
  })()
}

async function replaceBackup(file: string): Promise<void> {
  const bak = `${file}.bak`
  await fs.rm(bak, { force: true })
  try {
    await fs.link(file, bak)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return
    // Filesystems without hard links (FAT, some network shares): pay for a copy instead.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'EMLINK') await fs.copyFile(file, bak)
    else throw err
  }
}

/** Per folder: the fsync running, and the next one, which callers arriving meanwhile share. */
const folderSyncs = new Map<string, { running?: Promise<void>; next?: Promise<void> }>()

/**
 * Makes the folder's entries (files created, renamed, removed in it) durable: resolves once an
 * fsync of the folder that started after this call has finished. Calls that arrive while one
 * runs share the next one: 32 messages stored at once into a month's folder cost two folder
 * fsyncs, not 32 (each a journal commit; they were a third of a first sync's time on disk).
 */
export function syncDir(dir: string): Promise<void> {
  let state = folderSyncs.get(dir)
  if (!state) folderSyncs.set(dir, (state = {}))
  if (state.next) return state.next
  const s = state
  const run: Promise<void> = (s.running ?? Promise.resolve())
    .catch(() => undefined)
    .then(() => {
      // Started: a change made from now on needs the sync after this one.
      s.next = undefined
      s.running = run
      return fsyncFolder(dir)
    })
    .finally(() => {
      if (s.running !== run) return
      s.running = undefined
      if (!s.next) folderSyncs.delete(dir)
    })
  s.next = run
  return run
}

async function fsyncFolder(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r')
  try {
    await handle.sync()
  } catch (err) {
    // Some filesystems refuse fsync on a directory; the rename is still atomic there.
    if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err
  } finally {
    await handle.close()
  }
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await fs.access(path)
    return true
  } catch {
    return false
  }
}

/**
 * A whole file's bytes in one read into a buffer of its size: `fs.readFile` reads in 512 KB
 * pieces, one trip to the thread pool each, ten times slower for a 15 MB month shard.
 */
export async function readBytes(path: string): Promise<Buffer> {
  const handle = await fs.open(path, 'r')
  try {
    const { size } = await handle.stat()
    const bytes = Buffer.allocUnsafe(size)
    let done = 0
    while (done < size) {
      const { bytesRead } = await handle.read(bytes, done, size - done, done)
      if (bytesRead === 0) break
      done += bytesRead
    }
    return done === size ? bytes : bytes.subarray(0, done)
  } finally {
    await handle.close()
  }
}
