// Days, weeks and hours on the seller's wall clock, for bucketing moments in reports. The zone's
// UTC offset is looked up once per quarter hour (offsets change only on quarter hours), so
// bucketing a hundred thousand messages costs a hundred thousand number look-ups.
import { offsetAt } from '../clocks/time-zone'

const DAY = 86_400_000
const QUARTER_HOUR = 900_000

export interface LocalBucket {
  /** Days since 1970-01-01 on the seller's calendar. */
  day: number
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number
  hour: number
}

/**
 * The seller's wall clock as a number (epoch ms shifted by the zone's offset) for one zone. The
 * offset is looked up once per UTC day when it is the same at both ends of the day (nearly
 * always: zones change at most twice a year), else per quarter hour.
 */
export function zoneClock(zone: string): (instant: number) => number {
  const days = new Map<number, number>()
  return (instant) => {
    const d = Math.floor(instant / DAY)
    let offset = days.get(d)
    if (offset === undefined) {
      const start = offsetAt(d * DAY, zone)
      offset = start === offsetAt(d * DAY + DAY - QUARTER_HOUR, zone) ? start : NaN
      days.set(d, offset)
    }
    return instant + (Number.isNaN(offset) ? offsetAt(instant, zone) : offset)
  }
}

/** Days since 1970-01-01 of a wall-clock time from `zoneClock`. */
export const localDay = (local: number) => Math.floor(local / DAY)
/** 0 = Sunday … 6 = Saturday. */
export const weekdayOfDay = (day: number) => (((day + 4) % 7) + 7) % 7
/** The hour (0–23) of a wall-clock time from `zoneClock`. */
export const localHour = (local: number) => Math.floor((local - localDay(local) * DAY) / 3_600_000)

/** A bucketing function for one zone: the day, weekday and hour of a moment on its clocks. */
export function zoneBuckets(zone: string): (instant: number) => LocalBucket {
  const clock = zoneClock(zone)
  return (instant) => {
    const local = clock(instant)
    const day = localDay(local)
    return { day, weekday: weekdayOfDay(day), hour: localHour(local) }
  }
}

/** The Monday (as a day number) of the week holding `day`: weeks run Monday to Sunday. */
export function weekOf(day: number): number {
  return day - ((weekdayOfDay(day) + 6) % 7)
}

/** A day number as "YYYY-MM-DD". */
export function dayName(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10)
}
