// Builds orders from a parsed order table and a column mapping. Every row is checked and every
// problem is named by line and column; the caller imports nothing when there is any, so a
// bad file is never half imported. Rows of one order (one per line item) become one order.
import type { Channel, Order, OrderLine } from '../model'
import { FORMATS } from './formats'
import type { ColumnMapping, ImportedOrder, OrderFormat, OrderProblem, OrderTable, TableRow } from './fields'
import { REQUIRED_FIELDS } from './fields'
import { parseAmount, parseDate, parseStatus } from './values'

export interface ReadOptions {
  format: OrderFormat
  mapping: ColumnMapping
  /** Where the orders were placed; a known export has its own. */
  channel?: Channel
  /** The seller's offset from UTC in minutes (+540 in Japan), for times written without a zone. */
  offsetMinutes: number
}

export interface ReadResult {
  orders: ImportedOrder[]
  problems: OrderProblem[]
  /** Rows left out on purpose: blank ones, repeated ones, an export's footer. */
  skipped: number
}

/** eBay ends its report with "N record(s) downloaded, from … to …" and "Seller ID : …". */
const FOOTER = /record\(s\) downloaded|^seller id\s*:/i
/** Enough problems to fix a file by; a thousand of the same one help nobody. */
const MAX_PROBLEMS = 50

export function readOrders(table: OrderTable, options: ReadOptions): ReadResult {
  const problems: OrderProblem[] = []
  const spec = options.format === 'generic' ? undefined : FORMATS[options.format]
  const channel = options.channel ?? spec?.channel ?? 'email'
  const index = new Map(table.headers.map((h, i) => [h, i] as const))
  for (const field of REQUIRED_FIELDS) {
    if (!options.mapping[field]) {
      problems.push({ row: table.headerLine, message: `No column is chosen for ${FIELD_WORDS[field]}.` })
    }
  }
  for (const [field, header] of Object.entries(options.mapping)) {
    if (header !== undefined && !index.has(header)) {
      problems.push({
        row: table.headerLine,
        column: header,
        message: `There is no column "${header}" (for ${FIELD_WORDS[field as keyof typeof FIELD_WORDS]}) in the header on line ${table.headerLine}.`,
      })
    }
  }
  if (problems.length > 0) return { orders: [], problems, skipped: 0 }

  const japanese = table.headers.some((h) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(h))
  const byNumber = new Map<string, { order: ImportedOrder; seen: Set<string>; totalSet: boolean }>()
  let skipped = 0
  for (const row of table.rows) {
    if (problems.length >= MAX_PROBLEMS) break
    if (row.cells.every((c) => c.trim() === '')) {
      skipped++
      continue
    }
    if (row.cells.length < table.headers.length && FOOTER.test(row.cells[0]!.trim())) {
      skipped++
      continue
    }
    const extra = row.cells.slice(table.headers.length)
    if (row.cells.length < table.headers.length || extra.some((c) => c.trim() !== '')) {
      problems.push({
        row: row.line,
        message: `Line ${row.line} has ${row.cells.length} cells but the header has ${table.headers.length}: a separator or a quote is missing or extra.`,
      })
      continue
    }
    const cell = (header: string | undefined) =>
      header !== undefined ? (row.cells[index.get(header)!] ?? '').trim() : ''
    const field = (f: keyof ColumnMapping) => cell(options.mapping[f])
    const problem = (f: keyof ColumnMapping, message: string) =>
      problems.push({
        row: row.line,
        column: options.mapping[f],
        message: `Line ${row.line}, column "${options.mapping[f]}": ${message}`,
      })

    const number = field('orderNumber')
    if (!number) {
      problem('orderNumber', 'the order number is empty.')
      continue
    }
    let entry = byNumber.get(number)
    const key = row.cells.join('\u0000')
    if (entry?.seen.has(key)) {
      // The same row twice (an export appended to itself): counted once.
      skipped++
      continue
    }
    if (!entry) {
      const placedRaw = field('placedAt')
      const placedAt = parseDate(placedRaw, options.offsetMinutes)
      if (!placedAt) {
        problem(
          'placedAt',
          placedRaw ? `"${placedRaw}" is not a date this app can read (e.g. 2026-11-20 14:05).` : 'the date is empty.',
        )
        continue
      }
      entry = {
        order: {
          channel,
          orderNumber: number,
          placedAt,
          currency: '',
          total: 0,
          status: 'pending',
          items: [],
          buyer: {},
          row: row.line,
        },
        seen: new Set(),
        totalSet: false,
      }
      byNumber.set(number, entry)
    }
    entry.seen.add(key)
    const { order } = entry
    const buyer = order.buyer
    buyer.name ||= field('buyerName') || undefined
    buyer.phone ||= field('phone') || undefined
    buyer.buyerId ||= field('buyerId') || undefined
    const email = field('email')
    if (email && !buyer.email) {
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problem('email', `"${email}" is not an e-mail address.`)
      else buyer.email = email
    }
    order.trackingNumber ||= field('trackingNumber') || undefined
    order.carrier ||= field('carrier') || undefined
    const currency = field('currency').toUpperCase()
    if (currency && !order.currency) {
      if (!/^[A-Z]{3}$/.test(currency)) problem('currency', `"${currency}" is not a currency code such as USD or JPY.`)
      else order.currency = currency
    }
    const status = spec?.status ? spec.status((h) => cell(index.has(h) ? h : undefined)) : parseStatus(field('status'))
    if (status && (order.status === 'pending' || entry.seen.size === 1)) order.status = status

    const totalRaw = field('total')
    if (totalRaw && !entry.totalSet) {
      const total = parseAmount(totalRaw)
      if (!total) problem('total', `"${totalRaw}" is not an amount.`)
      else {
        order.total = total.value
        order.currency ||= total.currency ?? ''
        entry.totalSet = true
      }
    }
    const title = field('itemTitle')
    if (title) {
      const line = lineOf(field('quantity'), field('price'), spec?.priceIsLineTotal === true, problem)
      if (line) {
        order.items.push({ title, ...(field('sku') ? { sku: field('sku') } : {}), ...line.line })
        order.currency ||= line.currency ?? ''
      }
    }
  }
  const orders = [...byNumber.values()].map(({ order, totalSet }) => {
    if (!totalSet) order.total = round(order.items.reduce((n, l) => n + l.price * l.quantity, 0))
    if (!order.currency) order.currency = japanese || channel === 'rakuten' || channel === 'yahoo' ? 'JPY' : 'USD'
    return order
  })
  return { orders, problems, skipped }
}

