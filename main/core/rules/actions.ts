// What a rule's actions come to, as plain data: when its callback is due, the words of the
// callback, the conversation marked as needing a reply or given a priority. The engine stores
// what comes out through its usual paths (callbacks, customer tags, conversation status).
import { instantAt, localTime } from '../callbacks/local-time'
import { MORNING_HOUR, rescheduleTo } from '../callbacks/schedule'
import type { Conversation, IsoTime } from '../model'
import { reopen } from '../status'
import type { CallbackWhen, Priority } from './kinds'

/** When a rule's callback is due, from `now` on the seller's clock in `zone`. */
export function callbackDue(when: CallbackWhen, now: Date, zone: string): IsoTime {
  if (when !== 'today') return rescheduleTo(when, now, zone)
  const today = localTime(now.getTime(), zone)
  const morning = instantAt(today, MORNING_HOUR, 0, zone)
  return new Date(Math.max(now.getTime(), morning)).toISOString()
}

/** A callback's reason with `{name}` filled in. */
export function callbackReason(template: string, customerName: string): string {
  return template.replaceAll('{name}', customerName).trim()
}

/**
 * Back in Waiting even when the seller wrote last: open, with `wokeAt` (the inbox's "it waits
 * for you again" mark, as after a snooze), until the seller writes or marks it done.
 */
export function markNeedsReply(c: Conversation, now: Date): Conversation {
  const open = reopen(c)
  if (open.status === 'open' && (open.lastFrom === 'customer' || open.wokeAt !== undefined)) return open
  return { ...open, status: 'open', wokeAt: now.toISOString() }
}

/** The conversation with this priority, or itself when it has it already. */
export function withPriority(c: Conversation, priority: Priority): Conversation {
  return c.priority === priority ? c : { ...c, priority }
}
