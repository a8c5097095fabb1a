// Reports for `reports.get`: streams once over the month shards a period needs, keeps each
// month's message facts until that month changes (store.monthVersion), and caches the last
// reports until anything they read changes, so a repeated or re-filtered dashboard costs only
// the aggregation instead of reading every shard again.
// Due times of customer turns are remembered too (report-due-times.ts) and saved with the facts,
// and the default dashboard is built once in the background soon after start, so the first
// `g r` finds everything in memory.
import { EngineError, type RequestParams } from '../../preload/api'
import { CHANNELS, type Channel, type MessageRecord } from '../core/model'
import { DEFAULT_REPORT_DAYS } from '../../preload/reports'
import {
  buildReport,
  lookBackDays,
  orderTotalsOf,
  REPORT_DEFAULTS,
  threadsOf,
  type CustomerScore,
  type OrderTotals,
} from '../core/reports/build'
import { factsOf, type MessageFacts } from '../core/reports/facts'
import type { TopicMatcher } from '../core/reports/topics'
import type { Report } from '../core/reports/types'
import { ReportFactFiles, type FactsFileContents } from '../store/report-fact-files'
import type { Store } from '../store/store'
import { clocksOf } from './clocks'
import { DueTimes } from './report-due-times'
import { ReportTopics } from './report-topics'

const DAY = 86_400_000

/**
 * The period asked for, in ms; by default the last DEFAULT_REPORT_DAYS up to the next whole
 * minute: the same dashboard asked again within a minute is the same request (and answered from
 * the cache), and nothing written is left out.
 */
export function periodOf(p: { from?: string; to?: string }, now: number): { from: number; to: number } {
  const to = p.to ? Date.parse(p.to) : Math.ceil(now / 60_000) * 60_000
  return { from: p.from ? Date.parse(p.from) : to - DEFAULT_REPORT_DAYS * DAY, to }
}

interface MonthFacts {
  version: number
  rulesKey: string
  facts: MessageFacts[]
  /** The clocks whose due times the month's file holds; undefined while the file is not current. */
  savedClocks?: string
  /** The facts of each record, when read from the shard (not from the file). */
  byRecord?: WeakMap<MessageRecord, MessageFacts>
}

/** Format of the files in `reports/`: a file of another version is rebuilt, never misread. */
const FILE_VERSION = 3

/**
 * One month's facts, columnar: ids once in tables in the header, then eight numbers per message
 * (conversation, customer, channel, inbound, time, topics as bits of `topics`, rating or 0, and
 * for an incoming message the time its answer is due under the clocks named by `clocks`, or 0)
 * as raw float64 (store/report-fact-files.ts). Read in a fraction of the shard's time.
 */
interface FactsHeader {
  v: number
  month: string
  signature: string
  rules: string
  /** The response clocks the due times were counted with (DueTimes.use). */
  clocks: string
  topics: string[]
  conversations: string[]
  customers: string[]
}

const WIDTH = 8

/** The name of the order totals file under reports/. */
const ORDER_TOTALS = 'order-totals'

/** How long after start the default dashboard is built in the background. */
const WARM_AFTER_MS = 2_000

