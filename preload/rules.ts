// The rules part of the contract: the seller's local rules (list, save, delete) and the log of
// every firing ("why did this happen?"). Spread into `requestSchemas` and `Responses` in api.ts.
import { z } from 'zod'
import { ruleInputSchema, type Rule } from '../main/core/rules/rule'
import type { RuleLogEntry } from '../main/core/rules/log'

export {
  ACTION_KINDS,
  CALLBACK_WHEN,
  MESSAGE_TRIGGERS,
  PRIORITIES,
  TRIGGER_KINDS,
  type ActionKind,
  type CallbackWhen,
  type Priority,
  type Rule,
  type RuleAction,
  type RuleConditions,
  type RuleInput,
  type RuleTrigger,
  type TriggerKind,
} from '../main/core/rules/rule'
export type { ActionOutcome, RuleLogEntry } from '../main/core/rules/log'
export { reasonIn, ruleNameIn } from '../main/core/rules/defaults'
export type { FiringWhy } from '../main/core/rules/evaluate'

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

export interface RuleView extends Rule {
  fired: number
  lastFiredAt?: string
}

/** A firing as the log shows it: who it was about. */
export interface RuleLogView extends RuleLogEntry {
  customerName: string
  /** Its actions are being applied right now (no outcomes yet, and not because of a crash). */
  applying?: true
}

export interface RuleResponses {
  'rules.list': RuleView[]
  'rules.save': RuleView
  'rules.delete': Rule
  'rules.log': RuleLogView[]
}
