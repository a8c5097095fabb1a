// Runs the IMAP sync of the seller's mail accounts: one ImapSync per account, its sink
// feeding every fetched message through ingest, UIDs mapped to records for flag changes,
// and the folder state saved durably with each batch (so a kill -9 resumes, never refetches).
import type { Account, MessageRecord } from '../core/model'
import type { FetchedMessage, FolderState, ImapConfig, SyncSink } from '../channels/imap/sync'
import { ImapSync } from '../channels/imap/sync'
import { parseMail, type ParsedMail } from '../channels/mail/parse'
import type { PendingFlagChange, Store } from '../store/store'
import type { EventHub } from './events'
import type { Ingest } from './ingest'
import { mapLimit } from './map-limit'

/** What the sync keeps per account and folder in sync-state.json. */
interface FolderRecord {
  state: FolderState
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

  private setFolder(path: string, record: FolderRecord): void {
    const all = this.store.docs.syncState.data.accounts
    all[this.account.id] = { ...(all[this.account.id] ?? {}), [path]: record }
    this.store.docs.syncState.changed()
  }

  async loadState(path: string): Promise<FolderState | undefined> {
    return this.folder(path)?.state
  }

  async onMessages(path: string, batch: FetchedMessage[], state: FolderState): Promise<void> {
    const uids = { ...(this.folder(path)?.uids ?? {}) }
    const customerIds = new Set<string>()
    // One durable write of every document per batch, none in between.
    await this.store.bulk(async () => {
      const parsed: ParsedMail[] = []
      for (const m of batch) parsed.push(await parseMail(m.raw))
      // The raw files first, concurrently: fsync per file is the slow part, and they are
      // content-addressed, so a crash before the records are written leaves nothing wrong.
      const paths = await mapLimit(batch, 32, (m, i) =>
        this.store.mail.write(this.account.id, parsed[i]!.date ?? m.internalDate, m.raw),
      )
      for (const [i, m] of batch.entries()) {
        const { record } = await this.ingest.add({
          account: this.account,
          raw: m.raw,
          parsed: parsed[i]!,
          emlPath: paths[i],
          seen: m.flags.includes('\\Seen'),
          receivedAt: m.internalDate,
        })
        uids[String(m.uid)] = [record.id, record.date.slice(0, 7)]
        customerIds.add(record.customerId)
      }
      this.setFolder(path, { state, uids })
    })
    // bulk() has written everything durably: the sync may move its cursor now.
    this.hub.emit('inbox.changed', { customerIds: [...customerIds] })
  }

  async onFlags(path: string, changes: { uid: number; flags: string[] }[], state: FolderState): Promise<void> {
    const folder = this.folder(path)
    for (const change of changes) {
      const at = folder?.uids[String(change.uid)]
      if (at) await this.setSeen(at, change.flags.includes('\\Seen'))
    }
    this.setFolder(path, { state, uids: folder?.uids ?? {} })
    await this.store.flush()
  }

  async onVanished(path: string, uids: number[], state: FolderState): Promise<void> {
    // The message left this folder on the server (moved, archived, deleted elsewhere): the
    // local copy stays, as the seller's history with the customer; only the mapping goes.
    const folder = this.folder(path)
    const kept = { ...(folder?.uids ?? {}) }
    for (const uid of uids) delete kept[String(uid)]
    this.setFolder(path, { state, uids: kept })
    await this.store.flush()
  }

  async onUidValidityChanged(path: string, state: FolderState): Promise<void> {
    // Messages come again; ingest recognises them by Message-ID, so nothing is duplicated
    // and done / snoozed / notes stay with them.
    this.setFolder(path, { state, uids: {} })
    await this.store.flush()
  }

  onProgress(folder: string, done: number, total: number): void {
    this.hub.emit('sync.progress', { accountId: this.account.id, folder, done, total })
  }

