// The IMAP sync channel of one account: lists folders, syncs a folder into a SyncSink
// (newest mail first, resumable, CONDSTORE/QRESYNC when the server has them), watches
// folders with IDLE, sets flags and moves messages (archiving). Engine-independent: it only
// knows the sink contract.
import type { ImapFlow } from 'imapflow'
import type { FlagSnapshot } from './changes'
import type { ImapConfig } from './config'
import { closeClient, deselect, openClient } from './connection'
import { ImapError, toImapError } from './errors'
import { findArchiveFolder, listFolders as listFoldersOn, type FolderInfo } from './folders'
import { SinkFailure, syncFolderOn, type SyncResult } from './folder-sync'
import { watchFolder, type ReconnectPolicy } from './idle'
import type { SyncSink } from './sink'

export type { ImapConfig } from './config'
export { ImapError, type ImapErrorCode } from './errors'
export type { FolderInfo, SpecialUse } from './folders'
export type { SyncResult } from './folder-sync'
export type { FetchedMessage, FolderState, SyncSink } from './sink'

/** Where a moved message landed, when the server says (UIDPLUS: COPYUID). */
export interface MoveResult {
  /** Its UID in the destination folder. */
  uid?: number
  /** UIDVALIDITY of the destination folder, which `uid` belongs to. */
  uidValidity?: string
}

export interface ImapSyncOptions {
  /** Messages per batch handed to the sink. Default 200. */
  batchSize?: number
  /**
   * Let batches double in size, up to this many messages, as a long first sync goes on:
   * the newest mail still arrives in a small first batch, and a sink whose cost per batch
   * grows with what it already holds is called far fewer times. Default: no growth.
   */
  maxBatchSize?: number
  /** Bytes per batch: a mailbox of 20 MB attachments must not be fetched 200 at a time. Default 32 MB. */
  maxBatchBytes?: number
  /** false forces the no-CONDSTORE path (full flag scans, UID set comparison). Default true. */
  useCondstore?: boolean
  /** false keeps CONDSTORE but finds expunges by comparing UID sets instead of VANISHED. Default true. */
  useQresync?: boolean
  /** How watch() reconnects after the server dropped its IDLE connection. */
  reconnect?: ReconnectPolicy
  log?: (line: string) => void
}

const DEFAULT_BATCH = 200
const DEFAULT_BATCH_BYTES = 32 * 1024 * 1024
/** IDLE is restarted this often so routers do not forget a connection that looks silent. */
const MAX_IDLE_MS = 10 * 60_000

export class ImapSync {
  private client: ImapFlow | undefined
  /** Work on the main connection, one operation at a time (one connection has one selected mailbox). */
  private queue: Promise<unknown> = Promise.resolve()
  private busy = false
  private stopped = false
  private signalStop = (): void => undefined
  private readonly stopSignal = new Promise<void>((resolve) => {
    this.signalStop = resolve
  })
  private readonly watchClients = new Set<ImapFlow>()
  private readonly watches = new Set<Promise<void>>()
  private readonly snapshots = new Map<string, { uidValidity: string; flags: FlagSnapshot }>()
  private readonly log: (line: string) => void

  constructor(
    private readonly config: ImapConfig,
    private readonly sink: SyncSink,
    private readonly options: ImapSyncOptions = {},
  ) {
    this.log = options.log ?? (() => undefined)
  }

  async listFolders(): Promise<FolderInfo[]> {
    return await this.exclusive(undefined, (client) => listFoldersOn(client))
  }

  /** Brings one folder up to date; see folder-sync.ts for the order of steps and the state. */
  async syncFolder(path: string): Promise<SyncResult> {
    return await this.exclusive(path, (client) =>
      syncFolderOn({
        client,
        sink: this.countingSink,
        path,
        batchSize: Math.max(1, this.options.batchSize ?? DEFAULT_BATCH),
        maxBatchSize: Math.max(1, this.options.maxBatchSize ?? this.options.batchSize ?? DEFAULT_BATCH),
        maxBatchBytes: Math.max(1, this.options.maxBatchBytes ?? DEFAULT_BATCH_BYTES),
        useCondstore: this.options.useCondstore ?? true,
        snapshots: this.snapshots,
        log: this.log,
        isStopped: () => this.stopped,
      }),
    )
  }