function lineOf(
  quantityRaw: string,
  priceRaw: string,
  priceIsLineTotal: boolean,
  problem: (f: 'quantity' | 'price', message: string) => void,
): { line: Omit<OrderLine, 'title' | 'sku'>; currency?: string } | undefined {
  let quantity = 1
  if (quantityRaw) {
    const q = quantityRaw.normalize('NFKC').replace(/,/g, '')
    if (!/^\d+$/.test(q) || +q === 0) {
      problem('quantity', `"${quantityRaw}" is not a quantity (a whole number above 0).`)
      return undefined
    }
    quantity = +q
  }
  if (!priceRaw) return { line: { quantity, price: 0 } }
  const price = parseAmount(priceRaw)
  if (!price) {
    problem('price', `"${priceRaw}" is not an amount.`)
    return undefined
  }
  return {
    line: { quantity, price: priceIsLineTotal ? round(price.value / quantity) : price.value },
    currency: price.currency,
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}

const FIELD_WORDS = {
  orderNumber: 'the order number',
  placedAt: 'the order date',
  buyerName: "the buyer's name",
  email: 'the e-mail address',
  phone: 'the phone number',
  buyerId: 'the buyer id',
  itemTitle: 'the item',
  sku: 'the SKU',
  quantity: 'the quantity',
  price: 'the price',
  total: 'the total',
  currency: 'the currency',
  status: 'the status',
  trackingNumber: 'the tracking number',
  carrier: 'the carrier',
} as const

/** Whether two imports of one order differ in what a newer export can change. */
export function orderChanged(before: Order, after: Omit<Order, 'id' | 'customerId'>): boolean {
  return (
    before.status !== after.status ||
    before.total !== after.total ||
    before.currency !== after.currency ||
    (before.trackingNumber ?? '') !== (after.trackingNumber ?? '') ||
    (before.carrier ?? '') !== (after.carrier ?? '') ||
    JSON.stringify(before.items) !== JSON.stringify(after.items) ||
    before.placedAt !== after.placedAt
  )
}

export type { TableRow }
