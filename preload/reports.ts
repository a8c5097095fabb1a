// The reports part of the contract: `reports.get` (response times, service level, volume, busy
// hours, topics, customers), the seller's topic rules (`reports.topics`, `reports.topics.save`) and
// the groups of similar messages no rule names (`reports.clusters`), spread into `Responses` in
// api.ts; the request schemas are in schemas/reports.ts.
import type { MessageCluster } from '../main/core/reports/clusters'
import type { TopicRule } from '../main/core/reports/topics'
import type { Report } from '../main/core/reports/types'

export type {
  AtRiskCustomer,
  AtRiskReason,
  Breach,
  CustomerValue,
  DurationSummary,
  PolicyShare,
  Report,
  ReportFilter,
  ReportKpis,
  TemplateUse,
  TopicCount,
  VolumePoint,
  WeekTrend,
} from '../main/core/reports/types'
export { AT_RISK_REASONS } from '../main/core/reports/types'
export type { NpsCounts, NpsPoint, NpsReport } from '../main/core/reports/nps'
export type { TemplateEffect } from '../main/core/reports/template-effect'
export { TEMPLATE_MIN_SAMPLE } from '../main/core/reports/template-effect'
export type { ClusterMessage, MessageCluster } from '../main/core/reports/clusters'
export type { TopicRule } from '../main/core/reports/topics'

/** Days a report covers when no period is given. */
export const DEFAULT_REPORT_DAYS = 90

export interface TopicRules {
  rules: TopicRule[]
  /** The built-in rules, to start again from. */
  defaults: TopicRule[]
  /** The seller has saved their own. */
  custom: boolean
}

export interface MessageClusters {
  clusters: MessageCluster[]
  /** Incoming messages of the period no topic rule matched that were grouped: the newest ones. */
  sampled: number
  /** There were older unmatched messages in the period than those grouped (the work is capped). */
  more: boolean
}

export interface ReportResponses {
  'reports.get': Report
  'reports.topics': TopicRules
  'reports.topics.save': TopicRules
  'reports.clusters': MessageClusters
}
