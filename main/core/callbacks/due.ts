// Callbacks that have come due and not been announced: each is announced once per due time,
// whether it came due while the app ran or while it was closed (`alertedFor` is kept with the
// reminder, so a restart neither forgets nor repeats one). Moving a callback arms it again.
import type { Alert } from '../../../preload/api'
import type { Conversation, Customer, Reminder } from '../model'

export function dueCallbacks(reminders: Iterable<Reminder>, now: Date): Reminder[] {
  const at = now.getTime()
  const out: Reminder[] = []
  for (const r of reminders) {
    if (!r.done && Date.parse(r.dueAt) <= at && r.alertedFor !== r.dueAt) out.push(r)
  }
  return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt))
}

/** When the next open callback comes due after `now`, if any. */
export function nextCallbackDue(reminders: Iterable<Reminder>, now: Date): number | undefined {
  let next: number | undefined
  for (const r of reminders) {
    const due = Date.parse(r.dueAt)
    if (!r.done && due > now.getTime() && (next === undefined || due < next)) next = due
  }
  return next
}

export function callbackAlert(
  reminder: Reminder,
  customer: Customer | undefined,
  conversation: Conversation | undefined,
  now: Date,
  phone?: string,
): Alert {
  return {
    kind: 'callback',
    id: `callback:${reminder.id}:${reminder.dueAt}`,
    customerId: reminder.customerId,
    ...(conversation ? { conversationId: conversation.id, channel: conversation.channel } : {}),
    customerName: customer?.name ?? '',
    subject: reminder.reason,
    reminderId: reminder.id,
    ...(phone ? { phone } : {}),
    dueAt: reminder.dueAt,
    at: now.toISOString(),
  }
}
