// Request schemas of the tags part of the contract (types in preload/tags.ts), spread into
// `requestSchemas` in schemas/requests.ts.
import { z } from 'zod'

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
