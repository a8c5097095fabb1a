// Reports for `reports.get`: streams once over the month shards a period needs, keeps each
// month's message facts until that month changes (store.monthVersion), and caches the last
// reports until anything they read changes, so a repeated or re-filtered dashboard costs only
// the aggregation (a few tens of ms at 100,000 messages) instead of reading every shard again.
import { z } from 'zod'
import { EngineError, type RequestParams } from '../../preload/api'
import { CHANNELS, type Channel } from '../core/model'
import { DEFAULT_REPORT_DAYS } from '../../preload/reports'
import { buildReport, lookBackDays, REPORT_DEFAULTS, type CustomerScore } from '../core/reports/build'
import { factsOf, type MessageFacts } from '../core/reports/facts'
import { compileTopics, DEFAULT_TOPIC_RULES, type TopicMatcher, type TopicRule } from '../core/reports/topics'
import type { Report } from '../core/reports/types'
import { dueAt } from '../core/sla'
import { ReportFactFiles } from '../store/report-fact-files'
import type { Store } from '../store/store'
import { clocksOf } from './clocks'

const DAY = 86_400_000

/** The seller's own topic rules (settings `reportTopics`), checked: a bad file falls back to the defaults. */
const topicRules = z
  .array(
    z.object({
      id: z.string().min(1).max(60),
      label: z.object({ en: z.string().max(100), ja: z.string().max(100) }),
      en: z.array(z.string().max(100)).max(200),
      ja: z.array(z.string().max(100)).max(200),
      problem: z.boolean().optional(),
    }),
  )
  .min(1)
  .max(100)

interface MonthFacts {
  version: number
  rulesKey: string
  facts: MessageFacts[]
}

/** Format of the files in `reports/`: a file of another version is rebuilt, never misread. */
const FILE_VERSION = 1

/**
 * One month's facts, columnar: ids once in tables, then seven numbers per message (conversation,
 * customer, channel, inbound, time, topics as bits of `topics`, rating or 0). A tenth of the
 * shard's size, and parsed in a fraction of its time.
 */
interface FactsFile {
  v: number
  month: string
  signature: string
  rules: string
  topics: string[]
  conversations: string[]
  customers: string[]
  rows: number[]
}

const WIDTH = 7

export class Reports {
  private readonly files: ReportFactFiles
  private readonly writing = new Set<Promise<void>>()
  private readonly months = new Map<string, MonthFacts>()
  private readonly results = new Map<string, Report>()
  private matcher: { key: string; matcher: TopicMatcher } | undefined

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly log: (line: string) => void,
  ) {
    this.files = new ReportFactFiles(store.dataDir)
  }

  /** Lets the files being written finish (before the store closes). */
  async close(): Promise<void> {
    await Promise.all([...this.writing])
  }

  async get(p: RequestParams<'reports.get'>): Promise<Report> {
    const now = this.now().getTime()
    // The default period ends at the next whole minute: the same dashboard asked again within a
    // minute is the same request (and answered from the cache), and nothing written is left out.
    const to = p.to ? Date.parse(p.to) : Math.ceil(now / 60_000) * 60_000
    const from = p.from ? Date.parse(p.from) : to - DEFAULT_REPORT_DAYS * DAY
    if (from >= to) {
      const message = 'The period has to start before now (or before its end).'
      throw new EngineError('bad_request', message, [{ path: 'from', message }])
    }
    const filter = {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      ...(p.channel ? { channel: p.channel } : {}),
      ...(p.tag ? { tag: p.tag } : {}),
    }
    await Promise.all([this.store.load('orders'), this.store.load('calls')])
    const { matcher, key: rulesKey } = this.topics()
    const lookBack = from - lookBackDays(REPORT_DEFAULTS) * DAY
    const months = (await this.store.months()).filter(
      (m) => m >= new Date(lookBack).toISOString().slice(0, 7) && m <= new Date(to).toISOString().slice(0, 7),
    )
    const docs = this.store.docs
    // Everything the report reads, and the minute: unanswered turns become breaches as time passes.
    const key = JSON.stringify([
      filter,
      Math.floor(now / 60_000),
      rulesKey,
      months.map((m) => `${m}:${this.store.monthVersion(m)}`),
      [docs.conversations, docs.customers, docs.orders, docs.templates, docs.settings, docs.calls].map(
        (d) => d.version,
      ),
    ])
    const cached = this.results.get(key)
    if (cached) return cached

    const messages: MessageFacts[][] = []
    for (const month of months) messages.push(await this.monthFacts(month, matcher, rulesKey))
    const scores: CustomerScore[] = []
    for (const call of Object.values(docs.calls.data.calls)) {
      if (typeof call.score === 'number') scores.push({ customerId: call.customerId, score: call.score, at: call.at })
    }
    const report = buildReport(
      {
        messages: messages.flat(),
        conversations: this.store.conversations,
        customers: this.store.customers,
        orders: this.store.orders,
        templates: this.store.templates,
        scores,
      },
      filter,
      { ...REPORT_DEFAULTS, now, clocks: clocksOf(this.store), dueAt, topics: matcher.rules },
    )
    // A handful of filters at a time: the dashboard, one channel, one tag.
    if (this.results.size >= 8) this.results.delete(this.results.keys().next().value!)
    this.results.set(key, report)
    return report
  }

  /**
   * A month's message facts: from memory while the month is unchanged, else from its file in
   * `reports/` while that matches the shard on disk, else from the shard (and the file rewritten).
   */
  private async monthFacts(month: string, matcher: TopicMatcher, rulesKey: string): Promise<MessageFacts[]> {
    const version = this.store.monthVersion(month)
    const known = this.months.get(month)
    if (known && known.version === version && known.rulesKey === rulesKey) return known.facts
    const signature = await this.store.monthSignature(month)
    if (signature !== undefined) {
      const facts = decode(await this.files.read(month), month, signature, rulesKey)
      if (facts) {
        this.months.set(month, { version, rulesKey, facts })
        return facts
      }
    }
    const facts = await this.store.readMonth(month, (records) => {
      const out: MessageFacts[] = []
      for (const id in records) out.push(factsOf(records[id]!, matcher))
      return out
    })
    this.months.set(month, { version, rulesKey, facts })
    // Saved only when the shard on disk is exactly what was read: written and unchanged since.
    const after = await this.store.monthSignature(month)
    if (after !== undefined && this.store.monthVersion(month) === version) {
      const text = JSON.stringify(encode(facts, month, after, rulesKey, matcher))
      const write = this.files
        .write(month, text)
        .catch((err: Error) => this.log(`reports: could not save the facts of ${month}: ${err.message}`))
        .finally(() => this.writing.delete(write))
      this.writing.add(write)
    }
    return facts
  }

  private topics(): { matcher: TopicMatcher; key: string } {
    const own = (this.store.settings as { reportTopics?: unknown }).reportTopics
    let rules: readonly TopicRule[] = DEFAULT_TOPIC_RULES
    if (own !== undefined) {
      const parsed = topicRules.safeParse(own)
      if (parsed.success) rules = parsed.data
      else
        this.log(
          `reports: the topic rules in settings.json are not valid (${parsed.error.issues[0]?.message}); using the built-in ones`,
        )
    }
    const key = rules === DEFAULT_TOPIC_RULES ? 'default' : JSON.stringify(rules)
    if (this.matcher?.key !== key) this.matcher = { key, matcher: compileTopics(rules) }
    return this.matcher
  }
}

