// Runs the IMAP sync of the seller's mail accounts: one ImapSync per account, its sink
// feeding every fetched message through ingest, UIDs mapped to records for flag changes,
// and the folder state saved durably with each batch (so a kill -9 resumes, never refetches).
import { EngineError } from '../../preload/api'
import type { Account, Conversation, MessageRecord } from '../core/model'
import { foldersToSync } from '../channels/imap/folders'
import { backoff } from '../channels/imap/idle'
import type { FetchedMessage, FolderState, ImapConfig, SyncSink } from '../channels/imap/sync'
import { ImapError, ImapSync } from '../channels/imap/sync'
import { ParsePool } from '../channels/mail/parse-pool'
import { monthOf, type Store } from '../store/store'
import type { EventHub } from './events'
import type { Ingest } from './ingest'
import { heapTrimmer } from './heap'
import { mapLimit } from './map-limit'
import type { UidMapLog } from '../store/uid-maps'
import { ServerActions, type UidMaps } from './server-actions'

/** What the sync keeps per account and folder in sync-state.json. */
interface FolderRecord {
  /** Absent for a folder not synced yet. */
  state?: FolderState
  /**
   * UID → [message record id, month shard], as kept here before the UID maps moved to their
   * own file (store/uid-maps.ts): moved there on the account's first sync after.
   */
  uids?: Record<string, [string, string]>
}

/**
 * The account's UID maps, read: the ones kept in sync-state.json before moved into their
 * file, and when the file was damaged or lost while folders have a cursor, those folders
 * walked again (their cursor dropped), so each message is found by Message-ID and mapped anew.
 */
function uidMapOf(store: Store, accountId: string, log: (line: string) => void): Promise<UidMapLog> {
  const map = store.uidMaps.of(accountId)
  let ready = readied.get(map)
  if (!ready) readied.set(map, (ready = readyUidMap(store, map, accountId, log)))
  return ready
}

/** Each account's UID maps once made ready (see uidMapOf). */
const readied = new WeakMap<UidMapLog, Promise<UidMapLog>>()

async function readyUidMap(
  store: Store,
  map: UidMapLog,
  accountId: string,
  log: (line: string) => void,
): Promise<UidMapLog> {
  const loaded = await map.load()
  const doc = store.docs.syncState
  const folders = (doc.data.accounts[accountId] ?? {}) as Record<string, FolderRecord>
  const legacy = Object.entries(folders).filter(([, f]) => f.uids !== undefined)
  if (legacy.length > 0) {
    for (const [path, f] of legacy)
      for (const [uid, target] of Object.entries(f.uids!)) map.set(path, Number(uid), target)
    // In their file for good before they leave the document: a kill in between moves them again.
    await map.flush()
    await map.ensureFile()
    for (const [path, f] of legacy) {
      delete f.uids
      doc.changed('accounts', accountId, path, 'uids')
    }
    await doc.flush()
    return map
  }
  if (loaded === 'ok') return map
  const walked = Object.entries(folders).filter(([, f]) => f.state !== undefined)
  if (walked.length > 0) {
    for (const [path, f] of walked) {
      delete f.state
      doc.changed('accounts', accountId, path, 'state')
    }
    await doc.flush()
    log(
      `sync: the UID maps of account ${accountId} were ${loaded}; ${walked.map(([p]) => `"${p}"`).join(', ')} ` +
        'will be walked again and each message matched to its stored copy by Message-ID (none is stored twice)',
    )
  }
  // Only now: a kill before the cursors were dropped finds no file again, and drops them then.
  await map.ensureFile()
  return map
}

export class AccountSink implements SyncSink {
  private uidMap: Promise<UidMapLog> | undefined

  constructor(
    private readonly store: Store,
    private readonly ingest: Ingest,
    private readonly hub: EventHub,
    private readonly account: Account,
    private readonly log: (line: string) => void = () => undefined,
    private readonly parser: ParsePool = new ParsePool(undefined),
  ) {}

  private uids(): Promise<UidMapLog> {
    this.uidMap ??= uidMapOf(this.store, this.account.id, this.log)
    return this.uidMap
  }

  private folder(path: string): FolderRecord | undefined {
    const byFolder = this.store.docs.syncState.data.accounts[this.account.id] as
      Record<string, FolderRecord> | undefined
    return byFolder?.[path]
  }

