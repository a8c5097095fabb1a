import { describe, expect, it } from 'vitest'
import { responseClocksOf } from '../../main/core/clocks/policies'
import { emptyConversation, withMessage } from '../../main/core/conversations'
import { buildInbox } from '../../main/core/inbox'
import type { Conversation, Customer, MessageRecord } from '../../main/core/model'
import { callbackDue, callbackReason, markNeedsReply, withPriority } from '../../main/core/rules/actions'
import { defaultRules, reasonIn } from '../../main/core/rules/defaults'
import {
  CATCH_UP_MS,
  evaluateRules,
  MESSAGE_FRESH_MS,
  type Delivery,
  type Firing,
  type NewMessage,
  type RuleWorld,
} from '../../main/core/rules/evaluate'
import { checkStoredRule, ruleInputSchema, type Rule, type RuleInput } from '../../main/core/rules/rule'
import { expiredEntries, LOG_KEPT_MS } from '../../main/core/rules/log'
import { matchWords } from '../../main/core/rules/words'

/** Default policies counted in UTC: e-mail and Amazon 24 hours. */
const clocks = responseClocksOf({}, 'UTC')
const HOUR = 3_600_000
const DAY = 24 * HOUR

/** A fake clock: every evaluation is at `clock.now`, moved by hand. */
const clock = { now: new Date('2026-11-23T10:00:00.000Z') }
const ago = (ms: number) => new Date(clock.now.getTime() - ms).toISOString()

const customers: Record<string, Customer> = {
  cus_sato: {
    id: 'cus_sato',
    name: '佐藤 健',
    language: 'ja',
    keys: [],
    tags: ['vip'],
    note: '',
    createdAt: '2026-01-01T00:00:00Z',
  },
  cus_claire: {
    id: 'cus_claire',
    name: 'Claire Wilson',
    language: 'en',
    keys: [],
    tags: [],
    note: '',
    createdAt: '2026-01-01T00:00:00Z',
  },
}

function rule(input: Omit<RuleInput, 'name'> & { name?: string }): Rule {
  const parsed = ruleInputSchema.parse({ name: 'a rule', ...input })
  return { ...parsed, id: input.id ?? 'rule_1', createdAt: ago(DAY), updatedAt: ago(DAY) }
}

function message(over: Partial<NewMessage['record']> = {}, text = ''): NewMessage {
  return {
    record: {
      id: 'msg_1',
      messageId: '<m1@example.com>',
      conversationId: 'cnv_sato',
      customerId: 'cus_sato',
      channel: 'amazon',
      direction: 'in',
      subject: 'About my order',
      date: ago(5 * 60_000),
      ...over,
    },
    text,
  }
}

function conversation(over: Partial<Conversation>): Conversation {
  return {
    ...emptyConversation({
      id: 'cnv_sato',
      customerId: 'cus_sato',
      accountId: 'acc',
      channel: 'amazon',
      subject: 'Tea cups',
      status: 'open',
    }),
    messageCount: 2,
    ...over,
  }
}

function world(over: Partial<RuleWorld> = {}): RuleWorld {
  return { now: clock.now, customers, conversations: {}, clocks, ...over }
}

const none = () => false
const onlyNew = (fired: Set<string>) => (key: string) => fired.has(key)

