// Reports: response times, service levels, volume, busy hours, topics and customers, computed
// from message facts and the workspace's records. Pure: the engine passes the data, the clocks
// (and `dueTime`, so the response-clock rules stay in core/sla.ts) and `now`.
import type { ResponseClocks } from '../clocks/policies'
import type { Channel, Conversation, Customer, Order, Template } from '../model'
import { dayName, localDay, localHour, weekdayOfDay, weekOf, zoneClock } from './calendar'
import type { MessageFacts } from './facts'
import { npsBuckets, npsOf } from './nps'
import { median, medianOfSorted, percentileOfSorted, sorted } from './stats'
import { templateEffects, type FirstAnswer, type TemplateReply } from './template-effect'
import { compileTopics, type TopicRule } from './topics'
import {
  MAX_ROWS,
  type AtRiskCustomer,
  type AtRiskReason,
  type Breach,
  type CustomerValue,
  type PolicyShare,
  type Report,
  type ReportFilter,
  type VolumePoint,
  type WeekTrend,
} from './types'

const DAY = 86_400_000

/** A 0–10 answer from a "call five" call (how likely to recommend us), when the callbacks log has one. */
export interface CustomerScore {
  customerId: string
  score: number
  at: string
}

export interface ReportData {
  /**
   * Every message of the period and some time before it (repeat contacts look back), by
   * conversation and in time order: `threadsOf(messages)`.
   */
  threads: ReadonlyMap<string, readonly MessageFacts[]>
  conversations: Readonly<Record<string, Conversation>>
  customers: Readonly<Record<string, Customer>>
  /** Each customer's orders of a channel, or of all: `(channel) => orderTotalsOf(orders, channel)` (or remembered); asked only for the filter's channel. */
  orderTotals(channel: Channel | undefined): ReadonlyMap<string, OrderTotals>
  templates: Readonly<Record<string, Template>>
  scores?: readonly CustomerScore[]
  /** Sent replies written with templates (template-effect.ts). */
  templateReplies?: readonly TemplateReply[]
}

export interface ReportSettings {
  now: number
  clocks: ResponseClocks
  /** When an answer to a message waiting since `waitingSince` (epoch ms) is due, in epoch ms (core/sla.ts). */
  dueTime(channel: Channel, waitingSince: number, clocks: ResponseClocks): number
  topics: readonly TopicRule[]
  /** A new conversation this soon after another about the same order or topic is a repeat contact. */
  repeatWithinDays: number
  /** A customer writing this long after the seller's last answer reopened the matter. */
  reopenAfterDays: number
  /** A problem left this long without a word from either side puts the customer at risk. */
  silenceDays: number
  /** Ratings (1–5) at or below this are negative; scores (0–10) at or below `lowScore`. */
  negativeRating: number
  lowScore: number
  /** A topic raised in this many conversations with no template is worth one. */
  suggestTemplateAt: number
}

export const REPORT_DEFAULTS = {
  repeatWithinDays: 14,
  reopenAfterDays: 3,
  silenceDays: 14,
  negativeRating: 2,
  lowScore: 6,
  suggestTemplateAt: 3,
} as const

/** How far before the period a report needs messages: repeat contacts and reopenings look back. */
export function lookBackDays(settings: Pick<ReportSettings, 'repeatWithinDays' | 'reopenAfterDays'>): number {
  return Math.max(settings.repeatWithinDays, settings.reopenAfterDays) + 31
}

interface Wait {
  start: number
  answeredAt?: number
}

interface Thread {
  conversation: Conversation
  messages: readonly MessageFacts[]
}

/** Messages by conversation, each conversation's in time order (`ReportData.threads`). */
export function threadsOf(messages: Iterable<MessageFacts>): Map<string, MessageFacts[]> {
  const threads = new Map<string, MessageFacts[]>()
  for (const m of messages) {
    const list = threads.get(m.conversationId)
    if (list) list.push(m)
    else threads.set(m.conversationId, [m])
  }
  for (const list of threads.values()) if (list.length > 1) list.sort((a, b) => a.at - b.at)
  return threads
}