  /** The folder's record, changed in place and journaled by path (`markFolder`). */
  private folderForUpdate(path: string): FolderRecord {
    const all = this.store.docs.syncState.data.accounts
    const byFolder = (all[this.account.id] ??= {}) as Record<string, FolderRecord>
    return (byFolder[path] ??= {})
  }

  /** Journals a change under this account's folder record: `markFolder(path, 'uids', '42')`. */
  private markFolder(path: string, ...below: string[]): void {
    this.store.docs.syncState.changed('accounts', this.account.id, path, ...below)
  }

  private setState(path: string, state: FolderState): void {
    this.folderForUpdate(path).state = state
    this.markFolder(path, 'state')
  }

  async loadState(path: string): Promise<FolderState | undefined> {
    // First: a damaged UID map drops the folder's cursor, so it is walked again.
    await this.uids()
    return this.folder(path)?.state
  }

  async onMessages(path: string, batch: FetchedMessage[], state: FolderState): Promise<void> {
    const uids = await this.uids()
    const customerIds = new Set<string>()
    // One durable write of every document per batch, none in between.
    await this.store.bulk(async () => {
      // Every slice of the batch is asked of the parsing thread at once: it parses the next
      // ones while this thread stores the first (11 % off a first sync of 10,000, measured
      // pair by pair). Parsed mail without its HTML (read from the .eml when shown) is small:
      // a batch of 2,000 held at once added ~25 MB to the peak. The HTML, with the bodies,
      // was what once made a whole batch parsed at once most of the peak memory.
      const slices: FetchedMessage[][] = []
      for (let start = 0; start < batch.length; start += PARSE_SLICE)
        slices.push(batch.slice(start, start + PARSE_SLICE))
      const parsing = slices.map((slice) =>
        this.parser.parseAll(
          slice.map((m) => m.raw),
          // The search terms too: segmenting Japanese text is work this thread need not do.
          { keepHtml: false, terms: true },
        ),
      )
      for (const [k, slice] of slices.entries()) {
        const parsed = await parsing[k]!
        // The raw files first, concurrently: fsync per file is the slow part, and they are
        // content-addressed, so a crash before the records are written leaves nothing wrong.
        const emlPaths = await mapLimit(slice, 32, (m, i) =>
          this.store.mail.write(this.account.id, parsed[i]!.date ?? m.internalDate, m.raw),
        )
        for (const [i, m] of slice.entries()) {
          const seen = m.flags.includes('\\Seen')
          const { record, created } = await this.ingest.add({
            account: this.account,
            raw: m.raw,
            parsed: parsed[i]!,
            emlPath: emlPaths[i]!,
            seen,
            receivedAt: m.internalDate,
          })
          uids.set(path, m.uid, [record.id, monthOf(record)])
          customerIds.add(record.customerId)
          // Met again (a folder walked anew, a new UIDVALIDITY): read elsewhere meanwhile is
          // mirrored, as a flag change would have been had the UID been known.
          if (!created && record.seen !== seen && record.direction === 'in')
            await this.setSeen([record.id, monthOf(record)], seen)
        }
        // The slice's parsed mail is garbage now: collected here if the heap grew well past it.
        heapTrimmer.afterBatch()
      }
      // The UIDs are on disk before the cursor that says they were fetched.
      await uids.flush()
      this.setState(path, state)
    })
    // bulk() has written everything durably: the sync may move its cursor now.
    this.hub.emit('inbox.changed', { customerIds: [...customerIds] })
    heapTrimmer.afterBatch()
  }

  async onFlags(path: string, changes: { uid: number; flags: string[] }[], state: FolderState): Promise<void> {
    const uids = await this.uids()
    const customerIds = new Set<string>()
    for (const change of changes) {
      const at = await uids.get(path, change.uid)
      const customerId = at && (await this.setSeen(at, change.flags.includes('\\Seen')))
      if (customerId) customerIds.add(customerId)
    }
    this.setState(path, state)
    await this.store.flush()
    // Read on the phone: the unread count here follows at once.
    if (customerIds.size > 0) this.hub.emit('inbox.changed', { customerIds: [...customerIds] })
  }

  async onVanished(path: string, uids: number[], state: FolderState): Promise<void> {
    // The message left this folder on the server (moved, archived, deleted elsewhere): the
    // local copy stays, as the seller's history with the customer; only the mapping goes.
    const map = await this.uids()
    for (const uid of uids) map.delete(path, uid)
    await map.flush()
    this.setState(path, state)
    await this.store.flush()
  }

