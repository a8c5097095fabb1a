// sync: first IMAP sync of N realistic messages from the private Dovecot through the whole
// engine (parsed, grouped into customers, stored durably), and through the channel alone into
// .eml files, against mbsync copying the same mailbox to a Maildir; then a re-sync with
// nothing new against mbsync's.
// Our side runs in a child process so its peak RSS is the sync's own, not the seeding's.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { FetchedMessage, FolderState, ImapConfig, SyncSink } from '../../main/channels/imap/sync'
import { ImapSync } from '../../main/channels/imap/sync'
import { generateDemo } from '../../main/demo/generate'
import { ENGINE_ENV, ENGINE_V8_FLAGS, engineEnv } from '../../main/launch/engine-flags'
import { mapLimit } from '../../main/engine/map-limit'
import { writeFileAtomic } from '../../main/store/atomic-file'
import { startDovecot } from '../rigs/dovecot'
import { bundled, ensureBuilt, median, report, round, timeMs, type Bench } from './harness'

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '../..')
const CHILD_ENV = 'SELLER_INBOX_SYNC_BENCH_CHILD'
const RESYNC_RUNS = 7

interface ChildJob {
  config: ImapConfig
  dir: string
  /**
   * engine: the whole app — parse, customers, conversations, store (what the seller gets);
   * durable: the channel into fsynced .eml files only; nofsync: same files unflushed;
   * discard: no disk at all.
   */
  sink: 'engine' | 'durable' | 'nofsync' | 'discard'
  /** The built parse-worker.js: the engine parses MIME on its own thread, as the app does. */
  parseWorker: string
}

interface ChildResult {
  firstMs: number
  fetched: number
  resyncMs: number
  resyncFreshMs: number
  peakRssMb: number
  /** RSS of the child before syncing (Node + tsx), so the sync's own share can be read off. */
  startRssMb: number
  /** The engine's RSS once synced, after a full collection: what it keeps while the app runs on. */
  steadyRssMb?: number
}

/** Writes each message as a content-addressed .eml (atomic, fsynced) and the state after each batch. */
class FileSink implements SyncSink {
  private state = new Map<string, FolderState>()

  constructor(
    private readonly dir: string,
    private readonly durable: boolean,
  ) {}

  async loadState(folder: string): Promise<FolderState | undefined> {
    return this.state.get(folder)
  }

  async onMessages(folder: string, batch: FetchedMessage[], state: FolderState): Promise<void> {
    await mapLimit(batch, 32, async (m) => {
      const name = createHash('sha256').update(m.raw).digest('hex').slice(0, 40)
      await writeFileAtomic(join(this.dir, 'mail', `${name}.eml`), m.raw, { durable: this.durable })
    })
    await this.saveState(folder, state)
  }

  private async saveState(folder: string, state: FolderState): Promise<void> {
    this.state.set(folder, state)
    const json = JSON.stringify(Object.fromEntries(this.state))
    await writeFileAtomic(join(this.dir, 'sync-state.json'), json, { durable: this.durable })
  }

  async onFlags(folder: string, _changes: unknown[], state: FolderState): Promise<void> {
    await this.saveState(folder, state)
  }

  async onVanished(folder: string, _uids: number[], state: FolderState): Promise<void> {
    await this.saveState(folder, state)
  }

  async onUidValidityChanged(folder: string, state: FolderState): Promise<void> {
    await this.saveState(folder, state)
  }

  onProgress(): void {}
}

/** Keeps only the state: what the channel costs without any disk. */
class DiscardSink implements SyncSink {
  private readonly state = new Map<string, FolderState>()
  async loadState(folder: string): Promise<FolderState | undefined> {
    return this.state.get(folder)
  }
  async onMessages(folder: string, _batch: FetchedMessage[], state: FolderState): Promise<void> {
    this.state.set(folder, state)
  }
  async onFlags(folder: string, _changes: unknown[], state: FolderState): Promise<void> {
    this.state.set(folder, state)
  }
  async onVanished(folder: string, _uids: number[], state: FolderState): Promise<void> {
    this.state.set(folder, state)
  }
  async onUidValidityChanged(folder: string, state: FolderState): Promise<void> {
    this.state.set(folder, state)
  }
  onProgress(): void {}
}

