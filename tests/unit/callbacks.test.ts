import { describe, expect, it } from 'vitest'
import { planCallFive, type CallLog, type CallPlan } from '../../main/core/callbacks/call-five'
import { callbackAlert, dueCallbacks } from '../../main/core/callbacks/due'
import { phoneFor } from '../../main/core/callbacks/phone'
import { groupCallbacks, nextBusinessDay, rescheduleTo } from '../../main/core/callbacks/schedule'
import { emptyConversation } from '../../main/core/conversations'
import type { Conversation, Customer, Order, Reminder } from '../../main/core/model'

const TOKYO = 'Asia/Tokyo'
// Friday 27 November 2026, 16:30 in Tokyo.
const friday = new Date('2026-11-27T07:30:00.000Z')

function reminder(id: string, dueAt: string, extra: Partial<Reminder> = {}): Reminder {
  return { id, customerId: 'cus_1', dueAt, reason: `call ${id}`, note: '', done: false, ...extra }
}

describe('the callback list', () => {
  it('groups open callbacks into overdue, due later today and upcoming on the seller’s clock', () => {
    const groups = groupCallbacks(
      [
        reminder('tomorrow', '2026-11-28T00:00:00.000Z'), // 09:00 Saturday in Tokyo
        reminder('tonight', '2026-11-27T14:59:00.000Z'), // 23:59 Friday in Tokyo
        reminder('yesterday', '2026-11-26T01:00:00.000Z'),
        reminder('an hour ago', '2026-11-27T06:30:00.000Z'),
        reminder('done', '2026-11-26T01:00:00.000Z', { done: true }),
      ],
      friday,
      TOKYO,
    )
    expect(groups.overdue.map((r) => r.id)).toEqual(['yesterday', 'an hour ago'])
    expect(groups.today.map((r) => r.id)).toEqual(['tonight'])
    expect(groups.upcoming.map((r) => r.id)).toEqual(['tomorrow'])
  })

  it('counts “today” in the seller’s time zone, not in UTC', () => {
    // Friday 20:00 UTC is Saturday 5:00 in Tokyo, Friday evening in London, and tomorrow in
    // Los Angeles, where it is still Thursday night.
    const evening = [reminder('r', '2026-11-27T20:00:00.000Z')]
    expect(groupCallbacks(evening, friday, TOKYO).upcoming).toHaveLength(1)
    expect(groupCallbacks(evening, friday, 'Europe/London').today).toHaveLength(1)
    expect(groupCallbacks(evening, friday, 'America/Los_Angeles').upcoming).toHaveLength(1)
  })
})

describe('moving a callback', () => {
  it('snoozes an hour from now', () => {
    expect(rescheduleTo('hour', friday, TOKYO)).toBe('2026-11-27T08:30:00.000Z')
  })

  it('puts “later today” three hours on, on the quarter hour', () => {
    expect(rescheduleTo('laterToday', new Date('2026-11-27T07:31:00.000Z'), TOKYO)).toBe('2026-11-27T10:45:00.000Z')
  })

  it('moves to tomorrow at 9:00 on the seller’s clock', () => {
    expect(rescheduleTo('tomorrowMorning', friday, TOKYO)).toBe('2026-11-28T00:00:00.000Z')
    expect(rescheduleTo('tomorrowMorning', friday, 'Europe/London')).toBe('2026-11-28T09:00:00.000Z')
  })

  it('skips the weekend for the next business day', () => {
    expect(rescheduleTo('nextBusinessDay', friday, TOKYO)).toBe('2026-11-30T00:00:00.000Z') // Monday 9:00
    const saturday = new Date('2026-11-28T03:00:00.000Z')
    expect(rescheduleTo('nextBusinessDay', saturday, TOKYO)).toBe('2026-11-30T00:00:00.000Z')
    const monday = new Date('2026-11-30T03:00:00.000Z')
    expect(rescheduleTo('nextBusinessDay', monday, TOKYO)).toBe('2026-12-01T00:00:00.000Z')
    expect(nextBusinessDay({ year: 2026, month: 12, day: 31 })).toEqual({ year: 2027, month: 1, day: 1 })
  })

  it('moves “next week” to Monday morning, a week on when it is Monday already', () => {
    expect(rescheduleTo('nextWeek', friday, TOKYO)).toBe('2026-11-30T00:00:00.000Z')
    expect(rescheduleTo('nextWeek', new Date('2026-11-30T03:00:00.000Z'), TOKYO)).toBe('2026-12-07T00:00:00.000Z')
  })

  it('keeps 9:00 at 9:00 across a daylight-saving change', () => {
    // New York leaves daylight saving on Sunday 1 November 2026: 9:00 is 13:00 UTC before, 14:00 after.
    const saturday = new Date('2026-10-31T15:00:00.000Z')
    expect(rescheduleTo('tomorrowMorning', saturday, 'America/New_York')).toBe('2026-11-01T14:00:00.000Z')
  })
})

