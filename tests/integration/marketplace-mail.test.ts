// Marketplace mail through the whole engine: .eml fixtures imported with import.files and a
// relay mail synced from the Dovecot rig land on the marketplace's channel, with the buyer (never
// the notification robot) as the customer, joined to the customer who placed the order.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../main/engine/engine'
import { Store } from '../../main/store/store'
import type { AccountView, AppInfo, CustomerView, ImportReport, InboxPage, InboxRow } from '../../preload/api'
import { startDovecot, type DovecotRig } from '../rigs/dovecot'

const FIXTURES = join(__dirname, '../fixtures/marketplaces')
const SHOP = 'shop@kotoha-tea.example'

let dir: string
let engine: Engine
let report: ImportReport

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await engine.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`)
  return r.value as T
}

async function rows(): Promise<InboxRow[]> {
  return (await call<InboxPage>('inbox.list', { view: 'all', limit: 200 })).rows
}

async function customerNamed(name: string): Promise<CustomerView> {
  const row = (await rows()).find((r) => r.name === name)
  if (!row) throw new Error(`no customer named ${name}: ${(await rows()).map((r) => r.name).join(', ')}`)
  return call<CustomerView>('customer.get', { customerId: row.customerId })
}

/** A customer who ordered by e-mail before; their Amazon order is in the orders document. */
async function seedEmilysOrder(dataDir: string): Promise<void> {
  const store = await Store.open(dataDir)
  store.customers.cus_emily = {
    id: 'cus_emily',
    name: 'Emily Carter',
    language: 'en',
    keys: [{ kind: 'email', value: 'emily.carter@example.com' }],
    tags: [],
    note: '',
    createdAt: '2026-10-01T00:00:00.000Z',
  }
  store.docs.customers.changed('customers', 'cus_emily')
  await store.load('orders')
  store.orders.ord_emily = {
    id: 'ord_emily',
    customerId: 'cus_emily',
    channel: 'amazon',
    orderNumber: '112-4827361-5093318',
    placedAt: '2026-11-10T00:00:00.000Z',
    currency: 'USD',
    total: 89,
    status: 'delivered',
    items: [{ title: 'Cast iron tetsubin kettle, 0.8 L', quantity: 1, price: 89 }],
  }
  store.docs.orders.changed('orders', 'ord_emily')
  await store.close()
}

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'marketplace-mail-'))
  const dataDir = join(dir, 'data')
  await seedEmilysOrder(dataDir)
  // The seller's own rules: one good, one with a broken pattern.
  await fs.writeFile(
    join(dataDir, 'marketplace-rules.json'),
    JSON.stringify({
      rules: [
        {
          id: 'base-shop',
          marketplace: 'yahoo',
          match: { from: ['@thebase\\.example$'] },
          reply: 'site',
          site: { url: 'https://admin.thebase.example/', hosts: ['thebase.example'] },
        },
        { id: 'typo', marketplace: 'etsy', match: { subject: ['[unclosed'] }, reply: 'relay' },
      ],
    }),
  )
  engine = await Engine.start({ dataDir, keyFile: join(dir, 'secret.key'), sync: false, log: () => undefined })
  const files = (await fs.readdir(FIXTURES)).filter((f) => f.endsWith('.eml')).map((f) => join(FIXTURES, f))
  report = await call<ImportReport>('import.files', { paths: files })
}, 60_000)

afterAll(async () => {
  await engine?.close()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('marketplace mail imported from .eml files', () => {
  it('imports every fixture', () => {
    expect(report).toMatchObject({ imported: 17, duplicates: 0, unreadable: 0, errors: [] })
  })

  it('names the broken rule and field in a notice, and the other rules keep working', async () => {
    const info = await call<AppInfo>('app.info', {})
    const notice = info.notices.find((n) => n.message.includes('marketplace-rules.json'))
    expect(notice?.message).toMatch(/typo: match\.subject\[0\] is not a valid regular expression/)
    expect(notice?.action).toMatch(/Fix the file/)
  })

  it('joins an Amazon relay message with an order number to the customer who placed that order', async () => {
    const emily = await customerNamed('Emily Carter')
    expect(emily.customer.keys).toContainEqual({ kind: 'relay', value: 'k8x2m4q9z7w1v3p@marketplace.amazon.com' })
    // The inquiry and the follow-up name one order: one conversation, on the Amazon channel.
    expect(emily.conversations).toHaveLength(1)
    expect(emily.conversations[0]).toMatchObject({
      channel: 'amazon',
      orderNumber: '112-4827361-5093318',
      messageCount: 2,
      reply: { mode: 'relay', address: 'k8x2m4q9z7w1v3p@marketplace.amazon.com' },
    })
    expect(emily.timeline[0]!.marketplace).toMatchObject({ kind: 'question', itemId: 'B0CKT3TSB1' })
  })

  it('makes the eBay buyer the customer, not the members@ebay.com notifier', async () => {
    const names = (await rows()).map((r) => r.name)
    expect(names).not.toContain('eBay')
    const buyer = await customerNamed('teapot_fan42')
    expect(buyer.customer.keys).toContainEqual({ kind: 'buyer', value: 'ebay:teapot_fan42' })
    expect(buyer.customer.keys.some((k) => k.value === 'members@ebay.com')).toBe(false)
    // The question about the item and the return request for it are one conversation.
    expect(buyer.conversations).toHaveLength(1)
    expect(buyer.conversations[0]).toMatchObject({ channel: 'ebay', messageCount: 2, orderNumber: '19-13942-77215' })
    expect(buyer.timeline.map((m) => m.marketplace?.kind)).toEqual(['question', 'return'])
  })

  it('puts each marketplace on its channel, with a site link where replies are site-only', async () => {
    const byName = async (name: string) => (await customerNamed(name)).conversations[0]!
    // Her question and her later review (about another order) are two conversations, each with its link.
    const hannah = await customerNamed('Hannah Brooks')
    const links = hannah.conversations.map((c) => [c.channel, c.reply?.mode === 'site' ? c.reply.url : ''])
    expect(links.sort()).toEqual([
      ['etsy', 'https://www.etsy.com/your/conversations/1598237741'],
      ['etsy', 'https://www.etsy.com/your/reviews'],
    ])
    expect(await byName('Marcus Reed')).toMatchObject({ channel: 'walmart', orderNumber: '108912345678901' })
    expect(await byName('鈴木 一郎')).toMatchObject({
      channel: 'rakuten',
      reply: { mode: 'relay', address: 'suzuki8k2f4q@fw.rakuten.ne.jp' },
    })
    expect(await byName('高橋 美咲')).toMatchObject({ channel: 'yahoo', reply: { mode: 'site' } })
    expect(await byName('さくら')).toMatchObject({ channel: 'mercari', reply: { mode: 'site' } })
    expect(await byName('Grace Turner')).toMatchObject({ channel: 'amazon', reply: { mode: 'site' } })
    expect(await byName('小林 直子')).toMatchObject({ channel: 'email' })
    expect((await byName('小林 直子')).reply).toBeUndefined()
  })

  it('joins a Rakuten review to the return inquiry about the same order', async () => {
    const mika = await customerNamed('中村 美香')
    expect(mika.conversations).toHaveLength(1)
    expect(mika.conversations[0]).toMatchObject({ channel: 'rakuten', messageCount: 2 })
    expect(mika.timeline.map((m) => m.marketplace?.kind)).toEqual(['return', 'feedback'])
    expect(mika.timeline[1]!.marketplace?.rating).toBe(2)
  })

  it('answers an Amazon question from the account it arrived on, keeping the commMgrTok', async () => {
    const emily = await customerNamed('Emily Carter')
    const draft = await call<{ to: { address: string }[]; text: string }>('message.compose', {
      mode: 'reply',
      conversationId: emily.conversations[0]!.id,
    })
    expect(draft.to.map((a) => a.address)).toEqual(['k8x2m4q9z7w1v3p@marketplace.amazon.com'])
    expect(draft.text).toContain('[commMgrTok:Z9Y8X7W6V5U4T3S2]')
  })
})

/** The seller's answer as their mail app sends it (and IMAP syncs it back from Sent). */
function sellerReply(to: string, inReplyTo: string, subject: string, n: number): string {
  return [
    'Date: Sat, 21 Nov 2026 10:00:00 +0900',
    `From: Kotoha Tea Ware <${SHOP}>`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: <reply-${n}@kotoha-tea.example>`,
    `In-Reply-To: ${inReplyTo}`,
    `References: ${inReplyTo}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    'Thank you, it ships tomorrow.',
    '',
  ].join('\r\n')
}

describe('marketplace mail synced from an IMAP server', () => {
  let rig: DovecotRig
  let account: AccountView

  beforeAll(async () => {
    // A workspace of its own: the import above holds these messages already.
    await engine.close()
    engine = await Engine.start({
      dataDir: join(dir, 'imap-data'),
      keyFile: join(dir, 'secret.key'),
      sync: false,
      log: () => undefined,
    })
    rig = await startDovecot({ users: [{ user: SHOP, password: 'tea-time' }] })
    await rig.createFolder(SHOP, 'Sent')
    await rig.append(SHOP, 'INBOX', await fs.readFile(join(FIXTURES, 'amazon-ja-inquiry.eml')))
    await rig.append(SHOP, 'INBOX', await fs.readFile(join(FIXTURES, 'ebay-member-message.eml')))
    const amazonId = '<0100018f2c77de55-2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e-000000@email.amazonses.co.jp>'
    await rig.append(
      SHOP,
      'Sent',
      sellerReply('m7n5b3v1c9x8z6a@marketplace.amazon.co.jp', amazonId, 'Re: 発送について', 1),
    )
    // eBay's own address (as the demo's sellers answer it): the thread says who the buyer is.
    await rig.append(
      SHOP,
      'Sent',
      sellerReply('members@ebay.com', '<1763443125000.48213.JavaMail.ebay@ebay.com>', 'Re: trivet', 2),
    )
    account = await call<AccountView>('account.add', {
      label: 'Shop mail',
      address: SHOP,
      imap: { host: rig.host, port: rig.port, tls: 'none', user: SHOP },
      // Never used here: nothing is sent.
      smtp: { host: rig.host, port: rig.port, tls: 'none', user: SHOP },
      password: 'tea-time',
      folders: ['Sent'],
    })
    await call('account.sync', { id: account.id })
  }, 60_000)

  afterAll(async () => {
    await rig?.stop()
  })

  it('lands a Japanese Amazon relay mail and the seller’s answer on the Amazon channel, with its buyer', async () => {
    const hanako = await customerNamed('山田 花子')
    expect(hanako.customer).toMatchObject({ language: 'ja' })
    expect(hanako.customer.keys).toEqual(
      expect.arrayContaining([
        { kind: 'relay', value: 'm7n5b3v1c9x8z6a@marketplace.amazon.co.jp' },
        { kind: 'order', value: '250-1234567-7654321' },
      ]),
    )
    expect(hanako.conversations).toEqual([
      expect.objectContaining({
        channel: 'amazon',
        orderNumber: '250-1234567-7654321',
        messageCount: 2,
        reply: expect.objectContaining({ mode: 'relay' }),
      }),
    ])
    expect(hanako.timeline.map((m) => m.direction)).toEqual(['in', 'out'])
  })

  it('files the seller’s answer to eBay’s notifier under the buyer, not under eBay', async () => {
    const names = (await rows()).map((r) => r.name)
    expect(names.sort()).toEqual(['teapot_fan42', '山田 花子'])
    const buyer = await customerNamed('teapot_fan42')
    expect(buyer.conversations).toEqual([expect.objectContaining({ channel: 'ebay', messageCount: 2 })])
  })
})