export class Reports {
  private readonly files: ReportFactFiles
  private readonly writing = new Set<Promise<void>>()
  private readonly months = new Map<string, MonthFacts>()
  private readonly results = new Map<string, Report>()
  private matcher: { key: string; matcher: TopicMatcher } | undefined
  private readonly dues = new DueTimes()
  /** The last grouping of facts by conversation, and the months' facts it came from. */
  private threads: { parts: MessageFacts[][]; threads: ReadonlyMap<string, readonly MessageFacts[]> } | undefined
  /** Order totals by channel ('' for all), with the orders' version they were counted at. */
  private readonly orderTotals = new Map<string, { version: number; totals: ReadonlyMap<string, OrderTotals> }>()
  /** Reports are built one at a time: a second caller finds the first one's work done. */
  private queue: Promise<unknown> = Promise.resolve()
  private warmTimer: NodeJS.Timeout | undefined
  private warming: Promise<void> | undefined
  private closed = false

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    private readonly log: (line: string) => void,
    private readonly topics: ReportTopics = new ReportTopics(store, log),
  ) {
    this.files = new ReportFactFiles(store.dataDir)
  }

  /** Lets the report being built and the files being written finish (before the store closes). */
  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.warmTimer)
    await this.queue
    await Promise.all([...this.writing])
  }

  /**
   * Builds the default dashboard once, shortly after start and after `idle` (the search index
   * catching up), so its month facts, due times and documents are in memory when the seller first
   * opens it. Reading the files yields between months; only the aggregation runs in one go.
   */
  warmSoon(delayMs = WARM_AFTER_MS, idle: () => Promise<void> = async () => undefined): void {
    if (this.closed) return
    clearTimeout(this.warmTimer)
    this.warmTimer = setTimeout(() => {
      this.warming = idle()
        .then(async () => {
          if (!this.closed) await this.get({})
        })
        .catch((err: Error) => this.log(`reports: could not prepare the dashboard: ${err.message}`))
    }, delayMs)
    this.warmTimer.unref()
  }

  /** Resolves once the dashboard `warmSoon` prepares is built (or failed, logged). */
  async warmedUp(): Promise<void> {
    while (!this.warming) {
      if (this.closed) return
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await this.warming
  }

  get(p: RequestParams<'reports.get'>): Promise<Report> {
    const run = this.queue.then(() => this.build(p))
    this.queue = run.catch(() => undefined)
    return run
  }

  private async build(p: RequestParams<'reports.get'>): Promise<Report> {
    const now = this.now().getTime()
    const { from, to } = periodOf(p, now)
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
    await Promise.all([this.store.load('calls'), this.store.load('templateReplies')])
    const { matcher, key: rulesKey } = this.topics.matcher()
    const lookBack = from - lookBackDays(REPORT_DEFAULTS) * DAY
    const months = (await this.store.months()).filter(
      (m) => m >= new Date(lookBack).toISOString().slice(0, 7) && m <= new Date(to).toISOString().slice(0, 7),
    )
    const docs = this.store.docs
    const clocks = clocksOf(this.store)
    const clocksKey = this.dues.use(clocks)
    // Everything the report reads, and the minute: unanswered turns become breaches as time passes.
    const key = JSON.stringify([
      filter,
      Math.floor(now / 60_000),
      rulesKey,
      months.map((m) => `${m}:${this.store.monthVersion(m)}`),
      [
        docs.conversations,
        docs.customers,
        docs.orders,
        docs.templates,
        docs.settings,
        docs.calls,
        docs.templateReplies,
      ].map((d) => d.version),
    ])
    const cached = this.results.get(key)
    if (cached) return cached

    const parts: MessageFacts[][] = []
    for (const month of months) parts.push(await this.monthFacts(month, matcher, rulesKey, clocksKey))
    const totals = await this.orderTotalsFor(filter.channel)
    const scores: CustomerScore[] = []
    for (const call of Object.values(docs.calls.data.calls)) {
      if (typeof call.score === 'number') scores.push({ customerId: call.customerId, score: call.score, at: call.at })
    }
    const report = buildReport(
      {
        threads: this.threadsOf(parts),
        conversations: this.store.conversations,
        customers: this.store.customers,
        orderTotals: () => totals,
        templates: this.store.templates,
        scores,
        templateReplies: Object.values(docs.templateReplies.data.replies),
      },
      filter,
      { ...REPORT_DEFAULTS, now, clocks, dueTime: this.dues.dueTime, topics: matcher.rules },
    )
    this.saveFacts(months, matcher, rulesKey, clocksKey)
    // A handful of filters at a time: the dashboard, one channel, one tag.
    if (this.results.size >= 8) this.results.delete(this.results.keys().next().value!)
    this.results.set(key, report)
    return report
  }

  /** The months' facts by conversation: the same as last time while no month changed. */
  private threadsOf(parts: MessageFacts[][]): ReadonlyMap<string, readonly MessageFacts[]> {
    const last = this.threads
    if (last && last.parts.length === parts.length && last.parts.every((p, i) => p === parts[i])) return last.threads
    const threads = threadsOf(parts.flat())
    this.threads = { parts, threads }
    return threads
  }

  /**
   * Each customer's orders (of one channel): the same as last time while the orders are
   * unchanged. For all channels (the default dashboard), from `reports/order-totals.json` while
   * the orders are not in memory and their file is what the totals were counted from, so a report
   * after a restart need not read every order; else counted, and that file written again.
   */
  private async orderTotalsFor(channel: Channel | undefined): Promise<ReadonlyMap<string, OrderTotals>> {
    const doc = this.store.docs.orders
    const key = channel ?? ''
    const known = this.orderTotals.get(key)
    if (known && known.version === doc.version) return known.totals
    if (channel === undefined && !doc.loaded) {
      const saved = await this.savedOrderTotals()
      if (saved) {
        this.orderTotals.set(key, { version: doc.version, totals: saved })
        return saved
      }
    }
    await this.store.load('orders')
    const version = doc.version
    const totals = orderTotalsOf(this.store.orders, channel)
    if (this.orderTotals.size >= 4) this.orderTotals.delete(this.orderTotals.keys().next().value!)
    this.orderTotals.set(key, { version, totals })
    if (channel === undefined) this.saveOrderTotals(totals, version)
    return totals
  }

  private async savedOrderTotals(): Promise<Map<string, OrderTotals> | undefined> {
    const signature = await this.store.docSignature('orders')
    if (signature === undefined) return undefined
    try {
      const file = decodeOrderTotals(await this.files.read(ORDER_TOTALS), signature)
      if (typeof file === 'string') this.log(`reports: reports/${ORDER_TOTALS}.json ${file}; counting the orders again`)
      else return file
    } catch (err) {
      this.log(`reports: ${(err as Error).message}; counting the orders again`)
    }
    return undefined
  }

  /** Saves the totals once the orders file is exactly what they were counted from (in the background). */
  private saveOrderTotals(totals: ReadonlyMap<string, OrderTotals>, version: number): void {
    const save = (async () => {
      const signature = await this.store.docSignature('orders')
      if (signature === undefined || this.store.docs.orders.version !== version) return
      const rows: OrderTotalsRow[] = []
      for (const [customerId, t] of totals) {
        const row: OrderTotalsRow = [customerId, t.orders, t.currency, t.total]
        if (t.others) row.push([...t.others])
        rows.push(row)
      }
      try {
        await this.files.write(ORDER_TOTALS, JSON.stringify({ v: FILE_VERSION, signature, rows }))
      } catch (err) {
        this.log(`reports: could not save the order totals: ${(err as Error).message}`)
      }
    })().finally(() => this.writing.delete(save))
    this.writing.add(save)
  }

  /**
   * A month's message facts: from memory while the month is unchanged, else from its file in
   * `reports/` while that matches the shard on disk, else from the shard (and the file rewritten).
   */
  private async monthFacts(
    month: string,
    matcher: TopicMatcher,
    rulesKey: string,
    clocksKey: string,
  ): Promise<MessageFacts[]> {
    const version = this.store.monthVersion(month)
    const known = this.months.get(month)
    if (known && known.version === version && known.rulesKey === rulesKey) return known.facts
    const signature = await this.store.monthSignature(month)
    if (signature !== undefined) {
      let raw: FactsFileContents | undefined
      try {
        raw = await this.files.readFacts(month)
      } catch (err) {
        this.log(`reports: ${(err as Error).message}; counting that month from its messages again`)
      }
      const file = decode(raw, { month, signature, rules: rulesKey, clocks: clocksKey }, (channel, at, due) =>
        this.dues.add(clocksKey, channel, at, due),
      )
      if (typeof file === 'string')
        this.log(`reports: reports/${month}.facts ${file}; counting that month from its messages again`)
      else if (file) {
        const savedClocks = file.sameClocks ? clocksKey : undefined
        this.months.set(month, { version, rulesKey, facts: file.facts, savedClocks })
        return file.facts
      }
    }
    // A month read again after one change: the records that did not change are the same objects
    // in the store's shard (which replaces a changed record, never edits it), and keep the facts
    // taken from them (topic matching is the cost here).
    const before = known?.rulesKey === rulesKey ? known.byRecord : undefined
    const byRecord = new WeakMap<MessageRecord, MessageFacts>()
    const facts = await this.store.readMonth(month, (records) => {
      const out: MessageFacts[] = []
      for (const id in records) {
        const record = records[id]!
        const fact = before?.get(record) ?? factsOf(record, matcher)
        byRecord.set(record, fact)
        out.push(fact)
      }
      return out
    })
    this.months.set(month, { version, rulesKey, facts, byRecord })
    return facts
  }

  /**
   * Saves the facts of the months whose file is not current, with the due times the report just
   * counted, once the shard on disk is exactly what they were read from (written, and unchanged
   * since). In the background: the report does not wait for it.
   */
  private saveFacts(months: string[], matcher: TopicMatcher, rulesKey: string, clocksKey: string): void {
    const unsaved = months.filter((m) => {
      const known = this.months.get(m)
      return known !== undefined && known.rulesKey === rulesKey && known.savedClocks !== clocksKey
    })
    if (unsaved.length === 0) return
    const save = (async () => {
      for (const month of unsaved) {
        const known = this.months.get(month)!
        const signature = await this.store.monthSignature(month)
        if (signature === undefined || this.store.monthVersion(month) !== known.version) continue
        if (this.months.get(month) !== known) continue
        const { header, rows } = encode(known.facts, month, signature, rulesKey, clocksKey, matcher, this.dues)
        try {
          await this.files.writeFacts(month, header, rows)
          known.savedClocks = clocksKey
        } catch (err) {
          this.log(`reports: could not save the facts of ${month}: ${(err as Error).message}`)
        }
      }
    })().finally(() => this.writing.delete(save))
    this.writing.add(save)
  }
}

