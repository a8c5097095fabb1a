// A conversation's status changes: done, snooze, reopen (which is also the UI's undo of `e` and
// `s`), waking from a snooze, and the customer writing again. Pure: the engine stores what comes
// out, tells the mail server about done-ness, and schedules the next wake-up.
import type { Conversation, IsoTime, MessageRecord, StatusFields } from './model'

/**
 * What to restore later. Only a snoozed conversation's own `previous` is worth keeping (undoing
 * done, then the snooze), so the chain is never more than two deep.
 */
function fieldsOf(c: Conversation): StatusFields {
  return {
    status: c.status,
    ...(c.snoozedUntil !== undefined ? { snoozedUntil: c.snoozedUntil } : {}),
    ...(c.untilReply === true ? { untilReply: true } : {}),
    ...(c.wokeAt !== undefined ? { wokeAt: c.wokeAt } : {}),
    ...(c.status === 'snoozed' && c.previous !== undefined ? { previous: c.previous } : {}),
  }
}

function withFields(c: Conversation, fields: StatusFields): Conversation {
  const next: Conversation = { ...c, status: fields.status }
  delete next.snoozedUntil
  delete next.untilReply
  delete next.wokeAt
  delete next.previous
  if (fields.snoozedUntil !== undefined) next.snoozedUntil = fields.snoozedUntil
  if (fields.untilReply === true) next.untilReply = true
  if (fields.wokeAt !== undefined) next.wokeAt = fields.wokeAt
  if (fields.previous !== undefined) next.previous = fields.previous
  return next
}

/** Done, remembering how it was so that reopening right after undoes it exactly. */
export function markDone(c: Conversation): Conversation {
  if (c.status === 'done') return c
  return withFields(c, { status: 'done', previous: fieldsOf(c) })
}

/**
 * Out of the inbox until `until`, or with 'reply' until the customer writes again (no time: it
 * never wakes by itself). Snoozing again keeps the state from before the first snooze; snoozing
 * a done conversation keeps none (reopening it opens it).
 */
export function snooze(c: Conversation, until: IsoTime | 'reply'): Conversation {
  const previous = c.status === 'snoozed' ? c.previous : c.status === 'open' ? fieldsOf(c) : undefined
  const end = until === 'reply' ? { untilReply: true } : { snoozedUntil: until }
  return withFields(c, { status: 'snoozed', ...end, ...(previous ? { previous } : {}) })
}

/**
 * Open again. A done conversation goes back to exactly how it was before it was marked done —
 * snoozed until the same moment, if it was. A snoozed one wakes early: the snooze is cleared.
 */
export function reopen(c: Conversation): Conversation {
  if (c.status === 'done') return withFields(c, c.previous ?? { status: 'open' })
  if (c.status === 'snoozed') return withFields(c, c.previous?.status === 'open' ? c.previous : { status: 'open' })
  return c
}

function snoozeEnded(c: Conversation, now: IsoTime): boolean {
  if (c.status !== 'snoozed' || c.untilReply === true) return false
  return c.snoozedUntil === undefined || Date.parse(c.snoozedUntil) <= Date.parse(now)
}

/** The conversation back in Waiting if its snooze has run out by `now`, else undefined. */
export function wake(c: Conversation, now: IsoTime): Conversation | undefined {
  if (!snoozeEnded(c, now)) return undefined
  return withFields(c, { status: 'open', wokeAt: c.snoozedUntil ?? now })
}

/** When the next snooze among `conversations` runs out (epoch ms), or undefined if none is snoozed. */
export function nextWake(conversations: Iterable<Conversation>): number | undefined {
  let next: number | undefined
  for (const c of conversations) {
    // Snoozed until the customer replies: no time to wake at (customerWrote does it).
    if (c.status !== 'snoozed' || c.untilReply === true) continue
    const at = c.snoozedUntil === undefined ? 0 : Date.parse(c.snoozedUntil)
    const t = Number.isNaN(at) ? 0 : at
    if (next === undefined || t < next) next = t
  }
  return next
}

/**
 * The conversation before `message` is folded in, once a customer's message arrives: a new one
 * reopens it whether it was done or snoozed. An older message turning up (a folder synced for
 * the first time) changes nothing.
 */
export function customerWrote(c: Conversation, message: MessageRecord): Conversation {
  if (message.direction !== 'in' || message.date < c.lastMessageAt) return c
  return c.status === 'open' ? c : withFields(c, { status: 'open' })
}
