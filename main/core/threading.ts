// Which conversation a message belongs to: RFC 5322 threading by Message-ID, In-Reply-To
// and References first, then the marketplace's own thread (the same order or inquiry), then
// the same customer's conversation with the same subject.
import type { Conversation } from './model'

/** Subject without reply/forward prefixes (English, Japanese and common European ones). */
/** Reply and forward prefixes in the languages sellers meet: "Re:", "AW:", "返信：", "Re[2]:"… */
const PREFIX = /^(?:(?:re|fwd?|aw|wg|sv|vs|tr|rif|返信|転送)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]|\[\d+\])\s*/i

/** The subject without its reply/forward prefixes, case and wording kept. */
export function stripSubjectPrefixes(subject: string): string {
  let s = subject.trim()
  for (let i = 0; i < 20 && PREFIX.test(s); i++) s = s.replace(PREFIX, '').trim()
  return s
}

/** What threads by subject compare: no prefixes, spacing and case folded. */
export function baseSubject(subject: string): string {
  return stripSubjectPrefixes(subject).replace(/\s+/g, ' ').toLowerCase()
}

export interface ThreadQuery {
  inReplyTo?: string
  references: string[]
  subject: string
  customerId: string
  channel: Conversation['channel']
  accountId: string
  date: string
  /** The marketplace's own threads (an inquiry, an order: core/marketplaces/recognise.ts), most specific first. */
  threads?: string[]
}

/** How long a subject-only match may reach back. */
const SUBJECT_WINDOW_MS = 30 * 24 * 3_600_000

export function findConversation(
  query: ThreadQuery,
  conversationOfMessageId: (messageId: string) => string | undefined,
  conversationsOfCustomer: Conversation[],
  /** The customer's conversation of a marketplace thread: notifications carry no References. */
  conversationOfThread: (thread: string) => string | undefined = () => undefined,
): string | undefined {
  for (const id of [query.inReplyTo, ...[...query.references].reverse()]) {
    if (!id) continue
    const found = conversationOfMessageId(id)
    if (found) return found
  }
  for (const thread of query.threads ?? []) {
    const found = conversationOfThread(thread)
    if (found) return found
  }
  const base = baseSubject(query.subject)
  if (!base) return undefined
  const at = Date.parse(query.date)
  return conversationsOfCustomer.find(
    (c) =>
      c.channel === query.channel &&
      c.accountId === query.accountId &&
      baseSubject(c.subject) === base &&
      Math.abs(Date.parse(c.lastMessageAt) - at) < SUBJECT_WINDOW_MS,
  )?.id
}
