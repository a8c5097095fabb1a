// Request schemas of the rules part of the contract (types in preload/rules.ts), spread into
// `requestSchemas` in schemas/requests.ts.
import { z } from 'zod'
import { ruleInputSchema } from '../../main/core/rules/rule'

const id = z.string().min(1).max(200)

export const ruleSchemas = {
  /** Every rule, in the order they were made, with how often each fired. */
  'rules.list': z.object({}).strict(),
  /** A new rule (no id) or a changed one; a bad field is a `bad_request` naming it. */
  'rules.save': ruleInputSchema,
  /** Deletes a rule; returns it. Its log entries stay: they say what happened. */
  'rules.delete': z.object({ id }).strict(),
  /** Firings, newest first: all, one customer's (the sidebar) or one rule's. */
  'rules.log': z
    .object({
      customerId: id.optional(),
      ruleId: id.optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    })
    .strict(),
}
