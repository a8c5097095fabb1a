// eBay's and Rakuten's message APIs through the whole engine, against local emulators: pulling
// (pages, the cursor), replies through the outbox (429 + Retry-After, an expired token, 5xx, a
// connection cut after the POST was taken), the periodic pull, and one customer across e-mail
// and the eBay API.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { OutboxItem } from '../../main/core/model'
import { Engine, type EngineOptions } from '../../main/engine/engine'
import { Store } from '../../main/store/store'
import type {
  AccountView,
  ApiAccountTest,
  ConversationView,
  CustomerView,
  InboxPage,
  SyncStatus,
} from '../../preload/api'
import { startEbayEmulator, type EbayEmulator } from '../rigs/ebay-emulator'
import { startRakutenEmulator, type RakutenEmulator } from '../rigs/rakuten-emulator'

const FIXTURES = join(__dirname, '../fixtures/marketplaces')
let dir: string
let ebay: EbayEmulator
let rakuten: RakutenEmulator
const open: Engine[] = []

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'marketplace-api-'))
})

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true })
})

afterEach(async () => {
  for (const e of open.splice(0)) await e.close()
  await ebay?.stop()
  await rakuten?.stop()
})

async function engineAt(name: string, options: Partial<EngineOptions> = {}): Promise<Engine> {
  const engine = await Engine.start({
    dataDir: join(dir, name),
    keyFile: join(dir, `${name}.key`),
    sync: false,
    log: process.env.API_TEST_LOG ? (l) => console.error(l) : () => undefined,
    outboxRetryMs: 100,
    ...options,
  })
  open.push(engine)
  const r = await engine.call('settings.update', { undoSendSeconds: 0 })
  if (!r.ok) throw new Error(r.error.message)
  return engine
}

