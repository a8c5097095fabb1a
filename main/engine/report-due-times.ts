// When each customer turn's answer was due, remembered for reports. A report asks `dueTime` for
// every customer turn of its period (tens of thousands at 100,000 messages), and business-hours
// maths is the largest single cost of building one; the answer depends only on the channel, the
// moment and the clocks, so it is computed once per clocks and kept (and saved with each month's
// facts in `reports/`, so a report after a restart need not compute it again).
import type { ResponseClocks } from '../core/clocks/policies'
import type { Channel } from '../core/model'
import { dueTime } from '../core/sla'

export class DueTimes {
  private clocks: ResponseClocks | undefined
  private clocksKey = ''
  private readonly known = new Map<Channel, Map<number, number>>()

  /**
   * Sets the clocks the next reports count with; returns their key (saved with the due times).
   * Other clocks (the seller changed a policy, hours or zone) forget every due time known.
   */
  use(clocks: ResponseClocks): string {
    if (clocks === this.clocks) return this.clocksKey
    const key = JSON.stringify(clocks)
    if (key !== this.clocksKey) this.known.clear()
    this.clocks = clocks
    this.clocksKey = key
    return key
  }

  /** `core/sla.ts`'s `dueTime`, answered from memory for the clocks last `use`d. */
  readonly dueTime = (channel: Channel, from: number, clocks: ResponseClocks): number => {
    // Other clocks, or a moment that is not one: the plain function.
    if (clocks !== this.clocks || !Number.isFinite(from)) return dueTime(channel, from, clocks)
    let byMoment = this.known.get(channel)
    if (!byMoment) this.known.set(channel, (byMoment = new Map()))
    let due = byMoment.get(from)
    if (due === undefined) byMoment.set(from, (due = dueTime(channel, from, clocks)))
    return due
  }

  /** A due time known for the current clocks (to save), or undefined. */
  get(channel: Channel, from: number): number | undefined {
    return this.known.get(channel)?.get(from)
  }

  /** A due time saved under the clocks named by `clocksKey`; ignored when those are not the current ones. */
  add(clocksKey: string, channel: Channel, from: number, due: number): void {
    if (clocksKey !== this.clocksKey || !Number.isFinite(due)) return
    let byMoment = this.known.get(channel)
    if (!byMoment) this.known.set(channel, (byMoment = new Map()))
    byMoment.set(from, due)
  }
}
