// Raises the seller's alerts: fresh customer mail as it is stored (gathered for a moment, so
// a batch gives one alert per customer), and response clocks about to run out (checked every
// minute). Demo and imported mail alert nobody: only accounts that sync.
import type { Alert } from '../../preload/api'
import { messageAlerts, slaAlerts } from '../core/alerts'
import type { MessageRecord } from '../core/model'
import type { Store } from '../store/store'
import type { EventHub } from './events'

const GATHER_MS = 500
const CHECK_EVERY_MS = 60_000

export class Alerts {
  private readonly warned = new Set<string>()
  private fresh: MessageRecord[] = []
  private gather: NodeJS.Timeout | undefined
  private check: NodeJS.Timeout | undefined

  constructor(
    private readonly store: Store,
    private readonly hub: EventHub,
    private readonly now: () => Date,
  ) {}

  start(): void {
    this.checkClocks()
    this.check = setInterval(() => this.checkClocks(), CHECK_EVERY_MS)
    this.check.unref()
  }

  stop(): void {
    clearInterval(this.check)
    clearTimeout(this.gather)
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
    this.raise(slaAlerts(Object.values(this.store.conversations), this.store.customers, this.now(), this.warned))
  }

  private raise(alerts: Alert[]): void {
    for (const alert of alerts) {
      this.warned.add(alert.id)
      this.hub.emit('alert', alert)
    }
  }
}
