// The IMAP sync channel against a real private Dovecot: newest-first first sync, CONDSTORE/
// QRESYNC and fallback incremental sync, UIDVALIDITY changes, resuming after a crash or a
// dropped connection, typed login errors, IDLE and flag changes. The test sink keeps its
// "disk" in memory and commits a batch and its state together, only when a call succeeds,
// so what a crash leaves behind can be checked.
import net from 'node:net'
import { performance } from 'node:perf_hooks'
import { ImapFlow } from 'imapflow'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { planWindows } from '../../main/channels/imap/batches'
import { specialUseFromName } from '../../main/channels/imap/folders'
import {
  ImapError,
  ImapSync,
  type FetchedMessage,
  type FolderState,
  type ImapConfig,
  type ImapSyncOptions,
  type SyncSink,
} from '../../main/channels/imap/sync'
import { formatUidSet, parseUidSet } from '../../main/channels/imap/uid-set'
import { generateDemo } from '../../main/demo/generate'
import { startDovecot, type DovecotRig } from '../rigs/dovecot'

// ---------------------------------------------------------------------------------------
// The test sink

class SimulatedCrash extends Error {}

interface KeptMessage {
  flags: string[]
  internalDate: string
  raw: Buffer
}

/** What survives a crash: only what a sink call committed before it resolved. */
interface Disk {
  states: Map<string, FolderState>
  mail: Map<string, Map<number, KeptMessage>>
}

function newDisk(): Disk {
  return { states: new Map(), mail: new Map() }
}

class TestSink implements SyncSink {
  readonly batches: { folder: string; uids: number[]; state: FolderState }[] = []
  readonly flagCalls: { folder: string; changes: { uid: number; flags: string[] }[]; state: FolderState }[] = []
  readonly vanishedCalls: { folder: string; uids: number[]; state: FolderState }[] = []
  readonly validityCalls: { folder: string; state: FolderState }[] = []
  readonly progress: { folder: string; done: number; total: number }[] = []
  /** folder → uid → how often it was handed over (a refetch shows up as 2). */
  readonly deliveries = new Map<string, Map<number, number>>()
  private messageCalls = 0
  /** The n-th onMessages call (1-based) throws before committing anything: a crash mid-sync. */
  crashOnCall?: number
  /** Runs after the n-th call committed, before it returns (to pull the plug on the server). */
  afterCommit?: (call: number) => Promise<void>

  constructor(readonly disk: Disk = newDisk()) {}

  async loadState(folder: string): Promise<FolderState | undefined> {
    const s = this.disk.states.get(folder)
    return s === undefined ? undefined : structuredClone(s)
  }

  async onMessages(folder: string, batch: FetchedMessage[], state: FolderState): Promise<void> {
    const call = ++this.messageCalls
    if (call === this.crashOnCall) throw new SimulatedCrash(`crash before committing batch ${call}`)
    // The state must describe the batch: nothing in it outside [oldestUid, uidNext).
    for (const m of batch) {
      expect(m.uid).toBeLessThan(state.uidNext!)
      if (!state.historyComplete && state.oldestUid !== undefined) expect(m.uid).toBeGreaterThanOrEqual(state.oldestUid)
    }
    const box = this.box(folder)
    const seen = this.deliveryCounts(folder)
    for (const m of batch) {
      box.set(m.uid, { flags: m.flags, internalDate: m.internalDate, raw: m.raw })
      seen.set(m.uid, (seen.get(m.uid) ?? 0) + 1)
    }
    this.disk.states.set(folder, structuredClone(state))
    if (batch.length > 0) this.batches.push({ folder, uids: batch.map((m) => m.uid), state: structuredClone(state) })
    await this.afterCommit?.(call)
  }

  async onFlags(folder: string, changes: { uid: number; flags: string[] }[], state: FolderState): Promise<void> {
    const box = this.box(folder)
    for (const c of changes) {
      const kept = box.get(c.uid)
      if (kept) kept.flags = c.flags
    }
    this.disk.states.set(folder, structuredClone(state))
    this.flagCalls.push({ folder, changes, state: structuredClone(state) })
  }