/** A customer's orders over all time (lifetime value is not limited to the period). */
export interface OrderTotals {
  /** Orders not cancelled (returned ones count here, but brought nothing in). */
  orders: number
  /** The customer's first currency and its total; others only when a second one appears. */
  currency: string
  total: number
  others?: Map<string, number>
}

/** Each customer's `OrderTotals`, over every channel or one (`ReportData.orderTotals`). */
export function orderTotalsOf(orders: Readonly<Record<string, Order>>, channel?: Channel): Map<string, OrderTotals> {
  const byCustomer = new Map<string, OrderTotals>()
  for (const id in orders) {
    const o = orders[id]!
    if (o.status === 'cancelled') continue
    if (channel !== undefined && o.channel !== channel) continue
    let v = byCustomer.get(o.customerId)
    if (!v) byCustomer.set(o.customerId, (v = { orders: 0, currency: o.currency, total: 0 }))
    v.orders++
    if (o.status === 'returned') continue
    if (o.currency === v.currency) v.total += o.total
    else (v.others ??= new Map()).set(o.currency, (v.others.get(o.currency) ?? 0) + o.total)
  }
  return byCustomer
}

export function buildReport(data: ReportData, filter: ReportFilter, settings: ReportSettings): Report {
  const from = Date.parse(filter.from)
  const to = Date.parse(filter.to)
  const { now, clocks } = settings
  const clock = zoneClock(clocks.timeZone)
  const dayOf = (t: number) => localDay(clock(t))
  const inPeriod = (t: number) => t >= from && t < to
  const customerOk = (customerId: string) => {
    if (filter.tag === undefined) return true
    const c = data.customers[customerId]
    return c !== undefined && c.tags.includes(filter.tag)
  }
  const conversationOk = (c: Conversation | undefined): c is Conversation =>
    c !== undefined && (filter.channel === undefined || c.channel === filter.channel) && customerOk(c.customerId)

  // The conversations the filter keeps.
  const threads: Thread[] = []
  for (const [id, messages] of data.threads) {
    const conversation = data.conversations[id]
    if (messages.length > 0 && conversationOk(conversation)) threads.push({ conversation, messages })
  }

  // Every day (and week) of the period, zero where nothing happened, so charts show the gaps.
  const firstDay = dayOf(from)
  const lastDay = dayOf(Math.max(from, to - 1))
  const firstWeek = weekOf(firstDay)
  const empty = (d: number): VolumePoint => ({ date: dayName(d), in: 0, out: 0, newConversations: 0, byChannel: {} })
  const days: VolumePoint[] = []
  for (let d = firstDay; d <= lastDay; d++) days.push(empty(d))
  const weeks: VolumePoint[] = []
  for (let w = firstWeek; w <= lastDay; w += 7) weeks.push(empty(w))
  const dayPoint = (d: number) => days[d - firstDay]!
  // firstWeek is a Monday: the days since it, in sevens, count the weeks.
  const weekPoint = (d: number) => weeks[Math.floor((d - firstWeek) / 7)]!
  const busyHours = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
  const firstResponses: number[] = []
  const firstAnswers: FirstAnswer[] = []
  const resolutions: number[] = []
  const trend = new Map<number, { firsts: number[]; due: number; onTime: number }>()
  const weekTrend = (week: number) => {
    let w = trend.get(week)
    if (!w) trend.set(week, (w = { firsts: [], due: 0, onTime: 0 }))
    return w
  }
  const channels = new Map<Channel, { due: number; onTime: number; firsts: number[]; messagesIn: number }>()
  const channelStats = (c: Channel) => {
    let s = channels.get(c)
    if (!s) channels.set(c, (s = { due: 0, onTime: 0, firsts: [], messagesIn: 0 }))
    return s
  }
  const breaches: Breach[] = []
  let due = 0
  let onTime = 0
  let messagesIn = 0
  let messagesOut = 0
  let active = 0
  let newConversations = 0
  let resolved = 0
  let open = 0
  let snoozed = 0
  let reopened = 0
  const activeCustomers = new Set<string>()
  const topicConversations = new Map<string, Map<string, number>>() // topic → conversation → first mention
  const conversationTopics = new Map<string, Set<string>>()
  const ratings = new Map<string, number>() // customer → lowest rating in the period
  const lastInbound = new Map<string, MessageFacts>() // customer → their latest message

  for (const { conversation: c, messages } of threads) {
    const first = messages[0]!
    const stats = channelStats(c.channel)
    let touched = false
    let lastOut: number | undefined
    let wasReopened = false
    let topics: Set<string> | undefined
    let lastIn: MessageFacts | undefined
    let mentioned: Set<string> | undefined
    // Customer turns: from a customer's message until the seller's next answer.
    const waits: Wait[] = []
    let waiting: Wait | undefined
    for (const m of messages) {
      if (m.inbound) {
        lastIn = m
        for (const t of m.topics) (topics ??= new Set()).add(t)
        if (!waiting) waits.push((waiting = { start: m.at }))
        if (lastOut !== undefined && m.at - lastOut >= settings.reopenAfterDays * DAY && inPeriod(m.at))
          wasReopened = true
      } else {
        lastOut = m.at
        if (waiting) {
          waiting.answeredAt = m.at
          waiting = undefined
        }
      }
      if (!inPeriod(m.at)) continue
      touched = true
      const local = clock(m.at)
      const today = localDay(local)
      const d = dayPoint(today)
      const w = weekPoint(today)
      if (m.inbound) {
        messagesIn++
        stats.messagesIn++
        d.in++
        w.in++
        d.byChannel[m.channel] = (d.byChannel[m.channel] ?? 0) + 1
        w.byChannel[m.channel] = (w.byChannel[m.channel] ?? 0) + 1
        busyHours[weekdayOfDay(today)]![localHour(local)]!++
        if (m.rating !== undefined) ratings.set(m.customerId, Math.min(m.rating, ratings.get(m.customerId) ?? 5))
        // Each topic's first mention in the period (messages are in time order).
        for (const t of m.topics) {
          if (mentioned?.has(t)) continue
          ;(mentioned ??= new Set()).add(t)
          let convs = topicConversations.get(t)
          if (!convs) topicConversations.set(t, (convs = new Map()))
          convs.set(c.id, m.at)
        }
      } else {
        messagesOut++
        d.out++
        w.out++
      }
    }
    if (topics) conversationTopics.set(c.id, topics)
    if (lastIn) {
      const seen = lastInbound.get(lastIn.customerId)
      if (!seen || seen.at < lastIn.at) lastInbound.set(lastIn.customerId, lastIn)
    }
    if (!touched) continue
    active++
    activeCustomers.add(c.customerId)
    if (wasReopened) reopened++
    if (c.status === 'done') resolved++
    else if (c.status === 'snoozed') snoozed++
    else open++
    if (inPeriod(first.at)) {
      newConversations++
      const day = dayOf(first.at)
      dayPoint(day).newConversations++
      weekPoint(day).newConversations++
    }

    // First response: the first customer turn of a conversation that began in the period.
    const firstWait = waits[0]
    if (firstWait && firstWait.start === first.at && inPeriod(first.at) && firstWait.answeredAt !== undefined) {
      const ms = firstWait.answeredAt - firstWait.start
      firstResponses.push(ms)
      firstAnswers.push({ conversationId: c.id, channel: c.channel, ms, answeredAt: firstWait.answeredAt })
      stats.firsts.push(ms)
      weekTrend(weekOf(dayOf(first.at))).firsts.push(ms)
    }
    // Resolution: first customer message to the seller's last answer, for conversations marked done.
    const last = messages[messages.length - 1]!
    if (c.status === 'done' && !last.inbound && firstWait && inPeriod(firstWait.start)) {
      resolutions.push(last.at - firstWait.start)
    }
    // Service level: each customer turn that began in the period, against its channel's policy.
    for (let i = 0; i < waits.length; i++) {
      const w = waits[i]!
      if (!inPeriod(w.start)) continue
      // A last turn left unanswered in a conversation marked done needed no answer ("thank you!").
      if (w.answeredAt === undefined && c.status === 'done' && i === waits.length - 1) continue
      const dueMs = settings.dueTime(c.channel, w.start, clocks)
      if (w.answeredAt === undefined && now <= dueMs) continue // still within its time
      const ok = w.answeredAt !== undefined && w.answeredAt <= dueMs
      due++
      stats.due++
      const wt = weekTrend(weekOf(dayOf(w.start)))
      wt.due++
      if (ok) {
        onTime++
        stats.onTime++
        wt.onTime++
        continue
      }
      breaches.push({
        conversationId: c.id,
        customerId: c.customerId,
        customerName: data.customers[c.customerId]?.name ?? '',
        channel: c.channel,
        subject: c.subject,
        waitingSince: new Date(w.start).toISOString(),
        dueAt: new Date(dueMs).toISOString(),
        ...(w.answeredAt !== undefined ? { answeredAt: new Date(w.answeredAt).toISOString() } : {}),
        lateMs: (w.answeredAt ?? now) - dueMs,
      })
    }
  }

  const repeatContacts = countRepeatContacts(threads, conversationTopics, inPeriod, settings.repeatWithinDays * DAY)
  const matcher = compileTopics(settings.topics)
  const templateTopics = new Set<string>()
  for (const t of Object.values(data.templates)) {
    for (const id of matcher.match(`${t.name} ${t.shortcut} ${t.folder} ${t.group ?? ''}`)) templateTopics.add(id)
  }
  const topics = settings.topics
    .map((rule) => {
      const convs = topicConversations.get(rule.id) ?? new Map<string, number>()
      const byWeek = new Map<number, number>()
      for (const at of convs.values()) {
        const w = weekOf(dayOf(at))
        byWeek.set(w, (byWeek.get(w) ?? 0) + 1)
      }
      return {
        id: rule.id,
        label: rule.label,
        conversations: convs.size,
        trend: [...byWeek].sort((a, b) => a[0] - b[0]).map(([w, count]) => ({ week: dayName(w), count })),
        hasTemplate: templateTopics.has(rule.id),
      }
    })
    .sort((a, b) => b.conversations - a.conversations)

  const { topCustomers, repeatCustomers } = customerValues(data, filter, activeCustomers, customerOk)
  const atRisk = atRiskCustomers(data, settings, {
    threads,
    lastInbound,
    ratings,
    conversationTopics,
    conversationOk,
    customerOk,
  })

  return {
    filter,
    timeZone: clocks.timeZone,
    generatedAt: new Date(now).toISOString(),
    kpis: {
      firstResponse: summary(firstResponses),
      resolution: summary(resolutions),
      withinPolicy: share(due, onTime),
      breaches: breaches.length,
      messagesIn,
      messagesOut,
      conversations: active,
      newConversations,
      resolved,
      open,
      snoozed,
      reopened,
      repeatContacts,
      customers: activeCustomers.size,
      repeatCustomers,
    },
    byChannel: [...channels]
      .filter(([, s]) => s.messagesIn > 0 || s.due > 0)
      .map(([channel, s]) => ({
        channel,
        ...share(s.due, s.onTime),
        firstResponseMedian: median(s.firsts),
        messagesIn: s.messagesIn,
      }))
      .sort((a, b) => b.messagesIn - a.messagesIn || a.channel.localeCompare(b.channel)),
    trend: [...trend]
      .sort((a, b) => a[0] - b[0])
      .map(([week, w]): WeekTrend => {
        const firsts = sorted(w.firsts)
        return {
          week: dayName(week),
          firstResponseMedian: medianOfSorted(firsts),
          firstResponseP90: percentileOfSorted(firsts, 90),
          answered: w.firsts.length,
          ...share(w.due, w.onTime),
        }
      }),
    volume: { days, weeks },
    busyHours,
    breaches: breaches
      .sort((a, b) => b.lateMs - a.lateMs || a.conversationId.localeCompare(b.conversationId))
      .slice(0, MAX_ROWS),
    topics,
    templateSuggestions: topics
      .filter((t) => !t.hasTemplate && t.conversations >= settings.suggestTemplateAt)
      .map((t) => t.id),
    topCustomers,
    atRisk,
    templates: Object.values(data.templates)
      .filter((t) => t.usage > 0)
      .sort((a, b) => b.usage - a.usage || a.name.localeCompare(b.name))
      .slice(0, 20)
      .map((t) => ({ id: t.id, name: t.name, usage: t.usage, ...(t.lastUsedAt ? { lastUsedAt: t.lastUsedAt } : {}) })),
    nps: npsOf(threads, data.scores ?? [], filter, customerOk, npsBuckets(from, to, dayOf)),
    templateEffects: templateEffects(firstAnswers, data.templateReplies ?? [], data.templates),
  }
}

