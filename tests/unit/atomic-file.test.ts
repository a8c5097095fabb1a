// Replacing a file piece by piece as its content is made (the search index), crash-safely.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeFileAtomicFrom } from '../../main/store/atomic-file'

let dir: string

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'atomic-file-'))
})

afterEach(async () => {
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