  async onVanished(folder: string, uids: number[], state: FolderState): Promise<void> {
    const box = this.box(folder)
    for (const uid of uids) box.delete(uid)
    this.disk.states.set(folder, structuredClone(state))
    this.vanishedCalls.push({ folder, uids, state: structuredClone(state) })
  }

  async onUidValidityChanged(folder: string, state: FolderState): Promise<void> {
    // The real sink keeps the messages and matches them again by Message-ID; here we only
    // need to see that the UIDs are forgotten.
    this.disk.mail.set(folder, new Map())
    this.disk.states.set(folder, structuredClone(state))
    this.validityCalls.push({ folder, state: structuredClone(state) })
  }

  onProgress(folder: string, done: number, total: number): void {
    this.progress.push({ folder, done, total })
  }

  box(folder: string): Map<number, KeptMessage> {
    let box = this.disk.mail.get(folder)
    if (!box) this.disk.mail.set(folder, (box = new Map()))
    return box
  }

  deliveryCounts(folder: string): Map<number, number> {
    let m = this.deliveries.get(folder)
    if (!m) this.deliveries.set(folder, (m = new Map()))
    return m
  }

  state(folder: string): FolderState {
    const s = this.disk.states.get(folder)
    if (!s) throw new Error(`no state for ${folder}`)
    return s
  }
}

// ---------------------------------------------------------------------------------------
// Helpers

function configFor(rig: DovecotRig, over: Partial<ImapConfig> = {}): ImapConfig {
  return { host: rig.host, port: rig.port, tls: 'none', user: rig.user, password: rig.password, ...over }
}

const demo = generateDemo({ now: new Date('2026-03-01T09:00:00Z'), messages: 2_000 }).messages.map((m) => m.raw)
let demoNext = 0
/** Realistic raw messages (the demo shop's mail), each used once so Message-IDs stay unique. */
function demoMail(n: number): string[] {
  if (demoNext + n > demo.length) throw new Error('the test needs more demo messages')
  const out = demo.slice(demoNext, demoNext + n)
  demoNext += n
  return out
}

function mail(subject: string): string {
  const id = `${Date.now()}.${Math.random().toString(36).slice(2)}@test.example`
  return `From: Sato <sato@example.jp>\r\nTo: shop@example.com\r\nSubject: ${subject}\r\nMessage-ID: <${id}>\r\nDate: ${new Date().toUTCString()}\r\n\r\n${subject}\r\n`
}

async function withClient<T>(rig: DovecotRig, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: rig.host,
    port: rig.port,
    secure: false,
    auth: { user: rig.user, pass: rig.password },
    logger: false,
  })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.logout()
  }
}

/** UIDs and flags as the server has them now. */
async function serverView(rig: DovecotRig, folder: string): Promise<Map<number, string[]>> {
  return await withClient(rig, async (c) => {
    const lock = await c.getMailboxLock(folder, { readOnly: true })
    try {
      const view = new Map<number, string[]>()
      if (c.mailbox && c.mailbox.exists > 0) {
        for await (const m of c.fetch('1:*', { uid: true, flags: true })) {
          view.set(m.uid, [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort())
        }
      }
      return view
    } finally {
      lock.release()
    }
  })
}

/** The durability promise: every server message in [low, uidNext) is on the sink's disk. */
function expectStateCovered(disk: Disk, folder: string, serverUids: Iterable<number>): void {
  const state = disk.states.get(folder)!
  const low = state.historyComplete ? 1 : (state.oldestUid ?? state.uidNext!)
  const kept = disk.mail.get(folder) ?? new Map()
  const missing = [...serverUids].filter((uid) => uid >= low && uid < state.uidNext! && !kept.has(uid))
  expect(missing, 'messages the state claims but the disk lacks').toEqual([])
}

function duplicates(...sinks: TestSink[]): number[] {
  const total = new Map<number, number>()
  for (const s of sinks)
    for (const m of s.deliveries.values()) for (const [uid, n] of m) total.set(uid, (total.get(uid) ?? 0) + n)
  return [...total].filter(([, n]) => n > 1).map(([uid]) => uid)
}

async function flagsAdd(rig: DovecotRig, folder: string, flag: string, uid: number): Promise<void> {
  await rig.doveadm(['flags', 'add', '-u', rig.user, flag, 'mailbox', folder, 'uid', String(uid)])
}

async function expunge(rig: DovecotRig, folder: string, uid: number): Promise<void> {
  await rig.doveadm(['expunge', '-u', rig.user, 'mailbox', folder, 'uid', String(uid)])
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p
  } catch (err) {
    return err
  }
  throw new Error('expected a rejection')
}