  async onUidValidityChanged(path: string, state: FolderState): Promise<void> {
    // Messages come again; ingest recognises them by Message-ID, so nothing is duplicated
    // and done / snoozed / notes stay with them.
    const map = await this.uids()
    map.clearFolder(path)
    await map.flush()
    const byFolder = (this.store.docs.syncState.data.accounts[this.account.id] ??= {}) as Record<string, FolderRecord>
    byFolder[path] = { state }
    this.markFolder(path)
    await this.store.flush()
  }

  onProgress(folder: string, done: number, total: number): void {
    this.hub.emit('sync.progress', { accountId: this.account.id, folder, done, total })
  }

  /** Read elsewhere (webmail, phone): mirror it here, unread count included. */
  /** Returns the customer whose unread count changed, if one did. */
  private async setSeen([id, month]: [string, string], seen: boolean): Promise<string | undefined> {
    const [record] = await this.store.updateMessages([{ id, month }], (r) =>
      r.seen === seen ? undefined : { ...r, seen },
    )
    if (!record) return undefined
    const c = this.store.conversations[record.conversationId]
    if (!c || record.direction !== 'in') return undefined
    this.store.conversations[c.id] = { ...c, unreadCount: Math.max(0, c.unreadCount + (seen ? -1 : 1)) }
    this.store.docs.conversations.changed('conversations', c.id)
    return c.customerId
  }
}

/**
 * The UID maps as the server-action queue needs them: the one way to them from outside
 * AccountSink, so how they are stored can change here alone.
 */
export function uidMapsOf(store: Store, log: (line: string) => void = () => undefined): UidMaps {
  return {
    async locate(accountId, recordIds) {
      return (await uidMapOf(store, accountId, log)).locate(recordIds)
    },
    async moved(accountId, record, from, to) {
      const map = await uidMapOf(store, accountId, log)
      if ((await map.get(from.folder, from.uid))?.[0] === record.id) map.delete(from.folder, from.uid)
      // Mapped at once, so the next action on it (reopening) needs no search; a folder not
      // synced yet gets its first UID here, and its first sync matches the rest by Message-ID.
      if (to) {
        const target = (store.docs.syncState.data.accounts[accountId] as Record<string, FolderRecord> | undefined)?.[
          to.folder
        ]
        if (!(target?.state && to.uidValidity && target.state.uidValidity !== to.uidValidity))
          map.set(to.folder, to.uid, [record.id, record.month])
      }
      await map.flush()
    },
  }
}

export function imapConfigOf(account: Account, secrets: { password?: string; accessToken?: string }): ImapConfig {
  if (!account.imap) throw new Error(`${account.label} has no IMAP settings`)
  return { ...account.imap, ...secrets }
}

export { ImapSync }

/**
 * Messages per sync batch: every batch ends in one durable write of the documents, so
 * bigger batches mean fewer rewrites. The first 500 put the newest mail on screen at once;
 * later batches double up to 8,000 (the channel's byte cap still bounds their memory).
 */
const BATCH = 500
const MAX_BATCH = 2000
/** Messages parsed per job of the parsing thread, and stored together (32 file writes in flight). */
const PARSE_SLICE = 256

export interface AccountSyncStatus {
  state: 'idle' | 'syncing' | 'offline' | 'error'
  lastSyncAt?: string
  lastError?: string
}

export interface MailSyncOptions {
  /** How often the folders other than INBOX are synced while INBOX is watched. Default 5 min. */
  otherFoldersEveryMs?: number
  /** The wait after the first failed attempt; it doubles (±20 % jitter) with each failure in a row. Default 5 s. */
  retryMinMs?: number
  /** The longest wait between attempts. Default 5 min. */
  retryMaxMs?: number
  /** The built parse-worker.js (next to the app's entry files): MIME is parsed on a thread of its own. */
  parseWorker?: URL
}

const OTHER_FOLDERS_EVERY_MS = 5 * 60_000
const RETRY_MIN_MS = 5_000
const RETRY_MAX_MS = 5 * 60_000
/** A dropped IDLE connection is reopened sooner than a failed pass is retried: new mail is what the seller waits for. */
const IDLE_RETRY_MIN_MS = 1_000
const IDLE_RETRY_MAX_MS = 60_000

/** One account's background sync. */
interface Run {
  /** The account's channel once connected; replaced on every new attempt. */
  sync: ImapSync | undefined
  stopped: boolean
  /** Rung by stop(): ends the wait before the next attempt at once. */
  stopping: Latch
  /** The loop; settles once it has ended. */
  done: Promise<void>
}

