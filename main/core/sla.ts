// Response clocks: when the answer to a customer is due. Each channel has a policy (calendar
// hours, or business time in the seller's hours, zone and holidays: core/clocks/); the settings
// say which, and the engine resolves them into `ResponseClocks`.
import { addBusinessMinutes } from './clocks/business-time'
import { dayLengthOf, type ResponseClocks } from './clocks/policies'
import type { Channel } from './model'

/** When the answer to a message waiting since `waitingSince` is due, under the seller's clocks. */
export function dueAt(channel: Channel, waitingSince: string, clocks: ResponseClocks): string {
  return new Date(dueTime(channel, Date.parse(waitingSince), clocks)).toISOString()
}

/** `dueAt` in epoch milliseconds, for callers that count many turns (reports). */
export function dueTime(channel: Channel, from: number, clocks: ResponseClocks): number {
  const policy = clocks.policies[channel]
  switch (policy.unit) {
    case 'hours':
      return from + policy.amount * 3_600_000
    case 'businessHours':
      return addBusinessMinutes(from, policy.amount * 60, clocks)
    case 'businessDays':
      return addBusinessMinutes(from, policy.amount * dayLengthOf(clocks.hours), clocks)
  }
}