function caller(engine: Engine) {
  return async <T>(method: string, input: unknown): Promise<T> => {
    const r = await engine.call(method, input)
    if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`)
    return r.value as T
  }
}

async function addEbay(engine: Engine, token = ebay.token): Promise<AccountView> {
  return caller(engine)<AccountView>('account.add', {
    kind: 'ebay',
    label: 'eBay',
    username: ebay.seller,
    accessToken: token,
    baseUrl: ebay.url,
  })
}

async function until<T>(what: () => Promise<T | undefined> | T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = await what()
    if (v !== undefined && v !== false) return v
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 25))
  }
}

async function sendAndSettle(engine: Engine, accountId: string, conversationId: string, text: string) {
  const call = caller(engine)
  const queued = await call<OutboxItem>('message.send', {
    accountId,
    conversationId,
    to: [{ address: 'buyer@members.ebay-api.invalid' }],
    subject: 'Re: kettle',
    text,
  })
  return until(async () => {
    const item = (await call<OutboxItem[]>('outbox.list', {})).find((i) => i.id === queued.id)
    return item && (item.state === 'sent' || item.state === 'failed') ? item : undefined
  }, 20_000)
}

async function ebayConversation(engine: Engine): Promise<ConversationView> {
  const call = caller(engine)
  const rows = (await call<InboxPage>('inbox.list', { view: 'all', limit: 200 })).rows
  const customer = await call<CustomerView>('customer.get', { customerId: rows[0]!.customerId })
  return call<ConversationView>('conversation.get', { conversationId: customer.conversations[0]!.id })
}

describe('eBay Commerce Message API', () => {
  it('tests the token: accepted, or refused with what to do', async () => {
    ebay = await startEbayEmulator()
    const engine = await engineAt('ebay-test')
    const call = caller(engine)
    const good = await call<ApiAccountTest>('account.test', {
      draft: { kind: 'ebay', label: 'eBay', username: ebay.seller, accessToken: ebay.token, baseUrl: ebay.url },
    })
    expect(good.api.ok).toBe(true)
    const bad = await call<ApiAccountTest>('account.test', {
      draft: { kind: 'ebay', label: 'eBay', username: ebay.seller, accessToken: 'stale', baseUrl: ebay.url },
    })
    expect(bad.api).toMatchObject({ ok: false, code: 'auth_failed' })
    expect(bad.api.ok === false && bad.api.message).toMatch(/Reconnect your eBay account/)
  })

  it('refuses an eBay account without a token or with a bad API address, naming the field', async () => {
    ebay = await startEbayEmulator()
    const engine = await engineAt('ebay-bad')
    const missing = await engine.call('account.add', { kind: 'ebay', label: 'eBay', username: 'x' })
    expect(!missing.ok && missing.error.issues?.map((i) => i.path)).toEqual(['accessToken'])
    const ftp = await engine.call('account.add', {
      kind: 'ebay',
      label: 'eBay',
      username: 'x',
      accessToken: 't',
      baseUrl: 'ftp://api.ebay.com',
    })
    expect(!ftp.ok && ftp.error.issues?.[0]?.path).toBe('baseUrl')
    const other = await engine.call('account.add', { kind: 'amazon', label: 'A' })
    expect(!other.ok && other.error.code).toBe('bad_request')
  })

  it('keeps the token sealed: never in accounts.json, secrets.json or the view', async () => {
    ebay = await startEbayEmulator({ token: 'v^1.1#secret-token-8812' })
    const engine = await engineAt('ebay-secret')
    const view = await addEbay(engine)
    expect(JSON.stringify(view)).not.toContain('secret-token')
    await engine.close()
    open.splice(0)
    for (const file of ['accounts.json', 'secrets.json']) {
      const text = await fs.readFile(join(dir, 'ebay-secret', file), 'utf8').catch(() => '')
      expect(text, file).not.toContain('secret-token')
    }
  })

  it('pulls every conversation across pages, then only what changed since the cursor', async () => {
    ebay = await startEbayEmulator()
    for (let i = 0; i < 60; i++)
      ebay.buyerWrites({
        buyer: `buyer_${i}`,
        itemId: String(186231452000 + i),
        title: `Kettle ${i}`,
        text: `Question ${i}: does it ship to Osaka?`,
        at: new Date(Date.UTC(2026, 10, 1, i)).toISOString(),
      })
    const engine = await engineAt('ebay-pull')
    const call = caller(engine)
    const account = await addEbay(engine)
    await call<SyncStatus>('account.sync', { id: account.id })
    const first = await call<InboxPage>('inbox.list', { view: 'all', limit: 200 })
    expect(first.total).toBe(60)
    // Two pages of conversations (limit 50), each conversation read once.
    expect(ebay.log.filter((r) => r.path.endsWith('/conversation')).length).toBe(2)

    // The body is read from the stored JSON, like an .eml.
    const view = await call<CustomerView>('customer.get', { customerId: first.rows[0]!.customerId })
    expect(view.timeline[0]!.text).toMatch(/^Question \d+: does it ship to Osaka\?$/)
    expect(view.timeline[0]!.channel).toBe('ebay')
    const files = await fs.readdir(join(dir, 'ebay-pull', 'mail', account.id), { recursive: true })
    expect(files.filter((f) => f.endsWith('.json'))).toHaveLength(60)
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(0)

    // Later: one buyer writes again, one new buyer. Only those two are read, and the newest of the
    // first pull once more (messages eBay dates within minutes of the cursor are read again).
    const newest = [...ebay.conversations.values()].at(-1)!.conversationId
    const known = [...ebay.conversations.values()][5]!
    ebay.buyerWrites({
      buyer: 'buyer_5',
      itemId: known.referenceId,
      title: known.conversationTitle,
      text: 'Any news?',
      conversationId: known.conversationId,
    })
    ebay.buyerWrites({
      buyer: 'new_buyer',
      itemId: '186231459999',
      title: 'Tea cups',
      text: 'Are these dishwasher safe?',
    })
    const before = ebay.log.length
    await call('account.sync', { id: account.id })
    const read = ebay.log.slice(before).flatMap((r) => /\/conversation\/([^/]+)$/.exec(r.path)?.[1] ?? [])
    expect(read.sort()).toEqual([known.conversationId, newest, [...ebay.conversations.keys()].at(-1)!].sort())
    const after = await call<InboxPage>('inbox.list', { view: 'all', limit: 200 })
    expect(after.total).toBe(61)
    const info = await call<{ counts: { messages: number } }>('app.info', {})
    expect(info.counts.messages).toBe(62)
    // Pulling again with nothing new adds nothing.
    await call('account.sync', { id: account.id })
    expect((await call<{ counts: { messages: number } }>('app.info', {})).counts.messages).toBe(62)
  })

  it('answers through sendMessage once, and the copy pulled back is the same message', async () => {
    ebay = await startEbayEmulator()
    const { conversationId } = ebay.buyerWrites({
      buyer: 'teapot_fan42',
      itemId: '186231452690',
      title: 'Kettle',
      text: 'Trivet included?',
    })
    const engine = await engineAt('ebay-reply')
    const call = caller(engine)
    const account = await addEbay(engine)
    await call('account.sync', { id: account.id })
    const conversation = await ebayConversation(engine)
    // Read here: read on eBay too.
    await call('conversation.markSeen', { conversationId: conversation.conversation.id })
    await until(() => ebay.conversations.get(conversationId)!.messages.every((m) => m.readStatus) || undefined)
    const compose = await call<{ accountId: string }>('message.compose', {
      conversationId: conversation.conversation.id,
      mode: 'reply',
    })
    expect(compose.accountId).toBe(account.id)
    const item = await sendAndSettle(engine, account.id, conversation.conversation.id, 'Yes, the trivet is included.')
    expect(item.state).toBe('sent')
    expect(item.remoteMessageId).toMatch(/^<ebay\.\d+@api\.ebay\.com>$/)
    expect(ebay.sellerMessages(conversationId).map((m) => m.messageBody)).toEqual(['Yes, the trivet is included.'])
    await call('account.sync', { id: account.id })
    const after = await ebayConversation(engine)
    expect(after.messages.map((m) => [m.direction, m.text.trim()])).toEqual([
      ['in', 'Trivet included?'],
      ['out', 'Yes, the trivet is included.'],
    ])
  })

  it('waits as long as a 429 Retry-After asks, then sends once', async () => {
    ebay = await startEbayEmulator()
    const { conversationId } = ebay.buyerWrites({ buyer: 'b1', itemId: '1', title: 'Kettle', text: 'Hi' })
    const engine = await engineAt('ebay-429')
    const account = await addEbay(engine)
    await caller(engine)('account.sync', { id: account.id })
    const c = await ebayConversation(engine)
    ebay.fault({ fault: { kind: 'rate-limit', retryAfterSeconds: 1 }, method: 'POST', times: 1 })
    const item = await sendAndSettle(engine, account.id, c.conversation.id, 'Thanks for waiting.')
    expect(item.state).toBe('sent')
    const posts = ebay.log.filter((r) => r.method === 'POST')
    expect(posts.map((p) => p.status)).toEqual([429, 201])
    // The outbox's own first wait is 100 ms here: the second try waited for Retry-After.
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(900)
    expect(ebay.sellerMessages(conversationId)).toHaveLength(1)
  })

  it('holds a reply while the token is refused, says to reconnect, and sends it once reconnected', async () => {
    ebay = await startEbayEmulator()
    const { conversationId } = ebay.buyerWrites({ buyer: 'b2', itemId: '2', title: 'Cups', text: 'Hello' })
    const engine = await engineAt('ebay-401')
    const call = caller(engine)
    const account = await addEbay(engine)
    await call('account.sync', { id: account.id })
    const c = await ebayConversation(engine)
    ebay.token = 'rotated-token'
    const queued = await call<OutboxItem>('message.send', {
      accountId: account.id,
      conversationId: c.conversation.id,
      to: [{ address: 'b2@members.ebay-api.invalid' }],
      subject: 'Re: Cups',
      text: 'They are in stock.',
    })
    const held = await until(async () =>
      (await call<OutboxItem[]>('outbox.list', {})).find((i) => i.id === queued.id && i.lastError),
    )
    expect(held.state).toBe('queued')
    expect(held.lastError).toMatch(/Reconnect your eBay account/)
    // No retry storm: nothing more is tried for a good while.
    const posts = ebay.log.filter((r) => r.method === 'POST').length
    await new Promise((r) => setTimeout(r, 800))
    expect(ebay.log.filter((r) => r.method === 'POST').length).toBe(posts)
    // The pull says the same, on the account's status.
    const sync = await engine.call('account.sync', { id: account.id })
    expect(!sync.ok && sync.error.message).toMatch(/Reconnect your eBay account/)
    const status = await call<SyncStatus>('sync.status', {})
    expect(status.accounts.find((a) => a.accountId === account.id)).toMatchObject({ state: 'error' })
    // Reconnected: the reply goes at once.
    await call('account.update', { id: account.id, accessToken: 'rotated-token' })
    const sent = await until(async () =>
      (await call<OutboxItem[]>('outbox.list', {})).find((i) => i.id === queued.id && i.state === 'sent'),
    )
    expect(sent.state).toBe('sent')
    expect(ebay.sellerMessages(conversationId).map((m) => m.messageBody)).toEqual(['They are in stock.'])
  })

  it('retries after a 500 and after a connection cut once the POST was taken, posting once each time', async () => {
    ebay = await startEbayEmulator()
    const a = ebay.buyerWrites({ buyer: 'b3', itemId: '3', title: 'Pot', text: 'Q1' })
    const engine = await engineAt('ebay-5xx')
    const call = caller(engine)
    const account = await addEbay(engine)
    await call('account.sync', { id: account.id })
    const c = await ebayConversation(engine)
    ebay.fault({ fault: { kind: 'server-error' }, method: 'POST', times: 1 })
    const first = await sendAndSettle(engine, account.id, c.conversation.id, 'First answer.')
    expect(first.state).toBe('sent')
    ebay.fault({ fault: { kind: 'drop-after-post' }, method: 'POST', times: 1 })
    const second = await sendAndSettle(engine, account.id, c.conversation.id, 'Second answer.')
    expect(second.state).toBe('sent')
    expect(second.remoteMessageId).toMatch(/^<ebay\./)
    expect(ebay.sellerMessages(a.conversationId).map((m) => m.messageBody)).toEqual(['First answer.', 'Second answer.'])
    await call('account.sync', { id: account.id })
    expect((await ebayConversation(engine)).messages).toHaveLength(3)
  })

  it('pulls by itself periodically, backing off while eBay fails', async () => {
    ebay = await startEbayEmulator()
    const engine = await engineAt('ebay-periodic', { sync: true, apiSync: { everyMs: 100, retryMinMs: 50 } })
    await addEbay(engine)
    ebay.buyerWrites({ buyer: 'later_buyer', itemId: '4', title: 'Bowl', text: 'Is it handmade?' })
    const call = caller(engine)
    await until(async () =>
      (await call<InboxPage>('inbox.list', { view: 'all', limit: 10 })).total === 1 ? true : undefined,
    )
    ebay.fault({ fault: { kind: 'server-error' } })
    const before = ebay.log.length
    await new Promise((r) => setTimeout(r, 1000))
    // Doubling waits from 50 ms: a handful of tries in a second, not one every 100 ms and more.
    expect(ebay.log.length - before).toBeLessThanOrEqual(6)
    const status = await call<SyncStatus>('sync.status', {})
    expect(status.accounts[0]).toMatchObject({ state: 'error' })
    expect(status.accounts[0]!.lastError).toMatch(/eBay had a problem on its side \(HTTP 500\)/)
  })
})

describe('one customer across e-mail and the eBay API', () => {
  it('a sync that mixes e-mail and eBay API messages into one customer', async () => {
    ebay = await startEbayEmulator()
    // The same buyer as the eBay notification mail (teapot_fan42, item 186231452690).
    ebay.buyerWrites({
      buyer: 'teapot_fan42',
      itemId: '186231452690',
      title: 'Cast Iron Tetsubin Kettle 0.8L',
      text: 'Also, is the lid cast iron?',
    })
    const engine = await engineAt('mixed')
    const call = caller(engine)
    await call('import.files', { paths: [join(FIXTURES, 'ebay-member-message.eml')] })
    const account = await addEbay(engine)
    await call('account.sync', { id: account.id })
    const rows = (await call<InboxPage>('inbox.list', { view: 'all', limit: 10 })).rows
    expect(rows).toHaveLength(1)
    const customer = await call<CustomerView>('customer.get', { customerId: rows[0]!.customerId })
    expect(customer.customer.keys).toContainEqual({ kind: 'buyer', value: 'ebay:teapot_fan42' })
    expect(customer.timeline.map((m) => m.channel)).toEqual(['ebay', 'ebay'])
    expect(customer.timeline.map((m) => m.text)).toEqual([
      expect.stringContaining('trivet'),
      'Also, is the lid cast iron?',
    ])
    // The mail's conversation is answered by e-mail; the eBay account refuses it, saying so.
    const mailConversation = customer.conversations.find((c) => c.subject.includes('sent a message about'))!
    const viaApi = await engine.call('message.send', {
      accountId: account.id,
      conversationId: mailConversation.id,
      to: [{ address: 'h7d2k9q4w1@members.ebay.com' }],
      subject: 'Re',
      text: 'Yes.',
    })
    expect(!viaApi.ok && viaApi.error.issues?.[0]?.path).toBe('conversationId')
  })
})

describe('Rakuten RMS inquiries', () => {
  async function addRakuten(engine: Engine): Promise<AccountView> {
    return caller(engine)<AccountView>('account.add', {
      kind: 'rakuten',
      label: '楽天市場',
      shopId: rakuten.shopId,
      serviceSecret: 'SP999999_secret',
      licenseKey: rakuten.licenseKey,
      baseUrl: rakuten.url,
    })
  }

  it('pulls inquiries page by page with their replies, the buyer by masked address and order', async () => {
    rakuten = await startRakutenEmulator()
    const now = Date.now()
    for (let i = 0; i < 105; i++)
      rakuten.userAsks({
        userName: `購入者${i}`,
        maskEmail: `m${i}@pc.fw.rakuten.ne.jp`,
        message: `問い合わせ${i}`,
        at: new Date(now - (i + 1) * 60_000),
      })
    const withOrder = rakuten.userAsks({
      userName: '楽天太郎',
      maskEmail: 'taro@pc.fw.rakuten.ne.jp',
      message: '熨斗をお願いできますか。',
      orderNumber: '398217-20261120-0012345678',
      itemName: '南部鉄器 急須',
      at: new Date(now - 30_000),
    })
    const engine = await engineAt('rakuten-pull')
    const call = caller(engine)
    const account = await addRakuten(engine)
    await call('account.sync', { id: account.id })
    expect((await call<InboxPage>('inbox.list', { view: 'all', limit: 200 })).total).toBe(106)
    expect(rakuten.log.filter((r) => r.path.endsWith('/inquiries')).length).toBe(2)

    // The buyer answers an old inquiry: the next pull brings just that.
    rakuten.userReplies(withOrder, 'ありがとうございます！')
    await call('account.sync', { id: account.id })
    const row = (await call<InboxPage>('inbox.list', { view: 'all', limit: 200 })).rows.find(
      (r) => r.name === '楽天太郎',
    )!
    const customer = await call<CustomerView>('customer.get', { customerId: row.customerId })
    expect(customer.customer.keys).toEqual([
      { kind: 'relay', value: 'taro@pc.fw.rakuten.ne.jp' },
      { kind: 'order', value: '398217-20261120-0012345678' },
    ])
    expect(customer.timeline.map((m) => m.text)).toEqual(['熨斗をお願いできますか。', 'ありがとうございます！'])
  })

  it('joins an inquiry naming an imported order to the customer who placed it', async () => {
    rakuten = await startRakutenEmulator()
    const dataDir = join(dir, 'rakuten-order')
    const store = await Store.open(dataDir)
    store.customers.cus_sato = {
      id: 'cus_sato',
      name: '佐藤 花子',
      language: 'ja',
      keys: [{ kind: 'email', value: 'hanako.sato@example.jp' }],
      tags: [],
      note: '',
      createdAt: '2026-11-01T00:00:00.000Z',
    }
    store.docs.customers.changed('customers', 'cus_sato')
    await store.load('orders')
    store.orders.ord_sato = {
      id: 'ord_sato',
      customerId: 'cus_sato',
      channel: 'rakuten',
      orderNumber: '398217-20261120-0099887766',
      placedAt: '2026-11-20T00:00:00.000Z',
      currency: 'JPY',
      total: 12800,
      status: 'shipped',
      items: [{ title: '南部鉄器 急須', quantity: 1, price: 12800 }],
    }
    store.docs.orders.changed('orders', 'ord_sato')
    await store.close()
    rakuten.userAsks({
      userName: '佐藤花子',
      maskEmail: 'sato@pc.fw.rakuten.ne.jp',
      message: '配送状況を教えてください。',
      orderNumber: '398217-20261120-0099887766',
    })
    const engine = await engineAt('rakuten-order')
    const call = caller(engine)
    const account = await addRakuten(engine)
    await call('account.sync', { id: account.id })
    const rows = (await call<InboxPage>('inbox.list', { view: 'all', limit: 10 })).rows
    expect(rows.map((r) => r.customerId)).toEqual(['cus_sato'])
    const customer = await call<CustomerView>('customer.get', { customerId: 'cus_sato' })
    expect(customer.customer.keys).toContainEqual({ kind: 'relay', value: 'sato@pc.fw.rakuten.ne.jp' })
    expect(customer.timeline.map((m) => m.channel)).toEqual(['rakuten'])
  })

  it('replies through the API once, refusing one longer than Rakuten takes', async () => {
    rakuten = await startRakutenEmulator()
    const n = rakuten.userAsks({
      userName: '花子',
      maskEmail: 'hanako@pc.fw.rakuten.ne.jp',
      message: '在庫はありますか？',
    })
    const engine = await engineAt('rakuten-reply')
    const call = caller(engine)
    const account = await addRakuten(engine)
    await call('account.sync', { id: account.id })
    const rows = (await call<InboxPage>('inbox.list', { view: 'all', limit: 10 })).rows
    const customer = await call<CustomerView>('customer.get', { customerId: rows[0]!.customerId })
    const conversationId = customer.conversations[0]!.id
    await call('conversation.markSeen', { conversationId })
    await until(() => rakuten.inquiries.get(n)!.readByMerchant || undefined)
    // What Rakuten would refuse is refused before it is queued, saying what to change.
    const tooLong = await engine.call('message.send', {
      accountId: account.id,
      conversationId,
      to: [{ address: 'hanako@pc.fw.rakuten.ne.jp' }],
      subject: 'Re',
      text: 'あ'.repeat(2001),
    })
    expect(!tooLong.ok && tooLong.error).toMatchObject({ code: 'bad_request', message: /at most 2,000 characters/ })
    const withFile = await engine.call('message.send', {
      accountId: account.id,
      conversationId,
      to: [{ address: 'hanako@pc.fw.rakuten.ne.jp' }],
      subject: 'Re',
      text: '写真です',
      attachments: [{ name: 'a.jpg', contentType: 'image/jpeg', dataBase64: 'AAAA' }],
    })
    expect(!withFile.ok && withFile.error.issues?.[0]?.path).toBe('attachments')
    expect(await call<OutboxItem[]>('outbox.list', {})).toEqual([])
    const ok = await sendAndSettle(engine, account.id, conversationId, 'ございます。本日発送できます。')
    expect(ok.state).toBe('sent')
    expect(ok.remoteMessageId).toBe(`<rakuten.${n}.r0@api.rms.rakuten.co.jp>`)
    expect(rakuten.merchantReplies(n).map((r) => r.message)).toEqual(['ございます。本日発送できます。'])
    await call('account.sync', { id: account.id })
    const view = await call<ConversationView>('conversation.get', { conversationId })
    expect(view.messages.map((m) => m.direction)).toEqual(['in', 'out'])
  })
})
