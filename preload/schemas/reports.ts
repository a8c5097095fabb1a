// Request schemas of the reports part of the contract (types in preload/reports.ts), spread into
// `requestSchemas` in schemas/requests.ts; the engine checks stored topic rules with them too.
import { z } from 'zod'
import { CHANNELS } from '../../main/core/model'

/** Longest period: more than this is a typo in a year. */
const MAX_REPORT_DAYS = 5 * 366

const instant = (what: string) =>
  z.iso.datetime({
    offset: true,
    error: `${what} is a moment in ISO 8601 with an offset, e.g. 2026-11-01T00:00:00+09:00.`,
  })

const keyword = z
  .string()
  .trim()
  .min(1, 'A keyword cannot be empty.')
  .max(100, 'A keyword has at most 100 characters.')
  .refine((k) => k !== '*', 'A keyword needs letters before its *.')

/** One topic rule as the seller edits it (see core/reports/topics.ts for how keywords match). */
export const topicRuleSchema = z
  .object({
    id: z
      .string()
      .min(1)
      .max(60)
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'A topic id is lower-case letters, digits and hyphens, e.g. "gift-wrap".'),
    label: z
      .object({
        en: z.string().trim().max(100, 'At most 100 characters.'),
        ja: z.string().trim().max(100, 'At most 100 characters.'),
      })
      .strict(),
    en: z.array(keyword).max(200, 'At most 200 keywords.'),
    ja: z.array(keyword).max(200, 'At most 200 keywords.'),
    problem: z.boolean().optional(),
  })
  .strict()
  .refine((r) => r.label.en !== '' || r.label.ja !== '', {
    path: ['label', 'en'],
    message: 'Give the topic a name, in English or Japanese.',
  })
  .refine((r) => r.en.length + r.ja.length > 0, {
    path: ['en'],
    message: 'Give at least one keyword, in English or Japanese.',
  })

/** A whole set of topic rules: what `reports.topics.save` takes and settings `reportTopics` holds. */
export const topicRulesSchema = z
  .array(topicRuleSchema)
  .min(1, 'Keep at least one topic.')
  .max(100, 'At most 100 topics.')
  .superRefine((rules, ctx) => {
    const seen = new Set<string>()
    rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `Two topics have the id "${r.id}".` })
      seen.add(r.id)
    })
  })

const reportFilter = {
  from: z.iso
    .datetime({ offset: true, error: 'The start of the period is a moment in ISO 8601 with an offset.' })
    .optional(),
  to: z.iso
    .datetime({ offset: true, error: 'The end of the period is a moment in ISO 8601 with an offset.' })
    .optional(),
  channel: z.enum(CHANNELS).optional(),
  tag: z.string().trim().min(1).max(100).optional(),
}

export const reportSchemas = {
  /** The topic rules reports group messages by: the seller's own, or the built-in ones. */
  'reports.topics': z.object({}).strict(),
  /** Replaces the seller's topic rules (validated: each field's problem comes back by path). */
  'reports.topics.save': z.object({ rules: topicRulesSchema }).strict(),
  /**
   * Groups of similar incoming messages of the period that match no topic rule, from the newest
   * `sampled` of them (the work is capped so it stays quick on a big workspace).
   */
  'reports.clusters': z
    .object(reportFilter)
    .strict()
    .refine((p) => p.from === undefined || p.to === undefined || Date.parse(p.from) < Date.parse(p.to), {
      message: 'The period has to end after it starts.',
      path: ['to'],
    }),
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
