// Reads the stored raw copy of a message pulled from a marketplace API (its JSON) the way an .eml
// is read: as parsed mail with a text body, so the timeline, search and quoting treat both alike.
import type { ParsedMail } from '../mail/parse'

/** The body text of one stored API message: eBay's `messageBody`, Rakuten's `message`. */
export function apiMessageText(raw: Uint8Array): string {
  let json: unknown
  try {
    json = JSON.parse(Buffer.from(raw).toString('utf8'))
  } catch {
    throw new Error('the stored marketplace message is not valid JSON')
  }
  const o = (json ?? {}) as { messageBody?: unknown; message?: unknown }
  const text = typeof o.messageBody === 'string' ? o.messageBody : typeof o.message === 'string' ? o.message : ''
  return text.replace(/\r\n?/g, '\n')
}

/** A stored API message as parsed mail: the text; no headers, HTML or attachments of its own. */
export function parseApiMessage(raw: Uint8Array, subject = ''): ParsedMail {
  return apiParsedMail(subject, apiMessageText(raw))
}

/** An API message's subject and text in the shape parsed mail has. */
export function apiParsedMail(subject: string, text: string): ParsedMail {
  return {
    references: [],
    replyTo: [],
    to: [],
    cc: [],
    subject,
    text,
    attachments: [],
    attachmentPlacement: [],
    attachmentContent: [],
    headers: [],
  }
}
