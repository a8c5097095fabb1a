import { describe, expect, it } from 'vitest'
import { DEFAULT_BUSINESS_HOURS, DEFAULT_RESPONSE_POLICIES, type ResponseClocks } from '../../main/core/clocks/policies'
import type { Channel, Conversation, Customer, MessageRecord, Order, Template } from '../../main/core/model'
import {
  buildReport,
  orderTotalsOf,
  REPORT_DEFAULTS,
  threadsOf,
  type OrderTotals,
  type ReportData,
  type ReportSettings,
} from '../../main/core/reports/build'
import { zoneBuckets } from '../../main/core/reports/calendar'
import { factsOf } from '../../main/core/reports/facts'
import { median, percentile } from '../../main/core/reports/stats'
import { compileTopics, DEFAULT_TOPIC_RULES } from '../../main/core/reports/topics'
import { dueTime } from '../../main/core/sla'

const HOUR = 3_600_000
const clocks = (timeZone: string): ResponseClocks => ({
  policies: DEFAULT_RESPONSE_POLICIES,
  hours: DEFAULT_BUSINESS_HOURS,
  timeZone,
  observeJapaneseHolidays: false,
})
const topics = compileTopics(DEFAULT_TOPIC_RULES)

/** Tokyo wall time "2026-11-02 10:00" as an ISO instant (Japan has no daylight saving: +09:00). */
const jst = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+09:00`).toISOString()

let seq = 0
function message(
  conversationId: string,
  customerId: string,
  channel: Channel,
  direction: 'in' | 'out',
  wall: string,
  subject = '',
  extra: Partial<MessageRecord> = {},
): MessageRecord {
  return {
    id: `m${++seq}`,
    conversationId,
    customerId,
    accountId: 'a1',
    channel,
    direction,
    from: { address: 'x@example.com' },
    to: [],
    subject,
    date: jst(wall),
    snippet: '',
    seen: true,
    attachments: [],
    emlPath: '',
    ...extra,
  }
}

function conversation(
  id: string,
  customerId: string,
  channel: Channel,
  status: Conversation['status'],
  extra: Partial<Conversation> = {},
): Conversation {
  return {
    id,
    customerId,
    accountId: 'a1',
    channel,
    subject: id,
    status,
    lastMessageAt: '',
    lastSnippet: '',
    lastFrom: 'seller',
    messageCount: 0,
    unreadCount: 0,
    shards: [],
    ...extra,
  }
}

const customer = (id: string, tags: string[] = []): Customer => ({
  id,
  name: `Customer ${id}`,
  language: 'en',
  keys: [],
  tags,
  note: '',
  createdAt: '2026-01-01T00:00:00.000Z',
})

const order = (
  id: string,
  customerId: string,
  total: number,
  currency: string,
  status: Order['status'] = 'delivered',
): Order => ({
  id,
  customerId,
  channel: 'email',
  orderNumber: id,
  placedAt: '2026-10-01T00:00:00.000Z',
  currency,
  total,
  status,
  items: [],
})

/**
 * Two weeks in a tea-ware shop in Tokyo (period: Mon 2 Nov to Mon 16 Nov 2026, JST), read on
 * 20 Nov. Every figure the tests expect is worked out by hand in the comments.
 */
function fixture(): { data: ReportData; settings: ReportSettings; records: MessageRecord[] } {
  const records = [
    // A: answered in 2 h, done. Damaged.
    message('A', 'c1', 'email', 'in', '2026-11-02 10:00', 'Cracked teapot arrived'),
    message('A', 'c1', 'email', 'out', '2026-11-02 12:00'),
    // B: answered in 34 h against e-mail's 24 h: 10 h late. Done.
    message('B', 'c2', 'email', 'in', '2026-11-03 09:00', 'Question'),
    message('B', 'c2', 'email', 'out', '2026-11-04 19:00'),
    // C: answered in 6 h; five days later the customer writes again (reopened) and waits still.
    message('C', 'c3', 'amazon', 'in', '2026-11-05 08:00', 'Question about size'),
    message('C', 'c3', 'amazon', 'out', '2026-11-05 14:00'),
    message('C', 'c3', 'amazon', 'in', '2026-11-10 10:00', 'Re: Question about size'),
    // D: Monday 08:00 in Tokyo is still Sunday in UTC. Answered in 8 h.
    message('D', 'c4', 'email', 'in', '2026-11-09 08:00', 'Hello'),
    message('D', 'c4', 'email', 'out', '2026-11-09 16:00'),
    // E: c1 again ten days after A, about a broken cup too: a repeat contact. Answered in 1 h.
    message('E', 'c1', 'email', 'in', '2026-11-12 10:00', 'Refund for broken cup'),
    message('E', 'c1', 'email', 'out', '2026-11-12 11:00'),
    // F: Rakuten, Friday 17:00; one business day (9:00–18:00) runs to Monday 17:00; answered
    // Monday 10:00 (after the period, still on time): 65 h. A 1-star review too.
    message('F', 'c5', 'rakuten', 'in', '2026-11-13 17:00', '商品がまだ届かないのですが', {
      marketplace: {
        rule: 'rakuten',
        kind: 'feedback',
        rating: 1,
        reply: { mode: 'site', url: 'https://example.com' },
      },
    }),
    message('F', 'c5', 'rakuten', 'out', '2026-11-16 10:00'),
    // H: eBay, late parcel, answered in 3 h, then seventeen days of silence: at risk.
    message('H', 'c6', 'ebay', 'in', '2026-11-03 12:00', 'My order is late'),
    message('H', 'c6', 'ebay', 'out', '2026-11-03 15:00'),
    // Before the period: counted nowhere.
    message('Z', 'c7', 'email', 'in', '2026-10-20 10:00', 'Old refund question'),
    message('Z', 'c7', 'email', 'out', '2026-10-20 11:00'),
  ]
  const conversations: Record<string, Conversation> = {
    A: conversation('A', 'c1', 'email', 'done', { orderNumber: 'O-1' }),
    B: conversation('B', 'c2', 'email', 'done'),
    C: conversation('C', 'c3', 'amazon', 'open', { lastFrom: 'customer', waitingSince: jst('2026-11-10 10:00') }),
    D: conversation('D', 'c4', 'email', 'open'),
    E: conversation('E', 'c1', 'email', 'done'),
    F: conversation('F', 'c5', 'rakuten', 'open'),
    H: conversation('H', 'c6', 'ebay', 'open'),
    Z: conversation('Z', 'c7', 'email', 'done'),
  }
  const customers = Object.fromEntries(
    ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'].map((id) => [id, customer(id, id === 'c1' ? ['vip'] : [])]),
  )
  const orders = Object.fromEntries(
    [
      order('O-1', 'c1', 5000, 'JPY'),
      order('O-2', 'c1', 3000, 'JPY'),
      order('O-3', 'c3', 40, 'USD'),
      order('O-4', 'c2', 900, 'USD', 'cancelled'),
    ].map((o) => [o.id, o]),
  )
  const template: Template = {
    id: 't1',
    name: 'Refund (en)',
    shortcut: 'refund',
    language: 'en',
    folder: 'Orders',
    body: 'x',
    usage: 7,
  }
  return {
    records,
    data: {
      threads: threadsOf(records.map((m) => factsOf(m, topics))),
      conversations,
      customers,
      orderTotals: (channel?: Channel) => orderTotalsOf(orders, channel),
      templates: { t1: template },
    },
    settings: {
      ...REPORT_DEFAULTS,
      suggestTemplateAt: 2,
      now: Date.parse('2026-11-20T00:00:00Z'),
      clocks: clocks('Asia/Tokyo'),
      dueTime,
      topics: DEFAULT_TOPIC_RULES,
    },
  }
}

const period = { from: jst('2026-11-02 00:00'), to: jst('2026-11-16 00:00') }

describe('statistics', () => {
  it('takes the median as the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3)
    expect(median([1, 2, 6, 8])).toBe(4)
    expect(median([])).toBeUndefined()
  })
  it('takes the 90th percentile by nearest rank', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9)
    expect(
      percentile(
        Array.from({ length: 20 }, (_, i) => i + 1),
        90,
      ),
    ).toBe(18)
    expect(percentile([4], 90)).toBe(4)
  })
})

describe('busy-hour buckets', () => {
  it('puts a moment on the weekday and hour of the seller’s clock, not UTC', () => {
    const at = Date.parse('2026-11-08T23:30:00Z') // Sunday 23:30 in UTC, Monday 08:30 in Tokyo
    expect(zoneBuckets('Asia/Tokyo')(at)).toMatchObject({ weekday: 1, hour: 8 })
    expect(zoneBuckets('UTC')(at)).toMatchObject({ weekday: 0, hour: 23 })
  })
  it('follows daylight saving: 13:00 UTC is 09:00 in New York in summer and 08:00 in winter', () => {
    const ny = zoneBuckets('America/New_York')
    expect(ny(Date.parse('2026-07-01T13:00:00Z')).hour).toBe(9)
    expect(ny(Date.parse('2026-12-01T13:00:00Z')).hour).toBe(8)
  })
  it('gets the hour right on the day the clocks go back', () => {
    const ny = zoneBuckets('America/New_York')
    // 1 Nov 2026: 01:30 comes twice, first in summer time (UTC−4), then in winter time (UTC−5).
    expect(ny(Date.parse('2026-11-01T05:30:00Z'))).toMatchObject({ weekday: 0, hour: 1 })
    expect(ny(Date.parse('2026-11-01T06:30:00Z'))).toMatchObject({ weekday: 0, hour: 1 })
    expect(ny(Date.parse('2026-11-01T12:00:00Z'))).toMatchObject({ weekday: 0, hour: 7 })
  })
})

describe('topics', () => {
  it('finds Japanese topics by substring on normalised text, half-width kana included', () => {
    expect(topics.match('返金してください')).toEqual(['refund'])
    expect(topics.match('ｻｲｽﾞを教えてください')).toEqual(['size-fit'])
    expect(topics.match('商品が届かない。追跡番号は？')).toEqual(['shipping-delay', 'tracking'])
    expect(topics.match('湯呑みが割れていました')).toEqual(['damaged'])
  })
  it('finds English topics by whole words or word beginnings, in any case', () => {
    expect(topics.match('The cup was CHIPPED')).toEqual(['damaged'])
    expect(topics.match('I am returning the teapot')).toEqual(['return'])
    expect(topics.match('My parcel is delayed')).toEqual(['shipping-delay'])
    expect(topics.match('What is the latest news?')).toEqual([])
  })
  it('reads the rules as data the seller can change', () => {
    const custom = compileTopics([
      { id: 'gift', label: { en: 'Gift', ja: 'ギフト' }, en: ['gift*'], ja: ['ギフト', 'のし'] },
    ])
    expect(custom.match('Gift wrapping?')).toEqual(['gift'])
    expect(custom.match('のし紙をお願いします')).toEqual(['gift'])
  })
})

describe('a two-week report', () => {
  const { data, settings } = fixture()
  const report = buildReport(data, period, settings)

  it('gives the first-response median and 90th percentile', () => {
    // First answers: A 2, B 34, C 6, D 8, E 1, F 65, H 3 hours → sorted 1 2 3 6 8 34 65.
    expect(report.kpis.firstResponse).toEqual({ median: 6 * HOUR, p90: 65 * HOUR, count: 7 })
    // Done and answered last: A 2, B 34, E 1 → median 2, p90 (rank 3 of 3) 34.
    expect(report.kpis.resolution).toEqual({ median: 2 * HOUR, p90: 34 * HOUR, count: 3 })
  })

  it('counts customer turns answered within their channel’s policy and lists the breaches', () => {
    // Due: A B C C' D E F H = 8; late: B (answered 10 h late) and C' (unanswered): 6 on time.
    expect(report.kpis.withinPolicy).toEqual({ due: 8, onTime: 6, share: 6 / 8 })
    expect(report.kpis.breaches).toBe(2)
    const [first, second] = report.breaches
    // C' was due 11 Nov 10:00 JST and is still waiting on 20 Nov 00:00 UTC.
    expect(first).toMatchObject({ conversationId: 'C', channel: 'amazon', dueAt: jst('2026-11-11 10:00') })
    expect(first!.answeredAt).toBeUndefined()
    expect(first!.lateMs).toBe(Date.parse('2026-11-20T00:00:00Z') - Date.parse(jst('2026-11-11 10:00')))
    expect(second).toMatchObject({ conversationId: 'B', answeredAt: jst('2026-11-04 19:00'), lateMs: 10 * HOUR })
  })

  it('uses the business-day clock for Rakuten (Friday evening is due on Monday)', () => {
    const rakuten = report.byChannel.find((c) => c.channel === 'rakuten')!
    expect(rakuten).toMatchObject({ due: 1, onTime: 1, share: 1, messagesIn: 1, firstResponseMedian: 65 * HOUR })
  })

  it('trends first responses and service level by week (weeks start on Monday)', () => {
    expect(report.trend).toEqual([
      // A 2, B 34, C 6, H 3 → median 4.5 h, p90 34 h; due A B C H, B late.
      {
        week: '2026-11-02',
        firstResponseMedian: 4.5 * HOUR,
        firstResponseP90: 34 * HOUR,
        answered: 4,
        due: 4,
        onTime: 3,
        share: 0.75,
      },
      // D 8, E 1, F 65 → median 8 h; due C' D E F, C' late.
      {
        week: '2026-11-09',
        firstResponseMedian: 8 * HOUR,
        firstResponseP90: 65 * HOUR,
        answered: 3,
        due: 4,
        onTime: 3,
        share: 0.75,
      },
    ])
  })

  it('counts volume per day and week, with every day of the period present', () => {
    expect(report.kpis).toMatchObject({ messagesIn: 8, messagesOut: 6, conversations: 7, newConversations: 7 })
    expect(report.volume.days).toHaveLength(14)
    expect(report.volume.days[0]).toEqual({
      date: '2026-11-02',
      in: 1,
      out: 1,
      newConversations: 1,
      byChannel: { email: 1 },
    })
    expect(report.volume.days[1]).toMatchObject({ date: '2026-11-03', in: 2, out: 1, byChannel: { email: 1, ebay: 1 } })
    // D's Monday 08:00 JST is Sunday in UTC; it counts on Monday 9 Nov.
    expect(report.volume.days[7]).toMatchObject({ date: '2026-11-09', in: 1, out: 1 })
    expect(report.volume.weeks.map((w) => [w.date, w.in, w.out])).toEqual([
      ['2026-11-02', 4, 4],
      ['2026-11-09', 4, 2],
    ])
  })

  it('fills the busy-hours grid on the seller’s clock', () => {
    const cells: string[] = []
    report.busyHours.forEach((hours, day) => hours.forEach((n, hour) => n && cells.push(`${day}@${hour}:${n}`)))
    // Mon 10 (A), Mon 8 (D), Tue 9 (B), Tue 12 (H), Tue 10 (C'), Thu 8 (C), Thu 10 (E), Fri 17 (F).
    expect(cells.sort()).toEqual(['1@10:1', '1@8:1', '2@10:1', '2@12:1', '2@9:1', '4@10:1', '4@8:1', '5@17:1'].sort())
    expect(report.busyHours.flat().reduce((a, b) => a + b)).toBe(report.kpis.messagesIn)
  })

  it('counts resolved, open, reopened and repeat contacts', () => {
    expect(report.kpis).toMatchObject({ resolved: 3, open: 4, snoozed: 0, reopened: 1, repeatContacts: 1 })
  })

  it('ranks topics, Japanese included, and suggests a template for one that has none', () => {
    const counts = Object.fromEntries(report.topics.map((t) => [t.id, t.conversations]))
    expect(counts).toMatchObject({ damaged: 2, 'shipping-delay': 2, refund: 1, 'size-fit': 1, tracking: 0 })
    expect(report.topics.find((t) => t.id === 'refund')!.hasTemplate).toBe(true)
    expect([...report.templateSuggestions].sort()).toEqual(['damaged', 'shipping-delay'])
    expect(report.topics.find((t) => t.id === 'damaged')!.trend).toEqual([
      { week: '2026-11-02', count: 1 },
      { week: '2026-11-09', count: 1 },
    ])
  })

  it('finds repeat customers, lifetime value and customers at risk', () => {
    expect(report.kpis).toMatchObject({ customers: 6, repeatCustomers: 1 })
    expect(report.topCustomers.map((c) => [c.customerId, c.total, c.currency, c.orders])).toEqual([
      ['c1', 8000, 'JPY', 2],
      ['c3', 40, 'USD', 1],
    ])
    const risks = Object.fromEntries(report.atRisk.map((r) => [r.customerId, r.reasons]))
    expect(risks).toEqual({ c3: ['unanswered'], c5: ['negative'], c6: ['silentAfterProblem'] })
    expect(report.atRisk.find((r) => r.customerId === 'c5')!.rating).toBe(1)
    expect(report.templates).toEqual([{ id: 't1', name: 'Refund (en)', usage: 7 }])
  })

  it('lists the 20 most valuable customers: highest total, then most orders, then first seen', () => {
    // 60 customers whose totals repeat every 7 and order counts every 3: many ties at the cut.
    const totals = new Map<string, OrderTotals>()
    const customers: Record<string, Customer> = {}
    for (let i = 0; i < 60; i++) {
      totals.set(`k${i}`, { orders: 1 + (i % 3), currency: 'JPY', total: 1000 * (i % 7) })
      customers[`k${i}`] = customer(`k${i}`, i % 2 ? ['vip'] : [])
    }
    const ranked = (keep: (id: string) => boolean) =>
      [...totals]
        .filter(([id]) => keep(id))
        .sort(([, a], [, b]) => b.total - a.total || b.orders - a.orders)
        .slice(0, 20)
        .map(([id]) => id)
    const wide = { ...data, customers, orderTotals: () => totals }
    expect(buildReport(wide, period, settings).topCustomers.map((c) => c.customerId)).toEqual(ranked(() => true))
    const vip = buildReport(wide, { ...period, tag: 'vip' }, settings).topCustomers.map((c) => c.customerId)
    expect(vip).toEqual(ranked((id) => Number(id.slice(1)) % 2 === 1))
  })

  it('narrows to one channel or one tag', () => {
    const amazon = buildReport(data, { ...period, channel: 'amazon' }, settings)
    expect(amazon.kpis).toMatchObject({ messagesIn: 2, conversations: 1, breaches: 1, reopened: 1 })
    const vip = buildReport(data, { ...period, tag: 'vip' }, settings)
    expect(vip.kpis).toMatchObject({ messagesIn: 2, conversations: 2, repeatContacts: 1, customers: 1 })
    expect(vip.kpis.firstResponse).toEqual({ median: 1.5 * HOUR, p90: 2 * HOUR, count: 2 })
  })

  it('lets a callbacks score of 6 or less put a customer at risk', () => {
    const scored = buildReport(
      { ...data, scores: [{ customerId: 'c4', score: 3, at: jst('2026-11-10 12:00') }] },
      period,
      settings,
    )
    expect(scored.atRisk.find((r) => r.customerId === 'c4')).toMatchObject({ reasons: ['lowScore'], rating: 3 })
  })

  it('is the same whatever order the messages come in', () => {
    const shuffled = [...data.threads.values()].flat().reverse()
    expect(buildReport({ ...data, threads: threadsOf(shuffled) }, period, settings)).toEqual(report)
  })
})
