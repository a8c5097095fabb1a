import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { MessageRecord } from '../../main/core/model'
import { JsonDocument, type StoreNotice } from '../../main/store/json-document'
import { ShardIndex } from '../../main/store/shard-index'
import { Store } from '../../main/store/store'

// A month's records read and changed on disk without loading the month must be exactly what
// loading it gives: whatever the records say, whatever the journal holds, whatever a crash left.

type Shard = { messages: Record<string, MessageRecord> }
const spec = {
  file: 'x.json',
  empty: (): Shard => ({ messages: {} }),
  isValid: (raw: unknown): raw is Shard => typeof raw === 'object' && raw !== null && 'messages' in raw,
}

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true })
})

async function setup() {
  const dir = await fs.mkdtemp(join(tmpdir(), 'shard-index-'))
  dirs.push(dir)
  const file = join(dir, '2026-11.json')
  const notices: StoreNotice[] = []
  const load = async () => {
    const doc = new JsonDocument(file, spec, (n) => notices.push(n), { debounceMs: 1, maxDelayMs: 5 })
    await doc.load()
    return doc
  }
  return { dir, file, notices, load, index: new ShardIndex(() => file) }
}

/** Records whose words try everything JSON allows: quotes, backslashes, braces, a fake key. */
function record(i: number, conversationId: string, extra: Partial<MessageRecord> = {}): MessageRecord {
  const hostile = [
    'plain',
    'a "quoted" word',
    'ends with a backslash \\',
    'braces { and } and [ ] ',
    `fake "conversationId":"cnv_evil","id":"m${i}"} ,"m99":{"conversationId":"cnv_evil"`,
    '日本語の件名：「配送について」',
    '\\"escaped\\" \\\\',
    '\u0000\u001f control',
    'one "quote}} and no brace',
  ][i % 9]!
  return {
    id: `m${i}`,
    conversationId,
    customerId: 'cus_1',
    accountId: 'acc',
    channel: 'email',
    direction: i % 2 ? 'in' : 'out',
    from: { name: hostile, address: 'a@example.com' },
    to: [{ address: 'b@example.com' }],
    subject: hostile,
    date: `2026-11-${String((i % 28) + 1).padStart(2, '0')}T00:00:00.000Z`,
    snippet: hostile,
    seen: false,
    attachments: [{ filename: `{${hostile}}.pdf`, contentType: 'application/pdf', size: i }],
    emlPath: 'x.eml',
    // A nested object with a key of the same name is not the record's conversation.
    marketplace: { conversationId: 'cnv_nested' } as unknown as MessageRecord['marketplace'],
    ...extra,
  }
}

const conversations = ['cnv_a', 'cnv_b', 'cnv_c']

async function expectSameAsLoaded(setupResult: Awaited<ReturnType<typeof setup>>, index = setupResult.index) {
  const doc = await setupResult.load()
  for (const c of [...conversations, 'cnv_evil', 'cnv_nested', 'cnv_none']) {
    const loaded = Object.values(doc.data.messages).filter((m) => m.conversationId === c)
    const read = await index.recordsOf('2026-11', c)
    expect(read, c).toBeDefined()
    expect(sortById(read!), c).toEqual(sortById(loaded))
  }
}

const sortById = (records: MessageRecord[]) => [...records].sort((a, b) => a.id.localeCompare(b.id))

