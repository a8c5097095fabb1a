// The weekly "call five customers" plan: each week five customers to phone, each with why —
// a happy one, an unhappy one, one who had a bad experience, a recent first-time buyer and a
// valuable one not heard from in a while. A pure function of the week and the data, so the same
// week gives the same five; last week's five are not picked again when anyone else fits, and
// customers with no number to call only when nobody with one does (the pick says so).
import type { Conversation, Customer, IsoTime, Order } from '../model'
import { addDays, dayKey, localTime, type LocalDay } from './local-time'
import { phoneFor } from './phone'

export const CALL_SLOTS = ['happy', 'unhappy', 'badExperience', 'firstTime', 'highValue'] as const
export type CallSlot = (typeof CALL_SLOTS)[number]

export const REASON_CODES = [
  'repeatBuyer',
  'kindWords',
  'highScore',
  'complaint',
  'returned',
  'refund',
  'lowScore',
  'lateShipping',
  'damaged',
  'longWait',
  'firstOrder',
  'highValue',
  'quiet',
] as const
export type ReasonCode = (typeof REASON_CODES)[number]

/** One reason a customer was picked; `detail` is data (a subject, an order number, a count). */
export interface CallReason {
  code: ReasonCode
  detail?: string
}

export interface CallPick {
  slot: CallSlot
  customerId: string
  reasons: CallReason[]
  phone?: string
  /** Nobody who fits has a number on file: this one has none either. */
  noPhone?: true
  /** Picked last week too (or called this past week): nobody else fits. */
  repeat?: true
}

export interface CallPlan {
  /** The week's Monday on the seller's clock, "2026-11-30": one plan per week. */
  id: string
  createdAt: IsoTime
  picks: CallPick[]
  /** Slots nobody fitted. */
  unfilled: CallSlot[]
}

export const CALL_OUTCOMES = ['reached', 'noAnswer', 'callBack'] as const
export type CallOutcome = (typeof CALL_OUTCOMES)[number]

/** A call the seller made and what the customer said: the "voice of the customer". */
export interface CallLog {
  id: string
  customerId: string
  /** The week's plan the call came from, if it did. */
  planId?: string
  at: IsoTime
  outcome: CallOutcome
  /** How likely they are to recommend the shop, 0–10, if the seller asked. */
  score?: number
  liked: string
  disliked: string
  better: string
  note: string
}

export interface PlannerInput {
  now: Date
  zone: string
  customers: Record<string, Customer>
  conversations: Iterable<Conversation>
  orders: Iterable<Order>
  calls: Iterable<CallLog>
  /** Last week's plan, if there was one. */
  previous?: CallPlan
}

const DAY = 86_400_000
/** Only what happened lately says how a customer feels now. */
const RECENT_DAYS = 120
/** A first order this recent is a first-time buyer worth a welcome call. */
const FIRST_ORDER_DAYS = 45
/** Not heard from (no message, no call) for this long: quiet. */
const QUIET_DAYS = 30
/** An answer waited this long: a bad experience in itself. */
const LONG_WAIT_HOURS = 48

