// Order import: previews a file (format, encoding, proposed column mapping, first rows,
// problems) and imports it — every row checked first, then orders and customers written in
// one bulk write, so a bad file changes nothing and importing the same file twice adds nothing.
import { randomUUID } from 'node:crypto'
import { EngineError, type OrderImportResult, type OrderPreview, type RequestParams } from '../../preload/api'
import { OrderFileError, readOrderFile } from '../channels/import/orders-csv'
import { FORMATS, detectFormat, missingSignature } from '../core/orders/formats'
import type { OrderProblem, OrderTable } from '../core/orders/fields'
import { mappingFor } from '../core/orders/mapping'
import { planOrderImport } from '../core/orders/plan'
import { readOrders, type ReadResult } from '../core/orders/rows'
import type { Store } from '../store/store'

type ImportParams = RequestParams<'orders.import'>

/** Rows shown in the preview. */
const PREVIEW_ROWS = 5

export class OrderImport {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    /** Customers were created or given keys: the ingest's lookup must be rebuilt. */
    private readonly customersChanged: () => void,
  ) {}

  async preview(p: RequestParams<'orders.preview'>): Promise<OrderPreview> {
    let file
    try {
      file = await readOrderFile(p.path)
    } catch (err) {
      if (!(err instanceof OrderFileError)) throw err
      return { path: p.path, headers: [], mapping: {}, rows: [], orders: 0, problems: err.problems }
    }
    const { table, encoding } = file
    const detectedFormat = detectFormat(table.headers)
    const format = p.format ?? detectedFormat
    const mapping = p.mapping ?? mappingFor(format, table.headers)
    const read = this.read(table, { ...p, format, mapping })
    return {
      path: p.path,
      encoding,
      detectedFormat,
      format,
      channel: p.channel ?? (format === 'generic' ? 'email' : FORMATS[format].channel),
      headers: table.headers,
      mapping,
      rows: table.rows.slice(0, PREVIEW_ROWS).map((r) => r.cells),
      orders: read.orders.length,
      problems: read.problems.slice(0, 20),
    }
  }

  async import(p: ImportParams): Promise<OrderImportResult> {
    let table: OrderTable
    try {
      table = (await readOrderFile(p.path)).table
    } catch (err) {
      if (err instanceof OrderFileError) throw refuse(err.problems)
      throw err
    }
    const mapping = p.mapping ?? mappingFor(p.format, table.headers)
    const read = this.read(table, { ...p, mapping })
    if (read.problems.length > 0) throw refuse(read.problems)

    await this.store.load('orders')
    const decisions = this.store.identityDecisions.decisions
    const plan = planOrderImport({
      orders: read.orders,
      existingOrders: Object.values(this.store.orders),
      customers: Object.values(this.store.customers),
      decisions: Object.values(decisions),
      now: this.now().toISOString(),
      newId: (prefix) => `${prefix}_${randomUUID()}`,
    })
    if (plan.orders.length > 0 || plan.customers.length > 0) {
      await this.store.bulk(async () => {
        for (const c of plan.customers) {
          this.store.customers[c.id] = c
          this.store.docs.customers.changed('customers', c.id)
        }
        for (const o of plan.orders) {
          this.store.orders[o.id] = o
          this.store.docs.orders.changed('orders', o.id)
        }
      })
      await this.store.flush()
      this.customersChanged()
    }
    return { ...plan.counts, customerIds: [...new Set(plan.orders.map((o) => o.customerId))] }
  }

  private read(table: OrderTable, p: Omit<ImportParams, 'path'>): ReadResult {
    const missing = missingSignature(p.format, table.headers)
    if (missing.length > 0) {
      const message = `This is not ${FORMAT_NAMES[p.format]}: the header on line ${table.headerLine} has no column ${missing.map((m) => `"${m}"`).join(', ')}. Choose another format, or "Other (map the columns)".`
      return { orders: [], skipped: 0, problems: [{ row: table.headerLine, column: missing[0], message }] }
    }
    return readOrders(table, {
      format: p.format,
      mapping: p.mapping ?? {},
      channel: p.channel,
      // The seller's own zone, for times written without one: exports are made in local time.
      offsetMinutes: -this.now().getTimezoneOffset(),
    })
  }
}

const FORMAT_NAMES = {
  shopify: 'a Shopify orders export',
  amazon: 'an Amazon order report',
  ebay: 'an eBay orders report',
  generic: 'an order file',
} as const

function refuse(problems: OrderProblem[]): EngineError {
  const first = problems[0]!
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''
  return new EngineError(
    'bad_request',
    `Nothing was imported. ${first.message}${more}`,
    problems.map((p) => ({ path: `row ${p.row}${p.column ? `, column ${p.column}` : ''}`, message: p.message })),
  )
}
