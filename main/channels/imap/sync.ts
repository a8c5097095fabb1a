// The IMAP sync channel of one account: lists folders, syncs a folder into a SyncSink
// (newest mail first, resumable, CONDSTORE/QRESYNC when the server has them), watches
// folders with IDLE and sets flags. Engine-independent: it only knows the sink contract.
import type { ImapFlow } from 'imapflow'
import type { FlagSnapshot } from './changes'
import type { ImapConfig } from './config'
import { closeClient, deselect, openClient } from './connection'
import { toImapError, type ImapError } from './errors'
import { listFolders as listFoldersOn, type FolderInfo } from './folders'
import { SinkFailure, syncFolderOn, type SyncResult } from './folder-sync'
import { watchFolder, type ReconnectPolicy } from './idle'
import type { SyncSink } from './sink'

export type { ImapConfig } from './config'
export { ImapError, type ImapErrorCode } from './errors'
export type { FolderInfo, SpecialUse } from './folders'
export type { SyncResult } from './folder-sync'
export type { FetchedMessage, FolderState, SyncSink } from './sink'

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

  async setFlags(path: string, uid: number, add: string[], remove: string[]): Promise<void> {
    await this.exclusive(path, async (client) => {
      await client.mailboxOpen(path)
      try {
        const range = String(uid)
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
