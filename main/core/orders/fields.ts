// What an order file can tell us, whatever its columns are called: the fields a column can be
// mapped to, and the shapes the parsed table and its problems take. Plain data only.
import type { Channel, Order } from '../model'

export const ORDER_FIELDS = [
  'orderNumber',
  'placedAt',
  'buyerName',
  'email',
  'phone',
  'buyerId',
  'itemTitle',
  'sku',
  'quantity',
  'price',
  'total',
  'currency',
  'status',
  'trackingNumber',
  'carrier',
] as const
export type OrderField = (typeof ORDER_FIELDS)[number]

/** Without these no order can be built; the others are taken when present. */
export const REQUIRED_FIELDS: readonly OrderField[] = ['orderNumber', 'placedAt']

/** Field → the header of the column holding it. */
export type ColumnMapping = Partial<Record<OrderField, string>>

export const ORDER_FORMATS = ['shopify', 'amazon', 'ebay', 'generic'] as const
export type OrderFormat = (typeof ORDER_FORMATS)[number]

/** A decoded order file cut into cells: the header row and the rows under it. */
export interface OrderTable {
  headers: string[]
  /** Line of the file the header row is on (1-based). */
  headerLine: number
  rows: TableRow[]
}

export interface TableRow {
  /** Line of the file the row starts on (1-based), as a text editor counts them. */
  line: number
  cells: string[]
}

/** Something wrong with a file, said so the seller can find and fix it. */
export interface OrderProblem {
  /** Line of the file (1-based); 0 when the file as a whole is wrong. */
  row: number
  /** Header of the column, when one is to blame. */
  column?: string
  message: string
}

/** Who placed an imported order, as far as the file says. */
export interface Buyer {
  name?: string
  email?: string
  phone?: string
  /** The marketplace's user id, e.g. an eBay user name. */
  buyerId?: string
}

/** One order read from a file: everything of an `Order` but its id and customer. */
export interface ImportedOrder extends Omit<Order, 'id' | 'customerId'> {
  channel: Channel
  buyer: Buyer
  /** Line of the first row of this order (for messages). */
  row: number
}