describe('shard index', () => {
  it('reads a conversation from the snapshot and its journal exactly as loading the month does', async () => {
    const s = await setup()
    const doc = await s.load()
    for (let i = 0; i < 40; i++) doc.data.messages[`m${i}`] = record(i, conversations[i % 3]!)
    doc.changed()
    await doc.flush()
    await expectSameAsLoaded(s)
    // Journal lines: a change, a move to another conversation, a delete, a new record.
    doc.data.messages.m1 = { ...doc.data.messages.m1!, seen: true }
    doc.changed('messages', 'm1')
    doc.data.messages.m2 = { ...doc.data.messages.m2!, conversationId: 'cnv_a' }
    doc.changed('messages', 'm2')
    delete doc.data.messages.m3
    doc.changed('messages', 'm3')
    doc.data.messages.m100 = record(100, 'cnv_b')
    doc.changed('messages', 'm100')
    await doc.flush()
    expect(await fs.stat(`${s.file}.journal`)).toBeTruthy()
    // Read on from where it was (the journal grew) and from scratch: the same answer.
    await expectSameAsLoaded(s)
    await expectSameAsLoaded(s, new ShardIndex(() => s.file))
  })

  it('changes records in the journal so that loading the month sees them, in order', async () => {
    const s = await setup()
    const doc = await s.load()
    for (let i = 0; i < 10; i++) doc.data.messages[`m${i}`] = record(i, 'cnv_a')
    doc.changed()
    await doc.flush()
    const changed = await s.index.update('2026-11', ['m1', 'm2', 'missing'], (m) =>
      m.id === 'm2' ? undefined : { ...m, seen: true },
    )
    expect(changed?.map((m) => m.id)).toEqual(['m1'])
    await s.index.update('2026-11', ['m1'], (m) => ({ ...m, subject: 'second "change" {' }))
    const [m1] = (await s.index.records('2026-11', ['m1']))!
    expect(m1).toMatchObject({ seen: true, subject: 'second "change" {' })
    const again = await s.load()
    expect(again.data.messages.m1).toMatchObject({ seen: true, subject: 'second "change" {' })
    expect(again.data.messages.m2!.seen).toBe(false)
    expect(s.notices).toEqual([])
  })

  it('cuts a line a crash left half-written before appending after it', async () => {
    const s = await setup()
    const doc = await s.load()
    for (let i = 0; i < 5; i++) doc.data.messages[`m${i}`] = record(i, 'cnv_a')
    doc.changed()
    await doc.flush()
    doc.data.messages.m0 = { ...doc.data.messages.m0!, seen: true }
    doc.changed('messages', 'm0')
    await doc.flush()
    await fs.appendFile(`${s.file}.journal`, '{"p":["messages","m4"],"v":{"id":"m4","conv')
    await expectSameAsLoaded(s)
    await s.index.update('2026-11', ['m4'], (m) => ({ ...m, seen: true }))
    const loaded = await s.load()
    expect(loaded.data.messages.m4!.seen).toBe(true)
    expect(loaded.data.messages.m0!.seen).toBe(true)
    expect(s.notices).toEqual([]) // nothing damaged: the torn line was never acknowledged
  })

  it('ignores and removes a journal left from an older snapshot, as loading does', async () => {
    const s = await setup()
    const doc = await s.load()
    for (let i = 0; i < 5; i++) doc.data.messages[`m${i}`] = record(i, 'cnv_a')
    doc.changed()
    await doc.flush()
    // A journal of generation 0, which the snapshot (generation 1) already holds.
    await fs.writeFile(
      `${s.file}.journal`,
      '{"journalOf":0}\n' + JSON.stringify({ p: ['messages', 'm1'], v: record(1, 'cnv_old') }) + '\n',
    )
    expect(await s.index.recordsOf('2026-11', 'cnv_old')).toEqual([])
    await s.index.update('2026-11', ['m2'], (m) => ({ ...m, seen: true }))
    const loaded = await s.load()
    expect(loaded.data.messages.m2!.seen).toBe(true)
    expect(loaded.data.messages.m1!.conversationId).toBe('cnv_a')
  })

  it('reads a month written only through its journal', async () => {
    const s = await setup()
    const doc = await s.load()
    doc.data.messages.m1 = record(1, 'cnv_a')
    doc.changed('messages', 'm1')
    await doc.flush()
    await expect(fs.stat(s.file)).rejects.toThrow()
    expect((await s.index.recordsOf('2026-11', 'cnv_a'))?.map((m) => m.id)).toEqual(['m1'])
  })

  it('follows the month when it was rewritten whole since it was read', async () => {
    const s = await setup()
    const doc = await s.load()
    for (let i = 0; i < 6; i++) doc.data.messages[`m${i}`] = record(i, conversations[i % 3]!)
    doc.changed()
    await doc.flush()
    await expectSameAsLoaded(s)
    doc.data.messages.m0 = { ...doc.data.messages.m0!, conversationId: 'cnv_c' }
    delete doc.data.messages.m1
    doc.changed()
    await doc.flush()
    await expectSameAsLoaded(s)
  })

  it('answers nothing for a damaged month, so the store loads it and reports the damage', async () => {
    const s = await setup()
    await fs.writeFile(s.file, '{"$generation":1,"messages":{"m1":{"id":"m1","conversationId":"cnv_a"')
    expect(await s.index.recordsOf('2026-11', 'cnv_a')).toBeUndefined()
    await fs.writeFile(s.file, '{"$generation":1,"other":{}}')
    expect(await s.index.recordsOf('2026-11', 'cnv_a')).toBeUndefined()
    await fs.writeFile(s.file, '{"$generation":1,"messages":{"m1":{"id":"m1"}}}')
    expect(await s.index.update('2026-11', ['m1'], (m) => m)).toBeUndefined()
  })
})