  /** IDLE on a folder; calls onNew after new mail was synced; reconnects with backoff when the server drops; resolves when stop() is called */
  async watch(path: string, onNew?: () => void): Promise<void> {
    // Already stopped: the watch is over before it began, as it would be a moment later.
    if (this.stopped) return
    const watching = watchFolder({
      path,
      connect: () => openClient(this.config, { disableAutoIdle: true, maxIdleTime: MAX_IDLE_MS }, this.log),
      sync: () => this.syncFolder(path),
      onNew,
      log: this.log,
      toError: (err) => this.error(err, path),
      stopped: this.stopSignal,
      isStopped: () => this.stopped,
      track: (client) => {
        this.watchClients.add(client)
        return () => this.watchClients.delete(client)
      },
      reconnect: this.options.reconnect,
    })
    this.watches.add(watching)
    try {
      await watching
    } finally {
      this.watches.delete(watching)
    }
  }

  /**
   * Adds and removes flags on one message. Keywords the folder does not accept (no \\* in its
   * PERMANENTFLAGS) are left out with a log line rather than failing the change forever.
   * Rejects with code 'message_missing' when the message is not in the folder any more.
   */
  async setFlags(path: string, uid: number, add: string[], remove: string[]): Promise<void> {
    await this.exclusive(path, async (client) => {
      await client.mailboxOpen(path)
      try {
        await this.assertHas(client, path, uid)
        const range = String(uid)
        const permanent = client.mailbox === false ? undefined : client.mailbox.permanentFlags
        const accepted = (f: string): boolean => !permanent || permanent.has('\\*') || permanent.has(f)
        const refused = add.filter((f) => !accepted(f))
        if (refused.length > 0) this.log(`imap ${path}: the server does not keep ${refused.join(' ')}; left out`)
        add = add.filter(accepted)
        if (add.length > 0 && !(await client.messageFlagsAdd(range, add, { uid: true }))) {
          throw new Error(`could not add ${add.join(' ')} to message ${uid}`)
        }
        if (remove.length > 0 && !(await client.messageFlagsRemove(range, remove, { uid: true }))) {
          throw new Error(`could not remove ${remove.join(' ')} from message ${uid}`)
        }
      } finally {
        await deselect(client).catch(() => undefined)
      }
    })
  }

  /**
   * Moves one message to another folder (MOVE, or COPY + EXPUNGE where the server lacks MOVE)
   * and says where it landed when the server can tell (UIDPLUS), so a UID map can follow the
   * message without a re-sync. From an \\All folder (Gmail's All Mail), which holds every
   * message whatever its labels, it copies instead: expunging there would delete the message
   * from every label, and the copy is what adds the destination label (INBOX).
   * Rejects with code 'message_missing' when the message is not in `folder` any more.
   */
  async move(folder: string, uid: number, destination: string): Promise<MoveResult> {
    return await this.exclusive(folder, async (client) => {
      const fromAll = (await this.foldersOn(client)).find((f) => f.path === folder)?.specialUse === '\\All'
      await client.mailboxOpen(folder)
      try {
        await this.assertHas(client, folder, uid)
        const range = String(uid)
        const result = fromAll
          ? await client.messageCopy(range, destination, { uid: true })
          : await client.messageMove(range, destination, { uid: true })
        if (!result) throw new Error(`could not move message ${uid} from "${folder}" to "${destination}"`)
        const landed = result.uidMap?.get(uid)
        return landed === undefined ? {} : { uid: landed, uidValidity: result.uidValidity?.toString() }
      } finally {
        await deselect(client).catch(() => undefined)
      }
    })
  }

  /** The UID of the message with this Message-ID in a folder, if it is there. */
  async findMessage(folder: string, messageId: string): Promise<number | undefined> {
    return await this.exclusive(folder, async (client) => {
      await client.mailboxOpen(folder, { readOnly: true })
      try {
        const uids = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || []
        if (uids.length === 0) return undefined
        // HEADER search matches substrings: keep only the exact id.
        const found = await client.fetchAll(uids.join(','), { envelope: true }, { uid: true })
        return found.find((m) => m.envelope?.messageId === messageId)?.uid
      } finally {
        await deselect(client).catch(() => undefined)
      }
    })
  }

