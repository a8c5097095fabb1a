// The dashboard's tables as data: columns (shown text and the value exported to CSV) and rows,
// and where Enter on a row goes. One definition serves the screen and the CSV export.
import type { Channel } from '../../../../main/core/model'
import { TEMPLATE_MIN_SAMPLE, type MessageClusters, type Report } from '../../../../preload/api'
import { words as appWords, type Lang } from '../../app/i18n'
import { count, day, duration, hours, moment, money } from './format'
import { reportWords } from './words'

export const TABLES = [
  'breaches',
  'atRisk',
  'topics',
  'clusters',
  'nps',
  'templateEffects',
  'topCustomers',
  'templates',
] as const
export type TableId = (typeof TABLES)[number]

export interface Column {
  label: string
  /** Right-aligned numbers. */
  numeric?: boolean
}

export interface TableRow {
  key: string
  /** What the screen shows, one per column. */
  cells: string[]
  /** What the CSV holds, one per column: raw numbers and ISO times, not the localised text. */
  csv: (string | number | undefined)[]
  /** Enter opens this customer (on this conversation). */
  open?: { customerId: string; conversationId: string }
}

export interface TableSpec {
  id: TableId
  title: string
  columns: Column[]
  /** CSV headers: the column labels, with the unit where the CSV value has one. */
  csvHeader: string[]
  rows: TableRow[]
}

