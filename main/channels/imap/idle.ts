// Watching a folder: a dedicated connection sits in IDLE and only listens; whenever the
// server reports new mail, expunges or flag changes, the folder is synced over the main
// connection. A dropped connection is reopened with exponential backoff until stop().
import type { ImapFlow } from 'imapflow'
import { closeClient } from './connection'
import { isTransient, type ImapError } from './errors'
import type { SyncResult } from './folder-sync'

export interface ReconnectPolicy {
  /** First delay after a failure. Default 1 s. */
  minDelayMs?: number
  /** Cap of the doubling delay. Default 60 s. */
  maxDelayMs?: number
}

export interface WatchContext {
  path: string
  /** Opens a new connection meant only for IDLE. */
  connect: () => Promise<ImapFlow>
  sync: () => Promise<SyncResult>
  onNew?: () => void
  log: (line: string) => void
  toError: (err: unknown) => ImapError
  /** Resolves once stop() was called. */
  stopped: Promise<void>
  isStopped: () => boolean
  /** Lets stop() close the connection; returns the function that forgets it again. */
  track: (client: ImapFlow) => () => void
  reconnect?: ReconnectPolicy
}

/** A connection that lasted this long counts as healthy: the next failure starts backoff over. */
const STABLE_MS = 10_000

export async function watchFolder(ctx: WatchContext): Promise<void> {
  const minDelay = ctx.reconnect?.minDelayMs ?? 1_000
  const maxDelay = ctx.reconnect?.maxDelayMs ?? 60_000
  let fatal: ImapError | undefined
  let raiseFatal = (): void => undefined
  const fatalRaised = new Promise<void>((resolve) => {
    raiseFatal = resolve
  })
  let retryTimer: NodeJS.Timeout | undefined
  let syncFailures = 0

  const trigger = new SyncTrigger(async () => {
    try {
      const result = await ctx.sync()
      syncFailures = 0
      if (result.fetched > 0) ctx.onNew?.()
    } catch (err) {
      const e = ctx.toError(err)
      if (e.code === 'stopped' || ctx.isStopped()) return
      if (!isTransient(e)) {
        fatal = e
        raiseFatal()
        return
      }
      // The IDLE connection may be fine while the sync one failed: try again, more slowly each time.
      const delay = backoff(minDelay, maxDelay, syncFailures++)
      ctx.log(`${ctx.path}: sync after IDLE failed (${e.message}); again in ${delay} ms`)
      clearTimeout(retryTimer)
      retryTimer = setTimeout(() => trigger.fire(), delay)
    }
  })

  let failures = 0
  while (!ctx.isStopped() && fatal === undefined) {
    const openedAt = Date.now()
    try {
      const client = await ctx.connect()
      const untrack = ctx.track(client)
      try {
        await client.mailboxOpen(ctx.path, { readOnly: true })
        const fire = (): void => trigger.fire()
        client.on('exists', fire)
        client.on('expunge', fire)
        client.on('flags', fire)
        // Catch up on whatever happened while nobody was listening.
        trigger.fire()
        await idleUntilClosed(client, ctx, fatalRaised)
      } finally {
        untrack()
        await closeClient(client)
      }
    } catch (err) {
      const e = ctx.toError(err)
      if (e.code === 'stopped' || ctx.isStopped()) break
      if (!isTransient(e)) {
        fatal = e
        break
      }
      ctx.log(`${ctx.path}: IDLE connection failed: ${e.message}`)
    }
    if (ctx.isStopped() || fatal !== undefined) break
    failures = Date.now() - openedAt >= STABLE_MS ? 0 : failures + 1
    const delay = backoff(minDelay, maxDelay, Math.max(0, failures - 1))
    ctx.log(`${ctx.path}: IDLE connection closed; reconnecting in ${delay} ms`)
    await sleep(delay, ctx.stopped)
  }
  clearTimeout(retryTimer)
  await trigger.settled()
  if (fatal !== undefined && !ctx.isStopped()) throw fatal
}

async function idleUntilClosed(client: ImapFlow, ctx: WatchContext, fatalRaised: Promise<void>): Promise<void> {
  let ended = false
  const stop = Promise.race([ctx.stopped, fatalRaised]).then(() => {
    ended = true
  })
  while (!ended && !ctx.isStopped() && client.usable) {
    const started = Date.now()
    // idle() returns when the connection closes or something breaks IDLE; imapflow restarts
    // IDLE by itself every maxIdleTime, so NAT boxes never see a silent connection.
    await Promise.race([client.idle(), stop])
    // A server that refuses IDLE makes idle() return at once: do not spin on it.
    if (!ended && Date.now() - started < 100) await sleep(1_000, stop)
  }
}

/** Coalesces bursts of server events into one sync at a time, plus one more if any came meanwhile. */
class SyncTrigger {
  private running: Promise<void> | undefined
  private again = false

  constructor(private readonly work: () => Promise<void>) {}

  fire(): void {
    if (this.running !== undefined) {
      this.again = true
      return
    }
    this.running = this.loop().finally(() => {
      this.running = undefined
    })
  }

  async settled(): Promise<void> {
    while (this.running !== undefined) await this.running
  }

  private async loop(): Promise<void> {
    do {
      this.again = false
      await this.work()
    } while (this.again)
  }
}

/** Doubling delay with ±20% jitter, so many clients of one server do not reconnect in step. */
export function backoff(minMs: number, maxMs: number, attempt: number): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 20))
  return Math.round(base * (0.8 + Math.random() * 0.4))
}

function sleep(ms: number, interrupt: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms)
  })
  return Promise.race([timeout, interrupt.then(() => undefined)]).finally(() => clearTimeout(timer))
}