/**
 * Keeps every IMAP account in sync: a first pass over the chosen folders, INBOX first, then
 * IDLE on INBOX (new mail shows within a second or two) while the other folders are synced
 * every few minutes over the ordinary connection. A failed pass is retried after a doubling,
 * jittered wait that a success resets; a dropped IDLE connection is reopened by the watch.
 */
export class MailSync {
  private readonly running = new Map<string, Run>()
  readonly status = new Map<string, AccountSyncStatus>()
  private readonly actions: ServerActions
  private readonly otherFoldersEveryMs: number
  private readonly retryMinMs: number
  private readonly retryMaxMs: number
  private readonly parser: ParsePool

  constructor(
    private readonly store: Store,
    private readonly ingest: Ingest,
    private readonly hub: EventHub,
    private readonly configOf: (account: Account) => Promise<ImapConfig>,
    private readonly log: (line: string) => void,
    private readonly now: () => Date,
    options: MailSyncOptions = {},
  ) {
    this.otherFoldersEveryMs = Math.max(1, options.otherFoldersEveryMs ?? OTHER_FOLDERS_EVERY_MS)
    this.retryMinMs = Math.max(1, options.retryMinMs ?? RETRY_MIN_MS)
    this.retryMaxMs = Math.max(this.retryMinMs, options.retryMaxMs ?? RETRY_MAX_MS)
    this.parser = new ParsePool(options.parseWorker, log)
    this.actions = new ServerActions(store, uidMapsOf(store, log), (id) => this.running.get(id)?.sync, log, now)
  }

  startAll(): void {
    for (const account of Object.values(this.store.accounts)) if (account.kind === 'imap') this.start(account)
  }

  start(account: Account): void {
    if (this.running.has(account.id)) return
    // Registered before the first await, so a stop() right after start() stops this run.
    const run: Run = { sync: undefined, stopped: false, stopping: new Latch(), done: Promise.resolve() }
    this.running.set(account.id, run)
    // Connecting is part of syncing: a new account must not look idle (= up to date) meanwhile.
    this.setStatus(account.id, { state: 'syncing' })
    run.done = this.loop(account, run)
  }