/** `clusters`: from `reports.clusters`, asked apart (null while it is on its way). */
export function tablesOf(report: Report, lang: Lang, clusters: MessageClusters | null = null): TableSpec[] {
  const t = reportWords(lang)
  const c = t.columns
  const zone = report.timeZone
  const channel = (ch: Channel | undefined) => (ch ? appWords(lang).channels[ch] : '')
  const topicLabel = new Map(report.topics.map((x) => [x.id, x.label[lang]]))
  return [
    {
      id: 'breaches',
      title: t.tables.breaches,
      columns: [
        { label: c.customer },
        { label: c.channel },
        { label: c.subject },
        { label: c.waitingSince },
        { label: c.dueAt },
        { label: c.answeredAt },
        { label: c.late, numeric: true },
      ],
      csvHeader: [c.customer, c.channel, c.subject, c.waitingSince, c.dueAt, c.answeredAt, `${c.late} (h)`],
      rows: report.breaches.map((b) => ({
        key: `${b.conversationId}:${b.waitingSince}`,
        cells: [
          b.customerName,
          channel(b.channel),
          b.subject,
          moment(b.waitingSince, lang, zone),
          moment(b.dueAt, lang, zone),
          b.answeredAt ? moment(b.answeredAt, lang, zone) : t.unanswered,
          duration(b.lateMs, lang),
        ],
        csv: [b.customerName, b.channel, b.subject, b.waitingSince, b.dueAt, b.answeredAt, hours(b.lateMs)],
        open: { customerId: b.customerId, conversationId: b.conversationId },
      })),
    },
    {
      id: 'atRisk',
      title: t.tables.atRisk,
      columns: [{ label: c.customer }, { label: c.reasons }, { label: c.channel }, { label: c.lastContact }],
      csvHeader: [c.customer, c.reasons, c.channel, c.lastContact],
      rows: report.atRisk.map((r) => {
        const reasons = r.reasons.map((x) => t.reasons[x]).join(lang === 'ja' ? '、' : ', ')
        const rating = r.rating !== undefined ? ` (${r.rating})` : ''
        return {
          key: r.customerId,
          cells: [r.name, reasons + rating, channel(r.channel), moment(r.lastContactAt, lang, zone)],
          csv: [r.name, reasons + rating, r.channel, r.lastContactAt],
          ...(r.conversationId ? { open: { customerId: r.customerId, conversationId: r.conversationId } } : {}),
        }
      }),
    },
    {
      id: 'topics',
      title: t.tables.topics,
      columns: [{ label: c.topic }, { label: c.conversations, numeric: true }, { label: c.template }],
      csvHeader: [c.topic, c.conversations, c.template],
      rows: report.topics.map((x) => {
        const template = x.hasTemplate
          ? t.hasTemplate
          : report.templateSuggestions.includes(x.id)
            ? t.writeTemplate
            : t.none
        return {
          key: x.id,
          cells: [topicLabel.get(x.id) ?? x.id, count(x.conversations, lang), template],
          csv: [topicLabel.get(x.id) ?? x.id, x.conversations, template],
        }
      }),
    },
    {
      id: 'clusters',
      title: t.tables.clusters,
      columns: [{ label: c.words }, { label: c.messages, numeric: true }, { label: c.subject }, { label: c.latest }],
      csvHeader: [c.words, c.messages, c.subject, c.latest],
      rows: (clusters?.clusters ?? []).map((g) => {
        const latest = g.messages[0]!
        return {
          key: g.id,
          cells: [g.words.join(' · '), count(g.count, lang), latest.subject, moment(latest.at, lang, zone)],
          csv: [g.words.join(' '), g.count, latest.subject, latest.at],
          open: { customerId: latest.customerId, conversationId: latest.conversationId },
        }
      }),
    },
    {
      id: 'nps',
      title: t.tables.nps,
      columns: [
        { label: c.period },
        { label: t.nps.promoters, numeric: true },
        { label: t.nps.passives, numeric: true },
        { label: t.nps.detractors, numeric: true },
        { label: c.answered, numeric: true },
        { label: t.nps.score, numeric: true },
      ],
      csvHeader: [c.period, t.nps.promoters, t.nps.passives, t.nps.detractors, c.answered, t.nps.score],
      rows: report.nps.points.map((p) => ({
        key: p.period,
        cells: [
          report.nps.unit === 'week' ? day(p.period, lang) : p.period,
          count(p.promoters, lang),
          count(p.passives, lang),
          count(p.detractors, lang),
          count(p.responses, lang),
          p.nps === undefined ? t.none : count(p.nps, lang),
        ],
        csv: [p.period, p.promoters, p.passives, p.detractors, p.responses, p.nps],
      })),
    },
    {
      id: 'templateEffects',
      title: t.tables.templateEffects,
      columns: [
        { label: c.template },
        { label: c.channel },
        { label: c.withTemplate, numeric: true },
        { label: c.withoutTemplate, numeric: true },
        { label: c.difference },
      ],
      csvHeader: [
        c.template,
        c.channel,
        `${c.withTemplate} (h)`,
        'n',
        `${c.withoutTemplate} (h)`,
        'n',
        `${c.difference} (h)`,
        'enough',
      ],
      rows: report.templateEffects.map((x) => ({
        key: `${x.templateId}:${x.channel}`,
        cells: [
          x.name,
          channel(x.channel),
          `${duration(x.with.median, lang)} (${count(x.with.count, lang)})`,
          `${duration(x.without.median, lang)} (${count(x.without.count, lang)})`,
          effectText(x, lang),
        ],
        csv: [
          x.name,
          x.channel,
          hours(x.with.median),
          x.with.count,
          hours(x.without.median),
          x.without.count,
          hours(x.differenceMs),
          x.enough ? 'yes' : 'no',
        ],
      })),
    },
    {
      id: 'topCustomers',
      title: t.tables.topCustomers,
      columns: [{ label: c.customer }, { label: c.orders, numeric: true }, { label: c.value, numeric: true }],
      csvHeader: [c.customer, c.orders, c.value, 'currency'],
      rows: report.topCustomers.map((v) => ({
        key: v.customerId,
        cells: [v.name, count(v.orders, lang), money(v.total, v.currency, lang)],
        csv: [v.name, v.orders, v.total, v.currency],
      })),
    },
    {
      id: 'templates',
      title: t.tables.templates,
      columns: [{ label: c.template }, { label: c.usage, numeric: true }, { label: c.lastUsed }],
      csvHeader: [c.template, c.usage, c.lastUsed],
      rows: report.templates.map((x) => ({
        key: x.id,
        cells: [x.name, count(x.usage, lang), moment(x.lastUsedAt, lang, zone)],
        csv: [x.name, x.usage, x.lastUsedAt],
      })),
    },
  ]
}

/** What a template's difference says: faster or slower, or that the sample is too small to say. */
export function effectText(x: Report['templateEffects'][number], lang: Lang): string {
  const t = reportWords(lang).effect
  if (x.differenceMs === undefined) return t.noBaseline
  if (!x.enough) return t.tooFew(count(TEMPLATE_MIN_SAMPLE, lang))
  if (Math.abs(x.differenceMs) < 60_000) return t.same
  const d = duration(Math.abs(x.differenceMs), lang)
  return x.differenceMs < 0 ? t.faster(d) : t.slower(d)
}
