import { execFileSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { MessageRecord } from '../../main/core/model'
import type { StoreNotice } from '../../main/store/json-document'
import { MESSAGE_INDEX_FILE, hashOf } from '../../main/store/message-index'
import { Store } from '../../main/store/store'

const dirs: string[] = []
async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'message-index-test-'))
  dirs.push(dir)
  return dir
}
afterEach(async () => {
  for (const d of dirs.splice(0)) {
    try {
      execFileSync('umount', [d], { stdio: 'ignore' })
    } catch {
      // not a mount point
    }
    await fs.rm(d, { recursive: true, force: true })
  }
})

function open(dir: string, notices: StoreNotice[] = []): Promise<Store> {
  return Store.open(dir, { notify: (n) => notices.push(n), flush: { debounceMs: 10, maxDelayMs: 100 } })
}

function record(i: number, date = '2026-03-04T10:00:00.000Z'): MessageRecord {
  return {
    id: `msg_${i}`,
    conversationId: `cnv_${i % 7}`,
    customerId: 'cus_1',
    accountId: 'acc',
    channel: 'email',
    direction: 'in',
    messageId: `<m${i}@shop.example>`,
    from: { address: 'a@example.com' },
    to: [],
    subject: 's',
    date,
    snippet: '',
    seen: false,
    attachments: [],
    emlPath: 'x',
  }
}

/** Stores messages the way ingest does: record in its shard, its Message-ID in the index. */
async function ingest(store: Store, records: MessageRecord[]): Promise<void> {
  await store.load('messageIndex')
  await store.bulk(async () => {
    await store.putMessages(records)
    for (const r of records) {
      store.messageIds.put(r.messageId!, { id: r.id, conversationId: r.conversationId, month: r.date.slice(0, 7) })
    }
  })
}

async function allEntries(store: Store): Promise<string[]> {
  const out: string[] = []
  for await (const [messageId, e] of store.messageIds.entries()) out.push(`${messageId} ${e.id} ${e.month}`)
  return out.sort()
}

