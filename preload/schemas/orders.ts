// Request schemas of the order-import and customer merge/split part of the contract (types in
// preload/orders.ts), spread into `requestSchemas` in schemas/requests.ts.
import { z } from 'zod'
import { CHANNELS } from '../../main/core/model'
import { ORDER_FIELDS, ORDER_FORMATS } from '../../main/core/orders/fields'

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
