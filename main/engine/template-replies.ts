// Remembers which sent replies were written with templates, for the reports' "which templates
// shorten response time" (core/reports/template-effect.ts). The message record carries the same
// ids; this small document lets a report find them without reading message shards.
import type { MessageRecord } from '../core/model'
import type { Store } from '../store/store'

/** Keeps the reply (debounced write: the message record itself already holds `templateIds`). */
export async function recordTemplateReply(store: Store, record: MessageRecord): Promise<void> {
  if (!record.templateIds?.length) return
  await store.load('templateReplies')
  const doc = store.docs.templateReplies
  doc.data.replies[record.id] = {
    conversationId: record.conversationId,
    at: record.date,
    templateIds: record.templateIds,
  }
  doc.changed('replies', record.id)
}
