import { describe, expect, it } from 'vitest'
import { responseClocksOf } from '../../main/core/clocks/policies'
import { emptyConversation, withMessage } from '../../main/core/conversations'
import { tagCounts } from '../../main/core/customers/tags'
import { buildInbox } from '../../main/core/inbox'
import type { Channel, Conversation, Customer } from '../../main/core/model'
import { requestSchemas } from '../../preload/schemas/requests'

const clocks = responseClocksOf({}, 'UTC')
const now = '2026-11-10T00:00:00Z'

const customer = (id: string, tags: string[]): Customer => ({
  id,
  name: id,
  language: 'en',
  keys: [],
  tags,
  note: '',
  createdAt: '2026-01-01T00:00:00Z',
})

/** One conversation in which the customer wrote last: it waits. */
function waiting(id: string, customerId: string, channel: Channel, date: string): Conversation {
  return withMessage(emptyConversation({ id, customerId, accountId: 'a', channel, subject: id, status: 'open' }), {
    id: `${id}-m`,
    conversationId: id,
    customerId,
    accountId: 'a',
    channel,
    date,
    direction: 'in',
    from: { address: `${customerId}@example.com` },
    to: [],
    subject: id,
    snippet: id,
    seen: false,
    attachments: [],
    emlPath: '',
  })
}

const customers = {
  ann: customer('ann', ['VIP', 'wholesale']),
  bob: customer('bob', ['vip']),
  cho: customer('cho', []),
}
const conversations = [
  waiting('c1', 'ann', 'amazon', '2026-11-01T10:00:00Z'),
  waiting('c2', 'ann', 'email', '2026-11-01T11:00:00Z'),
  waiting('c3', 'bob', 'email', '2026-11-01T12:00:00Z'),
  waiting('c4', 'cho', 'email', '2026-11-01T13:00:00Z'),
]
const ids = (tag?: string, channel?: Channel) =>
  buildInbox(customers, conversations, { view: 'waiting', channel, tag, now, clocks }).map((r) => r.customerId)

describe('the inbox by tag', () => {
  it('shows only the customers carrying the tag, whatever its case', () => {
    expect(ids().sort()).toEqual(['ann', 'bob', 'cho'])
    expect(ids('vip').sort()).toEqual(['ann', 'bob'])
    expect(ids('Vip').sort()).toEqual(['ann', 'bob'])
    expect(ids('wholesale')).toEqual(['ann'])
    expect(ids('nobody has this')).toEqual([])
  })

  it('combines with the channel: a tagged customer with no conversation on that channel is left out', () => {
    expect(ids('vip', 'amazon')).toEqual(['ann'])
    expect(ids('vip', 'email').sort()).toEqual(['ann', 'bob'])
    expect(ids('wholesale', 'rakuten')).toEqual([])
  })

  it('combines with the view: a tagged customer in Done is not in Waiting', () => {
    const done = { ...conversations[2]!, status: 'done' as const }
    const rows = buildInbox(customers, [conversations[0]!, done], { view: 'done', tag: 'VIP', now, clocks })
    expect(rows.map((r) => r.customerId)).toEqual(['bob'])
  })
})

describe('tags in use', () => {
  it('counts each customer once per tag, folding case, most used first', () => {
    const counts = tagCounts([...Object.values(customers), customer('dee', ['VIP', 'vip'])])
    expect(counts).toEqual([
      { tag: 'VIP', customers: 3 },
      { tag: 'wholesale', customers: 1 },
    ])
  })

  it('is empty when no customer has a tag', () => {
    expect(tagCounts([customer('x', [])])).toEqual([])
  })
})

describe('the tag filter as the contract reads it', () => {
  const parse = (tag: unknown) => requestSchemas['inbox.list'].safeParse({ view: 'all', tag })

  it('trims the tag', () => {
    const r = parse('  vip ')
    expect(r.success && r.data.tag).toBe('vip')
  })

  it('refuses an empty tag and one over 60 characters with a message that says so', () => {
    const empty = parse('   ')
    expect(empty.success).toBe(false)
    expect(empty.error?.issues[0]?.message).toBe('A tag to filter by cannot be empty.')
    const long = parse('x'.repeat(61))
    expect(long.success).toBe(false)
    expect(long.error?.issues[0]?.message).toBe('A tag to filter by may be at most 60 characters.')
    expect(parse(42).success).toBe(false)
  })
})