describe('the number to call', () => {
  const customer: Pick<Customer, 'phone' | 'keys'> = { keys: [{ kind: 'email', value: 'a@example.com' }] }
  const orders = [
    { placedAt: '2026-10-01T00:00:00Z', shippingPhone: '090-1111-1111' },
    { placedAt: '2026-11-01T00:00:00Z', shippingPhone: '090-2222-2222' },
    { placedAt: '2026-11-20T00:00:00Z' },
  ]
  it('prefers the callback’s own number, then the customer’s, then a phone key, then the latest order’s', () => {
    expect(phoneFor({ ...customer, phone: '03-1234-5678' }, orders, { phone: '+1 415 555 0100' })).toEqual({
      number: '+1 415 555 0100',
      source: 'callback',
    })
    expect(phoneFor({ ...customer, phone: '03-1234-5678' }, orders)?.source).toBe('customer')
    expect(phoneFor({ keys: [{ kind: 'phone', value: '+81900000123' }] }, orders)?.number).toBe('+81900000123')
    expect(phoneFor(customer, orders)).toEqual({ number: '090-2222-2222', source: 'order' })
    expect(phoneFor(customer, [])).toBeUndefined()
  })
})

describe('callbacks coming due', () => {
  it('alerts once per due time, and again once the callback is moved', () => {
    const r = reminder('r1', '2026-11-27T07:00:00.000Z')
    expect(dueCallbacks([r], friday).map((x) => x.id)).toEqual(['r1'])
    expect(dueCallbacks([{ ...r, alertedFor: r.dueAt }], friday)).toEqual([])
    expect(dueCallbacks([{ ...r, alertedFor: '2026-11-26T07:00:00.000Z' }], friday)).toHaveLength(1)
    expect(dueCallbacks([{ ...r, done: true }], friday)).toEqual([])
    expect(dueCallbacks([reminder('later', '2026-11-27T09:00:00.000Z')], friday)).toEqual([])
    const alert = callbackAlert(r, undefined, undefined, friday, '090-1')
    expect(alert).toMatchObject({ kind: 'callback', id: 'callback:r1:2026-11-27T07:00:00.000Z', phone: '090-1' })
    expect(alert.conversationId).toBeUndefined()
  })
})

// The planner: a small shop with a customer for every kind of call.
const now = new Date('2026-11-27T07:30:00.000Z')
const days = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString()

function customer(id: string, phone?: string): Customer {
  return {
    id,
    name: id,
    language: 'en',
    keys: [],
    tags: [],
    note: '',
    createdAt: days(400),
    ...(phone ? { phone } : {}),
  }
}
function conversation(
  id: string,
  customerId: string,
  subject: string,
  daysAgo: number,
  extra: Partial<Conversation> = {},
) {
  return {
    ...emptyConversation({ id, customerId, accountId: 'acc', channel: 'email', subject, status: 'open' }),
    lastMessageAt: days(daysAgo),
    lastSnippet: '',
    ...extra,
  } as Conversation
}
function order(
  id: string,
  customerId: string,
  daysAgo: number,
  total: number,
  status: Order['status'] = 'delivered',
): Order {
  return {
    id,
    customerId,
    channel: 'email',
    orderNumber: id,
    placedAt: days(daysAgo),
    currency: 'USD',
    total,
    status,
    items: [],
  }
}

const shop = {
  customers: Object.fromEntries(
    [
      customer('happy', '1'),
      customer('happy2', '2'),
      customer('grumpy', '3'),
      customer('broken', '4'),
      customer('newbie', '5'),
      customer('whale', '6'),
      customer('silent'),
    ].map((c) => [c.id, c]),
  ),
  conversations: [
    conversation('c1', 'happy', 'Thank you! The teapot is beautiful', 10),
    conversation('c1b', 'happy2', 'Just wanted to say thanks', 12),
    conversation('c2', 'grumpy', 'Very disappointed with my order', 5),
    conversation('c3', 'broken', 'Teacup arrived broken', 3),
    conversation('c4', 'newbie', 'Question about the size', 8),
    conversation('c5', 'whale', 'Wholesale inquiry', 200),
  ],
  orders: [
    order('o1', 'happy', 90, 80),
    order('o2', 'happy', 20, 60),
    order('o1b', 'happy2', 50, 40),
    order('o1c', 'happy2', 40, 40),
    order('o3', 'grumpy', 30, 50, 'returned'),
    order('o4', 'broken', 15, 45),
    order('o5', 'newbie', 6, 35),
    order('o6', 'whale', 300, 2400),
    order('o7', 'whale', 250, 1800),
  ],
}

function plan(extra: { now?: Date; previous?: CallPlan; calls?: CallLog[] } = {}) {
  return planCallFive({ zone: TOKYO, calls: [], ...shop, ...extra, now: extra.now ?? now })
}

