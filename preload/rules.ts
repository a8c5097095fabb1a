// The rules part of the contract: the seller's local rules (list, save, delete) and the log of
// every firing ("why did this happen?"). Spread into `Responses` in api.ts; the request schemas are
// in schemas/rules.ts.
import type { Rule } from '../main/core/rules/rule'
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
  type TriggerKind,
} from '../main/core/rules/kinds'
export type { Rule, RuleAction, RuleConditions, RuleInput, RuleTrigger } from '../main/core/rules/rule'
export type { ActionOutcome, RuleLogEntry } from '../main/core/rules/log'
export { reasonIn, ruleNameIn } from '../main/core/rules/defaults'
export type { FiringWhy } from '../main/core/rules/evaluate'

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