function summary(values: number[]) {
  const s = sorted(values)
  return { median: medianOfSorted(s), p90: percentileOfSorted(s, 90), count: values.length }
}

function share(due: number, onTime: number): PolicyShare {
  return { due, onTime, ...(due > 0 ? { share: onTime / due } : {}) }
}

/**
 * Conversations that began in the period soon after another of the same customer about the same
 * order or a shared topic: the first answer did not settle it.
 */
function countRepeatContacts(
  threads: readonly Thread[],
  topicsOf: Map<string, Set<string>>,
  inPeriod: (t: number) => boolean,
  within: number,
): number {
  const byCustomer = new Map<string, Thread[]>()
  for (const t of threads) {
    const list = byCustomer.get(t.conversation.customerId)
    if (list) list.push(t)
    else byCustomer.set(t.conversation.customerId, [t])
  }
  let count = 0
  for (const list of byCustomer.values()) {
    if (list.length < 2) continue
    list.sort((a, b) => a.messages[0]!.at - b.messages[0]!.at)
    for (let i = 1; i < list.length; i++) {
      const later = list[i]!
      const start = later.messages[0]!.at
      if (!inPeriod(start)) continue
      const topics = topicsOf.get(later.conversation.id)
      const repeats = list.slice(0, i).some((earlier) => {
        const end = earlier.messages[earlier.messages.length - 1]!.at
        if (start - end > within) return false
        const order = later.conversation.orderNumber
        if (order !== undefined && order === earlier.conversation.orderNumber) return true
        if (!topics) return false
        for (const t of topicsOf.get(earlier.conversation.id) ?? []) if (topics.has(t)) return true
        return false
      })
      if (repeats) count++
    }
  }
  return count
}