describe('the weekly call-five plan', () => {
  it('picks a happy, an unhappy, a hurt, a new and a valuable quiet customer, each with why', () => {
    const p = plan()
    expect(p.id).toBe('2026-11-23') // the Monday of the week, on the seller’s clock
    const bySlot = Object.fromEntries(p.picks.map((x) => [x.slot, x]))
    expect(['happy', 'happy2']).toContain(bySlot.happy!.customerId)
    expect(bySlot.happy!.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['kindWords', 'repeatBuyer']))
    expect(bySlot.unhappy).toMatchObject({ customerId: 'grumpy', phone: '3' })
    expect(bySlot.unhappy!.reasons.map((r) => r.code)).toEqual(['complaint', 'returned'])
    expect(bySlot.badExperience).toMatchObject({ customerId: 'broken', reasons: [{ code: 'damaged' }] })
    expect(bySlot.firstTime).toMatchObject({ customerId: 'newbie', reasons: [{ code: 'firstOrder', detail: 'o5' }] })
    expect(bySlot.highValue!.customerId).toBe('whale')
    expect(bySlot.highValue!.reasons).toEqual([
      { code: 'highValue', detail: 'USD 4200' },
      { code: 'quiet', detail: '200' },
    ])
    expect(p.unfilled).toEqual([])
  })

  it('is the same plan for the same week and data', () => {
    const later = new Date('2026-11-29T10:00:00.000Z') // Sunday of the same week
    const who = (p: CallPlan) => p.picks.map((x) => `${x.slot}:${x.customerId}`)
    expect(who(plan({ now: later }))).toEqual(who(plan()))
    expect(plan({ now: later }).id).toBe(plan().id)
  })

  it('does not pick last week’s customers again when someone else fits', () => {
    const first = plan()
    const happy = first.picks.find((x) => x.slot === 'happy')!.customerId
    const next = plan({ now: new Date(now.getTime() + 7 * 86_400_000), previous: first })
    const nextHappy = next.picks.find((x) => x.slot === 'happy')!
    expect(nextHappy.customerId).not.toBe(happy)
    // Only one unhappy customer: picked again, and the plan says so.
    expect(next.picks.find((x) => x.slot === 'unhappy')).toMatchObject({ customerId: 'grumpy', repeat: true })
  })

  it('picks a customer with no number only when nobody with one fits, and says so', () => {
    const noPhones = Object.fromEntries(
      Object.entries(shop.customers).map(([id, c]) => [id, { ...c, phone: undefined }]),
    )
    const p = planCallFive({ zone: TOKYO, calls: [], ...shop, customers: noPhones, now })
    expect(p.picks.find((x) => x.slot === 'unhappy')).toMatchObject({ customerId: 'grumpy', noPhone: true })
    const withPhones = plan()
    expect(withPhones.picks.every((x) => !x.noPhone)).toBe(true)
  })

  it('leaves a slot empty when nobody fits it', () => {
    const p = planCallFive({ zone: TOKYO, calls: [], customers: shop.customers, conversations: [], orders: [], now })
    expect(p.picks).toEqual([])
    expect(p.unfilled).toEqual(['happy', 'unhappy', 'badExperience', 'firstTime', 'highValue'])
  })

  it('does not take a polite “thank you” closing a question for a happy customer', () => {
    const polite = conversation('c9', 'newbie', 'Where is my package?', 2, {
      lastSnippet: 'Hi, could you check the tracking? Thank you for your help. ありがとうございます。',
    })
    const p = planCallFive({ zone: TOKYO, calls: [], ...shop, conversations: [polite], now })
    expect(p.picks.find((x) => x.slot === 'happy')?.reasons.map((r) => r.code)).not.toContain('kindWords')
    expect(p.picks.find((x) => x.customerId === 'newbie')?.slot).not.toBe('happy')
  })

  it('quotes the kind words themselves when a marketplace relay’s subject says nothing', () => {
    const relay = conversation('c8', 'newbie', 'Inquiry from Amazon customer', 2, {
      lastSnippet: 'Hi Aiko. The teapot arrived today and it is lovely! Best, Sam',
    })
    const p = planCallFive({ zone: TOKYO, calls: [], ...shop, conversations: [relay], orders: [], now })
    const happy = p.picks.find((x) => x.slot === 'happy')!
    expect(happy.customerId).toBe('newbie')
    expect(happy.reasons).toContainEqual({ code: 'kindWords', detail: 'The teapot arrived today and it is lovely!' })
  })

  it('counts a low score on an earlier call as unhappy', () => {
    const calls: CallLog[] = [
      {
        id: 'k',
        customerId: 'happy2',
        at: days(20),
        outcome: 'reached',
        score: 3,
        liked: '',
        disliked: 'slow',
        better: '',
        note: '',
      },
    ]
    const p = plan({ calls })
    expect(p.picks.find((x) => x.slot === 'happy')!.customerId).toBe('happy')
    expect(p.picks.some((x) => x.customerId === 'happy2' && x.slot === 'unhappy')).toBe(false) // grumpy is worse
  })
})