const WORDS: Record<'kind' | 'warm' | 'complaint' | 'refund' | 'late' | 'damaged', RegExp> = {
  // "Thanks" and "ありがとうございます" close half of all mail: only a subject saying it counts…
  kind: /\b(thank you|thanks|beautiful|love|lovely|wonderful|perfect|delighted)\b|ありがとうございました|お礼|素敵|嬉し|うれし|気に入|満足/iu,
  // …or words in the message itself that nobody writes out of politeness.
  warm: /\b(beautiful|love it|lovely|wonderful|delighted)\b|素敵|嬉し|うれし|気に入/iu,
  complaint: /\b(disappointed|not happy|unhappy|complaint|terrible|awful|review)\b|苦情|不満|残念|レビュー/iu,
  refund: /\b(refund|return)\b|返品|返金/iu,
  late: /\b(delay|delayed|late|hasn't shipped|not shipped|where is|tracking|not arrived|still waiting)\b|遅れ|遅延|発送|届かない|届いていない|配送状況|追跡/iu,
  damaged: /\b(broken|damaged|cracked|chipped)\b|破損|割れ|欠け|ひび/iu,
}

interface Facts {
  customer: Customer
  reasons: Map<CallSlot, { score: number; reasons: CallReason[] }>
  phone?: string
}

/** The Monday of `now`'s week on the seller's clock. */
export function weekOf(now: Date, zone: string): LocalDay {
  const today = localTime(now.getTime(), zone)
  return addDays(today, -((today.weekday + 6) % 7))
}

/** The plan id of `now`'s week and of the week before. */
export function planIds(now: Date, zone: string): { current: string; previous: string } {
  const monday = weekOf(now, zone)
  return { current: dayKey(monday), previous: dayKey(addDays(monday, -7)) }
}

export function planCallFive(input: PlannerInput): CallPlan {
  const { now } = input
  const id = planIds(now, input.zone).current
  const facts = gatherFacts(input)
  const recentlyCalled = new Set<string>()
  for (const c of input.calls) {
    if (c.outcome === 'reached' && now.getTime() - Date.parse(c.at) < 7 * DAY) recentlyCalled.add(c.customerId)
  }
  const lastWeek = new Set((input.previous?.picks ?? []).map((p) => p.customerId))
  const picked = new Set<string>()
  const picks: CallPick[] = []
  const unfilled: CallSlot[] = []
  for (const slot of CALL_SLOTS) {
    const candidates = [...facts.values()]
      .filter((f) => f.reasons.has(slot) && !picked.has(f.customer.id))
      .map((f) => ({ f, score: f.reasons.get(slot)!.score + jitter(id, f.customer.id) }))
    // Best tier first: a number to call and not called last week; then no number; then a repeat.
    const tier = (f: Facts) =>
      (lastWeek.has(f.customer.id) || recentlyCalled.has(f.customer.id) ? 2 : 0) + (f.phone ? 0 : 1)
    candidates.sort(
      (a, b) => tier(a.f) - tier(b.f) || b.score - a.score || a.f.customer.id.localeCompare(b.f.customer.id),
    )
    const best = candidates[0]
    if (!best) {
      unfilled.push(slot)
      continue
    }
    const f = best.f
    picked.add(f.customer.id)
    picks.push({
      slot,
      customerId: f.customer.id,
      reasons: f.reasons.get(slot)!.reasons,
      ...(f.phone ? { phone: f.phone } : { noPhone: true as const }),
      ...(tier(f) >= 2 ? { repeat: true as const } : {}),
    })
  }
  return { id, createdAt: now.toISOString(), picks, unfilled }
}

function gatherFacts(input: PlannerInput): Map<string, Facts> {
  const now = input.now.getTime()
  const facts = new Map<string, Facts>()
  const add = (customerId: string, slot: CallSlot, score: number, reason: CallReason) => {
    const f = facts.get(customerId)
    if (!f) return
    const entry = f.reasons.get(slot) ?? { score: 0, reasons: [] }
    entry.score += score
    if (!entry.reasons.some((r) => r.code === reason.code)) entry.reasons.push(reason)
    f.reasons.set(slot, entry)
  }
  const ordersOf = new Map<string, Order[]>()
  for (const o of input.orders) {
    const list = ordersOf.get(o.customerId)
    if (list) list.push(o)
    else ordersOf.set(o.customerId, [o])
  }
  for (const customer of Object.values(input.customers)) {
    facts.set(customer.id, {
      customer,
      reasons: new Map(),
      phone: phoneFor(customer, ordersOf.get(customer.id) ?? [])?.number,
    })
  }
  const lastContact = new Map<string, number>()
  const touch = (customerId: string, at: number) => {
    if (at > (lastContact.get(customerId) ?? 0)) lastContact.set(customerId, at)
  }

  for (const c of input.conversations) {
    const at = Date.parse(c.lastMessageAt)
    touch(c.customerId, at)
    if (now - at > RECENT_DAYS * DAY) continue
    const text = `${c.subject}\n${c.lastSnippet}`
    const detail = c.subject.length > 60 ? `${c.subject.slice(0, 59)}…` : c.subject
    if (WORDS.damaged.test(text)) add(c.customerId, 'badExperience', 3, { code: 'damaged', detail })
    else if (WORDS.late.test(text)) add(c.customerId, 'badExperience', 2, { code: 'lateShipping', detail })
    if (WORDS.complaint.test(text)) add(c.customerId, 'unhappy', 3, { code: 'complaint', detail })
    if (WORDS.refund.test(text)) add(c.customerId, 'unhappy', 2, { code: 'refund', detail })
    if (WORDS.kind.test(c.subject)) add(c.customerId, 'happy', 3, { code: 'kindWords', detail })
    else if (WORDS.warm.test(c.lastSnippet)) {
      // A marketplace relay's subject says nothing ("Inquiry from Amazon customer…"): quote the words.
      add(c.customerId, 'happy', 3, { code: 'kindWords', detail: excerpt(c.lastSnippet, WORDS.warm) })
    }
    if (c.waitingSince && c.lastFrom === 'customer' && c.status !== 'done') {
      const hours = Math.floor((now - Date.parse(c.waitingSince)) / 3_600_000)
      if (hours >= LONG_WAIT_HOURS) add(c.customerId, 'badExperience', 2, { code: 'longWait', detail: String(hours) })
    }
  }

  for (const [customerId, orders] of ordersOf) {
    const kept = orders.filter((o) => o.status !== 'cancelled')
    for (const o of orders) {
      touch(customerId, Date.parse(o.placedAt))
      if (o.status === 'returned' && now - Date.parse(o.placedAt) <= RECENT_DAYS * DAY) {
        add(customerId, 'unhappy', 3, { code: 'returned', detail: o.orderNumber })
      }
    }
    if (kept.length >= 2) {
      add(customerId, 'happy', 2 + Math.min(kept.length, 6) * 0.5, { code: 'repeatBuyer', detail: String(kept.length) })
    }
    if (kept.length === 1) {
      const days = (now - Date.parse(kept[0]!.placedAt)) / DAY
      if (days >= 0 && days <= FIRST_ORDER_DAYS) {
        add(customerId, 'firstTime', 3 - days / FIRST_ORDER_DAYS, { code: 'firstOrder', detail: kept[0]!.orderNumber })
      }
    }
  }

  const lastCall = new Map<string, CallLog>()
  for (const call of input.calls) {
    touch(call.customerId, Date.parse(call.at))
    const seen = lastCall.get(call.customerId)
    if (call.score !== undefined && (!seen || seen.at < call.at)) lastCall.set(call.customerId, call)
  }
  for (const [customerId, call] of lastCall) {
    if (call.score! >= 9) add(customerId, 'happy', 2, { code: 'highScore', detail: String(call.score) })
    if (call.score! <= 6) add(customerId, 'unhappy', 3, { code: 'lowScore', detail: String(call.score) })
  }

  // Valuable and quiet: lifetime value counts most (its rank among customers paying in the same
  // currency, so yen and dollars compare), a long silence adds a little.
  const values: { customerId: string; currency: string; total: number }[] = []
  for (const [customerId, orders] of ordersOf) {
    const kept = orders.filter((o) => o.status !== 'cancelled' && o.status !== 'returned')
    const total = kept.reduce((n, o) => n + o.total, 0)
    if (total > 0) values.push({ customerId, currency: kept[0]!.currency, total })
  }
  const byCurrency = new Map<string, number[]>()
  for (const v of values) {
    const list = byCurrency.get(v.currency)
    if (list) list.push(v.total)
    else byCurrency.set(v.currency, [v.total])
  }
  for (const list of byCurrency.values()) list.sort((a, b) => a - b)
  for (const { customerId, currency, total } of values) {
    const quietDays = Math.floor((now - (lastContact.get(customerId) ?? 0)) / DAY)
    if (quietDays < QUIET_DAYS) continue
    const list = byCurrency.get(currency)!
    const rank = countUpTo(list, total) / list.length
    add(customerId, 'highValue', 3 * rank + Math.min(quietDays, 365) / 365, {
      code: 'highValue',
      detail: `${currency} ${Math.round(total)}`,
    })
    add(customerId, 'highValue', 0, { code: 'quiet', detail: String(quietDays) })
  }

  // Someone unhappy or hurt is not the week's happy customer, however many orders they placed.
  for (const f of facts.values()) {
    if (f.reasons.has('unhappy') || f.reasons.has('badExperience')) f.reasons.delete('happy')
  }
  return facts
}

/** How many of the sorted `values` are at most `x` (binary search). */
function countUpTo(values: readonly number[], x: number): number {
  let lo = 0
  let hi = values.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (values[mid]! <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The sentence of `text` where `pattern` matches, at most 60 characters. */
function excerpt(text: string, pattern: RegExp): string {
  const at = text.search(pattern)
  const start = Math.max(0, ...[...text.slice(0, at).matchAll(/[.!?。！？\n]\s*/gu)].map((m) => m.index + m[0].length))
  const end = text.slice(at).search(/[.!?。！？\n]/u)
  const sentence = text.slice(start, end < 0 ? undefined : at + end + 1).trim()
  return sentence.length > 60 ? `${sentence.slice(0, 59)}…` : sentence
}

/** A tie-breaker in [0, 1) that differs per week, so equally good candidates take turns. */
function jitter(week: string, customerId: string): number {
  let h = 0x811c9dc5
  for (const ch of `${week}:${customerId}`) {
    h ^= ch.codePointAt(0)!
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return (h >>> 0) / 4294967296
}
