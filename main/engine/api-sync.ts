// Pulls marketplace API accounts (eBay, Rakuten) periodically, like the IMAP accounts' periodic
// pass: each pull hands its messages to ingest and saves the connector's cursor in
// sync-state.json in the same durable write, so a crash resumes without losing or doubling
// anything. Failures back off (the IMAP sync's doubling, jittered wait), and a wait the API asks
// for (429 Retry-After) or a refused token (no retry storm: the seller must reconnect) is honoured.
import { EngineError } from '../../preload/api'
import { isApiAccount, type Account, type Conversation } from '../core/model'
import { ApiError } from '../channels/api/http'
import type { ApiConnector } from '../channels/api/types'
import { backoff } from '../channels/imap/idle'
import type { Store } from '../store/store'
import type { EventHub } from './events'
import { apiRawOf, type Ingest } from './ingest'
import { mapLimit } from './map-limit'
import type { AccountSyncStatus } from './mail-sync'

export interface ApiSyncOptions {
  /** How often each API account is pulled. Default 2 min. */
  everyMs?: number
  /** The wait after the first failed pull; it doubles (±20 %) with each failure in a row. Default 5 s. */
  retryMinMs?: number
  /** The longest wait between attempts (a refused token or a Retry-After may ask for longer). Default 5 min. */
  retryMaxMs?: number
}

/** What sync-state.json keeps per API account. */
interface ApiSyncRecord {
  api: { cursor?: string; lastPullAt?: string }
}

interface Run {
  stopped: boolean
  wake: () => void
  done: Promise<void>
}

export class ApiSync {
  readonly status = new Map<string, AccountSyncStatus>()
  private readonly running = new Map<string, Run>()
  /** One pull per account at a time: the loop and "sync now" must not ingest the same page twice. */
  private readonly pulling = new Map<string, Promise<number>>()
  private readonly everyMs: number
  private readonly retryMinMs: number
  private readonly retryMaxMs: number

  constructor(
    private readonly store: Store,
    private readonly ingest: Ingest,
    private readonly hub: EventHub,
    private readonly connectorOf: (account: Account) => Promise<ApiConnector>,
    private readonly log: (line: string) => void,
    private readonly now: () => Date,
    options: ApiSyncOptions = {},
  ) {
    this.everyMs = Math.max(1, options.everyMs ?? 2 * 60_000)
    this.retryMinMs = Math.max(1, options.retryMinMs ?? 5_000)
    this.retryMaxMs = Math.max(this.retryMinMs, options.retryMaxMs ?? 5 * 60_000)
  }

  startAll(): void {
    for (const account of Object.values(this.store.accounts)) if (isApiAccount(account)) this.start(account)
  }

  start(account: Account): void {
    if (this.running.has(account.id)) return
    const run: Run = { stopped: false, wake: () => undefined, done: Promise.resolve() }
    this.running.set(account.id, run)
    this.setStatus(account.id, { state: 'syncing' })
    run.done = this.loop(account.id, run)
  }

  async stop(accountId: string): Promise<void> {
    const run = this.running.get(accountId)
    if (!run) return
    run.stopped = true
    this.running.delete(accountId)
    run.wake()
    await run.done
    await this.pulling.get(accountId)?.catch(() => undefined)
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((id) => this.stop(id)))
  }

  /** One pull now; resolves with the number of new messages. Failures are shown and thrown as EngineError. */
  async syncOnce(account: Account): Promise<number> {
    try {
      return await this.pull(account)
    } catch (err) {
      this.failed(account, err)
      if (err instanceof ApiError) throw new EngineError('unavailable', err.message)
      throw err
    }
  }

  private pull(account: Account): Promise<number> {
    const current = this.pulling.get(account.id)
    if (current) return current
    const p = this.pass(account).finally(() => this.pulling.delete(account.id))
    this.pulling.set(account.id, p)
    return p
  }

  private async pass(account: Account): Promise<number> {
    this.setStatus(account.id, { state: 'syncing' })
    const connector = await this.connectorOf(account)
    const record = this.record(account.id)
    const { messages, cursor } = await connector.pull(record?.api.cursor)
    await this.store.load('messageIndex')
    // The raw copies first, concurrently (fsync per file is the slow part); content-addressed,
    // so a crash before the records are written leaves nothing wrong, and a known one is not rewritten.
    const fresh = await mapLimit(messages, 32, async (m) =>
      (await this.store.messageIds.get(m.messageId))
        ? undefined
        : this.store.mail.write(account.id, m.date, apiRawOf(m), true, 'json'),
    )
    const customerIds = new Set<string>()
    let created = 0
    // The messages and the cursor that says they are in: one durable write.
    await this.store.bulk(async () => {
      for (const [i, m] of messages.entries()) {
        const result = await this.ingest.addApi(account, m, fresh[i])
        if (result.created) {
          created++
          customerIds.add(result.record.customerId)
        }
      }
      const accounts = this.store.docs.syncState.data.accounts
      accounts[account.id] = { api: { cursor, lastPullAt: this.now().toISOString() } } satisfies ApiSyncRecord
      this.store.docs.syncState.changed('accounts', account.id)
    })
    if (customerIds.size > 0) this.hub.emit('inbox.changed', { customerIds: [...customerIds] })
    this.setStatus(account.id, { state: 'idle', lastSyncAt: this.now().toISOString(), lastError: undefined })
    return created
  }

  /**
   * The seller read a conversation of an API account: it is marked read on the marketplace too.
   * Best effort: a failure is logged, and the local state stays as the seller left it.
   */
  async markRead(conversation: Conversation): Promise<void> {
    const account = this.store.accounts[conversation.accountId]
    if (!account || !isApiAccount(account)) return
    const prefix = account.kind === 'ebay' ? 'ebay:conversation:' : 'rakuten:inquiry:'
    const thread = conversation.marketplaceThreads?.find((t) => t.startsWith(prefix))
    if (!thread) return
    try {
      await (await this.connectorOf(account)).markRead(thread)
    } catch (err) {
      this.log(`sync ${account.label}: could not mark ${thread} read: ${(err as Error).message}`)
    }
  }

  private record(accountId: string): ApiSyncRecord | undefined {
    const r = this.store.docs.syncState.data.accounts[accountId] as Partial<ApiSyncRecord> | undefined
    return r?.api ? (r as ApiSyncRecord) : undefined
  }

  private async loop(accountId: string, run: Run): Promise<void> {
    let failures = 0
    while (!run.stopped) {
      const account = this.store.accounts[accountId]
      if (!account) return
      let wait = this.everyMs
      try {
        await this.pull(account)
        failures = 0
      } catch (err) {
        if (run.stopped) return
        const asked = err instanceof ApiError ? (err.retryAfterMs ?? 0) : 0
        wait = Math.max(backoff(this.retryMinMs, this.retryMaxMs, failures++), asked)
        this.failed(account, err, wait)
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait)
        run.wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  }

  /** Shows a failure on the account's status and in the log, in words the seller can act on. */
  private failed(account: Account, err: unknown, retryInMs?: number): void {
    const api = err instanceof ApiError ? err : undefined
    const offline = api?.kind === 'network'
    const lastError = api ? api.message : `Sync of ${account.label} failed: ${(err as Error).message ?? String(err)}`
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
