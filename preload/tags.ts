// The tags part of the contract: which tags are in use, so the inbox can offer a filter per tag
// (`inbox.list` takes `tag`). Spread into `Responses` in api.ts; its request schemas are in
// schemas/tags.ts.
import type { TagCount } from '../main/core/customers/tags'

export type { TagCount } from '../main/core/customers/tags'

export interface TagResponses {
  'customer.tags': TagCount[]
}