/** The seller's path: an account in a real engine, synced through parse, ingest and store. */
async function engineChild(job: ChildJob, startRssMb: number): Promise<ChildResult> {
  const { Engine } = await import('../../main/engine/engine')
  const engine = await Engine.start({
    dataDir: join(job.dir, 'data'),
    keyFile: join(job.dir, 'key'),
    sync: false,
    log: () => undefined,
    mailSync: { parseWorker: pathToFileURL(job.parseWorker) },
  })
  const call = async (method: string, input: unknown): Promise<unknown> => {
    const r = await engine.call(method, input)
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
    return r.value
  }
  const server = { host: job.config.host, port: job.config.port, tls: 'none', user: job.config.user }
  const account = (await call('account.add', {
    label: 'Bench',
    address: 'bench@seller-inbox.invalid',
    imap: server,
    smtp: server,
    password: job.config.password,
  })) as { id: string }
  const first = await timeMs(() => call('account.sync', { id: account.id }))
  const info = (await call('app.info', {})) as { counts: { messages: number } }
  const resync: number[] = []
  for (let i = 0; i < RESYNC_RUNS; i++) resync.push((await timeMs(() => call('account.sync', { id: account.id }))).ms)
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
  const steadyRssMb = round(process.memoryUsage().rss / 2 ** 20, 1)
  await engine.close()
  return {
    steadyRssMb,
    firstMs: first.ms,
    fetched: info.counts.messages,
    resyncMs: median(resync),
    // account.sync opens a new connection every time: the same figure.
    resyncFreshMs: median(resync),
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
    startRssMb,
  }
}

async function child(job: ChildJob): Promise<ChildResult> {
  const startRssMb = round(process.memoryUsage().rss / 2 ** 20, 1)
  if (job.sink === 'engine') return engineChild(job, startRssMb)
  await fs.mkdir(join(job.dir, 'mail'), { recursive: true })
  const sink = job.sink === 'discard' ? new DiscardSink() : new FileSink(job.dir, job.sink === 'durable')
  const sync = new ImapSync(job.config, sink)
  const first = await timeMs(() => sync.syncFolder('INBOX'))
  const resync: number[] = []
  for (let i = 0; i < RESYNC_RUNS; i++) resync.push((await timeMs(() => sync.syncFolder('INBOX'))).ms)
  await sync.stop()
  // A restarted app: new connection and login, same saved state.
  const fresh = new ImapSync(job.config, sink)
  const resyncFresh = await timeMs(() => fresh.syncFolder('INBOX'))
  await fresh.stop()
  return {
    firstMs: first.ms,
    fetched: first.result.fetched,
    resyncMs: median(resync),
    resyncFreshMs: resyncFresh.ms,
    peakRssMb: round(process.resourceUsage().maxRSS / 1024, 1),
    startRssMb,
  }
}

interface MbsyncJob {
  host: string
  port: number
  user: string
  password: string
  maildir: string
  fsync: boolean
}

function mbsyncrc(o: MbsyncJob): string {
  return `FSync ${o.fsync ? 'yes' : 'no'}

IMAPAccount rig
Host ${o.host}
Port ${o.port}
User ${o.user}
Pass ${o.password}
SSLType None
AuthMechs LOGIN

IMAPStore rig-remote
Account rig

MaildirStore local
Path ${o.maildir}/
Inbox ${o.maildir}/INBOX

Channel rig
Far :rig-remote:
Near :local:
Patterns INBOX
Create Near
SyncState *
`
}

