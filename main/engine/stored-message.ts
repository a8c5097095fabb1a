// Decodes a message's stored raw copy whatever it is: an .eml (MIME), or the JSON a marketplace
// API gave for it (record.format 'api-json'). Everything that reads bodies goes through here.
import type { MessageRecord } from '../core/model'
import { apiParsedMail, parseApiMessage } from '../channels/api/stored'
import { parseMail, type ParsedMail, type ParseOptions } from '../channels/mail/parse'

export async function parseStored(
  m: Pick<MessageRecord, 'format' | 'subject'>,
  raw: Uint8Array,
  options?: ParseOptions,
): Promise<ParsedMail> {
  if (m.format === 'api-json') {
    try {
      return parseApiMessage(raw, m.subject)
    } catch (err) {
      return { ...apiParsedMail(m.subject, ''), unreadable: (err as Error).message }
    }
  }
  return parseMail(raw, options)
}
