// search: full-text queries (English, Japanese, filtered) through the engine on a demo
// workspace of N messages, in a fresh process with the index read from disk; baseline:
// `notmuch search` over the same messages. Also the index's build time and size on disk.
import { execFileSync, spawnSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { generateDemo, type DemoWorkspace } from '../../main/demo/generate'
import { Engine } from '../../main/engine/engine'
import { SearchIndex } from '../../main/engine/search-index'
import { SearchIndexFiles } from '../../main/store/search-index-files'
import { Store } from '../../main/store/store'
import { bundled, report, round, type Bench } from './harness'
import { copyToMaildir } from './startup'

const root = resolve(import.meta.dirname, '../..')
const RUNS = 30
const NOTMUCH_RUNS = 15
const NOW = new Date('2026-11-23T10:00:00Z')

interface Case {
  kind: 'en' | 'ja' | 'filtered'
  query: string
  /** The same question in notmuch's syntax, where it has one. */
  notmuch?: string
}

/** The fixed query set; names and numbers that depend on the data come from the workspace itself. */
function cases(demo: DemoWorkspace): Case[] {
  const order = demo.conversations.find((c) => c.orderNumber && c.channel === 'amazon')!.orderNumber!
  const customer = demo.customers.find((c) => c.language === 'en')!
  const surname = customer.name.split(' ').pop()!
  return [
    { kind: 'en', query: 'teapot', notmuch: 'teapot' },
    { kind: 'en', query: 'tracking number', notmuch: 'tracking and number' },
    { kind: 'en', query: 'refund', notmuch: 'refund' },
    { kind: 'en', query: 'cracked lid', notmuch: 'cracked and lid' },
    { kind: 'en', query: 'order', notmuch: 'order' },
    { kind: 'en', query: 'wholes', notmuch: 'wholes*' },
    { kind: 'ja', query: '発送が遅れて', notmuch: '発送が遅れて' },
    { kind: 'ja', query: '急須', notmuch: '急須' },
    { kind: 'ja', query: '割れて', notmuch: '割れて' },
    { kind: 'ja', query: 'ありがとうございます', notmuch: 'ありがとうございます' },
    { kind: 'filtered', query: `from:${surname}`, notmuch: `from:${surname}` },
    { kind: 'filtered', query: `order:${order}`, notmuch: `"${order}"` },
    { kind: 'filtered', query: 'refund channel:amazon', notmuch: 'refund and from:amazon' },
    { kind: 'filtered', query: 'teapot after:2026-09-01', notmuch: 'teapot and date:2026-09-01..' },
    { kind: 'filtered', query: 'is:unread is:open' },
    { kind: 'filtered', query: '急須 before:2026-01-01', notmuch: '急須 and date:..2025-12-31' },
  ]
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
}

async function notmuchBaseline(dir: string, dataDir: string, list: Case[]): Promise<Map<string, object>> {
  const out = new Map<string, object>()
  if (spawnSync('notmuch', ['--version']).status !== 0) {
    console.error('search: notmuch is not installed (apt-get install notmuch), so no baseline')
    return out
  }
  const maildir = join(dir, 'maildir')
  await copyToMaildir(join(dataDir, 'mail'), maildir)
  const config = join(dir, 'notmuch-config')
  await fs.writeFile(config, `[database]\npath=${maildir}\n[new]\ntags=inbox;\n[maildir]\nsynchronize_flags=false\n`)
  const env = { ...process.env, NOTMUCH_CONFIG: config }
  const t = performance.now()
  execFileSync('notmuch', ['new', '--quiet'], { env, maxBuffer: 1 << 26 })
  console.error(`search: notmuch new took ${round((performance.now() - t) / 1000, 1)} s`)
  for (const c of list) {
    if (!c.notmuch) continue
    const times: number[] = []
    for (let i = 0; i < NOTMUCH_RUNS; i++) {
      const s = performance.now()
      execFileSync('notmuch', ['search', '--limit=30', '--sort=newest-first', c.notmuch], { env })
      times.push(performance.now() - s)
    }
    const count = Number(execFileSync('notmuch', ['count', c.notmuch], { env }).toString().trim())
    out.set(c.query, { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), count })
  }
  return out
}

async function one(n: number): Promise<void> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'bench-search-'))
  try {
    const dataDir = join(dir, 'data')
    let t = performance.now()
    const engine = await Engine.start({
      dataDir,
      demo: true,
      demoMessages: n,
      now: () => NOW,
      sync: false,
      log: () => undefined,
    })
    await engine.close()
    console.error(`search: seeded ${n} messages in ${round((performance.now() - t) / 1000, 1)} s (not timed)`)

    // Build time: the whole index again from the generator's text, written to disk.
    const demo = generateDemo({ now: NOW, messages: n })
    await fs.rm(join(dataDir, 'search'), { recursive: true })
    const store = await Store.open(dataDir)
    const index = new SearchIndex(
      store,
      () => undefined,
      () => undefined,
      () => NOW,
    )
    t = performance.now()
    await index.addMany(demo.messages)
    const buildMs = performance.now() - t
    await index.close()
    await store.close()
    const bytes = await new SearchIndexFiles(dataDir).size()
    const list = cases(demo)
    demo.messages.length = 0

    const child = await bundled('tests/bench/search-child.ts')
    const out = execFileSync(
      process.execPath,
      ['--expose-gc', child, dataDir, JSON.stringify(list.map((c) => c.query)), String(RUNS)],
      {
        cwd: root,
        maxBuffer: 1 << 24,
      },
    )
    const ours = JSON.parse(out.toString()) as {
      loadMs: number
      indexHeap: number
      rssLoaded: number
      rss: number
      rebuilt: boolean
      results: { query: string; total: number; lowerBound: boolean; times: number[] }[]
    }
    const baseline = await notmuchBaseline(dir, dataDir, list)

    report({ name: 'search.build', n, value: round(buildMs / 1000, 1), unit: 's', index_mb: round(bytes / 2 ** 20, 1) })
    report({
      name: 'search.load',
      n,
      value: round(ours.loadMs),
      unit: 'ms',
      rebuilt: ours.rebuilt,
      index_heap_mb: round(ours.indexHeap / 2 ** 20, 1),
      rss_loaded_mb: round(ours.rssLoaded / 2 ** 20, 1),
      rss_mb: round(ours.rss / 2 ** 20, 1),
      budget_mb: 300,
    })
    for (const r of ours.results) {
      const c = list.find((x) => x.query === r.query)!
      const nm = baseline.get(r.query) as { p50: number; p95: number; count: number } | undefined
      report({
        name: 'search.query',
        n,
        kind: c.kind,
        query: r.query,
        hits: r.lowerBound ? `${r.total}+` : r.total,
        value: round(percentile(r.times, 50)),
        unit: 'ms',
        p50: round(percentile(r.times, 50)),
        p95: round(percentile(r.times, 95)),
        budget_ms: 20,
        ...(nm
          ? {
              baseline: `notmuch search --limit=30 '${c.notmuch}' (new process)`,
              baseline_value: nm.p50,
              baseline_p95: nm.p95,
              baseline_hits: nm.count,
            }
          : {}),
      })
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}

export const search: Bench = async ({ n }) => {
  for (const size of n ? [n] : [2_000, 100_000]) await one(size)
}
