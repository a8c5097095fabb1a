// Response clocks: how long each channel gives the seller to answer. Business hours and
// holidays arrive with the workflows; until then a policy is a plain number of hours.
import type { Channel } from './model'

export const RESPONSE_HOURS: Record<Channel, number> = {
  email: 24,
  amazon: 24,
  ebay: 24,
  etsy: 24,
  walmart: 24,
  rakuten: 24,
  yahoo: 24,
  mercari: 24,
}

/** When the answer to a message waiting since `waitingSince` is due. */
export function dueAt(channel: Channel, waitingSince: string): string {
  return new Date(Date.parse(waitingSince) + RESPONSE_HOURS[channel] * 3_600_000).toISOString()
}
