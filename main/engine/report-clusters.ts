// `reports.clusters`: incoming messages of a period that no topic rule matches, grouped by
// similarity (core/reports/clusters.ts). Month shards are read newest first and the work stops
// at `CLUSTER_SAMPLE` messages, so the cost is bounded however big the workspace is. Each month's
// unmatched messages stay in memory while the month and the rules are unchanged, and the last
// answer until anything it read changes.
import type { MessageClusters, RequestParams } from '../../preload/api'
import { clusterMessages, type ClusterInput } from '../core/reports/clusters'
import type { TopicMatcher } from '../core/reports/topics'
import type { Store } from '../store/store'
import type { ReportTopics } from './report-topics'
import { periodOf } from './reports'

/** The newest unmatched messages grouped: recurring questions show up in recent mail. */
export const CLUSTER_SAMPLE = 3000

export class ReportClusters {
  private last: { key: string; value: MessageClusters } | undefined
  private readonly months = new Map<string, { version: number; rulesKey: string; inputs: ClusterInput[] }>()

  constructor(
    private readonly store: Store,
    private readonly topics: ReportTopics,
    private readonly now: () => Date,
  ) {}

  async get(p: RequestParams<'reports.clusters'>): Promise<MessageClusters> {
    const now = this.now().getTime()
    const { from, to } = periodOf(p, now)
    const { matcher, key: rulesKey } = this.topics.matcher()
    const first = new Date(from).toISOString().slice(0, 7)
    const lastMonth = new Date(to - 1).toISOString().slice(0, 7)
    const months = (await this.store.months())
      .filter((m) => m >= first && m <= lastMonth)
      .sort()
      .reverse()
    const docs = this.store.docs
    const key = JSON.stringify([
      from,
      to,
      p.channel,
      p.tag,
      rulesKey,
      months.map((m) => `${m}:${this.store.monthVersion(m)}`),
      [docs.conversations.version, docs.customers.version],
    ])
    if (this.last?.key === key) return this.last.value

    const conversations = this.store.conversations
    const customers = this.store.customers
    const inputs: ClusterInput[] = []
    let more = false
    for (const month of months) {
      // Enough recent ones: older months are not read at all.
      if (inputs.length >= CLUSTER_SAMPLE) {
        more = true
        break
      }
      const found = (await this.unmatched(month, matcher, rulesKey)).filter((m) => {
        if (m.at < from || m.at >= to) return false
        const c = conversations[m.conversationId]
        if (!c || (p.channel !== undefined && c.channel !== p.channel)) return false
        return p.tag === undefined || customers[c.customerId]?.tags.includes(p.tag) === true
      })
      if (found.length > CLUSTER_SAMPLE - inputs.length) more = true
      inputs.push(...found.slice(0, CLUSTER_SAMPLE - inputs.length))
    }
    const value: MessageClusters = { clusters: clusterMessages(inputs), sampled: inputs.length, more }
    this.last = { key, value }
    return value
  }

  /**
   * A month's incoming messages no rule matches, newest first: from memory while the month and
   * the rules are unchanged (another period, channel or tag costs no read), else from its shard.
   */
  private async unmatched(month: string, matcher: TopicMatcher, rulesKey: string): Promise<ClusterInput[]> {
    const version = this.store.monthVersion(month)
    const known = this.months.get(month)
    if (known && known.version === version && known.rulesKey === rulesKey) return known.inputs
    const inputs = await this.store.readMonth(month, (records) => {
      const out: ClusterInput[] = []
      for (const id in records) {
        const m = records[id]!
        if (m.direction !== 'in') continue
        const text = `${m.subject}\n${m.snippet}`
        if (matcher.match(text).length > 0) continue
        out.push({
          id: m.id,
          conversationId: m.conversationId,
          customerId: m.customerId,
          subject: m.subject,
          text,
          at: Date.parse(m.date),
          channel: m.marketplace?.rule ?? m.channel,
        })
      }
      return out.sort((a, b) => b.at - a.at)
    })
    this.months.set(month, { version, rulesKey, inputs })
    return inputs
  }
}
