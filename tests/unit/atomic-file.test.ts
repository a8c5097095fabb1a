// Replacing a file crash-safely: piece by piece as its content is made (the search index), and
// many files at once into one folder (a sync storing messages), sharing the folder's fsyncs.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { writeFileAtomic, writeFileAtomicFrom } from '../../main/store/atomic-file'

let dir: string

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'atomic-file-'))
})

afterEach(async () => {
  vi.restoreAllMocks()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('writeFileAtomicFrom', () => {
  it('writes what the producer gives, taken when called, not when the write ends', async () => {
    const file = join(dir, 'index.json')
    const data = ['a', 'β', 'c']
    const writing = writeFileAtomicFrom(file, (write) => {
      for (const piece of data) write(piece)
    })
    // Changed after the call, before the write has ended: not in the file.
    data.push('late')
    await writing
    expect(await fs.readFile(file, 'utf8')).toBe('aβc')
  })

  it('keeps the old file whole and leaves no temp file when the producer fails', async () => {
    const file = join(dir, 'index.json')
    await fs.writeFile(file, 'old')
    await expect(
      writeFileAtomicFrom(file, (write) => {
        write('half of the new')
        throw new Error('export failed')
      }),
    ).rejects.toThrow('export failed')
    expect(await fs.readFile(file, 'utf8')).toBe('old')
    expect(await fs.readdir(dir)).toEqual(['index.json'])
  })
})

describe('writeFileAtomic into one folder at once', () => {
  it('makes each new name durable before it resolves, sharing folder fsyncs between writes', async () => {
    // What happened, in order: a file renamed into place, the folder opened for its fsync, a write resolved.
    const events: string[] = []
    const open = fs.open.bind(fs)
    vi.spyOn(fs, 'open').mockImplementation(async (path, flags) => {
      const handle = await open(path, flags)
      if (path === dir) {
        const sync = handle.sync.bind(handle)
        handle.sync = async () => {
          events.push('folder fsync start')
          await sync()
          events.push('folder fsync end')
        }
      }
      return handle
    })
    const rename = fs.rename.bind(fs)
    vi.spyOn(fs, 'rename').mockImplementation(async (from, to) => {
      await rename(from, to)
      events.push(`renamed ${String(to).slice(dir.length + 1)}`)
    })

    const names = Array.from({ length: 32 }, (_, i) => `${i}.eml`)
    await Promise.all(
      names.map(async (name) => {
        await writeFileAtomic(join(dir, name), `message ${name}`)
        events.push(`stored ${name}`)
      }),
    )

    for (const name of names) {
      expect(await fs.readFile(join(dir, name), 'utf8')).toBe(`message ${name}`)
      const renamed = events.indexOf(`renamed ${name}`)
      const stored = events.indexOf(`stored ${name}`)
      // A folder fsync started after the rename and ended before the write said it was done.
      const start = events.indexOf('folder fsync start', renamed)
      expect(start, name).toBeGreaterThan(renamed)
      expect(events.indexOf('folder fsync end', start), name).toBeLessThan(stored)
    }
    const fsyncs = events.filter((e) => e === 'folder fsync start').length
    expect(fsyncs).toBeGreaterThan(0)
    expect(fsyncs).toBeLessThan(names.length / 2)
  })

  it('reports a failed folder fsync to every write that shared it', async () => {
    const open = fs.open.bind(fs)
    vi.spyOn(fs, 'open').mockImplementation(async (path, flags) => {
      const handle = await open(path, flags)
      if (path === dir) handle.sync = () => Promise.reject(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }))
      return handle
    })
    const results = await Promise.allSettled(['a', 'b', 'c'].map((name) => writeFileAtomic(join(dir, name), name)))
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected'])
    vi.restoreAllMocks()
    // The failure is not remembered: the next write syncs the folder anew.
    await writeFileAtomic(join(dir, 'd'), 'd')
    expect(await fs.readFile(join(dir, 'd'), 'utf8')).toBe('d')
  })
})
