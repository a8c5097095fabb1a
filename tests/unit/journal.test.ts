import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { JsonDocument, foldJournals, isPlainObject, type StoreNotice } from '../../main/store/json-document'

// A document of many records: each flush must append what changed, not rewrite them all,
// and whatever a crash leaves behind must read back as the last acknowledged state.
type Doc = { items: Record<string, { n: number; note?: string }> }
const spec = {
  file: 'doc.json',
  empty: (): Doc => ({ items: {} }),
  isValid: (raw: unknown): raw is Doc => isPlainObject(raw) && isPlainObject(raw.items),
}

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true })
})

async function setup(): Promise<{ path: string; open: (notices?: StoreNotice[]) => Promise<JsonDocument<Doc>> }> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'journal-test-'))
  dirs.push(dir)
  const path = join(dir, 'doc.json')
  return {
    path,
    open: async (notices = []) => {
      const doc = new JsonDocument(path, spec, (n) => notices.push(n), { debounceMs: 5, maxDelayMs: 20 })
      await doc.load()
      return doc
    },
  }
}

async function withThousand(open: () => Promise<JsonDocument<Doc>>): Promise<JsonDocument<Doc>> {
  const doc = await open()
  for (let i = 0; i < 1000; i++) doc.data.items[`i${i}`] = { n: i, note: 'x'.repeat(100) }
  doc.changed()
  await doc.flush()
  return doc
}

describe('document journal', () => {
  it('appends only the changed records instead of rewriting the document', async () => {
    const { path, open } = await setup()
    const doc = await withThousand(open)
    const before = await fs.stat(path)
    doc.data.items.i5 = { n: -5 }
    doc.changed('items', 'i5')
    delete doc.data.items.i6
    doc.changed('items', 'i6')
    await doc.flush()
    const after = await fs.stat(path)
    expect(after.ino).toBe(before.ino) // the snapshot was not replaced
    const journal = await fs.readFile(`${path}.journal`, 'utf8')
    expect(journal.trim().split('\n')).toHaveLength(3) // header + two changes
    expect(Buffer.byteLength(journal)).toBeLessThan(200)

    const again = await open()
    expect(again.data.items.i5).toEqual({ n: -5 })
    expect(again.data.items.i6).toBeUndefined()
    expect(Object.keys(again.data.items)).toHaveLength(999)
  })

  it('folds the journal into a new snapshot once it outgrows its share, and on compact', async () => {
    const { path, open } = await setup()
    const doc = await withThousand(open)
    // Rewrite every record one by one: far more journal than half the snapshot.
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 1000; i++) {
        doc.data.items[`i${i}`] = { n: round, note: 'y'.repeat(100) }
        doc.changed('items', `i${i}`)
      }
      await doc.flush()
    }
    const size = (await fs.stat(path)).size
    const journal = await fs.stat(`${path}.journal`).then(
      (s) => s.size,
      () => 0,
    )
    expect(journal).toBeLessThanOrEqual(Math.max(256 * 1024, size) + 200 * 1024)
    await doc.compact()
    await expect(fs.stat(`${path}.journal`)).rejects.toThrow()
    const again = await open()
    expect(again.data.items.i999).toEqual({ n: 4, note: 'y'.repeat(100) })
  })

  it('drops a line cut short by a crash without a word, and appends after whole lines', async () => {
    const { path, open } = await setup()
    const doc = await withThousand(open)
    doc.data.items.i1 = { n: 100 }
    doc.changed('items', 'i1')
    await doc.flush()
    await fs.appendFile(`${path}.journal`, '{"p":["items","i2"],"v":{"n":2')
    const notices: StoreNotice[] = []
    const again = await open(notices)
    expect(notices).toEqual([])
    expect(again.data.items.i1).toEqual({ n: 100 })
    expect(again.data.items.i2).toEqual({ n: 2, note: 'x'.repeat(100) })
    again.data.items.i3 = { n: 300 }
    again.changed('items', 'i3')
    await again.flush()
    const third = await open()
    expect(third.data.items.i3).toEqual({ n: 300 })
  })

  it('tells the seller when a line in the middle of the journal is damaged', async () => {
    const { path, open } = await setup()
    const doc = await withThousand(open)
    for (const i of [1, 2, 3]) {
      doc.data.items[`i${i}`] = { n: i * 100 }
      doc.changed('items', `i${i}`)
      await doc.flush()
    }
    const lines = (await fs.readFile(`${path}.journal`, 'utf8')).split('\n')
    lines[2] = '{"p":[garbage'
    await fs.writeFile(`${path}.journal`, lines.join('\n'))
    const notices: StoreNotice[] = []
    const again = await open(notices)
    expect(again.data.items.i1).toEqual({ n: 100 })
    expect(again.data.items.i3).toEqual({ n: 3, note: 'x'.repeat(100) })
    expect(notices).toHaveLength(1)
    expect(notices[0]!.message).toMatch(/change log of doc.json was damaged/)
    const kept = (await fs.readdir(join(path, '..'))).filter((f) => f.startsWith('doc.json.journal.damaged-'))
    expect(kept).toHaveLength(1)
    expect(notices[0]!.action).toContain(kept[0])
  })

  it('ignores a journal already folded into the snapshot (a crash right after compaction)', async () => {
    const { path, open } = await setup()
    const doc = await withThousand(open)
    doc.data.items.i1 = { n: 1 }
    doc.changed('items', 'i1')
    await doc.flush()
    const stale = await fs.readFile(`${path}.journal`)
    doc.data.items.i1 = { n: 2 }
    doc.changed('items', 'i1')
    await doc.compact()
    await fs.writeFile(`${path}.journal`, stale) // as if the removal never happened
    const again = await open()
    expect(again.data.items.i1).toEqual({ n: 2 })
  })

  it('refuses journal paths that would reach the prototype', async () => {
    const { path, open } = await setup()
    const doc = await withThousand(open)
    doc.changed('items', 'i1')
    await doc.flush()
    await fs.appendFile(`${path}.journal`, '{"p":["__proto__","polluted"],"v":true}\n')
    await open()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('folds every journal of a folder for code that reads the files directly', async () => {
    const { path, open } = await setup()
    const doc = await withThousand(open)
    doc.data.items.i1 = { n: 42 }
    doc.changed('items', 'i1')
    await doc.flush()
    await foldJournals(join(path, '..'))
    const raw = JSON.parse(await fs.readFile(path, 'utf8')) as Doc
    expect(raw.items.i1).toEqual({ n: 42 })
    await expect(fs.stat(`${path}.journal`)).rejects.toThrow()
  })
})
