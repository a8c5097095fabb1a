import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { emptyConversation } from '../../main/core/conversations'
import type { MessageRecord } from '../../main/core/model'
import { parseSearchQuery } from '../../main/core/search-query'
import { BODY_CHARS, messageTerms, searchTerms } from '../../main/core/search-tokens'
import { SearchIndex } from '../../main/engine/search-index'
import type { StoreNotice } from '../../main/store/json-document'
import { Store } from '../../main/store/store'

let dir: string
let store: Store
let notices: StoreNotice[]
let index: SearchIndex

function openIndex(): SearchIndex {
  return new SearchIndex(
    store,
    (n) => notices.push(n),
    () => undefined,
    () => new Date('2026-11-23T10:00:00Z'),
    {
      flushDelayMs: 5,
    },
  )
}

/** Stores a message the way ingest does (raw .eml, record, Message-ID index) and returns it. */
async function stored(
  id: string,
  date: string,
  subject: string,
  text: string,
  from = 'Aiko Tanaka',
  conversationId = 'cnv_1',
): Promise<MessageRecord> {
  const raw = `From: ${from} <aiko@example.com>\r\nSubject: ${subject}\r\nMessage-ID: <${id}@x>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${text}\r\n`
  const record: MessageRecord = {
    id,
    conversationId,
    customerId: 'cus_1',
    accountId: 'acc_1',
    channel: 'email',
    direction: 'in',
    messageId: `<${id}@x>`,
    from: { name: from, address: 'aiko@example.com' },
    to: [],
    subject,
    date,
    snippet: text.slice(0, 140),
    seen: false,
    attachments: [],
    emlPath: await store.mail.write('acc_1', date, raw),
  }
  await store.putMessage(record)
  await store.messageIds.load()
  store.messageIds.put(record.messageId!, { id, conversationId, month: date.slice(0, 7) })
  return record
}

async function find(query: string): Promise<string[]> {
  const r = await index.search(parseSearchQuery(query), 0, 50)
  return r.hits.map((h) => h.messageId)
}

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'search-index-'))
  notices = []
  store = await Store.open(dir)
  store.customers.cus_1 = {
    id: 'cus_1',
    name: '田中 藍子',
    language: 'ja',
    keys: [],
    tags: [],
    note: '',
    createdAt: '2026-01-01T00:00:00Z',
  }
  store.conversations.cnv_1 = emptyConversation({
    id: 'cnv_1',
    customerId: 'cus_1',
    accountId: 'acc_1',
    channel: 'email',
    subject: 'Order',
    status: 'open',
  })
  index = openIndex()
})