  /**
   * The folder archived mail goes to: \\Archive, else \\All (Gmail), else a folder named
   * Archive, Archives or アーカイブ; "Archive" is created (and subscribed) when there is none.
   */
  async archiveFolder(): Promise<string> {
    return await this.exclusive(undefined, async (client) => {
      this.folders = undefined
      const found = findArchiveFolder(await this.foldersOn(client))
      if (found) return found.path
      const created = await client.mailboxCreate('Archive')
      // Unsubscribed folders are hidden by many mail apps; the seller should see their archive.
      await client.mailboxSubscribe(created.path).catch(() => undefined)
      this.folders = undefined
      this.log(`imap ${this.config.user}: created the folder "${created.path}" for archived mail`)
      return created.path
    })
  }

  /** Folders and their roles, listed once per connection (roles do not change under us). */
  private folders: { client: ImapFlow; list: FolderInfo[] } | undefined
  private async foldersOn(client: ImapFlow): Promise<FolderInfo[]> {
    if (this.folders?.client !== client) this.folders = { client, list: await listFoldersOn(client, { counts: false }) }
    return this.folders.list
  }

  private async assertHas(client: ImapFlow, folder: string, uid: number): Promise<void> {
    const found = (await client.search({ uid: String(uid) }, { uid: true })) || []
    if (!found.includes(uid)) {
      throw new ImapError(
        'message_missing',
        `Message ${uid} is no longer in "${folder}" of ${this.config.user} on ${this.config.host}.`,
        'Nothing to do: it was moved or deleted in another mail app.',
      )
    }
  }

  /** Ends watches and connections; an operation still running rejects with code 'stopped'. */
  async stop(): Promise<void> {
    this.stopped = true
    this.signalStop()
    for (const client of this.watchClients) client.close()
    const client = this.client
    this.client = undefined
    if (client !== undefined) {
      if (this.busy) client.close()
      else await closeClient(client)
    }
    await Promise.allSettled([this.queue, ...this.watches])
  }

  /**
   * Runs `work` on the main connection after whatever runs there now. A reused connection
   * that turns out dead before anything reached the sink is replaced once: servers drop idle
   * sessions, and that should not cost the caller a failed sync.
   */
  private exclusive<T>(folder: string | undefined, work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      if (this.stopped) throw this.error(new Error('stopped'), folder)
      this.busy = true
      try {
        for (let attempt = 0; ; attempt++) {
          const reused = this.client?.usable === true
          const client = await this.connected()
          const sinkCalls = this.sinkCallCount
          try {
            return await work(client)
          } catch (err) {
            if (err instanceof SinkFailure) throw err.original
            const e = this.error(err, folder)
            if (!client.usable) this.drop(client)
            const untouched = this.sinkCallCount === sinkCalls
            if (e.code === 'connection_lost' && reused && untouched && attempt === 0 && !this.stopped) continue
            throw e
          }
        }
      } finally {
        this.busy = false
      }
    }
    const result = this.queue.then(run, run)
    this.queue = result.catch(() => undefined)
    return result
  }

  /** Counts sink calls that change state, to know whether a retry could repeat any. */
  private sinkCallCount = 0
  private readonly countingSink: SyncSink = {
    loadState: (folder) => this.sink.loadState(folder),
    onMessages: (...args) => {
      this.sinkCallCount++
      return this.sink.onMessages(...args)
    },
    onFlags: (...args) => {
      this.sinkCallCount++
      return this.sink.onFlags(...args)
    },
    onVanished: (...args) => {
      this.sinkCallCount++
      return this.sink.onVanished(...args)
    },
    onUidValidityChanged: (...args) => {
      this.sinkCallCount++
      return this.sink.onUidValidityChanged(...args)
    },
    onProgress: (...args) => this.sink.onProgress(...args),
  }

  private async connected(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client
    if (this.client !== undefined) this.drop(this.client)
    const client = await openClient(
      this.config,
      // No auto-IDLE here: watch() has its own connection, and an IDLE on this one would only
      // have to be broken before every command.
      { disableAutoIdle: true, qresync: this.options.useQresync ?? true },
      this.log,
    )
    if (this.stopped) {
      client.close()
      throw this.error(new Error('stopped'))
    }
    this.client = client
    return client
  }

  private drop(client: ImapFlow): void {
    if (this.client === client) this.client = undefined
    client.close()
  }

  private error(err: unknown, folder?: string): ImapError {
    return toImapError(err, { config: this.config, folder, stopped: this.stopped })
  }
}
