// The order-import and customer merge/split part of the contract: request schemas and response
// types, spread into `requestSchemas` and `Responses` in api.ts.
import { z } from 'zod'
import type { Channel, Customer } from '../main/core/model'
import { CHANNELS } from '../main/core/model'
import {
  ORDER_FIELDS,
  ORDER_FORMATS,
  type ColumnMapping,
  type OrderFormat,
  type OrderProblem,
} from '../main/core/orders/fields'
import type { ImportCounts } from '../main/core/orders/plan'

export {
  ORDER_FIELDS,
  ORDER_FORMATS,
  type ColumnMapping,
  type OrderField,
  type OrderFormat,
  type OrderProblem,
} from '../main/core/orders/fields'

const id = z.string().min(1).max(200)
const path = z.string().trim().min(1, 'Give the path of the order file.').max(4096)
/** Field → header; each header at most once. */
const mapping = z
  .partialRecord(z.enum(ORDER_FIELDS), z.string().min(1).max(300))
  .refine((m) => new Set(Object.values(m)).size === Object.values(m).length, 'One column cannot hold two fields.')

export const orderSchemas = {
  /**
   * Reads an order file without importing it: the export it looks like, its encoding, the
   * proposed column mapping, the first rows and any problems (by line and column). Pass `format`,
   * `mapping` or `channel` to see the preview with the seller's choice instead.
   */
  'orders.preview': z
    .object({
      path,
      format: z.enum(ORDER_FORMATS).optional(),
      mapping: mapping.optional(),
      channel: z.enum(CHANNELS).optional(),
    })
    .strict(),
  /**
   * Imports an order file: all of it, or (with any problem) nothing. Orders are keyed by channel
   * and order number, so importing a newer export updates them and the same file adds nothing.
   */
  'orders.import': z
    .object({ path, format: z.enum(ORDER_FORMATS), mapping: mapping.optional(), channel: z.enum(CHANNELS).optional() })
    .strict(),
  /** Customers matching a few letters of a name, alias, address, buyer id or order number. */
  'customer.find': z
    .object({
      query: z.string().max(200),
      exclude: id.optional(),
      limit: z.number().int().min(1).max(50).default(20),
    })
    .strict(),
  /** `mergeId` becomes part of `keepId`: conversations, orders, reminders, keys, tags, note. */
  'customer.merge': z.object({ keepId: id, mergeId: id }).strict(),
  /** The chosen conversations and keys (`kind:value`) of a customer become a new customer. */
  'customer.split': z
    .object({
      customerId: id,
      conversationIds: z.array(id).max(10_000).default([]),
      keys: z.array(z.string().min(1).max(400)).max(1000).default([]),
      name: z.string().trim().max(200).optional(),
    })
    .strict(),
  /** Undoes a merge or split (default: the latest); only the latest not yet undone can be. */
  'customer.undoIdentity': z.object({ changeId: id.optional() }).strict(),
} as const

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
