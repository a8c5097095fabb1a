// Business time: counting hours only while the shop is open (its days, its hours, not on
// Japanese public holidays when the seller observes them) in the seller's time zone. Pure
// functions of their inputs; a day's opening and closing instants are remembered, so a clock
// costs a few look-ups even over a weekend.
import { japaneseHoliday } from './jp-holidays'
import { dayLengthOf, minutesOf, type ResponseClocks } from './policies'
import { instantOf, isoDate, nextDate, wallTime, weekdayOf, type CivilDate } from './time-zone'

/** The calendar the business-time functions need: `ResponseClocks` without the policies. */
export type WorkingWeek = Pick<ResponseClocks, 'hours' | 'timeZone' | 'observeJapaneseHolidays'>

/** Far enough for any policy (a year of closed days is a setting error, not a plan). */
const MAX_DAYS = 400

export function isBusinessDay(date: CivilDate, week: WorkingWeek): boolean {
  if (!week.hours.days.includes(weekdayOf(date))) return false
  return !(week.observeJapaneseHolidays && japaneseHoliday(date) !== undefined)
}

const windows = new Map<string, readonly [number, number]>()

/** The instants the shop opens and closes on `date` (whether or not it is a business day). */
function windowOf(date: CivilDate, week: WorkingWeek): readonly [number, number] {
  const key = `${week.timeZone}|${isoDate(date)}|${week.hours.start}|${week.hours.end}`
  let w = windows.get(key)
  if (!w) {
    w = [
      instantOf(date, minutesOf(week.hours.start) ?? 0, week.timeZone),
      instantOf(date, minutesOf(week.hours.end) ?? 0, week.timeZone),
    ]
    if (windows.size > 50_000) windows.clear()
    windows.set(key, w)
  }
  return w
}

function dateAt(instant: number, zone: string): CivilDate {
  const w = wallTime(instant, zone)
  return { year: w.year, month: w.month, day: w.day }
}

/** Whether the week has any open time at all (some day, with closing after opening). */
function hasOpenTime(week: WorkingWeek): boolean {
  return week.hours.days.length > 0 && dayLengthOf(week.hours) > 0
}

/**
 * The instant `minutes` of business time after `from`. A clock started while the shop is shut
 * starts counting at the next opening. A week with no open time counts calendar time instead,
 * so a clock always runs out somewhere.
 */
export function addBusinessMinutes(from: number, minutes: number, week: WorkingWeek): number {
  if (!hasOpenTime(week)) return from + minutes * 60_000
  let left = minutes * 60_000
  let date = dateAt(from, week.timeZone)
  for (let i = 0; i < MAX_DAYS; i++, date = nextDate(date)) {
    if (!isBusinessDay(date, week)) continue
    const [open, close] = windowOf(date, week)
    const start = Math.max(from, open)
    if (start >= close) continue
    if (left === 0) return start
    if (start + left <= close) return start + left
    left -= close - start
  }
  // Only reached when every open day for over a year is a holiday: count calendar time.
  return from + minutes * 60_000
}

/** Business time between two instants (ms), for showing how much of a clock is left. */
export function businessMillisBetween(from: number, to: number, week: WorkingWeek): number {
  if (to <= from) return 0
  if (!hasOpenTime(week)) return to - from
  let total = 0
  let date = dateAt(from, week.timeZone)
  for (let i = 0; i < MAX_DAYS; i++, date = nextDate(date)) {
    const [open, close] = windowOf(date, week)
    if (open >= to) break
    if (!isBusinessDay(date, week)) continue
    total += Math.max(0, Math.min(close, to) - Math.max(open, from))
  }
  return total
}

/**
 * The next business morning: the opening of the first business day after today, in the seller's
 * zone. "Tomorrow morning" for a snooze, except that Friday's tomorrow is Monday (or Tuesday after
 * a holiday Monday).
 */
export function nextBusinessMorning(now: number, week: WorkingWeek): number {
  let date = nextDate(dateAt(now, week.timeZone))
  if (week.hours.days.length === 0) return windowOf(date, week)[0]
  for (let i = 0; i < MAX_DAYS; i++, date = nextDate(date)) {
    if (isBusinessDay(date, week)) return windowOf(date, week)[0]
  }
  return windowOf(nextDate(dateAt(now, week.timeZone)), week)[0]
}
