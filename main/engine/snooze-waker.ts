// Brings snoozed conversations back to Waiting when their time comes. One timer, armed for the
// earliest snooze end, never further than a minute ahead: a computer waking from sleep (whose
// timers may have stood still) catches up within a minute.
import type { Conversation } from '../core/model'
import { nextWake, wake } from '../core/status'
import type { Store } from '../store/store'

const MAX_WAIT_MS = 60_000

export class SnoozeWaker {
  private timer: NodeJS.Timeout | undefined
  /** When the earliest snooze known ends (epoch ms); undefined: nothing is snoozed. */
  private nextAt: number | undefined
  private running = false

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    /** Told of the conversations that just came back, after they are stored. */
    private readonly onWake: (woken: Conversation[]) => void,
  ) {}

  start(): void {
    this.running = true
    this.rescan()
  }

  stop(): void {
    this.running = false
    clearTimeout(this.timer)
    this.timer = undefined
  }

  /** A conversation is snoozed until `until` now (snoozed, or restored snoozed by an undo). */
  snoozed(until: string): void {
    const at = Date.parse(until)
    if (this.nextAt !== undefined && this.nextAt <= at) return
    this.nextAt = Number.isNaN(at) ? 0 : at
    this.arm()
  }

  /** Wakes every conversation whose snooze has ended and finds the next end (a whole scan). */
  rescan(): void {
    const now = this.now().toISOString()
    const woken: Conversation[] = []
    for (const c of Object.values(this.store.conversations)) {
      const next = wake(c, now)
      if (!next) continue
      this.store.conversations[c.id] = next
      this.store.docs.conversations.changed('conversations', c.id)
      woken.push(next)
    }
    this.nextAt = nextWake(Object.values(this.store.conversations))
    this.arm()
    if (woken.length > 0) this.onWake(woken)
  }

  private arm(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (!this.running || this.nextAt === undefined) return
    const delay = Math.min(Math.max(this.nextAt - this.now().getTime(), 0), MAX_WAIT_MS)
    this.timer = setTimeout(() => {
      this.timer = undefined
      // Snoozes cleared meanwhile (reopened, the customer wrote) make this a scan that finds
      // nothing to wake; it then arms for whatever is next.
      if (this.nextAt !== undefined && this.nextAt <= this.now().getTime()) this.rescan()
      else this.arm()
    }, delay)
    // Waiting for a snooze must not keep a finished process alive.
    this.timer.unref()
  }
}