describe('message triggers', () => {
  it('fires on a new customer message containing a Japanese word, without spaces around it', () => {
    const r = rule({
      trigger: { kind: 'message' },
      conditions: { words: ['破損'] },
      actions: [{ kind: 'tag', tag: '破損' }],
    })
    const [f, ...rest] = evaluateRules(
      [r],
      world({ newMessages: [message({}, '届いた湯呑みが破損していました。')] }),
      none,
    )
    expect(rest).toEqual([])
    expect(f).toMatchObject({
      ruleId: 'rule_1',
      subject: 'message:<m1@example.com>',
      customerId: 'cus_sato',
      conversationId: 'cnv_sato',
      at: clock.now.toISOString(),
      why: { trigger: 'message', words: ['破損'] },
      actions: [{ kind: 'tag', tag: '破損' }],
    })
  })

  it('matches words across case and full-width letters, and not when none is there', () => {
    expect(matchWords(['refund', 'カップ'], 'I want a ＲＥＦＵＮＤ for the ｶｯﾌﾟ')).toEqual(['refund', 'カップ'])
    const r = rule({
      trigger: { kind: 'message' },
      conditions: { words: ['refund'] },
      actions: [{ kind: 'needsReply' }],
    })
    expect(evaluateRules([r], world({ newMessages: [message({}, 'Thanks, all good')] }), none)).toEqual([])
  })

  it('narrows by channel, marketplace message kind and customer tag', () => {
    const r = rule({
      trigger: { kind: 'message' },
      conditions: { channels: ['amazon'], kinds: ['return'], tags: ['VIP'] },
      actions: [{ kind: 'priority', priority: 'high' }],
    })
    const returnRequest = {
      rule: 'amazon',
      kind: 'return' as const,
      reply: { mode: 'site' as const, url: 'https://x' },
    }
    expect(evaluateRules([r], world({ newMessages: [message({ marketplace: returnRequest })] }), none)).toHaveLength(1)
    // Another channel, another kind, a customer without the tag: nothing.
    expect(
      evaluateRules([r], world({ newMessages: [message({ channel: 'ebay', marketplace: returnRequest })] }), none),
    ).toEqual([])
    expect(
      evaluateRules(
        [r],
        world({ newMessages: [message({ marketplace: { ...returnRequest, kind: 'question' } })] }),
        none,
      ),
    ).toEqual([])
    expect(
      evaluateRules(
        [r],
        world({ newMessages: [message({ customerId: 'cus_claire', marketplace: returnRequest })] }),
        none,
      ),
    ).toEqual([])
  })

  it('ignores our own messages, old mail arriving in a first sync, and disabled rules', () => {
    const r = rule({ trigger: { kind: 'message' }, actions: [{ kind: 'needsReply' }] })
    expect(evaluateRules([r], world({ newMessages: [message({ direction: 'out' })] }), none)).toEqual([])
    expect(evaluateRules([r], world({ newMessages: [message({ date: ago(MESSAGE_FRESH_MS + 1) })] }), none)).toEqual([])
    expect(evaluateRules([{ ...r, enabled: false }], world({ newMessages: [message()] }), none)).toEqual([])
  })

  it('fires once per rule and message, however often the message is seen again', () => {
    const r = rule({ trigger: { kind: 'message' }, actions: [{ kind: 'needsReply' }] })
    const fired = new Set<string>()
    const first = evaluateRules([r], world({ newMessages: [message(), message()] }), onlyNew(fired))
    expect(first).toHaveLength(1)
    for (const f of first) fired.add(f.key)
    // A re-sync stores the same mail under a new record id: the Message-ID is the subject.
    expect(evaluateRules([r], world({ newMessages: [message({ id: 'msg_again' })] }), onlyNew(fired))).toEqual([])
    // Another rule on the same message still fires.
    expect(evaluateRules([{ ...r, id: 'rule_2' }], world({ newMessages: [message()] }), onlyNew(fired))).toHaveLength(1)
  })
})

describe('low rating trigger', () => {
  const feedback = (rating: number) => ({
    rule: 'amazon-feedback',
    kind: 'feedback' as const,
    rating,
    reply: { mode: 'site' as const, url: 'https://sellercentral.amazon.co.jp' },
  })
  const [badReview] = defaultRules('en', clock.now)

  it('fires on a rating at or below the limit, not above it nor without a rating', () => {
    const fire = (m: NewMessage) => evaluateRules([badReview!], world({ newMessages: [m] }), none)
    expect(fire(message({ marketplace: feedback(1) }))[0]?.why).toEqual({
      trigger: 'lowRating',
      subject: 'About my order',
      rating: 1,
      maxRating: 2,
      words: [],
    })
    expect(fire(message({ marketplace: feedback(2) }))).toHaveLength(1)
    expect(fire(message({ marketplace: feedback(3) }))).toEqual([])
    expect(fire(message())).toEqual([])
  })
})