  /** Stops the account's sync and waits until nothing of it runs any more. */
  async stop(accountId: string): Promise<void> {
    const run = this.running.get(accountId)
    if (!run) return
    run.stopped = true
    this.running.delete(accountId)
    run.stopping.ring()
    await run.sync?.stop().catch(() => undefined)
    await run.done
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)))
    await this.parser.close()
  }

  /** One pass over the account's folders now (also what tests and the UI's "sync now" use). */
  async syncOnce(account: Account): Promise<void> {
    const sync = this.channel(account, await this.configOf(account))
    try {
      await this.pass(account, sync)
    } catch (err) {
      this.failed(account, err)
      // A failed login or an unreachable server is the seller's to fix, not an internal error.
      if (err instanceof ImapError) throw new EngineError('unavailable', `${err.message} ${err.action}`)
      throw err
    } finally {
      await sync.stop().catch(() => undefined)
    }
  }

  private channel(account: Account, config: ImapConfig): ImapSync {
    return new ImapSync(config, new AccountSink(this.store, this.ingest, this.hub, account, this.log, this.parser), {
      log: this.log,
      batchSize: BATCH,
      maxBatchSize: MAX_BATCH,
      reconnect: {
        minDelayMs: Math.min(this.retryMinMs, IDLE_RETRY_MIN_MS),
        maxDelayMs: Math.min(this.retryMaxMs, IDLE_RETRY_MAX_MS),
      },
    })
  }

  /** Marks messages read on their servers (queued: see server-actions.ts). */
  async queueSeen(records: MessageRecord[]): Promise<void> {
    await this.actions.queueSeen(records)
  }

  /** A conversation was marked done (`done`) or reopened: its messages follow on the server. */
  async queueDone(conversation: Conversation, done: boolean): Promise<void> {
    await this.actions.queueDone(conversation, done)
  }

  /**
   * One pass: the folder list, the queued server actions, then INBOX (unless it is watched:
   * `inbox: false`), then the other chosen folders, each newest first. Returns INBOX's path.
   */
  private async pass(account: Account, sync: ImapSync, { inbox = true } = {}): Promise<string> {
    await this.store.load('messageIndex')
    const listed = await sync.listFolders()
    // Connected and signed in: a failure shown until now (offline, wrong password) is over.
    this.setStatus(account.id, { state: 'syncing' })
    // Local changes first, so the flag sync that follows does not undo them.
    await this.actions.drain(account.id, sync)
    const [inboxPath = 'INBOX', ...others] = foldersToSync(listed, account.folders)
    const gone = (account.folders ?? []).filter((path) => !listed.some((f) => f.path === path))
    if (gone.length > 0) {
      this.log(`sync ${account.label}: no folder ${gone.map((p) => `"${p}"`).join(', ')} on the server`)
    }
    if (inbox) await sync.syncFolder(inboxPath)
    for (const path of others) {
      try {
        await sync.syncFolder(path)
      } catch (err) {
        // Renamed or deleted in another mail app since the listing: the other folders still sync.
        if (!(err instanceof ImapError && err.code === 'folder_missing')) throw err
        this.log(`sync ${account.label}: ${err.message}`)
      }
    }
    this.setStatus(account.id, { state: 'idle', lastSyncAt: this.now().toISOString(), lastError: undefined })
    return inboxPath
  }

  private async loop(account: Account, run: Run): Promise<void> {
    let failures = 0
    while (!run.stopped) {
      let sync: ImapSync | undefined
      try {
        const config = await this.configOf(account)
        if (run.stopped) return
        sync = this.channel(account, config)
        run.sync = sync
        const inbox = await this.pass(account, sync)
        failures = 0
        await this.watch(account, run, sync, inbox)
      } catch (err) {
        if (run.stopped) return
        const delay = backoff(this.retryMinMs, this.retryMaxMs, failures++)
        this.failed(account, err, delay)
        // Its connections close now rather than linger until the next attempt, and queued
        // server actions wait for that attempt instead of failing on a stopped channel.
        if (run.sync === sync) run.sync = undefined
        await sync?.stop().catch(() => undefined)
        await run.stopping.sleep(delay)
      }
    }
  }

  /**
   * IDLE on INBOX until stop() or a failure the watch cannot ride out (a refused login), with
   * a pass over the other folders every otherFoldersEveryMs meanwhile. IDLE has a connection
   * of its own; the passes share the ordinary one with the syncs IDLE triggers, one at a time.
   */
  private async watch(account: Account, run: Run, sync: ImapSync, inbox: string): Promise<void> {
    const over = new Latch()
    const others = (async () => {
      while (!(await over.sleep(this.otherFoldersEveryMs))) {
        try {
          await this.pass(account, sync, { inbox: false })
        } catch (err) {
          if (run.stopped || over.rung) return
          // IDLE goes on (it reconnects by itself); this pass is tried again next time.
          this.failed(account, err)
        }
      }
    })()
    try {
      await sync.watch(inbox)
    } finally {
      over.ring()
      await others
    }
  }

  /** Shows a failure on the account's status and in the log, in words the seller can act on. */
  private failed(account: Account, err: unknown, retryInMs?: number): void {
    const imap = err instanceof ImapError ? err : undefined
    const offline = imap?.code === 'connection_failed' || imap?.code === 'connection_lost'
    const lastError = imap
      ? `${imap.message} ${imap.action}`
      : `Sync of ${account.label} failed: ${err instanceof Error ? err.message : String(err)}`
    this.setStatus(account.id, { state: offline ? 'offline' : 'error', lastError })
    const retry = retryInMs === undefined ? '' : `; trying again in ${(retryInMs / 1000).toFixed(1)} s`
    this.log(`sync ${account.label}: ${lastError}${retry}`)
  }

  private setStatus(accountId: string, status: AccountSyncStatus): void {
    const before = this.status.get(accountId)
    this.status.set(accountId, { ...before, ...status })
    // The status bar learns of idle, error and offline at once instead of at its next poll.
    if (before?.state !== status.state || status.lastError !== undefined) this.hub.emit('sync.changed', { accountId })
  }
}

/** A one-way signal that also cuts waits short: once rung, every sleep ends at once. */
class Latch {
  rung = false
  private readonly wakers = new Set<() => void>()

  ring(): void {
    this.rung = true
    for (const wake of [...this.wakers]) wake()
  }

  /** Waits `ms`; true when the latch was rung (before or meanwhile), false when the time ran out. */
  sleep(ms: number): Promise<boolean> {
    if (this.rung) return Promise.resolve(true)
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer)
        this.wakers.delete(wake)
        resolve(true)
      }
      const timer = setTimeout(() => {
        this.wakers.delete(wake)
        resolve(false)
      }, ms)
      this.wakers.add(wake)
    })
  }
}
