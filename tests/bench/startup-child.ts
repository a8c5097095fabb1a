// Runs in a fresh process: the app's cold start (Engine.launch, as main/index.ts and browser mode
// do) to the first inbox page, on an existing folder; then on to the engine fully started.
import { performance } from 'node:perf_hooks'
import { Engine } from '../../main/engine/engine'

const start = performance.now()
const engine = await Engine.launch({ dataDir: process.argv[2]!, log: () => undefined })
const launched = performance.now()
const page = await engine.call('inbox.list', { view: 'waiting', limit: 50 })
const ms = performance.now() - start
// From the process's own start: node, loading the modules, then the engine.
const sinceProcessStart = performance.now()
const used = process.cpuUsage()
if (!page.ok) throw new Error(page.error.message)
const rss = process.memoryUsage().rss
await engine.ready()
const readyMs = performance.now() - start
await engine.close()
console.log(
  JSON.stringify({
    ms,
    launchMs: launched - start,
    readyMs,
    processMs: sinceProcessStart,
    // CPU time of the process to the first page: less moved by other processes than wall time.
    cpuMs: (used.user + used.system) / 1000,
    rss,
    rows: (page.value as { rows: unknown[] }).rows.length,
  }),
)