describe('no reply trigger', () => {
  const r = rule({ trigger: { kind: 'noReply', days: 7 }, actions: [{ kind: 'tag', tag: 'follow-up' }] })
  const answered = (msAgo: number, lastFrom: Conversation['lastFrom'] = 'seller') =>
    conversation({ lastFrom, lastMessageAt: ago(msAgo), status: 'done' })

  it('fires once the customer has not answered for N days after our answer, as the clock moves', () => {
    const c = answered(6 * DAY)
    expect(evaluateRules([r], world({ scan: true, conversations: { [c.id]: c } }), none)).toEqual([])
    const answeredAt = c.lastMessageAt
    clock.now = new Date(clock.now.getTime() + DAY)
    const [f] = evaluateRules([r], world({ scan: true, conversations: { [c.id]: c } }), none)
    expect(f).toMatchObject({
      subject: `answer:cnv_sato@${answeredAt}`,
      why: { trigger: 'noReply', days: 7, answeredAt },
    })
    clock.now = new Date('2026-11-23T10:00:00.000Z')
  })

  it('does not fire when the customer wrote last, or on answers long in the past', () => {
    const last = answered(8 * DAY, 'customer')
    expect(evaluateRules([r], world({ scan: true, conversations: { [last.id]: last } }), none)).toEqual([])
    const old = answered(7 * DAY + CATCH_UP_MS + 1)
    expect(evaluateRules([r], world({ scan: true, conversations: { [old.id]: old } }), none)).toEqual([])
  })

  it('is not looked at for a new message, only when the state is scanned', () => {
    const c = answered(8 * DAY)
    expect(evaluateRules([r], world({ newMessages: [message()], conversations: { [c.id]: c } }), none)).toEqual([])
  })
})

describe('delivered trigger', () => {
  const delivery = (msAgo: number): Delivery => ({
    orderId: 'ord_1',
    orderNumber: '249-1234567-1234567',
    customerId: 'cus_claire',
    channel: 'amazon',
    deliveredAt: ago(msAgo),
    items: ['Hagi tea cup (blue)'],
  })
  const r = rule({
    trigger: { kind: 'delivered', days: 3 },
    conditions: { words: ['tea cup'] },
    actions: [{ kind: 'callback', when: 'laterToday', reason: 'Ask {name} how the cup arrived' }],
  })
  const c = conversation({ id: 'cnv_claire', customerId: 'cus_claire', lastMessageAt: ago(10 * DAY) })

  it('fires N days after delivery, on the customer’s latest conversation, by order', () => {
    const w = (ms: number) => world({ scan: true, deliveries: [delivery(ms)], conversations: { [c.id]: c } })
    expect(evaluateRules([r], w(2 * DAY), none)).toEqual([])
    const [f] = evaluateRules([r], w(3 * DAY + 60_000), none)
    expect(f).toMatchObject({
      subject: 'order:ord_1',
      customerId: 'cus_claire',
      conversationId: 'cnv_claire',
      why: { trigger: 'delivered', orderNumber: '249-1234567-1234567', words: ['tea cup'] },
    })
  })
})

