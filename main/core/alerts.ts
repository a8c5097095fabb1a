// What deserves the seller's attention right now, as plain data: a new message from a
// customer, or a response clock about to run out. The engine turns these into `alert` events;
// the desktop glue shows them as notifications, the page as a toast.
import type { Alert } from '../../preload/api'
import type { ResponseClocks } from './clocks/policies'
import type { Conversation, Customer, MessageRecord } from './model'
import { dueAt } from './sla'

/** Mail older than this when it arrives is history (a first sync, an import), not news. */
export const FRESH_MS = 15 * 60_000
/** How long before a response clock runs out the seller is warned. */
export const SLA_WARNING_MS = 2 * 60 * 60_000

/** New customer messages worth a notification: inbound and fresh, one per customer. */
export function messageAlerts(
  records: readonly MessageRecord[],
  customers: Record<string, Customer>,
  now: Date,
): Alert[] {
  const latest = new Map<string, MessageRecord>()
  for (const r of records) {
    if (r.direction !== 'in' || now.getTime() - Date.parse(r.date) > FRESH_MS) continue
    const seen = latest.get(r.customerId)
    if (!seen || seen.date < r.date) latest.set(r.customerId, r)
  }
  return [...latest.values()].map((r) => ({
    kind: 'message',
    id: `message:${r.id}`,
    customerId: r.customerId,
    conversationId: r.conversationId,
    customerName: customers[r.customerId]?.name ?? r.from.name ?? r.from.address,
    channel: r.channel,
    subject: r.subject,
    at: now.toISOString(),
  }))
}

/**
 * Conversations waiting on the seller whose clock runs out within `SLA_WARNING_MS`, each once
 * per due time (`warned` holds the alert ids already given). Clocks already run out are red
 * in the inbox; a burst of alerts for them on every start would teach the seller to ignore it.
 */
export function slaAlerts(
  conversations: Iterable<Conversation>,
  customers: Record<string, Customer>,
  now: Date,
  warned: ReadonlySet<string>,
  clocks: ResponseClocks,
): Alert[] {
  const out: Alert[] = []
  const from = now.toISOString()
  const horizon = new Date(now.getTime() + SLA_WARNING_MS).toISOString()
  for (const c of conversations) {
    if (c.status !== 'open' || c.lastFrom !== 'customer' || !c.waitingSince) continue
    const due = dueAt(c.channel, c.waitingSince, clocks)
    if (due <= from || due > horizon) continue
    const id = `sla:${c.id}:${due}`
    if (warned.has(id)) continue
    out.push({
      kind: 'sla',
      id,
      customerId: c.customerId,
      conversationId: c.id,
      customerName: customers[c.customerId]?.name ?? '',
      channel: c.channel,
      subject: c.subject,
      dueAt: due,
      at: now.toISOString(),
    })
  }
  return out
}

/** A desktop notification's words for an alert, in the seller's language. */
export function alertText(alert: Alert, language: 'en' | 'ja'): { title: string; body: string } {
  if (alert.kind === 'callback') {
    const body = alert.phone ? `${alert.subject} · ${alert.phone}` : alert.subject
    return language === 'ja'
      ? { title: `折り返しのお電話の時間です: ${alert.customerName} 様`, body }
      : { title: `Time to call ${alert.customerName}`, body }
  }
  if (alert.kind === 'message') {
    return language === 'ja'
      ? { title: `${alert.customerName} 様から新着メッセージ`, body: alert.subject }
      : { title: `New message from ${alert.customerName}`, body: alert.subject }
  }
  const time = new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(alert.dueAt ?? alert.at))
  return language === 'ja'
    ? { title: `${time} までに返信が必要です: ${alert.customerName} 様`, body: alert.subject }
    : { title: `Reply to ${alert.customerName} by ${time}`, body: alert.subject }
}
