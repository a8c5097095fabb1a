// Order files and hand-made merges and splits through the engine: imports are all or nothing
// and idempotent, and the seller's merge/split decisions survive re-imports and new mail.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../main/engine/engine'
import type {
  ApiError,
  CustomerMatch,
  CustomerView,
  IdentityChangeResult,
  OrderImportResult,
  OrderPreview,
} from '../../preload/api'

const FIXTURES = join(__dirname, '..', 'fixtures', 'orders')
let dir: string
let engine: Engine

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await engine.call(method, input)
  if (!r.ok) throw Object.assign(new Error(`${method}: ${r.error.message}`), { api: r.error })
  return r.value as T
}

async function failure(method: string, input: unknown): Promise<ApiError> {
  const r = await engine.call(method, input)
  if (r.ok) throw new Error(`${method} succeeded`)
  return r.error
}

let mails = 0
/** Imports one message from `from`, as if it had arrived. */
async function mail(from: string, subject: string): Promise<void> {
  const file = join(dir, `m${++mails}.eml`)
  await fs.writeFile(
    file,
    `From: ${from}\r\nTo: shop@teaware.example\r\nSubject: ${subject}\r\nDate: Fri, 20 Nov 2026 09:00:0${mails % 10} +0000\r\nMessage-ID: <m${mails}@test.example>\r\n\r\n${subject}\r\n`,
  )
  await call('import.files', { paths: [file] })
}

async function customerByKey(value: string): Promise<CustomerView | undefined> {
  for (const match of await call<CustomerMatch[]>('customer.find', { query: value })) {
    const view = await call<CustomerView>('customer.get', { customerId: match.id })
    if (view.customer.keys.some((k) => k.value === value)) return view
  }
  return undefined
}

async function customerCount(): Promise<number> {
  return (await call<{ counts: { customers: number } }>('app.info', {})).counts.customers
}

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'orders-'))
  engine = await Engine.start({
    dataDir: join(dir, 'data'),
    keyFile: join(dir, 'key'),
    sync: false,
    log: () => undefined,
  })
})

