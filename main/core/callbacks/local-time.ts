// Wall-clock time in the seller's time zone, for planning calls ("tomorrow at 9:00" means 9:00
// where the seller is, across daylight-saving changes). Pure: Intl only, no clock of its own.

/** A calendar day and time on the seller's wall clock. Month is 1–12; weekday 0 = Sunday. */
export interface LocalTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  weekday: number
}

/** A calendar day, without a time. */
export interface LocalDay {
  year: number
  month: number
  day: number
}

const formats = new Map<string, Intl.DateTimeFormat>()

function formatIn(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
    formats.set(zone, f)
  }
  return f
}

export function localTime(instant: number, zone: string): LocalTime {
  const parts: Record<string, number> = {}
  for (const p of formatIn(zone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  }
  const day = { year: parts.year!, month: parts.month!, day: parts.day! }
  return { ...day, hour: parts.hour! % 24, minute: parts.minute!, weekday: weekdayOf(day) }
}

/** The instant a wall-clock time in `zone` stands for (a time skipped by DST moves forward). */
export function instantAt(day: LocalDay, hour: number, minute: number, zone: string): number {
  const wall = Date.UTC(day.year, day.month - 1, day.day, hour, minute)
  let instant = wall - offsetAt(wall, zone)
  // The offset at the guess may differ from the offset at the answer near a DST change.
  const second = wall - offsetAt(instant, zone)
  if (second !== instant) instant = second
  return instant
}

/** How far `zone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  const t = localTime(instant, zone)
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute)
  return wall - Math.floor(instant / 60_000) * 60_000
}

export function addDays(day: LocalDay, days: number): LocalDay {
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day + days))
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

export function weekdayOf(day: LocalDay): number {
  return new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay()
}

/** "2026-11-30": sorts and compares like the days themselves. */
export function dayKey(day: LocalDay): string {
  return `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`
}

/** Whether `zone` is a time zone this platform knows. */
export function knownZone(zone: string): boolean {
  try {
    formatIn(zone)
    return true
  } catch {
    return false
  }
}
