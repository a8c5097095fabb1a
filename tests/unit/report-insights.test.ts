// The dashboard's newer parts on fixed data with answers worked out by hand: NPS over time from
// call scores and star ratings, which templates shorten the first response, groups of similar
// messages no topic rule names, and the checks on the seller's own topic rules.
import { describe, expect, it } from 'vitest'
import { DEFAULT_BUSINESS_HOURS, DEFAULT_RESPONSE_POLICIES } from '../../main/core/clocks/policies'
import type { Conversation, Customer, MessageRecord, Template } from '../../main/core/model'
import {
  buildReport,
  REPORT_DEFAULTS,
  threadsOf,
  type ReportData,
  type ReportSettings,
} from '../../main/core/reports/build'
import { clusterMessages, clusterWords, type ClusterInput } from '../../main/core/reports/clusters'
import { factsOf } from '../../main/core/reports/facts'
import { npsCategory, npsCounts, starsToScore } from '../../main/core/reports/nps'
import { templateEffects, TEMPLATE_MIN_SAMPLE, type FirstAnswer } from '../../main/core/reports/template-effect'
import { compileTopics, DEFAULT_TOPIC_RULES } from '../../main/core/reports/topics'
import { dueTime } from '../../main/core/sla'
import { topicRulesSchema } from '../../preload/schemas/reports'