/** customer, orders, currency, total, and the other currencies' totals when there are any. */
type OrderTotalsRow = [string, number, string, number, [string, number][]?]

/** The totals a file holds while it was counted from the orders file as it is; else why not. */
function decodeOrderTotals(raw: unknown, signature: string): Map<string, OrderTotals> | string | undefined {
  if (raw === undefined) return undefined
  if (typeof raw !== 'object' || raw === null) return 'is not an order totals file'
  const f = raw as { v?: unknown; signature?: unknown; rows?: unknown }
  if (f.v !== FILE_VERSION || f.signature !== signature) return undefined
  if (!Array.isArray(f.rows)) return 'lacks its rows'
  const totals = new Map<string, OrderTotals>()
  for (const row of f.rows as unknown[]) {
    if (!Array.isArray(row)) return 'has a row that is not a list'
    const [customerId, orders, currency, total, others] = row as unknown[]
    const fits =
      typeof customerId === 'string' &&
      typeof orders === 'number' &&
      typeof currency === 'string' &&
      typeof total === 'number' &&
      (others === undefined || Array.isArray(others))
    if (!fits) return `has a row that is not an order total (${totals.size})`
    const t: OrderTotals = { orders, currency, total }
    if (others) t.others = new Map(others as [string, number][])
    totals.set(customerId, t)
  }
  return totals
}