describe('response clock trigger', () => {
  const [, clockRule] = defaultRules('en', clock.now)
  const waiting = (hoursAgo: number) =>
    conversation({ lastFrom: 'customer', waitingSince: ago(hoursAgo * HOUR), status: 'open' })

  it('fires within N hours of the clock running out, once per due time', () => {
    // Amazon: 24 hours. 21 hours in: 3 hours left, not yet; 23 hours in: 1 hour left.
    expect(evaluateRules([clockRule!], world({ scan: true, conversations: { c: waiting(21) } }), none)).toEqual([])
    const c = waiting(23)
    const due = new Date(Date.parse(c.waitingSince!) + 24 * HOUR).toISOString()
    const firings = evaluateRules([clockRule!], world({ scan: true, conversations: { c } }), none)
    expect(firings).toMatchObject([
      { subject: `clock:cnv_sato@${due}`, why: { trigger: 'clock', hours: 2, dueAt: due } },
    ])
    const fired = new Set(firings.map((f: Firing) => f.key))
    expect(evaluateRules([clockRule!], world({ scan: true, conversations: { c } }), onlyNew(fired))).toEqual([])
  })

  it('does not fire on a clock already run out, or a conversation snoozed', () => {
    expect(evaluateRules([clockRule!], world({ scan: true, conversations: { c: waiting(25) } }), none)).toEqual([])
    const snoozed = { ...waiting(23), status: 'snoozed' as const }
    expect(evaluateRules([clockRule!], world({ scan: true, conversations: { c: snoozed } }), none)).toEqual([])
  })
})

describe('actions', () => {
  it('plans a callback today: now in the day, 9:00 when the trigger came in the night', () => {
    expect(callbackDue('today', new Date('2026-11-23T05:30:00Z'), 'Asia/Tokyo')).toBe('2026-11-23T05:30:00.000Z')
    // 02:00 in Tokyo: the call is at 9:00 Tokyo time (00:00 UTC).
    expect(callbackDue('today', new Date('2026-11-22T17:00:00Z'), 'Asia/Tokyo')).toBe('2026-11-23T00:00:00.000Z')
    expect(callbackDue('tomorrowMorning', new Date('2026-11-23T05:30:00Z'), 'Asia/Tokyo')).toBe(
      '2026-11-24T00:00:00.000Z',
    )
    expect(callbackReason('{name}様へレビューの件でお電話', '佐藤 健')).toBe('佐藤 健様へレビューの件でお電話')
    // The default reason, left as seeded, comes in the customer's language; the seller's own stays.
    expect(callbackReason(reasonIn('Call {name} about their review', 'ja'), '佐藤 健')).toBe(
      '佐藤 健様へレビューの件でお電話',
    )
    expect(reasonIn('Ring {name}', 'ja')).toBe('Ring {name}')
  })

  it('marks a conversation the seller answered last as needing a reply, and reopens a done one', () => {
    const done = conversation({ lastFrom: 'seller', status: 'done' })
    const next = markNeedsReply(done, clock.now)
    expect(next).toMatchObject({ status: 'open', wokeAt: clock.now.toISOString() })
    const waiting = conversation({ lastFrom: 'customer', status: 'open' })
    expect(markNeedsReply(waiting, clock.now)).toBe(waiting)
  })

  it('sets a priority once', () => {
    const c = conversation({})
    const high = withPriority(c, 'high')
    expect(high.priority).toBe('high')
    expect(withPriority(high, 'high')).toBe(high)
  })
})

describe('priority in the inbox', () => {
  it('puts a high-priority row first among rows with no clock, and shows it on the row', () => {
    // Both back in Waiting with the seller having written last (no clock): recency alone would put Sato last.
    const sato = conversation({ lastFrom: 'seller', lastMessageAt: ago(3 * HOUR), wokeAt: ago(HOUR), priority: 'high' })
    const claire = conversation({
      id: 'cnv_claire',
      customerId: 'cus_claire',
      lastFrom: 'seller',
      lastMessageAt: ago(HOUR),
      wokeAt: ago(HOUR),
    })
    const rows = buildInbox(customers, [claire, sato], { view: 'waiting', now: clock.now.toISOString(), clocks })
    expect(rows.map((r) => [r.customerId, r.priority])).toEqual([
      ['cus_sato', 'high'],
      ['cus_claire', undefined],
    ])
  })

  it('goes back to normal once the seller answers', () => {
    const c = conversation({ lastFrom: 'customer', lastMessageAt: ago(HOUR), priority: 'high' })
    const answer = { direction: 'out', date: clock.now.toISOString(), snippet: 'Sorry!', seen: true } as MessageRecord
    expect(withMessage(c, answer).priority).toBeUndefined()
    const more = { ...answer, direction: 'in', seen: false } as MessageRecord
    expect(withMessage(c, more).priority).toBe('high')
  })
})

