// Folding messages into a conversation's denormalised summary. Pure: the store calls it
// for every message it adds, whatever channel the message came through.
import type { Conversation, MessageRecord } from './model'

export type ConversationHead = Pick<
  Conversation,
  'id' | 'customerId' | 'accountId' | 'channel' | 'subject' | 'status' | 'orderNumber' | 'snoozedUntil'
>

export function emptyConversation(head: ConversationHead): Conversation {
  return {
    ...head,
    lastMessageAt: '',
    lastSnippet: '',
    lastFrom: 'customer',
    messageCount: 0,
    unreadCount: 0,
    shards: [],
  }
}

/** The conversation after `message` joined it. Messages may arrive in any order. */
export function withMessage(c: Conversation, message: MessageRecord): Conversation {
  const month = message.date.slice(0, 7)
  const next: Conversation = {
    ...c,
    messageCount: c.messageCount + 1,
    unreadCount: c.unreadCount + (message.direction === 'in' && !message.seen ? 1 : 0),
    shards: c.shards.includes(month) ? c.shards : [...c.shards, month].sort(),
  }
  if (message.date >= c.lastMessageAt) {
    next.lastMessageAt = message.date
    next.lastSnippet = message.snippet
    next.lastFrom = message.direction === 'in' ? 'customer' : 'seller'
    if (message.direction === 'out') {
      delete next.waitingSince
      // The seller followed up on a conversation back from a snooze: it no longer waits.
      delete next.wokeAt
      // A rule's priority was about getting an answer out (core/rules): answered, it is normal again.
      delete next.priority
    } else if (!c.waitingSince || c.lastFrom === 'seller') next.waitingSince = message.date
  }
  return next
}