function encode(
  facts: MessageFacts[],
  month: string,
  signature: string,
  rules: string,
  clocks: string,
  matcher: TopicMatcher,
  dues: DueTimes,
): { header: FactsHeader; rows: Float64Array } {
  const topics = matcher.rules.map((r) => r.id)
  const bit = new Map(topics.map((id, i) => [id, 2 ** i]))
  const conversations = new Map<string, number>()
  const customers = new Map<string, number>()
  const index = (map: Map<string, number>, id: string) => {
    let i = map.get(id)
    if (i === undefined) map.set(id, (i = map.size))
    return i
  }
  const rows = new Float64Array(facts.length * WIDTH)
  let i = 0
  for (const f of facts) {
    let mask = 0
    for (const t of f.topics) mask += bit.get(t) ?? 0
    rows[i++] = index(conversations, f.conversationId)
    rows[i++] = index(customers, f.customerId)
    rows[i++] = CHANNELS.indexOf(f.channel)
    rows[i++] = f.inbound ? 1 : 0
    rows[i++] = f.at
    rows[i++] = mask
    rows[i++] = f.rating ?? 0
    rows[i++] = (f.inbound && dues.get(f.channel, f.at)) || 0
  }
  const header: FactsHeader = {
    v: FILE_VERSION,
    month,
    signature,
    rules,
    clocks,
    topics,
    conversations: [...conversations.keys()],
    customers: [...customers.keys()],
  }
  return { header, rows }
}

/**
 * The facts a file holds, and its due times (to `onDue`) when they were counted with the current
 * clocks; undefined when it is missing or stale (another version, shard state or topic rules),
 * and what is wrong with it when it is not what such a file should be.
 */
function decode(
  raw: FactsFileContents | undefined,
  want: { month: string; signature: string; rules: string; clocks: string },
  onDue: (channel: Channel, at: number, due: number) => void,
): { facts: MessageFacts[]; sameClocks: boolean } | string | undefined {
  if (raw === undefined) return undefined
  if (typeof raw.header !== 'object' || raw.header === null) return 'is not a facts file'
  const f = raw.header as Partial<FactsHeader>
  if (f.v !== FILE_VERSION || f.month !== want.month || f.signature !== want.signature || f.rules !== want.rules)
    return undefined
  const sameClocks = f.clocks === want.clocks
  const { topics, conversations, customers } = f
  const { rows } = raw
  if (!Array.isArray(topics) || !Array.isArray(conversations) || !Array.isArray(customers)) return 'lacks its tables'
  if (rows.length % WIDTH !== 0) return 'has rows of the wrong width'
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
    if (typeof conversationId !== 'string' || typeof customerId !== 'string' || !channel)
      return `names an unknown conversation, customer or channel in row ${i / WIDTH}`
    const at = rows[i + 4]!
    const due = rows[i + 7]!
    if (!Number.isFinite(at) || !(due >= 0)) return `has a row with a time that is not one (${i / WIDTH})`
    const fact: MessageFacts = {
      conversationId,
      customerId,
      channel,
      inbound: rows[i + 3] === 1,
      at,
      topics: topicsOf(rows[i + 5]!),
    }
    if (rows[i + 6]) fact.rating = rows[i + 6]
    if (due > 0 && sameClocks) onDue(channel, at, due)
    out.push(fact)
  }
  return { facts: out, sameClocks }
}
