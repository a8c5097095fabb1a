// Writes a generated demo workspace into a store through the same paths real data takes:
// raw .eml files, message records in month shards, conversations folded message by message.
import { emptyConversation, withMessage } from '../core/conversations'
import type { Conversation } from '../core/model'
import type { Store } from '../store/store'
import type { DemoWorkspace } from './generate'

export async function seedWorkspace(store: Store, demo: DemoWorkspace): Promise<void> {
  for (const a of demo.accounts) store.accounts[a.id] = a
  for (const c of demo.customers) store.customers[c.id] = c
  for (const o of demo.orders) store.orders[o.id] = o
  for (const t of demo.templates) store.templates[t.id] = t
  for (const r of demo.reminders) store.reminders[r.id] = r
  const conversations = new Map<string, Conversation>(demo.conversations.map((h) => [h.id, emptyConversation(h)]))
  for (const { record, raw } of demo.messages) {
    // Bulk generation: one durable flush of the documents at the end is enough, since a
    // half-seeded folder is simply seeded again (the .eml files are content-addressed).
    const emlPath = await store.mail.write(record.accountId, record.date, raw, false)
    const message = { ...record, emlPath }
    await store.putMessage(message)
    const c = conversations.get(message.conversationId)
    if (c) conversations.set(c.id, withMessage(c, message))
  }
  for (const c of conversations.values()) store.conversations[c.id] = c
  store.settings.demo = true
  for (const doc of Object.values(store.docs)) doc.changed()
  await store.flush()
}
