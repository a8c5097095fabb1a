// The inbox: one row per customer, built from conversation summaries only (no message
// bodies), sorted most urgent first.
import type { InboxRow, InboxView } from '../../preload/api'
import type { Channel, Conversation, Customer } from './model'
import { dueAt } from './sla'

export interface InboxQuery {
  view: InboxView
  channel?: Channel
  now: string
}

function inView(c: Conversation, view: InboxView, now: string): boolean {
  const snoozed = c.status === 'snoozed' && (c.snoozedUntil ?? '') > now
  switch (view) {
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
    if (!inView(c, query.view, query.now)) continue
    const list = byCustomer.get(c.customerId)
    if (list) list.push(c)
    else byCustomer.set(c.customerId, [c])
  }
  const rows: InboxRow[] = []
  for (const [customerId, list] of byCustomer) {
    const customer = customers[customerId]
    if (!customer) continue
    rows.push(rowFor(customer, list, query.view))
  }
  return rows.sort(query.view === 'waiting' ? byUrgency : byRecency)
}

function rowFor(customer: Customer, list: Conversation[], view: InboxView): InboxRow {
  const withDue = list.map((c) => ({ c, due: c.waitingSince ? dueAt(c.channel, c.waitingSince) : undefined }))
  // The row opens on the conversation whose clock runs out first, else the latest one.
  withDue.sort((a, b) =>
    view === 'waiting' ? compare(a.due ?? '\uffff', b.due ?? '\uffff') : compare(b.c.lastMessageAt, a.c.lastMessageAt),
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
  }
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
  return compare(a.dueAt ?? '\uffff', b.dueAt ?? '\uffff') || compare(b.lastMessageAt, a.lastMessageAt)
}

function byRecency(a: InboxRow, b: InboxRow): number {
  return compare(b.lastMessageAt, a.lastMessageAt)
}