describe('store: months not in memory', () => {
  async function storeWithMonths() {
    const dir = await fs.mkdtemp(join(tmpdir(), 'shard-store-'))
    dirs.push(dir)
    const notices: StoreNotice[] = []
    const open = () => Store.open(dir, { notify: (n) => notices.push(n), flush: { debounceMs: 5, maxDelayMs: 20 } })
    const store = await open()
    await store.bulk(() =>
      store.putMessages(Array.from({ length: 30 }, (_, i) => record(i, conversations[i % 3]!, { seen: false }))),
    )
    await store.load('messageIndex') // made from the records, as a workspace has it
    await store.close()
    return { open, notices }
  }
  const conversation = (id: string) => ({ id, shards: ['2026-11'] }) as Parameters<Store['messagesOf']>[0]

  it("reads and marks read a conversation's records without loading the month", async () => {
    const { open, notices } = await storeWithMonths()
    const store = await open()
    const records = await store.messagesOf(conversation('cnv_b'))
    expect(records.map((m) => m.id).sort()).toEqual(['m1', 'm10', 'm13', 'm16', 'm19', 'm22', 'm25', 'm28', 'm4', 'm7'])
    const version = store.monthVersion('2026-11')
    const changed = await store.updateMessages(
      records.map((m) => ({ id: m.id, month: '2026-11' })),
      (m) => ({ ...m, seen: true }),
    )
    expect(changed).toHaveLength(10)
    expect(store.monthVersion('2026-11')).toBe(version + 1)
    expect(store.shardsInMemory).toBe(0)
    expect((await store.getMessage('2026-11', 'm1'))?.seen).toBe(true)
    await store.close()
    const again = await open()
    const all = await again.readMonth('2026-11', (m) => Object.values(m))
    expect(all.filter((m) => m.seen).map((m) => m.conversationId)).toEqual(Array(10).fill('cnv_b'))
    await again.close()
    expect(notices).toEqual([])
  })

  it('prepares to read conversations without loading their months, and leaves a damaged month to loading', async () => {
    const { open, notices } = await storeWithMonths()
    const store = await open()
    const broken = { id: 'cnv_x', shards: ['2026-10', '2026-09'] } as Parameters<Store['messagesOf']>[0]
    await fs.writeFile(join(store.dataDir, 'messages', '2026-10.json'), '{"$generation":1,"messages":{"m1":')
    await store.prepareToRead([conversation('cnv_a'), conversation('cnv_b'), broken])
    expect(store.shardsInMemory).toBe(0)
    expect(notices).toEqual([])
    expect((await store.messagesOf(conversation('cnv_a'))).map((m) => m.id).sort()).toEqual([
      'm0',
      'm12',
      'm15',
      'm18',
      'm21',
      'm24',
      'm27',
      'm3',
      'm6',
      'm9',
    ])
    await store.close()
  })

  it('loses no change made on disk while the month is being loaded', async () => {
    const { open } = await storeWithMonths()
    const store = await open()
    const marking = store.updateMessages([{ id: 'm0', month: '2026-11' }], (m) => ({ ...m, seen: true }))
    const loaded = store.readMonth('2026-11', (m) => m.m0!.seen)
    await marking
    expect(await loaded).toBe(true)
    // Loaded now: reads and changes go through memory, and reach the disk from there.
    await store.updateMessages([{ id: 'm3', month: '2026-11' }], (m) => ({ ...m, seen: true }))
    expect((await store.messagesOf(conversation('cnv_a'))).filter((m) => m.seen).map((m) => m.id)).toEqual(['m0', 'm3'])
    await store.close()
    const again = await open()
    expect((await again.messagesOf(conversation('cnv_a'))).filter((m) => m.seen).map((m) => m.id)).toEqual(['m0', 'm3'])
    await again.close()
  })
})
