// startup: engine start to the first inbox page, in a fresh process, on a demo workspace
// of N messages; baseline: notmuch listing its first page of the same messages. Phases: the
// launch (small documents and the inbox snapshot read), the first page, and the engine fully
// started (conversations and customers read, every part running) after it; `no_snapshot_ms`: the
// first page when the inbox snapshot is missing or stale (after a crash), built from the documents.
import { execFileSync, spawnSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Engine } from '../../main/engine/engine'
import { INBOX_SNAPSHOT_FILE } from '../../main/store/inbox-snapshot-file'
import { bundled, median, report, round, type Bench } from './harness'

const root = resolve(import.meta.dirname, '../..')
const RUNS = 5

export async function copyToMaildir(mailDir: string, maildir: string): Promise<void> {
  await fs.mkdir(join(maildir, 'cur'), { recursive: true })
  await fs.mkdir(join(maildir, 'new'), { recursive: true })
  await fs.mkdir(join(maildir, 'tmp'), { recursive: true })
  let i = 0
  const walk = async (dir: string): Promise<void> => {
    for (const e of await fs.readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name)
      if (e.isDirectory()) await walk(p)
      else await fs.link(p, join(maildir, 'cur', `${++i}.bench:2,S`))
    }
  }
  await walk(mailDir)
}

function notmuchAvailable(): boolean {
  return spawnSync('notmuch', ['--version']).status === 0
}

async function one(n: number): Promise<void> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'bench-startup-'))
  try {
    const dataDir = join(dir, 'data')
    const seed = performance.now()
    const engine = await Engine.start({ dataDir, demo: true, demoMessages: n, log: () => undefined })
    await engine.close()
    console.error(`startup: seeded ${n} messages in ${round((performance.now() - seed) / 1000, 1)} s (not timed)`)

    const runs: { ms: number; launchMs: number; processMs: number; readyMs: number; cpuMs: number; rss: number }[] = []
    const child = await bundled('tests/bench/startup-child.ts')
    for (let i = 0; i < RUNS; i++) {
      const out = execFileSync(process.execPath, [child, dataDir], { cwd: root })
      runs.push(JSON.parse(out.toString()) as (typeof runs)[number])
    }
    const rebuilt: number[] = []
    for (let i = 0; i < RUNS; i++) {
      await fs.rm(join(dataDir, INBOX_SNAPSHOT_FILE))
      rebuilt.push(
        (JSON.parse(execFileSync(process.execPath, [child, dataDir], { cwd: root }).toString()) as { ms: number }).ms,
      )
    }
    const ours = median(runs.map((r) => r.ms))
    const rssMb = round(median(runs.map((r) => r.rss)) / 2 ** 20, 1)

    let baseline: number | undefined
    if (notmuchAvailable()) {
      const maildir = join(dir, 'maildir')
      await copyToMaildir(join(dataDir, 'mail'), maildir)
      const config = join(dir, 'notmuch-config')
      await fs.writeFile(
        config,
        `[database]\npath=${maildir}\n[new]\ntags=inbox;\n[maildir]\nsynchronize_flags=false\n`,
      )
      const env = { ...process.env, NOTMUCH_CONFIG: config }
      execFileSync('notmuch', ['new', '--quiet'], { env })
      const times: number[] = []
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now()
        execFileSync('notmuch', ['search', '--limit=50', '--sort=newest-first', 'tag:inbox'], { env })
        times.push(performance.now() - t)
      }
      baseline = round(median(times), 2)
    } else {
      console.error('startup: notmuch is not installed (apt-get install notmuch), so no baseline')
    }
    report({
      name: 'startup',
      n,
      value: round(ours, 2),
      unit: 'ms',
      launch_ms: round(median(runs.map((r) => r.launchMs)), 2),
      from_process_start_ms: round(median(runs.map((r) => r.processMs)), 1),
      first_page_cpu_ms: round(median(runs.map((r) => r.cpuMs)), 1),
      ready_ms: round(median(runs.map((r) => r.readyMs)), 2),
      no_snapshot_ms: round(median(rebuilt), 2),
      rss_mb: rssMb,
      ...(baseline !== undefined
        ? { baseline: 'notmuch search --limit=50 (new process, first page)', baseline_value: baseline }
        : {}),
    })
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}

export const startup: Bench = async ({ n }) => {
  for (const size of n ? [n] : [2_000, 100_000]) await one(size)
}
