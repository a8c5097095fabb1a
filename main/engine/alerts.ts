// Raises the seller's alerts: fresh customer mail as it is stored (gathered for a moment, so
// a batch gives one alert per customer), and response clocks about to run out (checked every
// minute). Demo and imported mail alert nobody: only accounts that sync. Callbacks the seller
// planned alert when they come due, also those that came due while the app was closed.
import type { Alert } from '../../preload/api'
import { messageAlerts, slaAlerts } from '../core/alerts'
import { callbackAlert, dueCallbacks, nextCallbackDue } from '../core/callbacks/due'
import { phoneFor } from '../core/callbacks/phone'
import type { Conversation, MessageRecord } from '../core/model'
import type { Store } from '../store/store'
import { clocksOf } from './clocks'
import type { EventHub } from './events'

const GATHER_MS = 500
const CHECK_EVERY_MS = 60_000
const STARTUP_CHECK_MS = 3000

export class Alerts {
  private readonly warned = new Set<string>()
  private fresh: MessageRecord[] = []
  private gather: NodeJS.Timeout | undefined
  private check: NodeJS.Timeout | undefined
  private callbackTimer: NodeJS.Timeout | undefined
  private stopped = false

  constructor(
    private readonly store: Store,
    private readonly hub: EventHub,
    private readonly now: () => Date,
  ) {}

  start(): void {
    this.checkClocks()
    this.check = setInterval(() => {
      this.checkClocks()
      this.checkCallbacks()
    }, CHECK_EVERY_MS)
    this.check.unref()
    // Callbacks that came due while the app was closed: a moment after start, once the window
    // (or the page) is listening, so the alert is not raised to nobody.
    this.callbackTimer = setTimeout(() => this.checkCallbacks(), STARTUP_CHECK_MS)
    this.callbackTimer.unref()
  }

  stop(): void {
    clearInterval(this.check)
    clearTimeout(this.gather)
    clearTimeout(this.callbackTimer)
    this.callbackTimer = undefined
    this.stopped = true
  }

  /** Ingest stored a new message. */
  added(record: MessageRecord): void {
    if (record.direction !== 'in' || this.store.accounts[record.accountId]?.kind !== 'imap') return
    this.fresh.push(record)
    this.gather ??= setTimeout(() => {
      this.gather = undefined
      const records = this.fresh
      this.fresh = []
      this.raise(messageAlerts(records, this.store.customers, this.now()))
    }, GATHER_MS)
  }

  checkClocks(): void {
    this.raise(
      slaAlerts(
        Object.values(this.store.conversations),
        this.store.customers,
        this.now(),
        this.warned,
        clocksOf(this.store),
      ),
    )
  }

  /**
   * Callbacks that came due (while the app ran, or while it was closed): one alert each, kept
   * with the reminder so a restart does not repeat it; then a timer for the next one, so an alert
   * comes on the minute rather than at the next check.
   */
  checkCallbacks(): void {
    clearTimeout(this.callbackTimer)
    this.callbackTimer = undefined
    if (this.stopped) return
    const now = this.now()
    const due = dueCallbacks(Object.values(this.store.reminders), now)
    if (due.length > 0) {
      const latest = new Map<string, Conversation>()
      for (const c of Object.values(this.store.conversations)) {
        const seen = latest.get(c.customerId)
        if (!seen || seen.lastMessageAt < c.lastMessageAt) latest.set(c.customerId, c)
      }
      const alerts: Alert[] = []
      for (const r of due) {
        this.store.reminders[r.id] = { ...r, alertedFor: r.dueAt }
        this.store.docs.reminders.changed('reminders', r.id)
        const customer = this.store.customers[r.customerId]
        const conversation =
          (r.conversationId && this.store.conversations[r.conversationId]) || latest.get(r.customerId)
        alerts.push(callbackAlert(r, customer, conversation, now, phoneFor(customer, [], r)?.number))
      }
      this.raise(alerts)
      this.hub.emit('callbacks.changed', { customerIds: [...new Set(due.map((r) => r.customerId))] })
    }
    const next = nextCallbackDue(Object.values(this.store.reminders), now)
    if (next === undefined) return
    // setTimeout takes at most 2^31-1 ms; a callback further ahead is looked at again then.
    const wait = Math.min(Math.max(next - now.getTime(), 0) + 50, 2 ** 31 - 1)
    this.callbackTimer = setTimeout(() => this.checkCallbacks(), wait)
    this.callbackTimer.unref()
  }

  private raise(alerts: Alert[]): void {
    for (const alert of alerts) {
      this.warned.add(alert.id)
      this.hub.emit('alert', alert)
    }
  }
}
