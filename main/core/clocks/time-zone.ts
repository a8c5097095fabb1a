// Wall-clock time in a seller's IANA time zone, from the platform's own time-zone database
// (Intl), so daylight-saving changes are right wherever they apply. Pure: no clock is read here.

/** A moment as a clock on the wall in one zone shows it. `month` 1–12, `weekday` 0 = Sunday. */
export interface WallTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  weekday: number
}

/** A calendar day, as `YYYY-MM-DD` parts. */
export interface CivilDate {
  year: number
  month: number
  day: number
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const offsets = new Map<string, number>()
/** UTC offsets change only on quarter hours (every zone in use). */
const QUARTER_HOUR = 15 * 60_000
const DAY = 24 * 3_600_000

/** Whether `zone` names a time zone this platform knows ("Asia/Tokyo", "UTC"). */
export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone)
    return true
  } catch {
    return false
  }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(zone, f)
  }
  return f
}

/** How far the zone's wall clock is ahead of UTC at `instant` (ms; negative west of Greenwich). */
export function offsetAt(instant: number, zone: string): number {
  // Most UTC days have one offset throughout: one look-up (two Intl calls) serves the whole day.
  const day = Math.floor(instant / DAY) * DAY
  const dayKey = `${zone}|d${day}`
  let whole = offsets.get(dayKey)
  if (whole === undefined) {
    const start = rawOffset(day, zone)
    whole = start === rawOffset(day + DAY, zone) ? start : NaN
    remember(dayKey, whole)
  }
  if (!Number.isNaN(whole)) return whole
  // The day of a change: by quarter hour, the finest step any zone changes by.
  const bucket = Math.floor(instant / QUARTER_HOUR) * QUARTER_HOUR
  const key = `${zone}|${bucket}`
  let offset = offsets.get(key)
  if (offset === undefined) remember(key, (offset = rawOffset(bucket, zone)))
  return offset
}

function rawOffset(instant: number, zone: string): number {
  const parts: Record<string, number> = {}
  for (const p of formatter(zone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value)
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!)
  return wall - Math.floor(instant / 1000) * 1000
}

function remember(key: string, offset: number): void {
  // A workspace's clocks touch a few thousand days; keep the memo from growing forever.
  if (offsets.size > 100_000) offsets.clear()
  offsets.set(key, offset)
}

/** The wall clock in `zone` at `instant`. */
export function wallTime(instant: number, zone: string): WallTime {
  const d = new Date(instant + offsetAt(instant, zone))
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  }
}

/**
 * The instant the wall clock in `zone` shows `date` at `minutes` past midnight. A time skipped
 * by a daylight-saving change (02:30 on a spring-forward night) comes out an hour later; a time
 * shown twice (autumn) is its first showing.
 */
export function instantOf(date: CivilDate, minutes: number, zone: string): number {
  const local = Date.UTC(date.year, date.month - 1, date.day) + minutes * 60_000
  // The offsets in force a day either side: every zone changes at most once in that span.
  const candidates = [offsetAt(local - DAY, zone), offsetAt(local + DAY, zone)].map((o) => local - o)
  const shown = candidates.filter((t) => local - offsetAt(t, zone) === t)
  return shown.length > 0 ? Math.min(...shown) : Math.max(...candidates)
}

/** The day after `date` (plain calendar arithmetic). */
export function nextDate(date: CivilDate): CivilDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + 1))
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: CivilDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()
}

export function isoDate(date: CivilDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`
}
