// Writes a generated demo workspace into a store through the same paths real data takes:
// raw .eml files, message records in month shards, conversations folded message by message,
// all inside one bulk write.
import { emptyConversation, withMessage } from '../core/conversations'
import type { Conversation } from '../core/model'
import type { Store } from '../store/store'
import type { DemoWorkspace } from './generate'

export async function seedWorkspace(store: Store, demo: DemoWorkspace): Promise<void> {
  await Promise.all([store.load('orders'), store.load('messageIndex')])
  await store.bulk(async () => {
    for (const a of demo.accounts) store.accounts[a.id] = a
    for (const c of demo.customers) store.customers[c.id] = c
    for (const o of demo.orders) store.orders[o.id] = o
    for (const t of demo.templates) store.templates[t.id] = t
    for (const r of demo.reminders) store.reminders[r.id] = r
    const conversations = new Map<string, Conversation>(demo.conversations.map((h) => [h.id, emptyConversation(h)]))
    for (let i = 0; i < demo.messages.length; i += BATCH) {
      const batch = demo.messages.slice(i, i + BATCH)
      // Demo data is regenerated if seeding is cut short (the .eml files are
      // content-addressed), so the files need no fsync of their own; the documents
      // are written durably when the bulk work ends.
      const paths = await Promise.all(
        batch.map(({ record, raw }) => store.mail.write(record.accountId, record.date, raw, false)),
      )
      const records = batch.map(({ record }, j) => ({ ...record, emlPath: paths[j]! }))
      await store.putMessages(records)
      for (const m of records) {
        if (m.messageId)
          store.messageIds.put(m.messageId, { id: m.id, conversationId: m.conversationId, month: m.date.slice(0, 7) })
        const c = conversations.get(m.conversationId)
        if (c) conversations.set(c.id, withMessage(c, m))
      }
    }
    for (const c of conversations.values()) store.conversations[c.id] = c
    store.settings.demo = true
    for (const doc of Object.values(store.docs)) doc.changed()
  })
}

/** Messages written concurrently: enough to keep the disk busy, few enough to bound memory. */
const BATCH = 256
