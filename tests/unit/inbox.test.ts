import { describe, expect, it } from 'vitest'
import { emptyConversation, withMessage } from '../../main/core/conversations'
import { responseClocksOf } from '../../main/core/clocks/policies'
import { buildInbox } from '../../main/core/inbox'
import type { Conversation, Customer, MessageRecord } from '../../main/core/model'

/** The default policies, counted in UTC: e-mail and Amazon 24 hours, Rakuten one business day. */
const clocks = responseClocksOf({}, 'UTC')

const customer = (id: string, name: string): Customer => ({
  id,
  name,
  language: 'en',
  keys: [],
  tags: [],
  note: '',
  createdAt: '2026-01-01T00:00:00Z',
})

function message(over: Partial<MessageRecord> & Pick<MessageRecord, 'id' | 'date' | 'direction'>): MessageRecord {
  return {
    conversationId: 'c',
    customerId: 'x',
    accountId: 'a',
    channel: 'email',
    from: { address: 'x@example.com' },
    to: [],
    subject: 's',
    snippet: over.id,
    seen: false,
    attachments: [],
    emlPath: '',
    ...over,
  }
}

function conversation(
  id: string,
  customerId: string,
  channel: Conversation['channel'],
  msgs: MessageRecord[],
  status: Conversation['status'] = 'open',
): Conversation {
  return msgs.reduce(withMessage, emptyConversation({ id, customerId, accountId: 'a', channel, subject: id, status }))
}

describe('conversation summary', () => {
  it('waits since the first unanswered customer message and stops waiting when the seller answers', () => {
    let c = conversation('c', 'x', 'amazon', [])
    c = withMessage(c, message({ id: 'm1', date: '2026-11-01T10:00:00Z', direction: 'in' }))
    c = withMessage(c, message({ id: 'm2', date: '2026-11-01T11:00:00Z', direction: 'in' }))
    expect(c.waitingSince).toBe('2026-11-01T10:00:00Z')
    expect(c.unreadCount).toBe(2)
    c = withMessage(c, message({ id: 'm3', date: '2026-11-01T12:00:00Z', direction: 'out' }))
    expect(c.waitingSince).toBeUndefined()
    expect(c.lastFrom).toBe('seller')
    c = withMessage(c, message({ id: 'm4', date: '2026-11-02T09:00:00Z', direction: 'in' }))
    expect(c.waitingSince).toBe('2026-11-02T09:00:00Z')
    expect(c.shards).toEqual(['2026-11'])
  })

  it('keeps the newest message as the last one when history arrives out of order', () => {
    let c = conversation('c', 'x', 'email', [])
    c = withMessage(c, message({ id: 'new', date: '2026-11-05T00:00:00Z', direction: 'in' }))
    c = withMessage(c, message({ id: 'old', date: '2026-09-01T00:00:00Z', direction: 'out' }))
    expect(c.lastSnippet).toBe('new')
    expect(c.lastFrom).toBe('customer')
    expect(c.messageCount).toBe(2)
    expect(c.shards).toEqual(['2026-09', '2026-11'])
  })
})

describe('inbox', () => {
  const customers = { a: customer('a', 'Ann'), b: customer('b', 'Ben'), c: customer('c', 'Chie') }
  const now = '2026-11-03T00:00:00Z'
  const convs = [
    // Ann: an e-mail from yesterday and an older Amazon question: one row, opened on Amazon.
    conversation('a-mail', 'a', 'email', [message({ id: '1', date: '2026-11-02T12:00:00Z', direction: 'in' })]),
    conversation('a-amz', 'a', 'amazon', [message({ id: '2', date: '2026-11-02T01:00:00Z', direction: 'in' })]),
    // Ben: answered already, not waiting.
    conversation('b-mail', 'b', 'email', [
      message({ id: '3', date: '2026-11-01T00:00:00Z', direction: 'in' }),
      message({ id: '4', date: '2026-11-01T02:00:00Z', direction: 'out' }),
    ]),
    // Chie: waiting longest.
    conversation('c-rak', 'c', 'rakuten', [message({ id: '5', date: '2026-11-01T06:00:00Z', direction: 'in' })]),
    conversation('c-done', 'c', 'email', [message({ id: '6', date: '2026-10-01T06:00:00Z', direction: 'in' })], 'done'),
  ]

  it('shows one row per waiting customer, the most urgent first', () => {
    const rows = buildInbox(customers, convs, { view: 'waiting', now, clocks })
    expect(rows.map((r) => r.name)).toEqual(['Chie', 'Ann'])
    expect(rows[1]).toMatchObject({
      conversationId: 'a-amz',
      channels: ['email', 'amazon'],
      dueAt: '2026-11-03T01:00:00.000Z',
      openCount: 2,
      unreadCount: 2,
    })
  })

  it('filters by channel and lists done conversations by recency', () => {
    expect(
      buildInbox(customers, convs, { view: 'waiting', channel: 'amazon', now, clocks }).map((r) => r.name),
    ).toEqual(['Ann'])
    expect(buildInbox(customers, convs, { view: 'done', now, clocks }).map((r) => r.customerId)).toEqual(['c'])
    expect(buildInbox(customers, convs, { view: 'all', now, clocks }).map((r) => r.name)).toEqual([
      'Ann',
      'Chie',
      'Ben',
    ])
  })

  it('hides snoozed conversations until they are due, then brings them back', () => {
    const snoozed = { ...convs[0]!, status: 'snoozed' as const, snoozedUntil: '2026-11-04T00:00:00Z' }
    expect(buildInbox(customers, [snoozed], { view: 'waiting', now, clocks })).toEqual([])
    expect(buildInbox(customers, [snoozed], { view: 'snoozed', now, clocks })).toHaveLength(1)
    expect(buildInbox(customers, [snoozed], { view: 'waiting', now: '2026-11-04T00:00:01Z', clocks })).toHaveLength(1)
  })
})