function waitFor(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const tick = (): void => {
      if (check()) resolve()
      else if (Date.now() > until) reject(new Error(`timed out waiting for ${what}`))
      else setTimeout(tick, 20)
    }
    tick()
  })
}

/** A TCP relay to the rig whose live connections can be cut: a network drop, same server. */
interface CuttableLink {
  port: number
  cut(): void
  close(): Promise<void>
}

async function cuttableLink(target: number): Promise<CuttableLink> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((inbound) => {
    const outbound = net.connect(target, '127.0.0.1')
    for (const s of [inbound, outbound]) {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
      s.on('error', () => undefined)
    }
    inbound.pipe(outbound).pipe(inbound)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  return {
    port,
    cut: () => {
      for (const s of sockets) s.destroy()
    },
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

// ---------------------------------------------------------------------------------------

describe('IMAP sync against the private Dovecot', () => {
  let rig: DovecotRig
  const syncs: ImapSync[] = []
  const open = (sink: SyncSink, options: ImapSyncOptions = {}, over: Partial<ImapConfig> = {}): ImapSync => {
    const sync = new ImapSync(configFor(rig, over), sink, options)
    syncs.push(sync)
    return sync
  }

  beforeAll(async () => {
    rig = await startDovecot()
  })
  afterAll(async () => {
    await Promise.all(syncs.map((s) => s.stop()))
    await rig?.stop()
  })

  it('lists folders with roles from SPECIAL-USE, then from names, one folder per role', async () => {
    for (const name of ['Sent', 'Drafts', 'Trash', 'Junk', 'アーカイブ', '送信済メール', 'Orders']) {
      await rig.createFolder(rig.user, name)
    }
    await rig.seedMaildir(rig.user, 'Orders', demoMail(3))
    const folders = await open(new TestSink()).listFolders()
    const role = (path: string): string | undefined => folders.find((f) => f.path === path)?.specialUse
    expect(role('INBOX')).toBe('\\Inbox')
    expect(role('Sent')).toBe('\\Sent')
    expect(role('Drafts')).toBe('\\Drafts')
    expect(role('Trash')).toBe('\\Trash')
    expect(role('Junk')).toBe('\\Junk')
    // No folder has \Archive, so the Japanese name decides.
    expect(role('アーカイブ')).toBe('\\Archive')
    // "Sent" already holds \Sent from the server: a second Sent folder by name stays plain.
    expect(folders.some((f) => f.path === '送信済メール')).toBe(true)
    expect(role('送信済メール')).toBeUndefined()
    expect(role('Orders')).toBeUndefined()
    expect(folders.find((f) => f.path === 'Orders')?.messages).toBe(3)
    // Spellings from Japanese providers that imapflow's own tables do not know.
    expect(specialUseFromName('送信済メール')).toBe('\\Sent')
    expect(specialUseFromName('ごみ箱')).toBe('\\Trash')
    expect(specialUseFromName('迷惑メールフォルダ')).toBe('\\Junk')
  })

  it('first sync hands over the newest mail first, in bounded batches, with progress', async () => {
    const raws = demoMail(450)
    await rig.seedMaildir(rig.user, 'History', raws)
    const sink = new TestSink()
    const result = await open(sink, { batchSize: 100 }).syncFolder('History')

    expect(result).toEqual({ fetched: 450, changed: 0, vanished: 0 })
    expect(sink.batches.map((b) => [b.uids[0], b.uids.at(-1), b.uids.length])).toEqual([
      [450, 351, 100],
      [350, 251, 100],
      [250, 151, 100],
      [150, 51, 100],
      [50, 1, 50],
    ])
    // Each batch's state already says how far history goes, so a crash resumes below it.
    expect(sink.batches.map((b) => b.state.oldestUid)).toEqual([351, 251, 151, 51, 1])
    expect(sink.batches.map((b) => b.state.historyComplete)).toEqual([false, false, false, false, true])
    expect(sink.progress.map((p) => p.done)).toEqual([0, 100, 200, 300, 400, 450])
    expect(new Set(sink.progress.map((p) => p.total))).toEqual(new Set([450]))

    const box = sink.box('History')
    for (let uid = 1; uid <= 450; uid++) expect(box.get(uid)?.raw.toString('utf8')).toBe(raws[uid - 1])
    expect(box.get(1)?.internalDate).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(sink.state('History')).toMatchObject({ uidNext: 451, oldestUid: 1, historyComplete: true })
    expect(sink.state('History').highestModseq).toMatch(/^\d+$/)
    expect(sink.state('History').knownUids).toBeUndefined()
  })

  it('caps a batch by bytes too, so large messages are never fetched 200 at a time', async () => {
    const sink = new TestSink()
    await open(sink, { batchSize: 200, maxBatchBytes: 20_000 }).syncFolder('History')
    const box = sink.box('History')
    expect(box.size).toBe(450)
    for (const b of sink.batches) {
      const bytes = b.uids.reduce((sum, uid) => sum + box.get(uid)!.raw.length, 0)
      if (b.uids.length > 1) expect(bytes).toBeLessThanOrEqual(20_000)
    }
    expect(sink.batches.length).toBeGreaterThan(10)
  })

  it('re-syncs an unchanged folder in one round trip, without calling the sink', async () => {
    const sink = new TestSink()
    const sync = open(sink)
    await sync.syncFolder('History')
    const callsBefore = sink.batches.length + sink.flagCalls.length + sink.vanishedCalls.length
    const times: number[] = []
    for (let i = 0; i < 5; i++) {
      const t = performance.now()
      expect(await sync.syncFolder('History')).toEqual({ fetched: 0, changed: 0, vanished: 0 })
      times.push(performance.now() - t)
    }
    expect(sink.batches.length + sink.flagCalls.length + sink.vanishedCalls.length).toBe(callsBefore)
    expect(Math.min(...times)).toBeLessThan(200)
  })

  const modes: [string, ImapSyncOptions][] = [
    ['qresync', {}],
    ['condstore', { useQresync: false }],
    ['plain', { useCondstore: false }],
  ]
  it.each(modes)('incremental sync (%s) hands over only new mail, flag changes and expunges', async (mode, options) => {
    const folder = `Incremental-${mode}`
    await rig.seedMaildir(rig.user, folder, demoMail(20))
    const lines: string[] = []
    const sink = new TestSink()
    const sync = open(sink, { ...options, log: (l) => lines.push(l) })
    await sync.syncFolder(folder)
    expect(lines.at(-1)).toContain(`${folder}: ${mode},`)
    if (mode === 'qresync') expect(sink.state(folder).knownUids).toBeUndefined()
    else expect(sink.state(folder).knownUids).toBe('1:20')

    await flagsAdd(rig, folder, '\\Seen', 5)
    await flagsAdd(rig, folder, '\\Flagged', 6)
    await expunge(rig, folder, 7)
    await rig.append(rig.user, folder, mail('追加の質問です'))
    await rig.append(rig.user, folder, mail('Where is my order?'))

    expect(await sync.syncFolder(folder)).toEqual({ fetched: 2, changed: 2, vanished: 1 })
    expect(sink.vanishedCalls.map((c) => c.uids)).toEqual([[7]])
    expect(sink.flagCalls.flatMap((c) => c.changes).sort((a, b) => a.uid - b.uid)).toEqual([
      { uid: 5, flags: ['\\Seen'] },
      { uid: 6, flags: ['\\Flagged'] },
    ])
    expect(sink.batches.at(-1)?.uids).toEqual([22, 21])
    const server = await serverView(rig, folder)
    expect([...sink.box(folder).keys()].sort((a, b) => a - b)).toEqual([...server.keys()])
    for (const [uid, flags] of server) expect(sink.box(folder).get(uid)?.flags).toEqual(flags)
    if (mode !== 'qresync') expect(sink.state(folder).knownUids).toBe('1:6,8:22')

    // And nothing more when nothing changed.
    expect(await sync.syncFolder(folder)).toEqual({ fetched: 0, changed: 0, vanished: 0 })
    expect(duplicates(sink)).toEqual([])
  })

  it('without CONDSTORE, a restarted process reports every flag once, then only changes', async () => {
    const folder = 'Plain-restart'
    await rig.seedMaildir(rig.user, folder, demoMail(10))
    const sink = new TestSink()
    await open(sink, { useCondstore: false }).syncFolder(folder)
    // A new process: the flag snapshot lived in memory, the sink's disk survived.
    const after = new TestSink(sink.disk)
    const sync = open(after, { useCondstore: false })
    await flagsAdd(rig, folder, '\\Answered', 2)
    expect(await sync.syncFolder(folder)).toEqual({ fetched: 0, changed: 10, vanished: 0 })
    expect(after.box(folder).get(2)?.flags).toEqual(['\\Answered'])
    await flagsAdd(rig, folder, '\\Seen', 3)
    expect(await sync.syncFolder(folder)).toEqual({ fetched: 0, changed: 1, vanished: 0 })
  })

  it('a changed UIDVALIDITY makes the sink forget the UIDs, then everything comes again', async () => {
    const folder = 'Rebuilt'
    const raws = demoMail(5)
    await rig.seedMaildir(rig.user, folder, raws)
    const sink = new TestSink()
    const sync = open(sink)
    await sync.syncFolder(folder)
    const before = sink.state(folder).uidValidity
    const renewed = String(Number(before) + 1_000)
    // What a server does after rebuilding its index: same messages, new UIDVALIDITY.
    await rig.doveadm(['mailbox', 'update', '-u', rig.user, '--uid-validity', renewed, folder])

    expect(await sync.syncFolder(folder)).toEqual({ fetched: 5, changed: 0, vanished: 0 })
    expect(sink.validityCalls).toEqual([{ folder, state: { uidValidity: renewed, historyComplete: false } }])
    expect(sink.state(folder)).toMatchObject({ uidValidity: renewed, historyComplete: true, uidNext: 6 })
    const ids = [...sink.box(folder).values()].map((m) => /^Message-ID: (.*)$/m.exec(m.raw.toString())?.[1]).sort()
    expect(ids).toEqual(raws.map((r) => /^Message-ID: (.*)$/m.exec(r)?.[1]).sort())
  })

  it('resumes an interrupted first sync below oldestUid and above uidNext, refetching nothing', async () => {
    const folder = 'Resume'
    await rig.seedMaildir(rig.user, folder, demoMail(250))
    const crashing = new TestSink()
    crashing.crashOnCall = 3
    const err = await rejection(open(crashing, { batchSize: 50 }).syncFolder(folder))
    expect(err).toBeInstanceOf(SimulatedCrash)
    expect(crashing.state(folder)).toMatchObject({ oldestUid: 151, uidNext: 251, historyComplete: false })
    expect(crashing.box(folder).size).toBe(100)
    expectStateCovered(crashing.disk, folder, (await serverView(rig, folder)).keys())

    // While the app was down: new mail, a flag change on a kept message and one on a message
    // not fetched yet (it simply arrives with its current flags).
    await rig.append(rig.user, folder, mail('Newer than the crash'))
    await flagsAdd(rig, folder, '\\Seen', 200)
    await flagsAdd(rig, folder, '\\Flagged', 20)

    const restarted = new TestSink(crashing.disk)
    const result = await open(restarted, { batchSize: 50 }).syncFolder(folder)
    expect(result).toEqual({ fetched: 151, changed: 1, vanished: 0 })
    expect(restarted.batches[0]?.uids).toEqual([251])
    expect(restarted.batches[1]?.uids[0]).toBe(150)
    expect(duplicates(crashing, restarted)).toEqual([])
    expect(restarted.box(folder).size).toBe(251)
    expect(restarted.box(folder).get(200)?.flags).toEqual(['\\Seen'])
    expect(restarted.box(folder).get(20)?.flags).toEqual(['\\Flagged'])
    expect(restarted.state(folder)).toMatchObject({ historyComplete: true, uidNext: 252 })
  })

  it('a dropped connection mid-sync rejects with connection_lost; the next sync continues', async () => {
    const folder = 'Cut'
    await rig.seedMaildir(rig.user, folder, demoMail(300))
    const link = await cuttableLink(rig.port)
    try {
      const sink = new TestSink()
      sink.afterCommit = async (call) => {
        if (call === 2) link.cut()
      }
      const sync = open(sink, { batchSize: 50 }, { port: link.port })
      const err = await rejection(sync.syncFolder(folder))
      expect(err).toBeInstanceOf(ImapError)
      expect((err as ImapError).code).toBe('connection_lost')
      expect((err as ImapError).message).toContain(rig.user)
      expectStateCovered(sink.disk, folder, (await serverView(rig, folder)).keys())
      const keptBefore = sink.box(folder).size
      expect(keptBefore).toBeGreaterThanOrEqual(100)
      expect(keptBefore).toBeLessThan(300)

      sink.afterCommit = undefined
      const result = await sync.syncFolder(folder)
      expect(result.fetched).toBe(300 - keptBefore)
      expect(sink.box(folder).size).toBe(300)
      expect(duplicates(sink)).toEqual([])
      expect(sink.state(folder).historyComplete).toBe(true)
    } finally {
      await link.close()
    }
  })

  it('rejects a wrong password with auth_failed, naming the account and what to check', async () => {
    const sync = open(new TestSink(), {}, { password: 'not-the-password' })
    const err = await rejection(sync.syncFolder('INBOX'))
    expect(err).toBeInstanceOf(ImapError)
    const e = err as ImapError
    expect(e.code).toBe('auth_failed')
    expect(e.message).toContain(rig.user)
    expect(e.message).toContain(rig.host)
    expect(e.action).toMatch(/password/)
    // And a server that is not there is a different, also typed, failure.
    const gone = await rejection(open(new TestSink(), {}, { port: 1 }).listFolders())
    expect(gone).toMatchObject({ name: 'ImapError', code: 'connection_failed' })
  })

  it('watch: appended mail reaches the sink and onNew within 2 s; stop() ends the watch', async () => {
    const folder = 'Watched'
    await rig.seedMaildir(rig.user, folder, demoMail(3))
    const sink = new TestSink()
    const sync = open(sink)
    let news = 0
    const watching = sync.watch(folder, () => news++)
    await waitFor('the catch-up sync', () => sink.box(folder).size === 3)
    await waitFor('onNew for the catch-up', () => news === 1)
    await new Promise((r) => setTimeout(r, 300)) // let IDLE start

    const started = performance.now()
    await rig.append(rig.user, folder, mail('急ぎの問い合わせ'))
    await waitFor('onNew', () => news === 2, 2_000)
    const elapsed = performance.now() - started
    expect(elapsed).toBeLessThan(2_000)
    expect([...sink.box(folder).values()].some((m) => m.raw.toString().includes('Subject: 急ぎの問い合わせ'))).toBe(
      true,
    )

    await sync.stop()
    await expect(watching).resolves.toBeUndefined()
    await expect(sync.syncFolder(folder)).rejects.toMatchObject({ code: 'stopped' })
  })

  it('watch reconnects after the connection drops and still delivers new mail', async () => {
    const folder = 'Watched-reconnect'
    await rig.seedMaildir(rig.user, folder, demoMail(2))
    const link = await cuttableLink(rig.port)
    try {
      const sink = new TestSink()
      const lines: string[] = []
      const sync = open(
        sink,
        { reconnect: { minDelayMs: 100, maxDelayMs: 500 }, log: (l) => lines.push(l) },
        { port: link.port },
      )
      let news = 0
      const watching = sync.watch(folder, () => news++)
      await waitFor('the catch-up sync', () => news === 1)
      link.cut()
      await waitFor('the reconnect', () => lines.some((l) => l.includes('reconnecting')))
      await new Promise((r) => setTimeout(r, 500))
      await rig.append(rig.user, folder, mail('After the drop'))
      await waitFor('onNew after reconnecting', () => news === 2, 5_000)
      expect(sink.box(folder).size).toBe(3)
      expect(duplicates(sink)).toEqual([])
      await sync.stop()
      await watching
    } finally {
      await link.close()
    }
  })

  it('setFlags adds and removes \\Seen on the server', async () => {
    const folder = 'Flags'
    await rig.seedMaildir(rig.user, folder, demoMail(2))
    const sink = new TestSink()
    const sync = open(sink)
    await sync.syncFolder(folder)

    await sync.setFlags(folder, 1, ['\\Seen'], [])
    expect((await serverView(rig, folder)).get(1)).toEqual(['\\Seen'])
    expect(await sync.syncFolder(folder)).toEqual({ fetched: 0, changed: 1, vanished: 0 })
    expect(sink.box(folder).get(1)?.flags).toEqual(['\\Seen'])

    await sync.setFlags(folder, 1, ['\\Flagged'], ['\\Seen'])
    expect((await serverView(rig, folder)).get(1)).toEqual(['\\Flagged'])
    expect((await serverView(rig, folder)).get(2)).toEqual([])
    // Setting flags never expunges: the folder still has both messages.
    expect((await serverView(rig, folder)).size).toBe(2)
  })
})

describe('batch planning and UID sets', () => {
  it('writes UID sets compactly and reads them back', () => {
    expect(formatUidSet([5, 1, 2, 3, 9, 10, 3])).toBe('1:3,5,9:10')
    expect(parseUidSet('1:3,5,9:10')).toEqual([1, 2, 3, 5, 9, 10])
    expect(formatUidSet([])).toBe('')
    expect(() => parseUidSet('1:*')).toThrow()
  })

  it('cuts newest first by count and bytes, giving an oversized message a window of its own', () => {
    const listing = { uids: [1, 2, 3, 4, 5, 6], sizes: [10, 10, 500, 10, 10, 10] }
    expect(planWindows(listing, { maxCount: 2, maxBytes: 100, newestFirst: true })).toEqual([
      { low: 5, high: 6, count: 2, bytes: 20 },
      { low: 4, high: 4, count: 1, bytes: 10 },
      { low: 3, high: 3, count: 1, bytes: 500 },
      { low: 1, high: 2, count: 2, bytes: 20 },
    ])
    expect(planWindows(listing, { maxCount: 10, maxBytes: 1_000, newestFirst: false })).toEqual([
      { low: 1, high: 6, count: 6, bytes: 550 },
    ])
  })
})

describe('IMAP sync when the server goes away', () => {
  it('rejects with connection_lost when Dovecot stops mid-sync, leaving a consistent state', async () => {
    const rig = await startDovecot()
    let stopped = false
    try {
      await rig.seedMaildir(rig.user, 'INBOX', demoMail(300))
      const sink = new TestSink()
      sink.afterCommit = async (call) => {
        if (call === 2) {
          stopped = true
          await rig.stop()
        }
      }
      const sync = new ImapSync(configFor(rig), sink, { batchSize: 50 })
      const err = await rejection(sync.syncFolder('INBOX'))
      expect(err).toBeInstanceOf(ImapError)
      expect((err as ImapError).code).toBe('connection_lost')
      // The server is gone, but it held UIDs 1..300: the saved state must be backed by the disk.
      const state = sink.state('INBOX')
      expect(state.historyComplete).toBe(false)
      expect(state.uidNext).toBe(301)
      expectStateCovered(
        sink.disk,
        'INBOX',
        Array.from({ length: 300 }, (_, i) => i + 1),
      )
      expect(sink.box('INBOX').size).toBe(301 - state.oldestUid!)
      await sync.stop()
    } finally {
      if (!stopped) await rig.stop()
    }
  })
})
