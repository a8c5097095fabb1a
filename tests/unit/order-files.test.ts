import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeOrderFile, OrderFileError, readOrderFile, tableOf } from '../../main/channels/import/orders-csv'
import { detectFormat } from '../../main/core/orders/formats'
import { mappingFor, proposeMapping } from '../../main/core/orders/mapping'
import { readOrders } from '../../main/core/orders/rows'
import { parseAmount, parseDate } from '../../main/core/orders/values'
import type { OrderFormat } from '../../main/core/orders/fields'

const FIXTURES = join(__dirname, '..', 'fixtures', 'orders')
const fixture = (name: string) => join(FIXTURES, name)

async function ordersOf(name: string, format?: OrderFormat) {
  const { table, encoding } = await readOrderFile(fixture(name))
  const f = format ?? detectFormat(table.headers)
  return {
    encoding,
    format: f,
    ...readOrders(table, { format: f, mapping: mappingFor(f, table.headers), offsetMinutes: 0 }),
  }
}

describe('reading order files', () => {
  it('keeps a line break inside a quoted cell and counts lines as an editor does', () => {
    const table = tableOf('Name,Notes,Total\n#1,"first line\nsecond line",3\n#2,plain,4\n')
    expect(table.rows).toEqual([
      { line: 2, cells: ['#1', 'first line\nsecond line', '3'] },
      { line: 4, cells: ['#2', 'plain', '4'] },
    ])
  })

  it('drops a UTF-8 byte order mark so the first header is read as written', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('注文番号,注文日\nA-1,2026-11-01\n')])
    const { text, encoding } = decodeOrderFile(bytes)
    expect(encoding).toBe('utf-8-bom')
    expect(tableOf(text).headers).toEqual(['注文番号', '注文日'])
  })

  it('reads a Shift_JIS export from a Japanese marketplace, NEC special characters included', async () => {
    const { encoding, format, orders, problems } = await ordersOf('rakuten-sjis.csv')
    expect(encoding).toBe('shift_jis')
    expect(format).toBe('generic')
    expect(problems).toEqual([])
    expect(orders[0]).toMatchObject({
      orderNumber: '100123-20261120-0000012345',
      total: 3240,
      currency: 'JPY',
      trackingNumber: '4455-6677-8899',
      buyer: { name: '高橋 由美', email: 'yumi.takahashi@example.ne.jp', phone: '03-5555-1234' },
    })
    expect(orders[0]!.items[0]!.title).toBe('静岡 深蒸し煎茶 100g ①')
    expect(orders[1]!.items[0]).toMatchObject({ title: '萬古焼 急須 ㈱森田窯', price: 4800 })
  })

  it('refuses bytes that are neither UTF-8 nor Shift_JIS, naming the line', () => {
    expect(() => decodeOrderFile(readFileSync(fixture('bad-encoding.csv')))).toThrow(
      /Line 2 has a byte \(0x[0-9A-F]{2}\)/,
    )
  })

  it('says where a quote was opened and never closed', async () => {
    const err = await readOrderFile(fixture('bad-quoting.csv')).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OrderFileError)
    expect((err as OrderFileError).problems[0]).toMatchObject({ row: 2, column: 'Lineitem name' })
  })

  it('skips the blank preamble and the footer of an eBay orders report', async () => {
    const { format, orders, problems, skipped } = await ordersOf('ebay-orders.csv')
    expect(format).toBe('ebay')
    expect(problems).toEqual([])
    expect(skipped).toBeGreaterThanOrEqual(2)
    expect(orders.map((o) => o.orderNumber)).toEqual(['12-11482-55071', '03-11490-12345'])
    expect(orders[0]).toMatchObject({
      channel: 'ebay',
      total: 92,
      currency: 'USD',
      status: 'shipped',
      placedAt: '2026-11-14T00:00:00.000Z',
      trackingNumber: '9400111899223344556677',
      buyer: { buyerId: 'kettle_collector77', name: 'Rafael Souza' },
      items: [{ title: 'Cast iron tetsubin kettle 0.8 L', sku: 'TET-08', quantity: 1, price: 80 }],
    })
    expect(orders[1]!.status).toBe('pending')
  })

  it('joins the line-item rows of a Shopify order and reads its state from the payment and fulfilment columns', async () => {
    const { format, orders, problems } = await ordersOf('shopify-orders.csv')
    expect(format).toBe('shopify')
    expect(problems).toEqual([])
    expect(orders).toHaveLength(3)
    expect(orders[0]).toMatchObject({
      orderNumber: '#1041',
      channel: 'email',
      total: 94,
      status: 'shipped',
      placedAt: '2026-11-02T17:13:51.000Z',
      buyer: { email: 'olivia.hart@example.com', name: 'Olivia Hart', phone: '+1 503-555-0142' },
    })
    expect(orders[0]!.items.map((i) => [i.title, i.quantity, i.price])).toEqual([
      ['Kyusu teapot (tokoname red clay)', 1, 68],
      ['Yunomi cup, 180 ml', 2, 9],
    ])
    expect(orders[1]).toMatchObject({ currency: 'GBP', status: 'pending' })
    expect(orders[2]).toMatchObject({ currency: 'JPY', status: 'returned', buyer: { name: '田中 美香' } })
  })

  it('reads an Amazon tab-separated report, where item-price is the whole line and titles may hold a quote', async () => {
    const { format, orders, problems } = await ordersOf('amazon-orders.txt')
    expect(format).toBe('amazon')
    expect(problems).toEqual([])
    expect(orders[0]).toMatchObject({
      orderNumber: '114-3941689-8772232',
      channel: 'amazon',
      total: 70.48,
      status: 'shipped',
    })
    expect(orders[0]!.items[0]).toMatchObject({
      title: 'Ceremonial matcha 30 g tin, 6" whisk bundle',
      quantity: 2,
      price: 25.99,
    })
    expect(orders[1]).toMatchObject({
      total: 2340,
      currency: 'JPY',
      status: 'pending',
      placedAt: '2026-11-11T16:05:44.000Z',
    })
  })

  it('counts a row repeated in the file once', () => {
    const table = tableOf(
      'Order No,Date,Product,Qty,Unit Price\nA-1,2026-11-01,Cup,1,5\nA-1,2026-11-01,Cup,1,5\nA-1,2026-11-01,Lid,1,2\n',
    )
    const { orders, skipped } = readOrders(table, {
      format: 'generic',
      mapping: proposeMapping(table.headers),
      offsetMinutes: 0,
    })
    expect(skipped).toBe(1)
    expect(orders).toHaveLength(1)
    expect(orders[0]!.items.map((i) => i.title)).toEqual(['Cup', 'Lid'])
    expect(orders[0]!.total).toBe(7)
  })

  it('names the row and column of an amount or date it cannot read, and of a row with a missing separator', async () => {
    expect((await ordersOf('bad-amount.csv')).problems).toEqual([
      { row: 3, column: 'Total', message: 'Line 3, column "Total": "twelve" is not an amount.' },
    ])
    expect((await ordersOf('bad-date.csv')).problems[0]).toMatchObject({ row: 2, column: 'Created at' })
    const table = tableOf('Order No,Date,Product\nA-1,2026-11-01\n')
    expect(
      readOrders(table, { format: 'generic', mapping: proposeMapping(table.headers), offsetMinutes: 0 }).problems[0],
    ).toMatchObject({ row: 2 })
  })

  it('knows a file without an order number column cannot be imported', async () => {
    const { problems } = await ordersOf('bad-columns.csv')
    expect(problems[0]!.message).toMatch(/No column is chosen for the order number/)
  })
})