describe('the log', () => {
  it('keeps firings for as long as their subject could fire again, and drops the older ones', () => {
    const entry = (key: string, at: string) => ({ key, at }) as unknown as Firing
    const log = {
      entries: { recent: entry('recent', ago(300 * DAY)), old: entry('old', ago(LOG_KEPT_MS + DAY)) },
      delivered: { ord_1: ago(LOG_KEPT_MS + DAY), ord_2: ago(DAY) },
    }
    expect(expiredEntries(log, clock.now)).toEqual({ entries: ['old'], delivered: ['ord_1'] })
    expect(LOG_KEPT_MS).toBeGreaterThan(365 * DAY + CATCH_UP_MS)
  })
})

describe('rule shape', () => {
  const base = { name: 'r', trigger: { kind: 'message' }, actions: [{ kind: 'needsReply' }] }

  it('gives a message a seller can act on for each bad input', () => {
    const issue = (input: unknown) => {
      const r = ruleInputSchema.safeParse(input)
      return r.success ? undefined : `${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`
    }
    expect(issue({ ...base, name: '  ' })).toBe('name: Give the rule a name, e.g. "Bad review → call".')
    expect(issue({ ...base, actions: [] })).toBe('actions: A rule needs at least one action.')
    expect(issue({ ...base, trigger: { kind: 'noReply', days: 0 } })).toBe(
      'trigger.days: The number of days must be at least 1.',
    )
    expect(issue({ ...base, trigger: { kind: 'clock', hours: 1.5 } })).toBe(
      'trigger.hours: The number of hours must be a whole number.',
    )
    expect(issue({ ...base, trigger: { kind: 'sometimes' } })).toMatch(
      /^trigger.kind: A trigger is one of: message, lowRating/,
    )
    expect(issue({ ...base, actions: [{ kind: 'tag', tag: 'a,b' }] })).toBe(
      'actions.0.tag: A tag cannot contain commas or control characters.',
    )
    expect(issue({ ...base, actions: [{ kind: 'callback', reason: '' }] })).toMatch(
      /^actions.0.reason: Say why to call/,
    )
    expect(issue({ ...base, trigger: { kind: 'noReply', days: 3 }, conditions: { kinds: ['return'] } })).toBe(
      'conditions.kinds: Message kinds apply only to rules on a new message or a low rating.',
    )
    expect(issue({ ...base, actions: [{ kind: 'snooze', hours: 2 }, { kind: 'needsReply' }] })).toBe(
      'actions: A rule cannot both snooze a conversation and mark it as needing a reply.',
    )
  })

  it('checks rules read back from disk and names the field of one edited into nonsense', () => {
    const [good] = defaultRules('ja', clock.now)
    expect(checkStoredRule(JSON.parse(JSON.stringify(good)))).toEqual({ rule: good })
    expect(checkStoredRule({ ...good, trigger: { kind: 'lowRating', maxRating: 9 } })).toEqual({
      problem: 'trigger.maxRating: The rating may be at most 4.',
    })
    expect(checkStoredRule('nonsense')).toEqual({ problem: 'not an object' })
  })

  it('gives the defaults in the seller’s language, each one valid', () => {
    const ja = defaultRules('ja', clock.now)
    expect(ja.map((r) => r.name)).toEqual([
      '低評価のレビュー → 今日お電話',
      '返信期限まで 2 時間 → 優先度を上げる',
      '回答後 7 日間返信なし → タグ「follow-up」',
    ])
    for (const r of [...ja, ...defaultRules('en', clock.now)]) expect('rule' in checkStoredRule(r)).toBe(true)
  })
})
