// The tags part of the contract: which tags are in use, so the inbox can offer a filter per tag
// (`inbox.list` takes `tag`). Spread into `requestSchemas` and `Responses` in api.ts.
import { z } from 'zod'
import type { TagCount } from '../main/core/customers/tags'

export type { TagCount } from '../main/core/customers/tags'

/** A tag to filter the inbox by: as stored tags are, matched in any case. */
export const inboxTag = z
  .string()
  .trim()
  .min(1, 'A tag to filter by cannot be empty.')
  .max(60, 'A tag to filter by may be at most 60 characters.')

export const tagSchemas = {
  /** Every tag some customer carries, most used first, with how many customers carry it. */
  'customer.tags': z.object({}).strict(),
}

export interface TagResponses {
  'customer.tags': TagCount[]
}
