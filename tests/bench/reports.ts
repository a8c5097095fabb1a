// reports: the default dashboard (`reports.get` with no filter: the last 90 days) on a demo
// workspace of N messages. value: cold, the first call after the app starts again with the
// background warm-up turned off (the facts and due times saved under reports/ are read, not the
// shards; everything else counted afresh), cold_cpu_ms its CPU time (less moved by other work on
// the machine); first_ever_ms: the very first call, parsing the period's month shards; warm: the
// same call again (answered from the cache); rebuild_ms: a dashboard one minute earlier, built
// from memory (what a `g r` costs once the cached one is a minute old); incremental: after one
// message changed (its month is read again, the others come from memory); after_start_ms: the
// first call after the app starts as it does for the seller, once its background warm-up is done.
// Baseline: reading the same month shards through the store and nothing else, the floor of a
// report without saved facts.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Engine } from '../../main/engine/engine'
import { Store } from '../../main/store/store'
import type { InboxPage, Report } from '../../preload/api'
import { median, report, round, timeMs, type Bench } from './harness'

const RUNS = 5

async function call<T>(engine: Engine, method: string, input: unknown): Promise<T> {
  const r = await engine.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
  return r.value as T
}

async function one(n: number): Promise<void> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'bench-reports-'))
  try {
    const dataDir = join(dir, 'data')
    const seed = performance.now()
    const seeding = await Engine.start({ dataDir, demo: true, demoMessages: n, sync: false, log: () => undefined })
    await seeding.searchReady()
    await seeding.close()
    console.error(`reports: seeded ${n} messages in ${round((performance.now() - seed) / 1000, 1)} s (not timed)`)

    // First ever: nothing derived yet, every month shard of the period is parsed.
    const cold = { sync: false, reportsWarmUpMs: false, log: () => undefined } as const
    let engine = await Engine.start({ dataDir, ...cold })
    let firstEver: number
    const rebuild: number[] = []
    const warm: number[] = []
    const incremental: number[] = []
    let r: Report
    try {
      // Nothing else reading shards while we time.
      await engine.searchReady()
      const first = await timeMs(() => call<Report>(engine, 'reports.get', {}))
      firstEver = first.ms
      r = first.result
      for (let i = 0; i < RUNS; i++) warm.push((await timeMs(() => call<Report>(engine, 'reports.get', {}))).ms)
      for (let i = 1; i <= RUNS; i++) {
        const to = new Date(Date.parse(r.filter.to) - i * 60_000)
        const from = new Date(to.getTime() - (Date.parse(r.filter.to) - Date.parse(r.filter.from)))
        const period = { from: from.toISOString(), to: to.toISOString() }
        rebuild.push((await timeMs(() => call<Report>(engine, 'reports.get', period))).ms)
      }
      // One message of a recent month changes (read): only that month is read again.
      const page = await call<InboxPage>(engine, 'inbox.list', { view: 'all', limit: 500 })
      for (const row of page.rows.filter((x) => x.unreadCount > 0).slice(0, RUNS)) {
        await call(engine, 'conversation.markSeen', { conversationId: row.conversationId })
        incremental.push((await timeMs(() => call<Report>(engine, 'reports.get', {}))).ms)
      }
    } finally {
      await engine.close()
    }
    // Cold: the first report after the app starts again, from the facts saved under reports/.
    const coldMs: number[] = []
    const coldCpu: number[] = []
    for (let i = 0; i < 3; i++) {
      engine = await Engine.start({ dataDir, ...cold })
      try {
        await engine.searchReady()
        const cpu = process.cpuUsage()
        coldMs.push((await timeMs(() => call<Report>(engine, 'reports.get', {}))).ms)
        const used = process.cpuUsage(cpu)
        coldCpu.push((used.user + used.system) / 1000)
      } finally {
        await engine.close()
      }
    }
    // As the seller starts the app: the dashboard is prepared in the background after start.
    const afterStart: number[] = []
    for (let i = 0; i < 3; i++) {
      engine = await Engine.start({ dataDir, sync: false, log: () => undefined })
      try {
        await engine.searchReady()
        await engine.reportsWarmedUp()
        afterStart.push((await timeMs(() => call<Report>(engine, 'reports.get', {}))).ms)
      } finally {
        await engine.close()
      }
    }
    // The floor: the same months read through a freshly opened store (snapshot parsed, journal
    // replayed), nothing else.
    const from = lookBackMonth(r.filter.from)
    let months: string[] = []
    const floor: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const store = await Store.open(dataDir)
      try {
        months = (await store.months()).filter((m) => m >= from && m <= r.filter.to.slice(0, 7))
        const t = performance.now()
        for (const m of months) await store.readMonth(m, (records) => Object.keys(records).length)
        floor.push(performance.now() - t)
      } finally {
        await store.close()
      }
    }
    report({
      name: 'reports',
      n,
      value: round(median(coldMs), 2),
      unit: 'ms',
      cold_cpu_ms: round(median(coldCpu), 2),
      warm_ms: round(median(warm), 2),
      rebuild_ms: round(median(rebuild), 2),
      after_start_ms: round(median(afterStart), 2),
      ...(incremental.length ? { incremental_ms: round(median(incremental), 2) } : {}),
      first_ever_ms: firstEver,
      budget_ms: 300,
      months_read: months.length,
      messages_in_period: r.kpis.messagesIn + r.kpis.messagesOut,
      baseline: `reading the ${months.length} month shards the report covers through the store, nothing else (what a report without saved facts must at least do)`,
      baseline_value: round(median(floor), 2),
    })
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}

/** The first month a report for a period starting at `from` reads (engine/reports.ts looks back 45 days). */
function lookBackMonth(from: string): string {
  return new Date(Date.parse(from) - 45 * 86_400_000).toISOString().slice(0, 7)
}

export const reports: Bench = async ({ n }) => {
  for (const size of n ? [n] : [2_000, 100_000]) await one(size)
}
