// The inbox: one row per customer, built from conversation summaries only (no message
// bodies), sorted most urgent first. Overdue is Waiting narrowed to the clocks that ran out.
import type { InboxRow, InboxView } from '../../preload/api'
import type { ResponseClocks } from './clocks/policies'
import { hasTag } from './customers/tags'
import type { Channel, Conversation, Customer } from './model'
import { dueAt } from './sla'

export interface InboxQuery {
  view: InboxView
  channel?: Channel
  /** Only customers carrying this tag, in any case (core/customers/tags.ts). */
  tag?: string
  now: string
  /** The seller's response policies, hours and zone (core/clocks/policies.ts). */
  clocks: ResponseClocks
}

function isSnoozed(c: Conversation, now: string): boolean {
  return c.status === 'snoozed' && (c.untilReply === true || (c.snoozedUntil ?? '') > now)
}

/**
 * Due times already worked out, per clocks object (the engine keeps one per settings version) and
 * conversation record: a rebuild after one change recomputes only the records that changed.
 * Checked against the fields the time depends on, in case a record was changed in place.
 */
const dueMemo = new WeakMap<ResponseClocks, WeakMap<Conversation, { since: string; channel: string; due: string }>>()

/** When a conversation's clock runs out, if it has one running (the customer waits). */
function clockOf(c: Conversation, clocks: ResponseClocks): string | undefined {
  const since = c.waitingSince
  if (!since) return undefined
  let memo = dueMemo.get(clocks)
  if (!memo) dueMemo.set(clocks, (memo = new WeakMap()))
  const known = memo.get(c)
  if (known && known.since === since && known.channel === c.channel) return known.due
  const due = dueAt(c.channel, since, clocks)
  memo.set(c, { since, channel: c.channel, due })
  return due
}

function inView(c: Conversation, view: InboxView, now: string, clocks: ResponseClocks): boolean {
  const snoozed = isSnoozed(c, now)
  switch (view) {
    case 'overdue': {
      if (!inView(c, 'waiting', now, clocks)) return false
      const due = clockOf(c, clocks)
      return due !== undefined && due <= now
    }
    case 'waiting':
      // Back from a snooze, it waits for the seller even when the seller wrote last (a follow-up).
      return (
        (c.status === 'open' && (c.lastFrom === 'customer' || c.wokeAt !== undefined)) ||
        (c.status === 'snoozed' && !snoozed)
      )
    case 'snoozed':
      return snoozed
    case 'done':
      return c.status === 'done'
    case 'all':
      return true
  }
}

export function buildInbox(
  customers: Record<string, Customer>,
  conversations: Iterable<Conversation>,
  query: InboxQuery,
): InboxRow[] {
  const byCustomer = new Map<string, Conversation[]>()
  for (const c of conversations) {
    if (query.channel && c.channel !== query.channel) continue
    if (!inView(c, query.view, query.now, query.clocks)) continue
    const list = byCustomer.get(c.customerId)
    if (list) list.push(c)
    else byCustomer.set(c.customerId, [c])
  }
  const rows: InboxRow[] = []
  for (const [customerId, list] of byCustomer) {
    const customer = customers[customerId]
    if (!customer) continue
    if (query.tag !== undefined && !hasTag(customer, query.tag)) continue
    rows.push(rowFor(customer, list, query.view, query.clocks))
  }
  // Overdue sorts like Waiting: the clock that ran out longest ago first.
  return rows.sort(query.view === 'waiting' || query.view === 'overdue' ? byUrgency : byRecency)
}

function rowFor(customer: Customer, list: Conversation[], view: InboxView, clocks: ResponseClocks): InboxRow {
  const withDue = list.map((c) => ({ c, due: clockOf(c, clocks) }))
  const urgent = view === 'waiting' || view === 'overdue'
  // The row opens on the conversation whose clock runs out first, else the latest one.
  withDue.sort((a, b) =>
    urgent ? compare(a.due ?? '\uffff', b.due ?? '\uffff') : compare(b.c.lastMessageAt, a.c.lastMessageAt),
  )
  const top = withDue[0]!
  return {
    customerId: customer.id,
    name: customer.name,
    language: customer.language,
    channels: [...new Set(list.map((c) => c.channel))],
    conversationId: top.c.id,
    subject: top.c.subject,
    snippet: top.c.lastSnippet,
    orderNumber: top.c.orderNumber,
    lastMessageAt: list.reduce((m, c) => (c.lastMessageAt > m ? c.lastMessageAt : m), ''),
    waitingSince: top.c.waitingSince,
    dueAt: top.due,
    unreadCount: list.reduce((n, c) => n + c.unreadCount, 0),
    openCount: list.filter((c) => c.status !== 'done').length,
    status: top.c.status,
    ...(top.c.snoozedUntil !== undefined ? { snoozedUntil: top.c.snoozedUntil } : {}),
    ...(top.c.untilReply === true ? { snoozedUntilReply: true } : {}),
    ...(top.c.priority !== undefined ? { priority: top.c.priority } : {}),
  }
}

/**
 * The moment the next response clock runs out, after `now`: when the Overdue view built at `now`
 * goes stale by itself. Only conversations that wait (or will, once a snooze ends) count.
 */
export function nextClockEnd(
  conversations: Iterable<Conversation>,
  now: string,
  clocks: ResponseClocks,
): string | undefined {
  let next: string | undefined
  for (const c of conversations) {
    if (c.status === 'done' || !c.waitingSince) continue
    const due = dueAt(c.channel, c.waitingSince, clocks)
    if (due > now && (next === undefined || due < next)) next = due
  }
  return next
}

/** The moment a snooze ends next, after `now`: when a view built at `now` goes stale by itself. */
export function nextSnoozeEnd(conversations: Iterable<Conversation>, now: string): string | undefined {
  let next: string | undefined
  for (const c of conversations) {
    const until = c.status === 'snoozed' ? c.snoozedUntil : undefined
    if (until !== undefined && until > now && (next === undefined || until < next)) next = until
  }
  return next
}

// ISO times compare as plain strings; `<` is many times faster than localeCompare on 40,000 rows.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function byUrgency(a: InboxRow, b: InboxRow): number {
  return (
    compare(a.dueAt ?? '\uffff', b.dueAt ?? '\uffff') ||
    // Among equals (no clock: follow-ups, rows marked as needing a reply) a rule's priority decides.
    rank(a) - rank(b) ||
    compare(b.lastMessageAt, a.lastMessageAt)
  )
}

function rank(row: InboxRow): number {
  return row.priority === 'high' ? 0 : row.priority === 'low' ? 2 : 1
}

function byRecency(a: InboxRow, b: InboxRow): number {
  return compare(b.lastMessageAt, a.lastMessageAt)
}
