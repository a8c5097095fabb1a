// Runs in a fresh process, as the app does: opens a workspace, waits for the search index to
// be read from disk (never rebuilt), then times each query through the engine's contract.
import { performance } from 'node:perf_hooks'
import { Engine } from '../../main/engine/engine'
import type { SearchResults } from '../../preload/api'

const [dataDir, queriesJson, runsArg] = process.argv.slice(2) as [string, string, string]
const queries = JSON.parse(queriesJson) as string[]
const runs = Number(runsArg)
const logs: string[] = []
/** Run with --expose-gc: the index's heap is what a full collection leaves after it is read. */
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined)
// The index is read when searchReady asks (not on the start timer), so the load is what is timed.
const engine = await Engine.start({ dataDir, sync: false, log: (l) => logs.push(l), search: { loadDelayMs: 600_000 } })
gc()
const heapBefore = process.memoryUsage().heapUsed
const t = performance.now()
await engine.searchReady()
const loadMs = performance.now() - t
gc()
const indexHeap = process.memoryUsage().heapUsed - heapBefore
const rssLoaded = process.memoryUsage().rss
const results: { query: string; total: number; lowerBound: boolean; times: number[] }[] = []
for (const query of queries) {
  const times: number[] = []
  let last: SearchResults | undefined
  for (let i = 0; i < runs + 3; i++) {
    const s = performance.now()
    const r = await engine.call('search.query', { query, limit: 30 })
    const ms = performance.now() - s
    if (!r.ok) throw new Error(`${query}: ${r.error.message}`)
    last = r.value as SearchResults
    if (i >= 3) times.push(ms) // the first runs warm up the JIT and the month shards
  }
  results.push({ query, total: last!.total, lowerBound: last!.totalIsLowerBound, times })
}
const rss = process.memoryUsage().rss
await engine.close()
const rebuilt = logs.some((l) => l.startsWith('search: indexing'))
console.log(JSON.stringify({ loadMs, indexHeap, rssLoaded, rss, rebuilt, results }))
