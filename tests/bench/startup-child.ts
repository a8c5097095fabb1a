// Runs in a fresh process: engine start to the first inbox page, on an existing folder.
import { performance } from 'node:perf_hooks'
import { Engine } from '../../main/engine/engine'

const start = performance.now()
const engine = await Engine.start({ dataDir: process.argv[2]!, log: () => undefined })
const page = await engine.call('inbox.list', { view: 'waiting', limit: 50 })
const ms = performance.now() - start
if (!page.ok) throw new Error(page.error.message)
const rss = process.memoryUsage().rss
await engine.close()
console.log(JSON.stringify({ ms, rss, rows: (page.value as { rows: unknown[] }).rows.length }))
