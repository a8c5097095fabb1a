// Runs the IMAP sync of the seller's mail accounts: one ImapSync per account, its sink
// feeding every fetched message through ingest, UIDs mapped to records for flag changes,
// and the folder state saved durably with each batch (so a kill -9 resumes, never refetches).
import { EngineError } from '../../preload/api'
import type { Account, Conversation, MessageRecord } from '../core/model'
import { foldersToSync } from '../channels/imap/folders'
import { backoff } from '../channels/imap/idle'
import type { FetchedMessage, FolderState, ImapConfig, SyncSink } from '../channels/imap/sync'
import { ImapError, ImapSync } from '../channels/imap/sync'
import { parseMail } from '../channels/mail/parse'
import { monthOf, type Store } from '../store/store'
import type { EventHub } from './events'
import type { Ingest } from './ingest'
import { heapTrimmer } from './heap'
import { mapLimit } from './map-limit'
import { ServerActions, type ServerLocation, type UidMaps } from './server-actions'

/** What the sync keeps per account and folder in sync-state.json. */
interface FolderRecord {
  /** Absent for a folder not synced yet where a message was moved to (see uidMapsOf). */
  state?: FolderState
  /** UID → [message record id, month shard], for flag changes and expunges. */
  uids: Record<string, [string, string]>
}

export class AccountSink implements SyncSink {
  constructor(
    private readonly store: Store,
    private readonly ingest: Ingest,
    private readonly hub: EventHub,
    private readonly account: Account,
  ) {}

  private folder(path: string): FolderRecord | undefined {
    const byFolder = this.store.docs.syncState.data.accounts[this.account.id] as
      Record<string, FolderRecord> | undefined
    return byFolder?.[path]
  }

  /**
   * The folder's record, changed in place: its UID map can hold 100,000 entries, and each
   * change is journaled by path (`markFolder`), so a batch costs what it adds, not the map.
   */
  private folderForUpdate(path: string): FolderRecord {
    const all = this.store.docs.syncState.data.accounts
    const byFolder = (all[this.account.id] ??= {}) as Record<string, FolderRecord>
    return (byFolder[path] ??= { uids: {} })
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
    return this.folder(path)?.state
  }

  async onMessages(path: string, batch: FetchedMessage[], state: FolderState): Promise<void> {
    const { uids } = this.folderForUpdate(path)
    const customerIds = new Set<string>()
    // One durable write of every document per batch, none in between.
    await this.store.bulk(async () => {
      // A slice at a time: a batch can be 2,000 messages, and their parsed bodies held all
      // at once were most of a first sync's peak memory.
      for (let start = 0; start < batch.length; start += PARSE_SLICE) {
        const slice = batch.slice(start, start + PARSE_SLICE)
        // The raw files first, concurrently: fsync per file is the slow part, and they are
        // content-addressed, so a crash before the records are written leaves nothing wrong.
        const stored = await mapLimit(slice, 32, async (m) => {
          const parsed = await parseMail(m.raw)
          // The record needs text, headers and attachment facts; the HTML is read from the
          // .eml when shown. Dropping it here keeps a batch's memory to what ingest uses.
          delete parsed.html
          return { parsed, emlPath: await this.store.mail.write(this.account.id, parsed.date ?? m.internalDate, m.raw) }
        })
        for (const [i, m] of slice.entries()) {
          const { record } = await this.ingest.add({
            account: this.account,
            raw: m.raw,
            parsed: stored[i]!.parsed,
            emlPath: stored[i]!.emlPath,
            seen: m.flags.includes('\\Seen'),
            receivedAt: m.internalDate,
          })
          uids[String(m.uid)] = [record.id, monthOf(record)]
          this.markFolder(path, 'uids', String(m.uid))
          customerIds.add(record.customerId)
        }
        // The slice's parsed mail is garbage now: collected here if the heap grew well past it.
        heapTrimmer.afterBatch()
      }
      this.setState(path, state)
    })
    // bulk() has written everything durably: the sync may move its cursor now.
    this.hub.emit('inbox.changed', { customerIds: [...customerIds] })
    heapTrimmer.afterBatch()
  }

  async onFlags(path: string, changes: { uid: number; flags: string[] }[], state: FolderState): Promise<void> {
    const folder = this.folder(path)
    const customerIds = new Set<string>()
    for (const change of changes) {
      const at = folder?.uids[String(change.uid)]
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
    const folder = this.folderForUpdate(path)
    for (const uid of uids) {
      delete folder.uids[String(uid)]
      this.markFolder(path, 'uids', String(uid))
    }
    this.setState(path, state)
    await this.store.flush()
  }

  async onUidValidityChanged(path: string, state: FolderState): Promise<void> {
    // Messages come again; ingest recognises them by Message-ID, so nothing is duplicated
    // and done / snoozed / notes stay with them.
    const byFolder = (this.store.docs.syncState.data.accounts[this.account.id] ??= {}) as Record<string, FolderRecord>
    byFolder[path] = { state, uids: {} }
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
export function uidMapsOf(store: Store): UidMaps {
  const foldersOf = (accountId: string): Record<string, FolderRecord> =>
    (store.docs.syncState.data.accounts[accountId] ?? {}) as Record<string, FolderRecord>
  return {
    locate(accountId, recordIds) {
      const wanted = new Set(recordIds)
      const found = new Map<string, ServerLocation[]>()
      for (const [folder, f] of Object.entries(foldersOf(accountId))) {
        for (const [uid, [id]] of Object.entries(f.uids ?? {})) {
          if (!wanted.has(id)) continue
          const list = found.get(id)
          if (list) list.push({ folder, uid: Number(uid) })
          else found.set(id, [{ folder, uid: Number(uid) }])
        }
      }
      return found
    },
    moved(accountId, record, from, to) {
      // In place, as AccountSink changes them (a batch being synced holds the same objects),
      // and journaled by path.
      const doc = store.docs.syncState
      const accounts = doc.data.accounts
      if (!accounts[accountId]) {
        accounts[accountId] = {}
        doc.changed('accounts', accountId)
      }
      const folders = accounts[accountId] as Record<string, FolderRecord>
      const source = folders[from.folder]
      if (source?.uids[String(from.uid)]?.[0] === record.id) {
        delete source.uids[String(from.uid)]
        doc.changed('accounts', accountId, from.folder, 'uids', String(from.uid))
      }
      // Mapped at once, so the next action on it (reopening) needs no search; a folder not
      // synced yet gets a record without state, and its first sync matches by Message-ID.
      if (!to) return
      const target = folders[to.folder]
      if (target?.state && to.uidValidity && target.state.uidValidity !== to.uidValidity) return
      if (target) {
        target.uids[String(to.uid)] = [record.id, record.month]
        doc.changed('accounts', accountId, to.folder, 'uids', String(to.uid))
      } else {
        folders[to.folder] = { uids: { [String(to.uid)]: [record.id, record.month] } }
        doc.changed('accounts', accountId, to.folder)
      }
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
/** Messages of a batch parsed and held at once (enough to keep 32 file writes in flight). */
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
    this.actions = new ServerActions(store, uidMapsOf(store), (id) => this.running.get(id)?.sync, log, now)
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
    return new ImapSync(config, new AccountSink(this.store, this.ingest, this.hub, account), {
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