/** How many customers the most valuable list shows. */
const TOP_CUSTOMERS = 20

function customerValues(
  data: ReportData,
  filter: ReportFilter,
  activeCustomers: Set<string>,
  customerOk: (id: string) => boolean,
): { topCustomers: CustomerValue[]; repeatCustomers: number } {
  const byCustomer = data.orderTotals(filter.channel)
  let repeatCustomers = 0
  for (const id of activeCustomers) if ((byCustomer.get(id)?.orders ?? 0) >= 2) repeatCustomers++
  // The 20 highest, kept sorted as the customers go by (every customer with an order passes):
  // highest total, then most orders, then first seen.
  const top: { customerId: string; v: OrderTotals; currency: string; total: number }[] = []
  for (const [customerId, v] of byCustomer) {
    let currency = v.currency
    let total = v.total
    if (v.others)
      for (const [c, t] of v.others)
        if (t > total) {
          currency = c
          total = t
        }
    const lowest = top[top.length - 1]
    if (
      top.length === TOP_CUSTOMERS &&
      (total < lowest!.total || (total === lowest!.total && v.orders <= lowest!.v.orders))
    )
      continue
    if (!customerOk(customerId)) continue
    let at = top.length
    while (at > 0 && (top[at - 1]!.total < total || (top[at - 1]!.total === total && top[at - 1]!.v.orders < v.orders)))
      at--
    top.splice(at, 0, { customerId, v, currency, total })
    if (top.length > TOP_CUSTOMERS) top.pop()
  }
  const topCustomers = top.map(({ customerId, v, currency, total }): CustomerValue => ({
    customerId,
    name: data.customers[customerId]?.name ?? '',
    orders: v.orders,
    total,
    currency,
  }))
  return { topCustomers, repeatCustomers }
}

