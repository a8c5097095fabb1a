// Decodes a stored raw message into what the timeline shows. A message that cannot be
// decoded is still shown: as "could not be read", with whatever the record knows.
import PostalMime from 'postal-mime'
import type { TimelineMessage } from '../../preload/api'
import type { MessageRecord } from '../core/model'
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
    const raw = await store.mail.read(m.emlPath)
    const email = await PostalMime.parse(raw)
    return { ...base, text: email.text ?? htmlToText(email.html ?? '') }
  } catch (err) {
    return { ...base, text: m.snippet, unreadable: `The stored message could not be read: ${(err as Error).message}` }
  }
}

/** Text fallback for HTML-only mail; the sanitised HTML view arrives with the full UI. */
function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim()
}