describe('the Message-ID index', () => {
  it('finds every stored message by Message-ID after a restart, and knows nothing of others', async () => {
    const dir = await tempDir()
    let store = await open(dir)
    await ingest(store, [record(1), record(2, '2025-12-31T23:00:00.000Z'), record(3)])
    await store.close()

    store = await open(dir)
    expect(await store.messageIds.get('<m2@shop.example>')).toEqual({
      id: 'msg_2',
      conversationId: 'cnv_2',
      month: '2025-12',
    })
    expect(await store.messageIds.get('<m9@shop.example>')).toBeUndefined()
    expect(store.messageIds.count).toBe(3)
    expect(await store.findMessage('msg_3')).toMatchObject({ id: 'msg_3' })
    await store.close()
  })

  it('keeps one entry per Message-ID when one is changed, the last one winning', async () => {
    const dir = await tempDir()
    let store = await open(dir)
    await ingest(store, [record(1), record(2)])
    store.messageIds.put('<m1@shop.example>', { id: 'msg_1b', conversationId: 'cnv_9', month: '2026-04' })
    await store.flush()
    await store.close()

    store = await open(dir)
    expect(await store.messageIds.get('<m1@shop.example>')).toEqual({
      id: 'msg_1b',
      conversationId: 'cnv_9',
      month: '2026-04',
    })
    expect(await allEntries(store)).toEqual(['<m1@shop.example> msg_1b 2026-04', '<m2@shop.example> msg_2 2026-03'])
    expect(store.messageIds.count).toBe(2)
    await store.close()
  })

  it('tells apart two Message-IDs with the same hash', async () => {
    // Memory holds a small hash per entry, not the Message-ID: find two that share one.
    const seen = new Map<number, string>()
    let pair: [string, string] | undefined
    for (let i = 0; !pair; i++) {
      const id = `<${i}@collide.example>`
      const other = seen.get(hashOf(id))
      if (other) pair = [other, id]
      else seen.set(hashOf(id), id)
    }
    const dir = await tempDir()
    let store = await open(dir)
    await store.load('messageIndex')
    store.messageIds.put(pair[0], { id: 'msg_a', conversationId: 'cnv_a', month: '2026-01' })
    await store.flush()
    store.messageIds.put(pair[1], { id: 'msg_b', conversationId: 'cnv_b', month: '2026-02' })
    await store.close()

    store = await open(dir)
    expect(await store.messageIds.get(pair[0])).toMatchObject({ id: 'msg_a' })
    expect(await store.messageIds.get(pair[1])).toMatchObject({ id: 'msg_b' })
    expect(store.messageIds.count).toBe(2)
    store.messageIds.put(pair[1], { id: 'msg_b2', conversationId: 'cnv_b', month: '2026-02' })
    await store.flush()
    expect(await store.messageIds.get(pair[1])).toMatchObject({ id: 'msg_b2' })
    expect(await store.messageIds.get(pair[0])).toMatchObject({ id: 'msg_a' })
    expect(store.messageIds.count).toBe(2)
    await store.close()
  })

  it('drops a line cut short by a kill mid-append without a word, and appends after it cleanly', async () => {
    const dir = await tempDir()
    const notices: StoreNotice[] = []
    let store = await open(dir)
    await ingest(store, [record(1), record(2)])
    await store.close()
    await fs.appendFile(join(dir, MESSAGE_INDEX_FILE), '["<m3@shop.example>","msg_3","cn')

    store = await open(dir, notices)
    expect(await store.messageIds.get('<m3@shop.example>')).toBeUndefined()
    await ingest(store, [record(4)])
    await store.close()

    store = await open(dir, notices)
    expect(await allEntries(store)).toEqual([
      '<m1@shop.example> msg_1 2026-03',
      '<m2@shop.example> msg_2 2026-03',
      '<m4@shop.example> msg_4 2026-03',
    ])
    expect(notices).toEqual([])
    await store.close()
  })

  it('rebuilds a damaged index from the message records, tells the seller and keeps the damaged file', async () => {
    const dir = await tempDir()
    const notices: StoreNotice[] = []
    let store = await open(dir)
    await ingest(store, [record(1), record(2, '2026-01-02T00:00:00.000Z'), record(3)])
    await store.close()
    const file = join(dir, MESSAGE_INDEX_FILE)
    const lines = (await fs.readFile(file, 'utf8')).split('\n')
    lines[2] = '{"garbage'
    await fs.writeFile(file, lines.join('\n'))

    store = await open(dir, notices)
    expect(await store.messageIds.get('<m2@shop.example>')).toEqual({
      id: 'msg_2',
      conversationId: 'cnv_2',
      month: '2026-01',
    })
    expect(await allEntries(store)).toHaveLength(3)
    expect(notices).toHaveLength(1)
    expect(notices[0]!.level).toBe('warning')
    expect(notices[0]!.message).toMatch(/message index was damaged.*rebuilt from your stored messages.*nothing is lost/)
    const kept = (await fs.readdir(dir)).filter((n) => n.startsWith(`${MESSAGE_INDEX_FILE}.damaged-`))
    expect(kept).toHaveLength(1)
    expect(notices[0]!.action).toContain(kept[0])
    await store.close()
  })

  it('treats a log that is not an index (wrong first line) as damaged too', async () => {
    const dir = await tempDir()
    const notices: StoreNotice[] = []
    let store = await open(dir)
    await ingest(store, [record(1)])
    await store.close()
    await fs.writeFile(
      join(dir, MESSAGE_INDEX_FILE),
      '{"something":"else"}\n["<m1@shop.example>","msg_1","cnv_1","2026-03"]\n',
    )

    store = await open(dir, notices)
    expect(await store.messageIds.get('<m1@shop.example>')).toMatchObject({ id: 'msg_1' })
    expect(notices.map((n) => n.level)).toEqual(['warning'])
    await store.close()
  })

  it('rebuilds a deleted index from the message records, unwritten shards included', async () => {
    const dir = await tempDir()
    let store = await open(dir)
    await ingest(store, [record(1), record(2)])
    await store.close()
    await fs.rm(join(dir, MESSAGE_INDEX_FILE))

    store = await open(dir)
    await store.putMessage(record(5, '2026-05-01T00:00:00.000Z'))
    expect(await store.messageIds.get('<m1@shop.example>')).toMatchObject({ id: 'msg_1' })
    expect(await store.messageIds.get('<m5@shop.example>')).toMatchObject({ id: 'msg_5', month: '2026-05' })
    await store.close()
  })

  it('takes over the index of a data folder from before it moved to disk, then removes the old file', async () => {
    const dir = await tempDir()
    const old = join(dir, 'message-index.json')
    const ids = { '<old1@x>': { id: 'msg_o1', conversationId: 'cnv_o', month: '2025-01' } }
    await fs.writeFile(old, JSON.stringify({ $generation: 3, ids }))
    // A change journaled after that snapshot: taken over as well.
    await fs.writeFile(
      `${old}.journal`,
      `{"journalOf":3}\n{"p":["ids","<old2@x>"],"v":{"id":"msg_o2","conversationId":"cnv_o","month":"2025-02"}}\n`,
    )

    const store = await open(dir)
    expect(await store.messageIds.get('<old1@x>')).toMatchObject({ id: 'msg_o1' })
    expect(await store.messageIds.get('<old2@x>')).toMatchObject({ id: 'msg_o2', month: '2025-02' })
    expect((await fs.readdir(dir)).filter((n) => n.startsWith('message-index.json'))).toEqual([])
    await store.close()
  })

  it('keeps entries it could not write on a full disk, cuts off the part line, and saves them once space is back', async () => {
    // A real full disk: a small tmpfs (the suite runs as root, as `npm test` requires).
    const dir = await tempDir()
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir])
    const notices: StoreNotice[] = []
    let store = await open(dir, notices)
    await ingest(store, [record(1)])
    const filler = join(dir, 'filler')
    await fs.writeFile(filler, Buffer.alloc(240 * 1024)).catch(() => undefined)
    for (let i = 0; i < 400; i++) {
      store.messageIds.put(`<full-${i}-${'x'.repeat(40)}@shop.example>`, {
        id: `msg_f${i}`,
        conversationId: 'c',
        month: '2026-03',
      })
    }
    await expect(store.messageIds.flush()).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(notices.some((n) => n.level === 'error' && /Could not save the message index/.test(n.message))).toBe(true)
    expect(await store.messageIds.get(`<full-399-${'x'.repeat(40)}@shop.example>`)).toMatchObject({ id: 'msg_f399' })
    await expect(store.messageIds.flush()).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(notices.filter((n) => n.level === 'error')).toHaveLength(1) // told once, not at every retry
    await fs.rm(filler)
    await store.messageIds.flush()
    expect(notices.at(-1)?.message).toMatch(/saved again/)
    await store.close()

    notices.length = 0
    store = await open(dir, notices)
    await store.load('messageIndex')
    expect(store.messageIds.count).toBe(401)
    expect(await store.messageIds.get(`<full-0-${'x'.repeat(40)}@shop.example>`)).toMatchObject({ id: 'msg_f0' })
    expect(notices).toEqual([])
    await store.close()
  })

  it('finds entries not written yet, and those being written', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    await store.load('messageIndex')
    store.messageIds.put('<new@x>', { id: 'msg_n', conversationId: 'cnv_n', month: '2026-06' })
    expect(await store.messageIds.get('<new@x>')).toMatchObject({ id: 'msg_n' })
    const writing = store.messageIds.flush()
    expect(await store.messageIds.get('<new@x>')).toMatchObject({ id: 'msg_n' })
    await writing
    expect(await allEntries(store)).toEqual(['<new@x> msg_n 2026-06'])
    await store.close()
  })

  it('finds a record by its id alone, also after its entry changed and when record ids share a hash', async () => {
    const seen = new Map<number, string>()
    let pair: [string, string] | undefined
    for (let i = 0; !pair; i++) {
      const id = `msg_c${i}`
      const other = seen.get(hashOf(id))
      if (other) pair = [other, id]
      else seen.set(hashOf(id), id)
    }
    const dir = await tempDir()
    let store = await open(dir)
    const records = [...Array(40).keys()].map((i) =>
      record(i, i % 2 ? '2026-03-04T10:00:00.000Z' : '2026-05-06T10:00:00.000Z'),
    )
    records[0] = { ...records[0]!, id: pair[0] }
    records[1] = { ...records[1]!, id: pair[1] }
    await ingest(store, records)
    await store.close()

    for (const restarted of [false, true]) {
      store = await open(dir)
      await store.load('messageIndex')
      if (!restarted) {
        // The record of <m5> is now msg_5b: msg_5 is found no more.
        store.messageIds.put('<m5@shop.example>', { id: 'msg_5b', conversationId: 'cnv_5', month: '2026-03' })
        await store.putMessages([{ ...records[5]!, id: 'msg_5b' }])
        await store.flush()
      }
      expect(await store.messageIds.locate(pair[0])).toEqual({ id: pair[0], conversationId: 'cnv_0', month: '2026-05' })
      expect(await store.messageIds.locate(pair[1])).toEqual({ id: pair[1], conversationId: 'cnv_1', month: '2026-03' })
      expect(await store.messageIds.locate('msg_5')).toBeUndefined()
      expect(await store.messageIds.locate('msg_5b')).toMatchObject({ month: '2026-03' })
      expect(await store.messageIds.locate('msg_99')).toBeUndefined()
      expect(await store.findMessage('msg_12')).toEqual(records[12])
      expect(await store.findMessage('msg_5b')).toMatchObject({ id: 'msg_5b', messageId: '<m5@shop.example>' })
      await store.close()
    }
  })
})