function atRiskCustomers(
  data: ReportData,
  settings: ReportSettings,
  seen: {
    threads: readonly Thread[]
    lastInbound: Map<string, MessageFacts>
    ratings: Map<string, number>
    conversationTopics: Map<string, Set<string>>
    conversationOk: (c: Conversation | undefined) => c is Conversation
    customerOk: (customerId: string) => boolean
  },
): AtRiskCustomer[] {
  const { now, clocks } = settings
  const problems = new Set(settings.topics.filter((t) => t.problem).map((t) => t.id))
  const risks = new Map<string, AtRiskCustomer>()
  const flag = (customerId: string, reason: AtRiskReason, rating?: number, conversationId?: string) => {
    let r = risks.get(customerId)
    if (!r) {
      const last = seen.lastInbound.get(customerId)
      const open = conversationId ?? last?.conversationId
      r = {
        customerId,
        name: data.customers[customerId]?.name ?? '',
        reasons: [],
        ...(open ? { conversationId: open } : {}),
        ...(last ? { lastContactAt: new Date(last.at).toISOString(), channel: last.channel } : {}),
      }
      risks.set(customerId, r)
    }
    if (!r.reasons.includes(reason)) r.reasons.push(reason)
    if (rating !== undefined) r.rating = Math.min(rating, r.rating ?? rating)
  }
  for (const [customerId, rating] of seen.ratings)
    if (rating <= settings.negativeRating) flag(customerId, 'negative', rating)
  // Waiting for the seller past the channel's response time, now.
  for (const id in data.conversations) {
    const c = data.conversations[id]!
    if (c.status === 'done' || c.lastFrom !== 'customer' || !c.waitingSince || !seen.conversationOk(c)) continue
    if (settings.dueTime(c.channel, Date.parse(c.waitingSince), clocks) < now)
      flag(c.customerId, 'unanswered', undefined, c.id)
  }
  // A problem raised, not settled, and nothing heard since.
  for (const { conversation: c, messages } of seen.threads) {
    if (c.status === 'done') continue
    const last = messages[messages.length - 1]!
    if (now - last.at < settings.silenceDays * DAY) continue
    const topics = seen.conversationTopics.get(c.id)
    if (topics && [...topics].some((t) => problems.has(t))) flag(c.customerId, 'silentAfterProblem', undefined, c.id)
  }
  for (const s of data.scores ?? []) {
    const customer = data.customers[s.customerId]
    if (customer && s.score <= settings.lowScore && seen.customerOk(s.customerId))
      flag(s.customerId, 'lowScore', s.score)
  }
  const weight = (r: AtRiskCustomer) => r.reasons.length * 1e13 + Date.parse(r.lastContactAt ?? '1970-01-01')
  return [...risks.values()]
    .map((r) => ({ r, w: weight(r) }))
    .sort((a, b) => b.w - a.w)
    .slice(0, MAX_ROWS)
    .map((x) => x.r)
}