afterEach(async () => {
  await index.close()
  await store.close()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('search index', () => {
  it('finds an added message by a Japanese word, its sender and its customer, newest first', async () => {
    const a = await stored('msg_a', '2026-10-02T09:00:00Z', '配送について', '注文した湯呑の配送が遅れています。')
    const b = await stored('msg_b', '2026-11-05T09:00:00Z', 'Broken teapot', 'The Hagi teapot arrived cracked.')
    index.added(a, '注文した湯呑の配送が遅れています。')
    index.added(b, 'The Hagi teapot arrived cracked.')
    expect(await find('配送が遅れて')).toEqual(['msg_a'])
    expect(await find('crack')).toEqual(['msg_b'])
    expect(await find('from:aiko')).toEqual(['msg_b', 'msg_a'])
    expect(await find('田中')).toEqual(['msg_b', 'msg_a'])
    expect(await find('after:2026-11-01')).toEqual(['msg_b'])
    expect(await find('the')).toEqual([])
  })

  it('indexes the terms worked out where a message was parsed, with the customer between them', async () => {
    const long = `${'急須の蓋が欠けていました。'.repeat(200)} zebrawood`
    const short = 'The kyusu lid arrived chipped, order 249-1234567.'
    const a = await stored('msg_a', '2026-10-02T09:00:00Z', '蓋の破損について', long)
    const b = await stored('msg_b', '2026-11-02T09:00:00Z', 'Chipped lid', short)
    index.added(a, long, messageTerms(a.subject, long))
    index.added(b, short, messageTerms(b.subject, short))
    for (const [record, text] of [
      [a, long],
      [b, short],
    ] as const) {
      for (const term of searchTerms(`${record.subject}\n田中 藍子\n${text.slice(0, BODY_CHARS)}`))
        expect(await find(term), term).toContain(record.id)
    }
    expect(await find('田中')).toEqual(['msg_b', 'msg_a'])
    // Past the indexed start of the body.
    expect(await find('zebrawood')).toEqual([])
    // The log keeps the text, so a restart finds the same.
    await index.close()
    await fs.rm(join(dir, 'mail'), { recursive: true })
    index = openIndex()
    await index.catchUp()
    expect(await find('欠け')).toEqual(['msg_a'])
    expect(await find('chipped 藍子')).toEqual(['msg_b'])
  })

  it('finds each sender among more than it keeps the terms of, also when they write again', async () => {
    const record = (i: number, sender: string): MessageRecord => ({
      id: `msg_${i}`,
      conversationId: 'cnv_1',
      customerId: 'cus_1',
      accountId: 'acc_1',
      channel: 'email',
      direction: 'in',
      from: { name: sender, address: `${sender.toLowerCase()}@example.com` },
      to: [],
      subject: 'Question',
      date: new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString(),
      snippet: '',
      seen: true,
      attachments: [],
      emlPath: `mail/acc_1/2026-10/${i}.eml`,
    })
    // 5,000 senders (more than the 4,096 whose terms it keeps), then the first ones again.
    await index.catchUp()
    for (let i = 0; i < 5000; i++) index.added(record(i, `Sender${i}x`), '')
    for (let i = 5000; i < 5003; i++) index.added(record(i, `Sender${i - 5000}x`), '')
    // Hits show the display lines written to disk.
    await index.flush()
    expect(await find('from:sender0x')).toEqual(['msg_5000', 'msg_0'])
    expect(await find('from:sender2x')).toEqual(['msg_5002', 'msg_2'])
    expect(await find('from:sender4999x')).toEqual(['msg_4999'])
    expect(await find('sender1x')).toEqual(['msg_5001', 'msg_1'])
  })

  it('finds a message by its order number, whole with order: or part of it as a free word', async () => {
    store.conversations.cnv_1!.orderNumber = '249-1234567-7654321'
    const a = await stored('msg_a', '2026-10-02T09:00:00Z', 'Where is it?', 'Still waiting for my parcel.')
    index.added(a, 'Still waiting for my parcel.')
    expect(await find('order:249-1234567-7654321')).toEqual(['msg_a'])
    expect(await find('order:249-1234567')).toEqual([])
    expect(await find('7654321')).toEqual(['msg_a'])
  })

  it('marks the matched words in the subject and snippet', async () => {
    const a = await stored('msg_a', '2026-10-02T09:00:00Z', 'Broken teapot', 'My teapot arrived broken.')
    index.added(a, 'My teapot arrived broken.')
    const [hit] = (await index.search(parseSearchQuery('teapo'), 0, 10)).hits
    expect(hit!.subjectMarks).toEqual([{ start: 7, end: 13 }])
    expect(hit!.snippetMarks).toEqual([{ start: 3, end: 9 }])
  })

  it('forgets a removed message', async () => {
    const a = await stored('msg_a', '2026-10-02T09:00:00Z', 'Invoice', 'Please send the invoice.')
    index.added(a, 'Please send the invoice.')
    await index.removed(a)
    expect(await find('invoice')).toEqual([])
  })

  it('reads its files back after a restart without rebuilding anything', async () => {
    const a = await stored('msg_a', '2026-10-02T09:00:00Z', '割れていました', '届いた急須が割れていました。')
    index.added(a, '届いた急須が割れていました。')
    await index.close()
    await fs.rm(join(dir, 'mail'), { recursive: true })
    index = openIndex()
    await index.catchUp()
    // The .eml files are gone: a hit proves the index came from its own file.
    expect(await find('急須')).toEqual(['msg_a'])
    expect(notices).toEqual([])
  })

  it('rebuilds a damaged index file from the stored mail and says so', async () => {
    const a = await stored('msg_a', '2026-10-02T09:00:00Z', 'Question', 'Do you ship wholesale orders to Osaka?')
    index.added(a, 'Do you ship wholesale orders to Osaka?')
    await index.close()
    await fs.writeFile(join(dir, 'search', 'index.json'), '{"v":2,"docs":{"ids":["msg_a"')
    index = openIndex()
    await index.catchUp()
    expect(notices.map((n) => n.message)).toEqual([expect.stringContaining('search index was damaged')])
    expect(await find('wholesale osaka')).toEqual(['msg_a'])
    expect((await fs.readdir(join(dir, 'search'))).some((f) => f.startsWith('index.json.damaged-'))).toBe(true)
  })

  it('folds recent mail into its index file and reads both back after a restart', async () => {
    const a = await stored('msg_a', '2026-09-02T09:00:00Z', 'Matcha bowl', 'Is the matcha bowl in stock?')
    const b = await stored('msg_b', '2026-11-02T09:00:00Z', 'Kyusu', '急須の蓋が欠けていました。')
    await index.addMany([{ record: a, text: 'Is the matcha bowl in stock?' }])
    index.added(b, '急須の蓋が欠けていました。')
    await index.close()
    expect((await fs.readdir(join(dir, 'search'))).sort()).toEqual(['display.jsonl', 'index.json', 'recent.jsonl'])
    await fs.rm(join(dir, 'mail'), { recursive: true })
    index = openIndex()
    await index.catchUp()
    expect(await find('matcha')).toEqual(['msg_a'])
    expect(await find('急須')).toEqual(['msg_b'])
    expect(index.size).toBe(2)
    expect(notices).toEqual([])
  })

  it('keeps its most common words as bitmaps after a restart, and finds the same as before', async () => {
    store.conversations.cnv_1!.orderNumber = '249-1234567-1234567'
    const items = []
    for (let i = 0; i < 120; i++) {
      const text = `The teapot lid word${i}${i % 3 === 0 ? ' needs a refund' : ''}.`
      const day = String(1 + (i % 28)).padStart(2, '0')
      items.push({ record: await stored(`msg_${i}`, `2026-10-${day}T09:00:00Z`, `Teapot ${i}`, text), text })
    }
    // Another order of the same shop: its number starts as the common one does.
    store.conversations.cnv_2 = emptyConversation({
      id: 'cnv_2',
      customerId: 'cus_1',
      accountId: 'acc_1',
      channel: 'email',
      subject: 'Order',
      status: 'open',
      orderNumber: '249-7654321-7654321',
    })
    const other = 'Where is my teapot?'
    items.push({
      record: await stored('msg_other', '2026-10-30T09:00:00Z', 'Other', other, undefined, 'cnv_2'),
      text: other,
    })
    await index.addMany(items)
    const queries = [
      'teapot',
      'teapot refund',
      'word3 refund',
      'word7',
      'tea',
      'from:aiko',
      'aiko lid',
      'order:249-1234567-1234567',
      'order:249-7654321-7654321',
      '7654321',
    ]
    const results = async () => {
      const out: Record<string, { total: number; ids: string[] }> = {}
      for (const q of queries) {
        const r = await index.search(parseSearchQuery(q), 0, 100)
        out[q] = { total: r.total, ids: r.hits.map((h) => h.messageId).sort() }
      }
      return out
    }
    const before = await results()
    expect(before.teapot!.total).toBe(121)
    expect(before['order:249-7654321-7654321']!.ids).toEqual(['msg_other'])
    expect(before['7654321']!.ids).toEqual(['msg_other'])
    expect(before['teapot refund']!.total).toBe(40)
    expect(before['word3 refund']!.ids).toEqual(['msg_3'])
    expect(before['order:249-1234567-1234567']!.total).toBe(120)
    expect(index.bitmapTerms).toBe(0)

    await index.close()
    index = openIndex()
    await index.catchUp()
    // teapot, refund, lid, the, needs, a, aiko, tanaka, 田中, 藍子, the order number and its parts…
    expect(index.bitmapTerms).toBeGreaterThan(8)
    expect(await results()).toEqual(before)

    // Added and removed after the restart: the bitmaps follow.
    const late = await stored('msg_late', '2026-11-20T09:00:00Z', 'Teapot again', 'My teapot needs a refund too.')
    // Many at once: the whole index file is written again, with the bitmap terms in it.
    await index.addMany([{ record: late, text: 'My teapot needs a refund too.' }])
    await index.removed(items[3]!.record)
    const after = await results()
    expect(after.teapot!.total).toBe(121)
    expect(after['teapot refund']!.ids).toContain('msg_late')
    expect(after['teapot refund']!.ids).not.toContain('msg_3')
    expect(after['word3 refund']!.total).toBe(0)

    await index.flush()
    await index.close()
    index = openIndex()
    await index.catchUp()
    // The store still holds msg_3 (nothing deletes stored mail yet), so it is indexed again.
    const again = await results()
    expect(again.teapot!.total).toBe(122)
    expect(again['teapot refund']!.ids).toEqual([...after['teapot refund']!.ids, 'msg_3'].sort())
    expect(again['word7']).toEqual(after['word7'])
    expect(again['order:249-1234567-1234567']!.total).toBe(121)
    expect(notices).toEqual([])
  })

  it('reads an index file naming a message number far past its messages, which then matches nothing', async () => {
    const items = []
    for (let i = 0; i < 40; i++) {
      // Message 0 (number 0) has no teapot: 2^40 cut to 32 bits would be number 0.
      const text = i === 0 ? 'Is the bowl in stock?' : `Is the teapot in stock? (${i})`
      items.push({ record: await stored(`msg_${i}`, '2026-10-02T09:00:00Z', 'Stock', text), text })
    }
    await index.addMany(items)
    await index.close()
    // A damaged file: "teapot" (a bitmap term once read) also names message 2^40.
    const path = join(dir, 'search', 'index.json')
    const file = JSON.parse(await fs.readFile(path, 'utf8')) as { index: { text: [string, string][] } }
    for (const part of file.index.text) {
      if (!part[0].endsWith('.map')) continue
      const entries = JSON.parse(part[1]) as [string, number[][]][]
      for (const entry of entries) if (entry[0] === 'teapot') entry[1][0]!.push(2 ** 40)
      part[1] = JSON.stringify(entries)
    }
    await fs.writeFile(path, JSON.stringify(file))
    index = openIndex()
    await index.catchUp()
    const r = await index.search(parseSearchQuery('teapot'), 0, 100)
    expect(r.total).toBe(39)
    expect(r.hits.map((h) => h.messageId)).not.toContain('msg_0')
    expect(index.bitmapTerms).toBeGreaterThan(0)
  })

  it('indexes again from the stored mail a message whose line a crash tore', async () => {
    const a = await stored('msg_a', '2026-10-02T09:00:00Z', 'Glaze', 'Is the celadon glaze food safe?')
    index.added(a, 'Is the celadon glaze food safe?')
    await index.close()
    const recent = join(dir, 'search', 'recent.jsonl')
    const text = await fs.readFile(recent, 'utf8')
    await fs.writeFile(recent, text.slice(0, text.length - 20))
    index = openIndex()
    await index.catchUp()
    expect(await find('celadon')).toEqual(['msg_a'])
    expect(notices).toEqual([])
  })

  it('shows a hit from the stored message when its display line is damaged', async () => {
    const a = await stored('msg_a', '2026-10-02T09:00:00Z', 'Noren curtain', 'Is the noren curtain 85 cm wide?')
    index.added(a, 'Is the noren curtain 85 cm wide?')
    await index.close()
    const display = join(dir, 'search', 'display.jsonl')
    await fs.writeFile(display, 'x'.repeat((await fs.stat(display)).size))
    index = openIndex()
    const [hit] = (await index.search(parseSearchQuery('noren'), 0, 10)).hits
    expect([hit!.subject, hit!.snippet, hit!.from]).toEqual([
      'Noren curtain',
      'Is the noren curtain 85 cm wide?',
      'Aiko Tanaka',
    ])
  })

  it('replaces index files of the first format (one per month) by building the index again', async () => {
    await stored('msg_a', '2026-10-02T09:00:00Z', 'Furoshiki', 'Do you sell furoshiki wraps?')
    await fs.mkdir(join(dir, 'search'), { recursive: true })
    await fs.writeFile(join(dir, 'search', '2026-10.json'), '{"v":1,"month":"2026-10","docs":{},"index":{}}')
    await index.catchUp()
    expect(await find('furoshiki')).toEqual(['msg_a'])
    expect(await fs.readdir(join(dir, 'search'))).not.toContain('2026-10.json')
  })

  it('builds itself from the stored mail when it has no files at all', async () => {
    await stored('msg_a', '2026-10-02T09:00:00Z', 'Gift wrapping', 'Could you gift-wrap the matcha bowl?')
    await index.catchUp()
    expect(await find('matcha')).toEqual(['msg_a'])
    expect(notices.map((n) => n.message)).toEqual([expect.stringContaining('Building the search index')])
  })
})
