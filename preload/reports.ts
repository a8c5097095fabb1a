// The reports part of the contract: `reports.get` (response times, service level, volume, busy
// hours, topics, customers), spread into `requestSchemas` and `Responses` in api.ts.
import { z } from 'zod'
import { CHANNELS } from '../main/core/model'
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

/** Days a report covers when no period is given. */
export const DEFAULT_REPORT_DAYS = 90
/** Longest period: more than this is a typo in a year. */
const MAX_REPORT_DAYS = 5 * 366

const instant = (what: string) =>
  z.iso.datetime({
    offset: true,
    error: `${what} is a moment in ISO 8601 with an offset, e.g. 2026-11-01T00:00:00+09:00.`,
  })

export const reportSchemas = {
  /**
   * The dashboard for a period (default: the last 90 days up to now), optionally one channel or
   * the customers carrying one tag. `from` is inclusive, `to` exclusive.
   */
  'reports.get': z
    .object({
      from: instant('The start of the period').optional(),
      to: instant('The end of the period').optional(),
      channel: z.enum(CHANNELS).optional(),
      tag: z.string().trim().min(1).max(100).optional(),
    })
    .strict()
    .refine((p) => p.from === undefined || p.to === undefined || Date.parse(p.from) < Date.parse(p.to), {
      message: 'The period has to end after it starts.',
      path: ['to'],
    })
    .refine(
      (p) =>
        p.from === undefined ||
        p.to === undefined ||
        Date.parse(p.to) - Date.parse(p.from) <= MAX_REPORT_DAYS * 86_400_000,
      { message: `A report covers at most ${MAX_REPORT_DAYS} days.`, path: ['from'] },
    ),
}

export interface ReportResponses {
  'reports.get': Report
}