function encode(
  facts: MessageFacts[],
  month: string,
  signature: string,
  rules: string,
  matcher: TopicMatcher,
): FactsFile {
  const topics = matcher.rules.map((r) => r.id)
  const bit = new Map(topics.map((id, i) => [id, 2 ** i]))
  const conversations = new Map<string, number>()
  const customers = new Map<string, number>()
  const index = (map: Map<string, number>, id: string) => {
    let i = map.get(id)
    if (i === undefined) map.set(id, (i = map.size))
    return i
  }
  const rows: number[] = []
  for (const f of facts) {
    let mask = 0
    for (const t of f.topics) mask += bit.get(t) ?? 0
    rows.push(
      index(conversations, f.conversationId),
      index(customers, f.customerId),
      CHANNELS.indexOf(f.channel),
      f.inbound ? 1 : 0,
      f.at,
      mask,
      f.rating ?? 0,
    )
  }
  return {
    v: FILE_VERSION,
    month,
    signature,
    rules,
    topics,
    conversations: [...conversations.keys()],
    customers: [...customers.keys()],
    rows,
  }
}

/** The facts a file holds, or undefined when it is missing, stale or not what it should be. */
function decode(raw: unknown, month: string, signature: string, rules: string): MessageFacts[] | undefined {
  const f = raw as Partial<FactsFile> | undefined
  if (!f || f.v !== FILE_VERSION || f.month !== month || f.signature !== signature || f.rules !== rules)
    return undefined
  const { topics, conversations, customers, rows } = f
  if (!Array.isArray(topics) || !Array.isArray(conversations) || !Array.isArray(customers) || !Array.isArray(rows))
    return undefined
  if (rows.length % WIDTH !== 0) return undefined
  const masks = new Map<number, readonly string[]>()
  const topicsOf = (mask: number) => {
    let list = masks.get(mask)
    if (!list) masks.set(mask, (list = topics.filter((_, i) => mask & (2 ** i))))
    return list
  }
  const out: MessageFacts[] = []
  for (let i = 0; i < rows.length; i += WIDTH) {
    const conversationId = conversations[rows[i]!]
    const customerId = customers[rows[i + 1]!]
    const channel: Channel | undefined = CHANNELS[rows[i + 2]!]
    if (typeof conversationId !== 'string' || typeof customerId !== 'string' || !channel) return undefined
    const fact: MessageFacts = {
      conversationId,
      customerId,
      channel,
      inbound: rows[i + 3] === 1,
      at: rows[i + 4]!,
      topics: topicsOf(rows[i + 5]!),
    }
    if (rows[i + 6]) fact.rating = rows[i + 6]
    out.push(fact)
  }
  return out
}