  /** Read elsewhere (webmail, phone): mirror it here, unread count included. */
  private async setSeen([id, month]: [string, string], seen: boolean): Promise<void> {
    const shard = await this.store.shard(month)
    const record = shard.data.messages[id]
    if (!record || record.seen === seen) return
    shard.data.messages[id] = { ...record, seen }
    shard.changed()
    const c = this.store.conversations[record.conversationId]
    if (c && record.direction === 'in') {
      this.store.conversations[c.id] = { ...c, unreadCount: Math.max(0, c.unreadCount + (seen ? -1 : 1)) }
      this.store.docs.conversations.changed()
    }
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
const MAX_BATCH = 8000

export interface AccountSyncStatus {
  state: 'idle' | 'syncing' | 'offline' | 'error'
  lastSyncAt?: string
  lastError?: string
}

/**
 * Keeps every IMAP account in sync: a first pass over INBOX and Sent, then IDLE on INBOX
 * with a periodic pass over Sent; after a failure it waits (with backoff) and tries again.
 */
export class MailSync {
  private readonly running = new Map<string, { sync: ImapSync; stopped: boolean }>()
  readonly status = new Map<string, AccountSyncStatus>()

  constructor(
    private readonly store: Store,
    private readonly ingest: Ingest,
    private readonly hub: EventHub,
    private readonly configOf: (account: Account) => Promise<ImapConfig>,
    private readonly log: (line: string) => void,
    private readonly now: () => Date,
  ) {}

  startAll(): void {
    for (const account of Object.values(this.store.accounts)) if (account.kind === 'imap') this.start(account)
  }

  start(account: Account): void {
    if (this.running.has(account.id)) return
    void this.loop(account)
  }

  async stop(accountId: string): Promise<void> {
    const run = this.running.get(accountId)
    if (!run) return
    run.stopped = true
    this.running.delete(accountId)
    await run.sync.stop().catch(() => undefined)
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)))
  }

  /** One pass over the account's folders now (also what tests and the UI's "sync now" use). */
  async syncOnce(account: Account): Promise<void> {
    const sync = new ImapSync(
      await this.configOf(account),
      new AccountSink(this.store, this.ingest, this.hub, account),
      { log: this.log, batchSize: BATCH, maxBatchSize: MAX_BATCH },
    )
    try {
      await this.pass(account, sync)
    } finally {
      await sync.stop().catch(() => undefined)
    }
  }

  /**
   * Marks messages read on their servers. The changes are queued durably and applied in
   * order; offline they wait for the next successful connection.
   */
  async queueSeen(records: MessageRecord[]): Promise<void> {
    const doc = this.store.docs.syncState
    const pending = (doc.data.pending ??= [])
    for (const r of records) {
      const at = this.locate(r)
      if (at) pending.push({ ...at, accountId: r.accountId, add: ['\\Seen'], remove: [], at: this.now().toISOString() })
    }
    doc.changed()
    await doc.flush()
    for (const accountId of new Set(records.map((r) => r.accountId))) {
      const run = this.running.get(accountId)
      if (run?.sync) void this.drain(accountId, run.sync).catch((err: Error) => this.log(`flags: ${err.message}`))
    }
  }

  /** Folder and UID of a synced message, from the account's UID maps. */
  private locate(record: MessageRecord): { folder: string; uid: number } | undefined {
    const folders = (this.store.docs.syncState.data.accounts[record.accountId] ?? {}) as Record<string, FolderRecord>
    for (const [folder, f] of Object.entries(folders)) {
      for (const [uid, [id]] of Object.entries(f.uids ?? {})) if (id === record.id) return { folder, uid: Number(uid) }
    }
    return undefined
  }

  private draining = new Map<string, Promise<void>>()

  /** Applies this account's queued flag changes in order; stops at the first failure. */
  private drain(accountId: string, sync: ImapSync): Promise<void> {
    const previous = this.draining.get(accountId) ?? Promise.resolve()
    const next = previous.then(async () => {
      const doc = this.store.docs.syncState
      for (;;) {
        const change: PendingFlagChange | undefined = (doc.data.pending ?? []).find((p) => p.accountId === accountId)
        if (!change) return
        await sync.setFlags(change.folder, change.uid, change.add, change.remove)
        doc.data.pending = (doc.data.pending ?? []).filter((p) => p !== change)
        doc.changed()
        await doc.flush()
      }
    })
    this.draining.set(
      accountId,
      next.catch(() => undefined),
    )
    return next
  }

  private async pass(account: Account, sync: ImapSync): Promise<void> {
    this.setStatus(account.id, { state: 'syncing' })
    await this.store.load('messageIndex')
    // Local changes first, so the flag sync that follows does not undo them.
    await this.drain(account.id, sync)
    const folders = await sync.listFolders()
    const inbox = folders.find((f) => f.specialUse === '\\Inbox')?.path ?? 'INBOX'
    const sent = folders.find((f) => f.specialUse === '\\Sent')?.path
    await sync.syncFolder(inbox)
    if (sent) await sync.syncFolder(sent)
    this.setStatus(account.id, { state: 'idle', lastSyncAt: this.now().toISOString() })
  }

  private async loop(account: Account): Promise<void> {
    let delay = 5_000
    const run = { sync: undefined as unknown as ImapSync, stopped: false }
    while (!run.stopped) {
      try {
        run.sync = new ImapSync(
          await this.configOf(account),
          new AccountSink(this.store, this.ingest, this.hub, account),
          { log: this.log, batchSize: BATCH, maxBatchSize: MAX_BATCH },
        )
        this.running.set(account.id, run)
        await this.pass(account, run.sync)
        delay = 5_000
        await run.sync.watch('INBOX')
      } catch (err) {
        if (run.stopped) break
        const message = (err as Error).message
        this.setStatus(account.id, {
          state: /connect|ENOTFOUND|ECONNREFUSED|timed? ?out/i.test(message) ? 'offline' : 'error',
          lastError: message,
        })
        this.log(`sync ${account.label}: ${message}; retrying in ${delay / 1000} s`)
        await new Promise((r) => setTimeout(r, delay))
        delay = Math.min(delay * 2, 5 * 60_000)
      }
    }
  }

  private setStatus(accountId: string, status: AccountSyncStatus): void {
    this.status.set(accountId, { ...this.status.get(accountId), ...status })
  }
}
