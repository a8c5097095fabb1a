// What a report says: plain data the engine computes (core/reports/build.ts) and the renderer
// shows. Durations are milliseconds; days and weeks are "YYYY-MM-DD" on the seller's calendar
// (a week is named by its Monday).
import type { Channel } from '../model'
import type { NpsReport } from './nps'
import type { TemplateEffect } from './template-effect'

/** Which slice of the data a report covers. */
export interface ReportFilter {
  /** Start of the period (inclusive), ISO 8601. */
  from: string
  /** End of the period (exclusive), ISO 8601. */
  to: string
  channel?: Channel
  /** Only customers carrying this tag. */
  tag?: string
}

export interface DurationSummary {
  median?: number
  p90?: number
  count: number
}

export interface PolicyShare {
  /** Customer turns whose answer was due: answered, or unanswered past their due time. */
  due: number
  onTime: number
  /** onTime / due; absent when nothing was due. */
  share?: number
}

export interface ReportKpis {
  firstResponse: DurationSummary
  resolution: DurationSummary
  withinPolicy: PolicyShare
  breaches: number
  messagesIn: number
  messagesOut: number
  /** Conversations with a message in the period. */
  conversations: number
  /** Conversations whose first message is in the period. */
  newConversations: number
  resolved: number
  open: number
  snoozed: number
  reopened: number
  repeatContacts: number
  customers: number
  repeatCustomers: number
}

export interface WeekTrend extends PolicyShare {
  week: string
  firstResponseMedian?: number
  firstResponseP90?: number
  /** Conversations whose first answer fell in this week's cohort. */
  answered: number
}

export interface VolumePoint {
  /** The day, or the Monday of the week. */
  date: string
  in: number
  out: number
  newConversations: number
  /** Incoming messages by channel. */
  byChannel: Partial<Record<Channel, number>>
}

export interface Breach {
  conversationId: string
  customerId: string
  customerName: string
  channel: Channel
  subject: string
  waitingSince: string
  dueAt: string
  /** Absent: still unanswered. */
  answeredAt?: string
  lateMs: number
}

export interface TopicCount {
  id: string
  label: { en: string; ja: string }
  /** Conversations that raised it in the period. */
  conversations: number
  trend: { week: string; count: number }[]
  /** A template seems to cover it (its name, shortcut or folder names the topic). */
  hasTemplate: boolean
}

export interface CustomerValue {
  customerId: string
  name: string
  orders: number
  /** Lifetime value in the customer's main currency. */
  total: number
  currency: string
}

export const AT_RISK_REASONS = ['negative', 'unanswered', 'silentAfterProblem', 'lowScore'] as const
export type AtRiskReason = (typeof AT_RISK_REASONS)[number]

export interface AtRiskCustomer {
  customerId: string
  name: string
  reasons: AtRiskReason[]
  /** The conversation to open: the one behind the first reason, else their latest. */
  conversationId?: string
  /** Their last message to the seller. */
  lastContactAt?: string
  channel?: Channel
  /** The lowest rating or score behind a "negative" or "lowScore". */
  rating?: number
}

export interface TemplateUse {
  id: string
  name: string
  usage: number
  lastUsedAt?: string
}

export interface Report {
  filter: ReportFilter
  timeZone: string
  generatedAt: string
  kpis: ReportKpis
  byChannel: ({ channel: Channel } & PolicyShare & { firstResponseMedian?: number; messagesIn: number })[]
  trend: WeekTrend[]
  volume: { days: VolumePoint[]; weeks: VolumePoint[] }
  /** Incoming messages by weekday (0 = Sunday) and hour, on the seller's clock: [weekday][hour]. */
  busyHours: number[][]
  /** Latest first by lateness, at most `MAX_ROWS`; `kpis.breaches` has the full count. */
  breaches: Breach[]
  topics: TopicCount[]
  /** Topics customers raise that no template answers yet: worth writing one. */
  templateSuggestions: string[]
  topCustomers: CustomerValue[]
  atRisk: AtRiskCustomer[]
  templates: TemplateUse[]
  /** NPS by week (month for long periods) from call scores and feedback ratings (nps.ts). */
  nps: NpsReport
  /** Per template and channel: first-response median with it vs. without templates (template-effect.ts). */
  templateEffects: TemplateEffect[]
}

/** Longest table a report carries. */
export const MAX_ROWS = 200