const HOUR = 3_600_000
const MINUTE = 60_000
const jst = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+09:00`).toISOString()
const topics = compileTopics(DEFAULT_TOPIC_RULES)

let seq = 0
function message(
  conversationId: string,
  customerId: string,
  direction: 'in' | 'out',
  wall: string,
  extra: Partial<MessageRecord> = {},
): MessageRecord {
  return {
    id: `m${++seq}`,
    conversationId,
    customerId,
    accountId: 'a1',
    channel: 'email',
    direction,
    from: { address: 'x@example.com' },
    to: [],
    subject: 'Hello',
    date: jst(wall),
    snippet: '',
    seen: true,
    attachments: [],
    emlPath: '',
    ...extra,
  }
}
const conversation = (id: string, customerId: string, channel: Conversation['channel'] = 'email'): Conversation => ({
  id,
  customerId,
  accountId: 'a1',
  channel,
  subject: id,
  status: 'done',
  lastMessageAt: '',
  lastSnippet: '',
  lastFrom: 'seller',
  messageCount: 0,
  unreadCount: 0,
  shards: [],
})
const customer = (id: string, tags: string[] = []): Customer => ({
  id,
  name: id,
  language: 'en',
  keys: [],
  tags,
  note: '',
  createdAt: '2026-01-01T00:00:00.000Z',
})
const rated = (stars: number) => ({
  marketplace: { rule: 'amazon', kind: 'feedback' as const, rating: stars, reply: { mode: 'site' as const, url: 'x' } },
})
const settings: ReportSettings = {
  ...REPORT_DEFAULTS,
  now: Date.parse('2026-11-20T00:00:00Z'),
  clocks: {
    policies: DEFAULT_RESPONSE_POLICIES,
    hours: DEFAULT_BUSINESS_HOURS,
    timeZone: 'Asia/Tokyo',
    observeJapaneseHolidays: false,
  },
  dueTime,
  topics: DEFAULT_TOPIC_RULES,
}
const period = { from: jst('2026-11-02 00:00'), to: jst('2026-11-16 00:00') }

function data(records: MessageRecord[], conversations: Conversation[], extra: Partial<ReportData> = {}): ReportData {
  const customers = new Set(conversations.map((c) => c.customerId))
  return {
    threads: threadsOf(records.map((m) => factsOf(m, topics))),
    conversations: Object.fromEntries(conversations.map((c) => [c.id, c])),
    customers: Object.fromEntries([...customers].map((id) => [id, customer(id, id === 'c1' ? ['vip'] : [])])),
    orderTotals: () => new Map(),
    templates: {},
    ...extra,
  }
}

describe('NPS', () => {
  it('maps stars linearly to 0–10: only 5★ promotes, 4★ is passive, 1–3★ detract', () => {
    expect([1, 2, 3, 4, 5].map(starsToScore)).toEqual([0, 2.5, 5, 7.5, 10])
    expect([1, 2, 3, 4, 5].map((s) => npsCategory(starsToScore(s)))).toEqual([
      'detractor',
      'detractor',
      'detractor',
      'passive',
      'promoter',
    ])
    expect([6, 7, 8, 9].map(npsCategory)).toEqual(['detractor', 'passive', 'passive', 'promoter'])
  })

  it('is % promoters minus % detractors, rounded, with no score without answers', () => {
    // 3 promoters, 1 passive, 2 detractors of 6: 50 % − 33.3 % = 16.7 → 17.
    expect(npsCounts([10, 9, 9, 8, 3, 0])).toEqual({ promoters: 3, passives: 1, detractors: 2, responses: 6, nps: 17 })
    expect(npsCounts([])).toEqual({ promoters: 0, passives: 0, detractors: 0, responses: 0 })
  })

  // Week of Mon 2 Nov: c1 5★ then 2★ (latest counts: detractor), c2 4★ (passive), a call with c3
  // scoring 9 (promoter) → 1/1/1, NPS 0. Week of Mon 9 Nov: c1 5★ (promoter) → NPS 100.
  const records = [
    message('A', 'c1', 'in', '2026-11-02 10:00', rated(5)),
    message('A', 'c1', 'in', '2026-11-04 10:00', rated(2)),
    message('B', 'c2', 'in', '2026-11-03 10:00', rated(4)),
    message('A', 'c1', 'in', '2026-11-10 10:00', rated(5)),
    message('C', 'c4', 'in', '2026-10-20 10:00', rated(1)), // before the period
  ]
  const conversations = [conversation('A', 'c1'), conversation('B', 'c2', 'amazon'), conversation('C', 'c4')]
  const scores = [
    { customerId: 'c3', score: 9, at: jst('2026-11-05 12:00') },
    { customerId: 'c3', score: 2, at: jst('2026-12-05 12:00') }, // after the period
  ]
  const withCustomers = (d: ReportData): ReportData => ({
    ...d,
    customers: { ...d.customers, c3: customer('c3') },
  })

  it('counts each customer once per week (their latest answer), calls and ratings together', () => {
    const report = buildReport(withCustomers(data(records, conversations, { scores })), period, settings)
    expect(report.nps.unit).toBe('week')
    expect(report.nps.points).toEqual([
      { period: '2026-11-02', promoters: 1, passives: 1, detractors: 1, responses: 3, nps: 0 },
      { period: '2026-11-09', promoters: 1, passives: 0, detractors: 0, responses: 1, nps: 100 },
    ])
    // Over the two weeks each customer's latest: c1 5★, c2 4★, c3 9 → 2 promoters, 1 passive: 67.
    expect(report.nps.total).toEqual({ promoters: 2, passives: 1, detractors: 0, responses: 3, nps: 67 })
    expect(report.nps.minSample).toBeGreaterThan(3)
  })

  it('goes by month over long periods, with empty months present', () => {
    const year = { from: jst('2026-01-01 00:00'), to: jst('2027-01-01 00:00') }
    const report = buildReport(withCustomers(data(records, conversations, { scores })), year, settings)
    expect(report.nps.unit).toBe('month')
    expect(report.nps.points).toHaveLength(12)
    expect(report.nps.points[0]).toEqual({ period: '2026-01', promoters: 0, passives: 0, detractors: 0, responses: 0 })
    // October: c4's 1★. November: c1 5★ latest, c2 4★, c3 9. December: c3's 2.
    expect(report.nps.points.slice(9).map((p) => [p.period, p.nps, p.responses])).toEqual([
      ['2026-10', -100, 1],
      ['2026-11', 67, 3],
      ['2026-12', -100, 1],
    ])
  })

  it('narrows to a channel (its ratings only, no calls) and to a tag', () => {
    const amazon = buildReport(
      withCustomers(data(records, conversations, { scores })),
      { ...period, channel: 'amazon' },
      settings,
    )
    expect(amazon.nps.total).toEqual({ promoters: 0, passives: 1, detractors: 0, responses: 1, nps: 0 })
    const vip = buildReport(
      withCustomers(data(records, conversations, { scores })),
      { ...period, tag: 'vip' },
      settings,
    )
    expect(vip.nps.total).toEqual({ promoters: 1, passives: 0, detractors: 0, responses: 1, nps: 100 })
  })
})

describe('templates that shorten the first response', () => {
  const answer = (conversationId: string, channel: FirstAnswer['channel'], hours: number, at: number): FirstAnswer => ({
    conversationId,
    channel,
    ms: hours * HOUR,
    answeredAt: at,
  })
  const T0 = Date.parse('2026-11-10T00:00:00Z')

  it('compares a template’s median with the same channel’s median without templates', () => {
    // E-mail with "ship": 1, 2, 3, 4, 5 h → median 3 h. Without: 6, 8, 10, 12, 14 h → 10 h: −7 h.
    const answers = [
      ...[1, 2, 3, 4, 5].map((h, i) => answer(`w${i}`, 'email', h, T0 + i * HOUR)),
      ...[6, 8, 10, 12, 14].map((h, i) => answer(`n${i}`, 'email', h, T0 + i * HOUR)),
      // Amazon's conversations are no baseline for e-mail.
      answer('a1', 'amazon', 1, T0),
    ]
    const replies = [0, 1, 2, 3, 4].map((i) => ({
      conversationId: `w${i}`,
      at: new Date(T0 + i * HOUR + 2000).toISOString(), // the record's time, seconds off the message's
      templateIds: ['ship'],
    }))
    const effects = templateEffects(answers, replies, { ship: { name: 'Shipped' } })
    expect(effects).toEqual([
      {
        templateId: 'ship',
        name: 'Shipped',
        channel: 'email',
        with: { count: 5, median: 3 * HOUR },
        without: { count: 5, median: 10 * HOUR },
        differenceMs: -7 * HOUR,
        enough: true,
      },
    ])
  })

  it('claims no effect under the minimum sample, and ignores templates used only on later replies', () => {
    const answers = [answer('w', 'email', 2, T0), answer('n', 'email', 5, T0)]
    const replies = [
      { conversationId: 'w', at: new Date(T0).toISOString(), templateIds: ['ship', 'ship'] },
      // A template on a later reply of "n" (a day after its first answer) says nothing about the first.
      { conversationId: 'n', at: new Date(T0 + 24 * HOUR).toISOString(), templateIds: ['late'] },
    ]
    const [effect, ...rest] = templateEffects(answers, replies, {})
    expect(rest).toEqual([])
    expect(effect).toMatchObject({
      templateId: 'ship',
      with: { count: 1 },
      without: { count: 1 },
      differenceMs: -3 * HOUR,
    })
    expect(effect!.enough).toBe(false)
    expect(TEMPLATE_MIN_SAMPLE).toBeGreaterThan(1)
  })

  it('is computed by the report from sent replies that recorded their templates', () => {
    const records = [
      message('A', 'c1', 'in', '2026-11-02 10:00'),
      message('A', 'c1', 'out', '2026-11-02 11:00'),
      message('B', 'c2', 'in', '2026-11-03 10:00'),
      message('B', 'c2', 'out', '2026-11-03 14:00'),
    ]
    const template: Template = {
      id: 't1',
      name: 'Thanks',
      shortcut: 'ty',
      language: 'en',
      folder: '',
      body: '',
      usage: 1,
    }
    const report = buildReport(
      data(records, [conversation('A', 'c1'), conversation('B', 'c2')], {
        templates: { t1: template },
        templateReplies: [{ conversationId: 'A', at: jst('2026-11-02 11:00'), templateIds: ['t1'] }],
      }),
      period,
      settings,
    )
    expect(report.templateEffects).toEqual([
      {
        templateId: 't1',
        name: 'Thanks',
        channel: 'email',
        with: { count: 1, median: HOUR },
        without: { count: 1, median: 4 * HOUR },
        differenceMs: -3 * HOUR,
        enough: false,
      },
    ])
  })
})

describe('groups of similar messages', () => {
  let id = 0
  const input = (text: string, at = 0): ClusterInput => ({
    id: `x${++id}`,
    conversationId: `c${id}`,
    customerId: `u${id}`,
    subject: text.split('\n')[0]!,
    text,
    at: Date.parse('2026-11-01T00:00:00Z') + at * MINUTE,
  })

  it('keeps the informative words: no numbers, filler or particles', () => {
    expect([...clusterWords('Hi, can you gift wrap order 12345 please?')]).toEqual(['gift', 'wrap', 'order'])
    expect([...clusterWords('ギフト包装をお願いします')]).toContain('ギフト')
  })

  it('groups recurring questions in English and Japanese and leaves one-offs alone', () => {
    const messages = [
      input('Gift wrapping for order 1001\nCould you gift wrap it with a message card?', 1),
      input('Gift wrapping for order 1002\nPlease gift wrap, it is a present with a message card', 2),
      input('Gift wrapping\nCan you gift wrap this with a message card?', 3),
      input('Gift wrapping for order 1004\nI would like gift wrap and a message card', 4),
      input('Wholesale inquiry\nWe run a shop and would like wholesale prices for your tea cups', 5),
      input('Wholesale prices\nOur shop would like wholesale prices for tea cups', 6),
      input('Wholesale inquiry about tea cups\nwholesale prices for our shop please', 7),
      input('のし・ラッピングについて\nギフト包装とのしをお願いできますか', 8),
      input('ギフト包装のお願い\nギフト包装とのしをお願いします', 9),
      input('贈り物の包装について\nギフト包装とのしは可能でしょうか', 10),
      input('Do you sell gift cards?', 11),
      input('Invoice for my company', 12),
    ]
    const groups = clusterMessages(messages)
    expect(groups.map((g) => g.count)).toEqual([4, 3, 3])
    const [gift, second, third] = groups
    expect(gift!.words).toEqual(expect.arrayContaining(['wrap', 'message', 'card']))
    expect(gift!.messages.map((m) => m.subject)[0]).toBe('Gift wrapping for order 1004') // newest first
    const wholesale = [second!, third!].find((g) => g.words.includes('wholesale'))!
    expect(wholesale.keywords.en).toContain('wholesale')
    const noshi = [second!, third!].find((g) => g !== wholesale)!
    expect(noshi.keywords.ja).toEqual(expect.arrayContaining(['ギフト', '包装']))
    expect(noshi.keywords.en).toEqual([])
  })

  it('ignores words nearly every message carries (a marketplace’s own wrapper)', () => {
    const wrapper = 'Message from buyer via marketplace\n'
    const messages = Array.from({ length: 30 }, (_, i) =>
      input(`${wrapper}question number ${i} item${'abcdefghijklmnopqrstuvwxyzABCD'[i]}`),
    )
    expect(clusterMessages(messages)).toEqual([])
  })

  it('finds the same groups whatever order the messages come in', () => {
    const messages = [
      ...Array.from({ length: 5 }, (_, i) => input(`Can you engrave a name on the teapot lid? ${i}`, i)),
      ...Array.from({ length: 4 }, (_, i) => input(`名入れ 彫刻 湯呑 できますか ${i}`, 10 + i)),
    ]
    const a = clusterMessages(messages).map((g) => [g.count, g.id])
    const b = clusterMessages([...messages].reverse()).map((g) => [g.count, g.id])
    expect(a).toEqual(b)
    expect(a.map((x) => x[0])).toEqual([5, 4])
  })
})

describe('the seller’s topic rules', () => {
  const rule = { id: 'gift-wrap', label: { en: 'Gift wrap', ja: 'ギフト包装' }, en: ['gift wrap*'], ja: ['のし'] }

  it('accepts the built-in rules and a new one', () => {
    expect(topicRulesSchema.safeParse([...DEFAULT_TOPIC_RULES, rule]).success).toBe(true)
  })

  it('says which field is wrong: no name, no keyword, an empty keyword, a bare *, a repeated id', () => {
    const issues = (rules: unknown) => {
      const r = topicRulesSchema.safeParse(rules)
      return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message])
    }
    expect(issues([{ ...rule, label: { en: ' ', ja: '' } }])).toEqual([
      ['0.label.en', 'Give the topic a name, in English or Japanese.'],
    ])
    expect(issues([{ ...rule, en: [], ja: [] }])).toEqual([
      ['0.en', 'Give at least one keyword, in English or Japanese.'],
    ])
    expect(issues([{ ...rule, en: ['ok', '  '] }])).toEqual([['0.en.1', 'A keyword cannot be empty.']])
    expect(issues([{ ...rule, ja: ['*'] }])).toEqual([['0.ja.0', 'A keyword needs letters before its *.']])
    expect(issues([rule, rule])).toEqual([['1.id', 'Two topics have the id "gift-wrap".']])
    expect(issues([])).toEqual([['', 'Keep at least one topic.']])
    expect(issues([{ ...rule, id: 'Gift Wrap' }])[0]![0]).toBe('0.id')
  })
})