afterAll(async () => {
  await engine?.close()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('order import', () => {
  it('previews a Shopify export: format, encoding, mapping and first rows', async () => {
    const preview = await call<OrderPreview>('orders.preview', { path: join(FIXTURES, 'shopify-orders.csv') })
    expect(preview).toMatchObject({
      detectedFormat: 'shopify',
      format: 'shopify',
      encoding: 'utf-8',
      orders: 3,
      problems: [],
    })
    expect(preview.mapping.orderNumber).toBe('Name')
    expect(preview.rows[0]![0]).toBe('#1041')
  })

  it('joins an order to the customer who wrote from its e-mail address; importing again changes nothing', async () => {
    await mail('Olivia Hart <olivia.hart@example.com>', 'Is the red clay teapot back in stock?')
    const path = join(FIXTURES, 'shopify-orders.csv')
    const first = await call<OrderImportResult>('orders.import', { path, format: 'shopify' })
    expect(first).toMatchObject({ added: 3, updated: 0, unchanged: 0, customersCreated: 2, customersJoined: 1 })
    const olivia = await customerByKey('olivia.hart@example.com')
    expect(olivia!.orders.map((o) => o.orderNumber)).toEqual(['#1041'])
    expect(olivia!.customer.keys).toContainEqual({ kind: 'order', value: '#1041' })
    const again = await call<OrderImportResult>('orders.import', { path, format: 'shopify' })
    expect(again).toMatchObject({ added: 0, updated: 0, unchanged: 3, customersCreated: 0, customersJoined: 0 })
  })

  it('imports a Shift_JIS file through the mapping step', async () => {
    const path = join(FIXTURES, 'rakuten-sjis.csv')
    const preview = await call<OrderPreview>('orders.preview', { path })
    expect(preview).toMatchObject({ encoding: 'shift_jis', format: 'generic', problems: [] })
    const result = await call<OrderImportResult>('orders.import', {
      path,
      format: 'generic',
      mapping: preview.mapping,
      channel: 'rakuten',
    })
    expect(result).toMatchObject({ added: 2, customersCreated: 2 })
    const yumi = await customerByKey('yumi.takahashi@example.ne.jp')
    expect(yumi!.customer).toMatchObject({ name: '高橋 由美', language: 'ja' })
    expect(yumi!.orders[0]).toMatchObject({ channel: 'rakuten', total: 3240, currency: 'JPY' })
  })

  it('refuses a bad file whole, naming the row and column, and writes nothing', async () => {
    const before = await customerCount()
    const amount = await failure('orders.import', { path: join(FIXTURES, 'bad-amount.csv'), format: 'shopify' })
    expect(amount.code).toBe('bad_request')
    expect(amount.message).toMatch(/^Nothing was imported\. Line 3, column "Total": "twelve" is not an amount\./)
    expect(amount.issues![0]!.path).toBe('row 3, column Total')
    // Line 2 of that file is fine, yet it was not imported either.
    expect(await customerByKey('ana@example.com')).toBeUndefined()
    const quoting = await failure('orders.import', { path: join(FIXTURES, 'bad-quoting.csv'), format: 'shopify' })
    expect(quoting.issues![0]!.path).toBe('row 2, column Lineitem name')
    const columns = await failure('orders.import', { path: join(FIXTURES, 'bad-columns.csv'), format: 'shopify' })
    expect(columns.message).toMatch(/not a Shopify orders export/)
    const encoding = await failure('orders.import', { path: join(FIXTURES, 'bad-encoding.csv'), format: 'shopify' })
    expect(encoding.message).toMatch(/Line 2 has a byte/)
    const twice = await failure('orders.import', {
      path: join(FIXTURES, 'generic-en.csv'),
      format: 'generic',
      mapping: { orderNumber: 'Order No.', placedAt: 'Date', buyerName: 'Order No.' },
    })
    expect(twice.issues).toEqual([{ path: 'mapping', message: 'One column cannot hold two fields.' }])
    const missing = await failure('orders.import', { path: join(dir, 'nope.csv'), format: 'generic' })
    expect(missing.message).toMatch(/There is no file/)
    expect(await customerCount()).toBe(before)
  })
})

describe('merging and splitting by hand', () => {
  it('keeps a merge through a re-import and new mail, and undoes it', async () => {
    const amazon = join(FIXTURES, 'amazon-orders.txt')
    await call('orders.import', { path: amazon, format: 'amazon' })
    const olivia = (await customerByKey('olivia.hart@example.com'))!
    const grace = (await customerByKey('3xk9p2m4rwz7q1s@marketplace.amazon.com'))!
    const merged = await call<IdentityChangeResult>('customer.merge', {
      keepId: olivia.customer.id,
      mergeId: grace.customer.id,
    })
    expect(merged.removed).toEqual([grace.customer.id])
    expect(merged.customers[0]!.aliases).toEqual(['Grace Lindqvist'])

    const count = await customerCount()
    expect(await call<OrderImportResult>('orders.import', { path: amazon, format: 'amazon' })).toMatchObject({
      added: 0,
      unchanged: 2,
      customersCreated: 0,
    })
    await mail('3xk9p2m4rwz7q1s@marketplace.amazon.com', 'Where is my matcha?')
    expect(await customerCount()).toBe(count)
    const view = await call<CustomerView>('customer.get', { customerId: olivia.customer.id })
    expect(view.orders.map((o) => o.orderNumber)).toContain('114-3941689-8772232')
    expect(view.conversations.map((c) => c.subject)).toContain('Where is my matcha?')

    const undone = await call<IdentityChangeResult>('customer.undoIdentity', {})
    expect(undone.undone).toBe(true)
    const back = await call<CustomerView>('customer.get', { customerId: grace.customer.id })
    expect(back.customer.name).toBe('Grace Lindqvist')
    expect(back.orders.map((o) => o.orderNumber)).toEqual(['114-3941689-8772232'])
    const restored = await call<CustomerView>('customer.get', { customerId: olivia.customer.id })
    expect(restored.customer.aliases).toBeUndefined()
  })

  it('sends new mail from a split-off address to the new customer, also after a re-import', async () => {
    await mail('Hiro Mori <hiro.mori@example.com>', 'Chataku set: which wood?')
    await call('orders.import', { path: join(FIXTURES, 'ebay-orders.csv'), format: 'ebay' })
    const hiro = (await customerByKey('hiro.mori@example.com'))!
    expect(hiro.customer.keys.map((k) => k.value)).toEqual([
      'hiro.mori@example.com',
      '03-11490-12345',
      'ebay:mokuzai-jp',
    ])
    // The eBay account turns out to be his sister's: her order and buyer id go to a new customer.
    const split = await call<IdentityChangeResult>('customer.split', {
      customerId: hiro.customer.id,
      keys: ['order:03-11490-12345', 'buyer:ebay:mokuzai-jp'],
      name: 'Yuki Mori',
    })
    const yuki = split.customers.find((c) => c.name === 'Yuki Mori')!
    expect(
      (await call<CustomerView>('customer.get', { customerId: yuki.id })).orders.map((o) => o.orderNumber),
    ).toEqual(['03-11490-12345'])
    expect(
      await call<OrderImportResult>('orders.import', { path: join(FIXTURES, 'ebay-orders.csv'), format: 'ebay' }),
    ).toMatchObject({
      added: 0,
      customersCreated: 0,
    })
    expect(
      (await call<CustomerView>('customer.get', { customerId: hiro.customer.id })).customer.keys.map((k) => k.value),
    ).toEqual(['hiro.mori@example.com'])

    // Undone: Yuki is gone and her keys and order are Hiro's again.
    expect((await call<IdentityChangeResult>('customer.undoIdentity', { changeId: split.changeId })).undone).toBe(true)
    expect(await customerByKey('ebay:mokuzai-jp')).toMatchObject({ customer: { id: hiro.customer.id } })
    expect((await failure('customer.get', { customerId: yuki.id })).code).toBe('not_found')

    // Mail from an address moved to a new customer goes to that customer from then on.
    const again = await call<IdentityChangeResult>('customer.split', {
      customerId: hiro.customer.id,
      keys: ['email:hiro.mori@example.com'],
      conversationIds: hiro.conversations.map((c) => c.id),
      name: 'Hiro Mori (shop mail)',
    })
    const created = again.customers.find((c) => c.name === 'Hiro Mori (shop mail)')!
    await mail('Hiro Mori <hiro.mori@example.com>', 'Thanks, it arrived')
    const view = await call<CustomerView>('customer.get', { customerId: created.id })
    expect(view.conversations.map((c) => c.subject).sort()).toEqual(['Chataku set: which wood?', 'Thanks, it arrived'])
  })
})
