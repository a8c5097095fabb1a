// Decodes a stored raw message into what the timeline shows. A message that cannot be
// decoded is still shown: as "could not be read", with whatever the record knows.
import type { TimelineMessage } from '../../preload/api'
import type { MessageRecord } from '../core/model'
import { parseMail } from '../channels/mail/parse'
import type { Store } from '../store/store'

export async function readTimelineMessage(store: Store, m: MessageRecord): Promise<TimelineMessage> {
  const base = {
    id: m.id,
    conversationId: m.conversationId,
    channel: m.channel,
    direction: m.direction,
    from: m.from,
    to: m.to,
    subject: m.subject,
    date: m.date,
    attachments: m.attachments,
  }
  if (m.unreadable) return { ...base, text: m.snippet, unreadable: m.unreadable }
  try {
    const parsed = await parseMail(await store.mail.read(m.emlPath))
    return { ...base, text: parsed.text, ...(parsed.unreadable ? { unreadable: parsed.unreadable } : {}) }
  } catch (err) {
    return { ...base, text: m.snippet, unreadable: `The stored message could not be read: ${(err as Error).message}` }
  }
}
