// What is kept of each rule firing (rule-log.json): the firing itself — rule, subject, when,
// why — and what each action did. The entry's id is the firing key, so "has this fired?" is a
// lookup, and a restart or a re-sync never fires a rule twice on the same subject.
import type { IsoTime } from '../model'
import { CATCH_UP_MS, MESSAGE_FRESH_MS, type Firing } from './evaluate'
import type { ActionKind } from './kinds'
import type { Rule } from './rule'

export interface ActionOutcome {
  kind: ActionKind
  ok: boolean
  /** What it did: the callback's id and due time, the tag, the priority, the snooze's end… */
  detail?: string
  /** Why it could not (a deleted template, a conversation gone): words the seller can act on. */
  error?: string
}

export interface RuleLogEntry extends Firing {
  /** Absent while the actions are being applied; an entry left so by a crash says so. */
  outcomes?: ActionOutcome[]
}

export interface RuleLogDocument {
  entries: Record<string, RuleLogEntry>
  /** When each delivered order was first seen delivered (orders carry no delivery date). */
  delivered: Record<string, IsoTime>
}

export interface RulesDocument {
  rules: Record<string, Rule>
  /** When the default rules were given; set once, so deleted defaults never come back. */
  seededAt?: IsoTime
}

/**
 * How long a firing is kept: past the longest a subject can still trigger (a year's "no reply"
 * trigger plus its catch-up), after which forgetting it can never fire it again.
 */
export const LOG_KEPT_MS = 366 * 86_400_000 + Math.max(CATCH_UP_MS, MESSAGE_FRESH_MS) + 30 * 86_400_000

/** Keys of log entries old enough to drop, and delivery times of orders no longer followed. */
export function expiredEntries(log: RuleLogDocument, now: Date): { entries: string[]; delivered: string[] } {
  const before = new Date(now.getTime() - LOG_KEPT_MS).toISOString()
  return {
    entries: Object.entries(log.entries)
      .filter(([, e]) => e.at < before)
      .map(([k]) => k),
    delivered: Object.entries(log.delivered)
      .filter(([, at]) => at < before)
      .map(([k]) => k),
  }
}
