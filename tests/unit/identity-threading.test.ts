import { describe, expect, it } from 'vitest'
import { displayName, findCustomer, guessLanguage, indexCustomers, keyForAddress } from '../../main/core/identity'
import type { Conversation, Customer } from '../../main/core/model'
import { baseSubject, findConversation } from '../../main/core/threading'

const customer = (id: string, keys: Customer['keys']): Customer => ({
  id,
  name: id,
  language: 'en',
  keys,
  tags: [],
  note: '',
  createdAt: '',
})

describe('identity', () => {
  it('treats Amazon and Walmart masked addresses as relay keys, others as e-mail, case-insensitively', () => {
    expect(keyForAddress('Xk3v9@Marketplace.Amazon.co.jp')).toEqual({
      kind: 'relay',
      value: 'xk3v9@marketplace.amazon.co.jp',
    })
    expect(keyForAddress('a1b2@relay.walmart.com').kind).toBe('relay')
    expect(keyForAddress('Tanaka.K@Example.JP')).toEqual({ kind: 'email', value: 'tanaka.k@example.jp' })
  })

  it('finds the customer who owns any of the keys', () => {
    const index = indexCustomers([
      customer('a', [{ kind: 'email', value: 'a@example.com' }]),
      customer('b', [{ kind: 'order', value: '111-1' }]),
    ])
    expect(
      findCustomer(index, [
        { kind: 'email', value: 'x@example.com' },
        { kind: 'order', value: '111-1' },
      ]),
    ).toBe('b')
    expect(findCustomer(index, [{ kind: 'email', value: 'x@example.com' }])).toBeUndefined()
  })

  it('names a new customer from the display name or the address, and guesses Japanese', () => {
    expect(displayName({ name: '"佐藤 健"', address: 'k@example.jp' })).toBe('佐藤 健')
    expect(displayName({ address: 'jane.doe@example.com' })).toBe('jane.doe')
    expect(guessLanguage(undefined, 'Re: 発送について')).toBe('ja')
    expect(guessLanguage('Jane', 'Where is my order?')).toBe('en')
  })
})

describe('threading', () => {
  const conv = (over: Partial<Conversation>): Conversation => ({
    id: 'c1',
    customerId: 'a',
    accountId: 'acc',
    channel: 'email',
    subject: 'Where is my order?',
    status: 'open',
    lastMessageAt: '2026-11-01T00:00:00Z',
    lastSnippet: '',
    lastFrom: 'customer',
    messageCount: 1,
    unreadCount: 0,
    shards: [],
    ...over,
  })

  it('strips reply and forward prefixes in English and Japanese', () => {
    expect(baseSubject('Re: RE: Fwd: Where is my order?')).toBe('where is my order?')
    expect(baseSubject('返信：転送: 発送について')).toBe('発送について')
    expect(baseSubject('AW: [2] Re:  Hello  there')).toBe('hello there')
  })

  it('follows In-Reply-To first, then References from the newest', () => {
    const index: Record<string, string> = { '<a@x>': 'c-a', '<b@x>': 'c-b' }
    const q = {
      references: ['<a@x>', '<b@x>'],
      subject: 'x',
      customerId: 'a',
      channel: 'email' as const,
      accountId: 'acc',
      date: '2026-11-02T00:00:00Z',
    }
    expect(findConversation({ ...q, inReplyTo: '<a@x>' }, (id) => index[id], [])).toBe('c-a')
    expect(findConversation(q, (id) => index[id], [])).toBe('c-b')
  })

  it('joins the same subject with the same customer on the same channel within a month', () => {
    const q = {
      references: [],
      subject: 'Re: Where is my order?',
      customerId: 'a',
      channel: 'email' as const,
      accountId: 'acc',
      date: '2026-11-10T00:00:00Z',
    }
    expect(findConversation(q, () => undefined, [conv({})])).toBe('c1')
    expect(findConversation({ ...q, date: '2027-01-10T00:00:00Z' }, () => undefined, [conv({})])).toBeUndefined()
    expect(findConversation({ ...q, channel: 'amazon' }, () => undefined, [conv({})])).toBeUndefined()
  })
})
