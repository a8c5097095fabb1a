// How long each channel gives the seller to answer, and the seller's working week that
// business-time policies count in. Plain data: the settings hold them, core/sla.ts reads them.
import type { Channel } from '../model'

/**
 * `hours`: calendar hours, nights and weekends included. `businessHours`: hours counted only
 * while the shop is open. `businessDays`: whole opening days of business time (with 9:00–18:00,
 * a Friday 17:00 question has until Monday 17:00).
 */
export const POLICY_UNITS = ['hours', 'businessHours', 'businessDays'] as const
export type PolicyUnit = (typeof POLICY_UNITS)[number]

export interface ResponsePolicy {
  amount: number
  unit: PolicyUnit
}

/** When the shop is open: the same hours on each open day of the week, in the seller's zone. */
export interface BusinessHours {
  /** Open days, 0 = Sunday … 6 = Saturday. */
  days: number[]
  /** Opening and closing time, "HH:MM" (24-hour); closing is after opening, on the same day. */
  start: string
  end: string
}

/**
 * What the marketplaces ask of sellers. Amazon: 24 hours, weekends included. eBay: 24 hours.
 * Rakuten and Yahoo! Shopping: one business day (their guidelines count Japanese business days).
 * Etsy: 24 hours (what the Star Seller response rate counts). Walmart: 48 hours (Seller Center's
 * customer-care standard). Mercari: 24 hours (buyers expect a reply within a day). E-mail: 24 hours.
 */
export const DEFAULT_RESPONSE_POLICIES: Record<Channel, ResponsePolicy> = {
  email: { amount: 24, unit: 'hours' },
  amazon: { amount: 24, unit: 'hours' },
  ebay: { amount: 24, unit: 'hours' },
  etsy: { amount: 24, unit: 'hours' },
  walmart: { amount: 48, unit: 'hours' },
  rakuten: { amount: 1, unit: 'businessDays' },
  yahoo: { amount: 1, unit: 'businessDays' },
  mercari: { amount: 24, unit: 'hours' },
}

export const DEFAULT_BUSINESS_HOURS: BusinessHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' }

/** Everything a response clock depends on besides the conversation, resolved from the settings. */
export interface ResponseClocks {
  policies: Record<Channel, ResponsePolicy>
  hours: BusinessHours
  /** An IANA zone ("Asia/Tokyo"), never "system": the engine resolves that. */
  timeZone: string
  observeJapaneseHolidays: boolean
}

/** The settings fields that hold the clocks; all optional on disk (older settings lack them). */
export interface ClockSettings {
  responsePolicies?: Partial<Record<Channel, ResponsePolicy>>
  businessHours?: BusinessHours
  /** An IANA zone, or "system" for this computer's zone. */
  timeZone?: string
  observeJapaneseHolidays?: boolean
}

/**
 * The clocks the settings describe; `systemZone` stands in for "system". A policy or hours that
 * make no sense (a settings file edited by hand) count as the defaults rather than stopping
 * every clock; the settings screen shows and saves only valid ones.
 */
export function responseClocksOf(settings: ClockSettings, systemZone: string): ResponseClocks {
  const zone = settings.timeZone && settings.timeZone !== 'system' ? settings.timeZone : systemZone
  const policies = { ...DEFAULT_RESPONSE_POLICIES }
  for (const [channel, policy] of Object.entries(settings.responsePolicies ?? {})) {
    if (channel in policies && isPolicy(policy)) policies[channel as Channel] = policy
  }
  const hours = settings.businessHours
  return {
    policies,
    hours: hours && isBusinessHours(hours) ? hours : DEFAULT_BUSINESS_HOURS,
    timeZone: zone,
    observeJapaneseHolidays: settings.observeJapaneseHolidays ?? true,
  }
}

function isPolicy(p: unknown): p is ResponsePolicy {
  const { amount, unit } = (p ?? {}) as Partial<ResponsePolicy>
  return (
    (POLICY_UNITS as readonly unknown[]).includes(unit) && typeof amount === 'number' && amount > 0 && amount < 10_000
  )
}

function isBusinessHours(h: BusinessHours): boolean {
  return (
    Array.isArray(h.days) &&
    h.days.every((d) => Number.isInteger(d) && d >= 0 && d <= 6) &&
    typeof h.start === 'string' &&
    typeof h.end === 'string' &&
    dayLengthOf(h) > 0
  )
}

/** "09:30" → 570 (minutes after midnight), or undefined when it is no such time. */
export function minutesOf(time: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time) ?? (time === '24:00' ? ['', '24', '00'] : null)
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined
}

/** Length of one opening day, in minutes (0 when the hours make no sense). */
export function dayLengthOf(hours: BusinessHours): number {
  const start = minutesOf(hours.start)
  const end = minutesOf(hours.end)
  return start === undefined || end === undefined ? 0 : Math.max(0, end - start)
}