describe('proposing a column mapping', () => {
  it('maps Japanese headers', () => {
    expect(
      proposeMapping(['注文番号', '注文日', '購入者名', 'メールアドレス', '電話番号', '商品名', '数量', '金額']),
    ).toEqual({
      orderNumber: '注文番号',
      placedAt: '注文日',
      buyerName: '購入者名',
      email: 'メールアドレス',
      phone: '電話番号',
      itemTitle: '商品名',
      quantity: '数量',
      total: '金額',
    })
  })

  it('maps English headers written in other ways, each column once', () => {
    expect(
      proposeMapping([
        'Order No.',
        'Date',
        'Customer Name',
        'E-mail',
        'Product',
        'Qty',
        'Unit Price',
        'Order Total',
        'Status',
      ]),
    ).toEqual({
      orderNumber: 'Order No.',
      placedAt: 'Date',
      buyerName: 'Customer Name',
      email: 'E-mail',
      itemTitle: 'Product',
      quantity: 'Qty',
      price: 'Unit Price',
      total: 'Order Total',
      status: 'Status',
    })
  })

  it('finds a known name inside a longer header', () => {
    expect(proposeMapping(['ご注文番号', 'ご注文日時']).orderNumber).toBe('ご注文番号')
  })
})

describe('cell values', () => {
  it('reads amounts with currency signs, codes and separators', () => {
    expect(parseAmount('US $1,234.50')).toEqual({ value: 1234.5, currency: 'USD' })
    expect(parseAmount('¥3,960')).toEqual({ value: 3960, currency: 'JPY' })
    expect(parseAmount('１，６２０円')).toEqual({ value: 1620, currency: 'JPY' })
    expect(parseAmount('EUR 12.00')).toEqual({ value: 12, currency: 'EUR' })
    expect(parseAmount('12,34')).toBeUndefined()
    expect(parseAmount('n/a')).toBeUndefined()
  })

  it('reads dates with and without zones, and refuses impossible ones', () => {
    expect(parseDate('2026-11-20 10:15:32 +0900', 0)).toBe('2026-11-20T01:15:32.000Z')
    expect(parseDate('2026/11/18 13:20', 540)).toBe('2026-11-18T04:20:00.000Z')
    expect(parseDate('2026年11月18日', 0)).toBe('2026-11-18T00:00:00.000Z')
    expect(parseDate('Nov-14-26', 0)).toBe('2026-11-14T00:00:00.000Z')
    expect(parseDate('2026-02-31', 0)).toBeUndefined()
    expect(parseDate('31/02/2026', 0)).toBeUndefined()
  })
})
