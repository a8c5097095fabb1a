// The order-import and customer merge/split part of the contract: response types, spread into
// `Responses` in api.ts; the request schemas are in schemas/orders.ts.
import type { Channel, Customer } from '../main/core/model'
import type { ColumnMapping, OrderFormat, OrderProblem } from '../main/core/orders/fields'
import type { ImportCounts } from '../main/core/orders/plan'

export {
  ORDER_FIELDS,
  ORDER_FORMATS,
  type ColumnMapping,
  type OrderField,
  type OrderFormat,
  type OrderProblem,
} from '../main/core/orders/fields'

export interface OrderPreview {
  path: string
  encoding?: string
  /** What the file looks like; absent when it could not be read at all. */
  detectedFormat?: OrderFormat
  format?: OrderFormat
  channel?: Channel
  headers: string[]
  mapping: ColumnMapping
  /** The first rows, cells as in the file. */
  rows: string[][]
  /** Orders found (several rows of one order count once). */
  orders: number
  /** What stops an import, by line and column; empty when the file can be imported. */
  problems: OrderProblem[]
}

export interface OrderImportResult extends ImportCounts {
  /** Customers whose orders were added or changed. */
  customerIds: string[]
}

export interface CustomerMatch {
  id: string
  name: string
  /** What matched, or the first address: to tell two of the same name apart. */
  detail: string
}

export interface IdentityChangeResult {
  changeId: string
  kind: 'merge' | 'split'
  /** This answered an undo. */
  undone: boolean
  /** The customers to show now: the kept one of a merge, both of a split, those restored by an undo. */
  customers: Customer[]
  /** Customers that no longer exist. */
  removed: string[]
  /** Every customer whose records changed. */
  touched: string[]
}

export interface OrderResponses {
  'orders.preview': OrderPreview
  'orders.import': OrderImportResult
  'customer.find': CustomerMatch[]
  'customer.merge': IdentityChangeResult
  'customer.split': IdentityChangeResult
  'customer.undoIdentity': IdentityChangeResult
}
