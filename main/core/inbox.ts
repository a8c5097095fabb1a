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
    view === 'waiting'
      ? (a.due ?? '\uffff').localeCompare(b.due ?? '\uffff')
      : b.c.lastMessageAt.localeCompare(a.c.lastMessageAt),
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

function byUrgency(a: InboxRow, b: InboxRow): number {
  return (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff') || b.lastMessageAt.localeCompare(a.lastMessageAt)
}

function byRecency(a: InboxRow, b: InboxRow): number {
  return b.lastMessageAt.localeCompare(a.lastMessageAt)
}
