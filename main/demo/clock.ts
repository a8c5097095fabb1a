// Timestamps for demo records and Date headers. Formatting goes through a per-day cache
// because Date objects are slow to build and a demo writes 100,000 of each.
import { flat } from './flat-string'

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const pad2 = (n: number): string => (n < 10 ? '0' : '') + n

const isoDays = new Map<number, string>()
const rfcDays = new Map<number, string>()

/** "HH:MM:SS" of the milliseconds into a day. */
function clockOf(msOfDay: number): string {
  const s = Math.floor(msOfDay / 1000)
  return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`
}

/** Same as `new Date(ms).toISOString()`. */
export function isoTime(ms: number): string {
  const day = Math.floor(ms / DAY)
  let date = isoDays.get(day)
  if (date === undefined) isoDays.set(day, (date = new Date(day * DAY).toISOString().slice(0, 11)))
  const rest = ms - day * DAY
  const milli = rest % 1000
  return flat(`${date}${clockOf(rest)}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`)
}

/** RFC 5322 date-time as the sender's clock shows it, e.g. `Tue, 03 Nov 2026 18:15:00 +0900`. */
export function rfc2822Date(ms: number, offsetMinutes: number): string {
  const local = ms + offsetMinutes * 60_000
  const day = Math.floor(local / DAY)
  let date = rfcDays.get(day)
  if (date === undefined) {
    const d = new Date(day * DAY)
    date = `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
    rfcDays.set(day, date)
  }
  const abs = Math.abs(offsetMinutes)
  return `${date} ${clockOf(local - day * DAY)} ${offsetMinutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)}`
}