export const sync: Bench = async ({ n = 10_000 }) => {
  ensureBuilt()
  const dir = await fs.mkdtemp(join(tmpdir(), 'bench-sync-'))
  const rig = await startDovecot()
  try {
    const seedStart = performance.now()
    let raws: string[] | undefined = generateDemo({ now: new Date(), messages: n }).messages.map((m) => m.raw)
    const bytes = raws.reduce((sum, r) => sum + Buffer.byteLength(r), 0)
    await rig.seedMaildir(rig.user, 'INBOX', raws)
    raws = undefined
    console.error(
      `sync: seeded ${n} messages (${round(bytes / 2 ** 20, 1)} MB) in ${round((performance.now() - seedStart) / 1000, 1)} s (not timed)`,
    )

    const login = { host: rig.host, port: rig.port, user: rig.user, password: rig.password }
    const config: ImapConfig = { ...login, tls: 'none' }

    // (a) mbsync copying the mailbox to a Maildir, then again with nothing new;
    // (b) our first sync into files (in a fresh process), then again with nothing new.
    const theirs = await runMbsync(join(dir, 'mbsync'), { ...login, fsync: true }, n)
    const ours = await runChild({ config, dir: join(dir, 'ours'), sink: 'engine' }, n)
    const mb = round(bytes / 2 ** 20, 1)
    report({
      name: 'sync.first',
      n,
      value: ours.firstMs,
      unit: 'ms',
      baseline: 'mbsync -a, full copy to a Maildir',
      baseline_value: theirs.firstMs,
      mb,
      sink: 'the engine: parsed, grouped into customers and conversations, stored durably',
    })
    const channel = await runChild({ config, dir: join(dir, 'ours-channel'), sink: 'durable' }, n)
    report({
      name: 'sync.first.channel',
      n,
      value: channel.firstMs,
      unit: 'ms',
      baseline: 'mbsync -a, full copy to a Maildir',
      baseline_value: theirs.firstMs,
      mb,
      sink: 'the IMAP channel alone into one atomic fsynced .eml per message',
    })
    report({
      name: 'sync.resync_nothing_new',
      n,
      value: ours.resyncMs,
      unit: 'ms',
      baseline: 'mbsync -a again, nothing new (new process and login)',
      baseline_value: theirs.againMs,
      channel_open_connection_ms: channel.resyncMs,
      channel_fresh_connection_ms: channel.resyncFreshMs,
    })
    report({
      name: 'sync.peak_rss',
      n,
      value: ours.peakRssMb,
      unit: 'MB',
      start_rss_mb: ours.startRssMb,
      steady_rss_mb: ours.steadyRssMb,
      v8_flags: ENGINE_V8_FLAGS.join(' '),
      env: Object.entries(ENGINE_ENV)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
    })

    // Without fsync on either side, and our channel with no disk at all: where the time goes.
    const theirsNoFsync = await runMbsync(join(dir, 'mbsync-nofsync'), { ...login, fsync: false }, n)
    for (const sink of ['nofsync', 'discard'] as const) {
      const r = await runChild({ config, dir: join(dir, `ours-${sink}`), sink }, n)
      report({
        name: `sync.first.${sink}`,
        n,
        value: r.firstMs,
        unit: 'ms',
        baseline: 'mbsync -a, full copy to a Maildir, FSync no',
        baseline_value: theirsNoFsync.firstMs,
        mb,
        sink: sink === 'nofsync' ? 'same files, no fsync' : 'messages dropped after the fetch (channel only)',
        peak_rss_mb: r.peakRssMb,
      })
    }
  } finally {
    await rig.stop()
    // Outside anything timed: deleting large trees on this disk stalls (see the rig notes).
    await fs.rm(dir, { recursive: true, force: true })
  }
}

async function runMbsync(
  maildir: string,
  o: Omit<MbsyncJob, 'maildir'>,
  n: number,
): Promise<{ firstMs: number; againMs: number }> {
  await fs.mkdir(maildir)
  const rc = `${maildir}.rc`
  await fs.writeFile(rc, mbsyncrc({ ...o, maildir }), { mode: 0o600 })
  const first = await timeMs(() => run('mbsync', ['-c', rc, '-a'], { maxBuffer: 16 * 2 ** 20 }))
  const inbox = join(maildir, 'INBOX')
  const copied = (await fs.readdir(join(inbox, 'new'))).length + (await fs.readdir(join(inbox, 'cur'))).length
  if (copied !== n) throw new Error(`mbsync copied ${copied} of ${n} messages`)
  const again: number[] = []
  for (let i = 0; i < 3; i++) again.push((await timeMs(() => run('mbsync', ['-c', rc, '-a']))).ms)
  return { firstMs: first.ms, againMs: median(again) }
}

async function runChild(job: Omit<ChildJob, 'parseWorker'>, n: number): Promise<ChildResult> {
  // With the V8 flags and environment the app starts its engine process with (main/launch/engine-flags.ts).
  const out = await run(process.execPath, [...ENGINE_V8_FLAGS, await bundled('tests/bench/sync.ts')], {
    cwd: root,
    env: {
      ...engineEnv(),
      [CHILD_ENV]: JSON.stringify({ ...job, parseWorker: join(root, 'out/main/parse-worker.js') }),
    },
    maxBuffer: 16 * 2 ** 20,
  })
  const result = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as ChildResult
  if (result.fetched !== n) throw new Error(`our sync fetched ${result.fetched} of ${n} messages`)
  return result
}

const childJob = process.env[CHILD_ENV]
if (childJob !== undefined) {
  const result = await child(JSON.parse(childJob) as ChildJob)
  console.log(JSON.stringify(result))
}
