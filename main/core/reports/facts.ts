// The few facts of a message a report needs, taken once from its record (and cached per month
// shard by the engine), so a report over 100,000 messages never re-reads subjects and snippets.
import type { Channel, MessageRecord } from '../model'
import type { TopicMatcher } from './topics'

export interface MessageFacts {
  conversationId: string
  customerId: string
  channel: Channel
  inbound: boolean
  /** Epoch milliseconds. */
  at: number
  /** Topics of an incoming message's subject and snippet (empty for the seller's own). */
  topics: readonly string[]
  /** Stars (1–5) of a feedback or review notice. */
  rating?: number
}

const NONE: readonly string[] = []

export function factsOf(m: MessageRecord, topics: TopicMatcher): MessageFacts {
  const inbound = m.direction === 'in'
  const facts: MessageFacts = {
    conversationId: m.conversationId,
    customerId: m.customerId,
    channel: m.channel,
    inbound,
    at: Date.parse(m.date),
    topics: inbound ? topicsOrNone(topics.match(`${m.subject}\n${m.snippet}`)) : NONE,
  }
  const rating = m.marketplace?.rating
  if (typeof rating === 'number') facts.rating = rating
  return facts
}

function topicsOrNone(ids: string[]): readonly string[] {
  return ids.length ? ids : NONE
}
