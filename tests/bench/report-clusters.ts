// report-clusters: `reports.clusters` (groups of similar messages no topic rule names) for the
// default dashboard (last 90 days) on a demo workspace of N messages. value: the first call after
// the app starts (month shards read, capped at CLUSTER_SAMPLE messages, then grouped); also the
// grouping alone (clusterMessages on the same sample), the same call again (answer kept) and for
// one channel (months from memory, only filtering and grouping). Baseline: reading the same month
// shards through a freshly opened store and nothing else, the floor of any work on message text.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { clusterMessages, clusterWords } from '../../main/core/reports/clusters'
import { compileTopics, DEFAULT_TOPIC_RULES } from '../../main/core/reports/topics'
import { Engine } from '../../main/engine/engine'
import { Store } from '../../main/store/store'
import type { MessageClusters, Report } from '../../preload/api'
import { median, report, round, timeMs, type Bench } from './harness'

const RUNS = 3

async function call<T>(engine: Engine, method: string, input: unknown): Promise<T> {
  const r = await engine.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
  return r.value as T
}

async function one(n: number): Promise<void> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'bench-clusters-'))
  try {
    const dataDir = join(dir, 'data')
    const seeding = await Engine.start({ dataDir, demo: true, demoMessages: n, sync: false, log: () => undefined })
    await seeding.searchReady()
    await seeding.close()

    const first: number[] = []
    const again: number[] = []
    const oneChannel: number[] = []
    let result: MessageClusters | undefined
    let filter: Report['filter'] | undefined
    let channel: string | undefined
    for (let i = 0; i < RUNS; i++) {
      const engine = await Engine.start({ dataDir, sync: false, log: () => undefined })
      try {
        await engine.searchReady()
        const r = await timeMs(() => call<MessageClusters>(engine, 'reports.clusters', {}))
        first.push(r.ms)
        result = r.result
        again.push((await timeMs(() => call<MessageClusters>(engine, 'reports.clusters', {}))).ms)
        const dashboard = await call<Report>(engine, 'reports.get', {})
        filter = dashboard.filter
        channel = dashboard.byChannel[0]?.channel
        if (channel) oneChannel.push((await timeMs(() => call(engine, 'reports.clusters', { channel }))).ms)
      } finally {
        await engine.close()
      }
    }

    // The same sample, grouped alone: what the algorithm costs without reading anything.
    const store = await Store.open(dataDir)
    const floor: number[] = []
    let texts: { id: string; conversationId: string; customerId: string; subject: string; text: string; at: number }[] =
      []
    try {
      const from = filter!.from.slice(0, 7)
      const months = (await store.months()).filter((m) => m >= from && m <= filter!.to.slice(0, 7))
      const t = performance.now()
      for (const m of months) await store.readMonth(m, (records) => Object.keys(records).length)
      floor.push(performance.now() - t)
      // The engine's sample: the period's incoming messages no built-in rule matches, newest first.
      const matcher = compileTopics(DEFAULT_TOPIC_RULES)
      const [lo, hi] = [Date.parse(filter!.from), Date.parse(filter!.to)]
      for (const m of months)
        await store.readMonth(m, (records) => {
          for (const id in records) {
            const r = records[id]!
            const at = Date.parse(r.date)
            const text = `${r.subject}\n${r.snippet}`
            if (r.direction !== 'in' || at < lo || at >= hi || matcher.match(text).length > 0) continue
            texts.push({ id, conversationId: r.conversationId, customerId: r.customerId, subject: r.subject, text, at })
          }
        })
      texts.sort((a, b) => b.at - a.at)
      texts = texts.slice(0, result!.sampled)
    } finally {
      await store.close()
    }
    const grouping: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now()
      clusterMessages(texts)
      grouping.push(performance.now() - t)
    }
    const words = texts.reduce((k, m) => k + clusterWords(m.text).size, 0)
    report({
      name: 'report-clusters',
      n,
      value: round(median(first)),
      unit: 'ms',
      baseline: 'reading the period’s month shards through the store (floor)',
      baseline_value: round(median(floor)),
      grouping_ms: round(median(grouping)),
      again_ms: round(median(again)),
      one_channel_ms: round(median(oneChannel)),
      sampled: result!.sampled,
      more: result!.more,
      groups: result!.clusters.length,
      words,
    })
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}

export const reportClusters: Bench = async ({ n }) => {
  await one(n ?? 10_000)
}
