// When a snooze can end, offered as a short list: a pure function of now and the seller's working
// week. Times are the seller's own: mornings are the shop's opening time, evenings its closing
// time, in the seller's time zone; "next business morning" skips weekends and closed days
// (Japanese holidays too, when observed). The last choice has no time: until the customer replies.
import {
  instantOf,
  minutesOf,
  nextBusinessMorning,
  nextDate,
  responseClocksOf,
  wallTime,
  type CivilDate,
  type WorkingWeek,
} from '../../../../preload/api'
import type { Settings } from '../../../../main/core/model'

export type SnoozeChoice = 'later' | 'evening' | 'businessMorning' | 'twoDays' | 'nextWeek' | 'reply'

/** A moment, or 'reply': back when the customer writes, whenever that is. */
export type SnoozeUntil = Date | 'reply'

export interface SnoozeOption {
  choice: SnoozeChoice
  until: SnoozeUntil
}

/** The working week the settings describe, counted in this computer's zone when they say "system". */
export function workingWeekOf(settings: Partial<Settings> | null): WorkingWeek {
  return responseClocksOf(settings ?? {}, Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')
}

export function snoozeOptions(now: Date, week: WorkingWeek): SnoozeOption[] {
  const zone = week.timeZone
  const morning = minutesOf(week.hours.start) ?? 9 * 60
  const evening = minutesOf(week.hours.end) ?? 18 * 60
  const wall = wallTime(now.getTime(), zone)
  const today: CivilDate = { year: wall.year, month: wall.month, day: wall.day }
  const inDays = (n: number): CivilDate => {
    let d = today
    for (let i = 0; i < n; i++) d = nextDate(d)
    return d
  }
  const at = (date: CivilDate, minutes: number) => new Date(instantOf(date, minutes, zone))

  // Three hours on, rounded up to the quarter hour.
  const later = new Date(Math.ceil((now.getTime() + 3 * 3_600_000) / 900_000) * 900_000)
  const options: SnoozeOption[] = [{ choice: 'later', until: later }]
  // This evening only when it comes after "later" (else it adds nothing).
  const tonight = at(today, evening)
  if (tonight.getTime() > later.getTime()) options.push({ choice: 'evening', until: tonight })
  options.push({ choice: 'businessMorning', until: new Date(nextBusinessMorning(now.getTime(), week)) })
  options.push({ choice: 'twoDays', until: at(inDays(2), morning) })
  // Next Monday (a week on when today is Monday).
  options.push({ choice: 'nextWeek', until: at(inDays((8 - wall.weekday) % 7 || 7), morning) })
  options.push({ choice: 'reply', until: 'reply' })
  return options
}

/**
 * A moment the seller typed ("2026-12-05T14:30", what <input type="datetime-local"> holds), read
 * as a wall time in the seller's zone; null when it is not one or is not in the future.
 */
export function typedSnooze(value: string, now: Date, week: WorkingWeek): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim())
  if (!m) return null
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number]
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null
  const date: CivilDate = { year, month, day }
  const at = instantOf(date, hour * 60 + minute, week.timeZone)
  // 31 February and friends roll over into March: refuse them rather than snooze to a surprise.
  const back = wallTime(at, week.timeZone)
  if (back.day !== day || back.month !== month) return null
  return at > now.getTime() ? new Date(at) : null
}
