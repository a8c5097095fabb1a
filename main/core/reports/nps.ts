// Net Promoter Score over time, from the scores customers gave: 0–10 answers logged from calls
// ("call five") and star ratings of marketplace feedback recognised in mail. Each customer counts
// once per period bucket (their latest answer there), so one unhappy customer writing three
// reviews is one detractor, and every bucket carries its counts so a small sample reads as such.
import { dayName, weekOf } from './calendar'
import type { MessageFacts } from './facts'
import type { ReportFilter } from './types'

const DAY = 86_400_000

/**
 * A star rating (1–5) on the 0–10 scale: linear, (stars − 1) × 2.5, so 1★ = 0, 2★ = 2.5,
 * 3★ = 5, 4★ = 7.5, 5★ = 10. Only 5★ is a promoter, 4★ a passive, 1–3★ detractors: the
 * usual reading of marketplace feedback (Amazon counts 1–3★ as negative or neutral).
 */
export function starsToScore(stars: number): number {
  return (Math.min(5, Math.max(1, stars)) - 1) * 2.5
}

export type NpsCategory = 'promoter' | 'passive' | 'detractor'

/** NPS's own bands: 9–10 promoter, 7–8 passive, 0–6 detractor (7.5 is passive). */
export function npsCategory(score: number): NpsCategory {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor'
}

export interface ScoreResponse {
  customerId: string
  /** 0–10. */
  score: number
  /** Epoch milliseconds. */
  at: number
  source: 'call' | 'rating'
}

export interface NpsCounts {
  promoters: number
  passives: number
  detractors: number
  /** promoters + passives + detractors: customers who answered. */
  responses: number
  /** % promoters − % detractors, rounded, −100…100; absent without responses. */
  nps?: number
}

export interface NpsPoint extends NpsCounts {
  /** The Monday of the week ("YYYY-MM-DD") or the month ("YYYY-MM"). */
  period: string
}

export interface NpsReport {
  unit: 'week' | 'month'
  /** Every bucket of the period, oldest first, empty ones included so gaps show. */
  points: NpsPoint[]
  /** The whole period, each customer's latest answer. */
  total: NpsCounts
  /** Fewer responses than this in a bucket is a small sample: shown, but not to be read as a trend. */
  minSample: number
}

/** A bucket with fewer answers than this says little about the shop. */
export const NPS_MIN_SAMPLE = 10
/** Periods longer than this are shown by month: weekly points over a year are mostly noise. */
export const NPS_WEEKLY_UP_TO_DAYS = 120

export function npsCounts(scores: Iterable<number>): NpsCounts {
  const c: NpsCounts = { promoters: 0, passives: 0, detractors: 0, responses: 0 }
  for (const s of scores) {
    const k = npsCategory(s)
    if (k === 'promoter') c.promoters++
    else if (k === 'passive') c.passives++
    else c.detractors++
    c.responses++
  }
  if (c.responses > 0) c.nps = Math.round(((c.promoters - c.detractors) / c.responses) * 100)
  return c
}

export interface NpsBuckets {
  unit: 'week' | 'month'
  /** The bucket names of the period, in order. */
  names: string[]
  /** The bucket of a moment in the period. */
  of(at: number): string
}

/**
 * NPS per bucket and for the whole period from the answers in [from, to). `buckets` names the
 * seller's weeks or months (calendar.ts), so this stays free of time zones.
 */
export function npsOverTime(
  responses: Iterable<ScoreResponse>,
  from: number,
  to: number,
  buckets: NpsBuckets,
): NpsReport {
  const latest = (map: Map<string, ScoreResponse>, r: ScoreResponse) => {
    const seen = map.get(r.customerId)
    if (!seen || seen.at <= r.at) map.set(r.customerId, r)
  }
  const byBucket = new Map<string, Map<string, ScoreResponse>>()
  const whole = new Map<string, ScoreResponse>()
  for (const r of responses) {
    if (r.at < from || r.at >= to || !Number.isFinite(r.score)) continue
    const name = buckets.of(r.at)
    let m = byBucket.get(name)
    if (!m) byBucket.set(name, (m = new Map()))
    latest(m, r)
    latest(whole, r)
  }
  const scores = (m: Map<string, ScoreResponse> | undefined) => [...(m?.values() ?? [])].map((r) => r.score)
  return {
    unit: buckets.unit,
    points: buckets.names.map((period) => ({ period, ...npsCounts(scores(byBucket.get(period))) })),
    total: npsCounts(scores(whole)),
    minSample: NPS_MIN_SAMPLE,
  }
}

/**
 * The seller's weeks (named by their Monday) for periods up to `NPS_WEEKLY_UP_TO_DAYS`, else
 * months; `dayOf` gives a moment's day on the seller's calendar (calendar.ts).
 */
export function npsBuckets(from: number, to: number, dayOf: (t: number) => number): NpsBuckets {
  const first = dayOf(from)
  const last = dayOf(Math.max(from, to - 1))
  const names: string[] = []
  if (to - from <= NPS_WEEKLY_UP_TO_DAYS * DAY) {
    for (let w = weekOf(first); w <= last; w += 7) names.push(dayName(w))
    return { unit: 'week', names, of: (t) => dayName(weekOf(dayOf(t))) }
  }
  for (let d = first; d <= last; d++) {
    const month = dayName(d).slice(0, 7)
    if (names[names.length - 1] !== month) names.push(month)
  }
  return { unit: 'month', names, of: (t) => dayName(dayOf(t)).slice(0, 7) }
}

/**
 * The report's NPS: ratings of incoming messages in the (already channel- and tag-filtered)
 * threads, and call scores of customers who pass the tag filter. A call is with a customer, not
 * on a channel, so a report of one channel counts only that channel's ratings.
 */
export function npsOf(
  threads: Iterable<{ messages: readonly MessageFacts[] }>,
  scores: readonly { customerId: string; score: number; at: string }[],
  filter: ReportFilter,
  customerOk: (customerId: string) => boolean,
  buckets: NpsBuckets,
): NpsReport {
  const responses: ScoreResponse[] = []
  for (const t of threads)
    for (const m of t.messages)
      if (m.inbound && m.rating !== undefined)
        responses.push({ customerId: m.customerId, score: starsToScore(m.rating), at: m.at, source: 'rating' })
  if (filter.channel === undefined)
    for (const s of scores)
      if (customerOk(s.customerId))
        responses.push({ customerId: s.customerId, score: s.score, at: Date.parse(s.at), source: 'call' })
  return npsOverTime(responses, Date.parse(filter.from), Date.parse(filter.to), buckets)
}
