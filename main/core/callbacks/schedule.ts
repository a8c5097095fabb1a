// When callbacks are due: the callback list grouped into overdue, due today and upcoming, and
// the moments a callback can be moved to (snooze an hour, tomorrow morning, the next business
// day, next week), all on the seller's wall clock for a given `now` and time zone.
import type { IsoTime, Reminder } from '../model'
import { addDays, instantAt, localTime, weekdayOf, type LocalDay } from './local-time'

/** Calls are planned for the morning, when people are in: 9:00 on the seller's clock. */
export const MORNING_HOUR = 9

export interface CallbackGroups<T> {
  /** Due before now, oldest first: the ones to make first. */
  overdue: T[]
  /** Due later today, soonest first. */
  today: T[]
  /** Due after today, soonest first. */
  upcoming: T[]
}

/** Open callbacks (not done) by when they are due, for `now` in `zone`. */
export function groupCallbacks<T extends Pick<Reminder, 'dueAt' | 'done'>>(
  reminders: Iterable<T>,
  now: Date,
  zone: string,
): CallbackGroups<T> {
  const groups: CallbackGroups<T> = { overdue: [], today: [], upcoming: [] }
  const today = localTime(now.getTime(), zone)
  const endOfToday = instantAt(addDays(today, 1), 0, 0, zone)
  for (const r of reminders) {
    if (r.done) continue
    const due = Date.parse(r.dueAt)
    if (due <= now.getTime()) groups.overdue.push(r)
    else if (due < endOfToday) groups.today.push(r)
    else groups.upcoming.push(r)
  }
  for (const list of Object.values(groups) as T[][]) list.sort((a, b) => a.dueAt.localeCompare(b.dueAt))
  return groups
}

/**
 * Where a callback can be moved with one key: `hour` is a snooze (an hour from now), the
 * others are reschedules to a planned moment.
 */
export const RESCHEDULE_CHOICES = ['hour', 'laterToday', 'tomorrowMorning', 'nextBusinessDay', 'nextWeek'] as const
export type RescheduleChoice = (typeof RESCHEDULE_CHOICES)[number]

const HOUR = 3_600_000
const QUARTER = 15 * 60_000

/** The moment a choice stands for, from `now` in `zone`. */
export function rescheduleTo(choice: RescheduleChoice, now: Date, zone: string): IsoTime {
  const t = now.getTime()
  const today = localTime(t, zone)
  switch (choice) {
    case 'hour':
      return new Date(t + HOUR).toISOString()
    case 'laterToday':
      // Three hours on, on the quarter hour: a moment a person would say.
      return new Date(Math.ceil((t + 3 * HOUR) / QUARTER) * QUARTER).toISOString()
    case 'tomorrowMorning':
      return morningOf(addDays(today, 1), zone)
    case 'nextBusinessDay':
      return morningOf(nextBusinessDay(today), zone)
    case 'nextWeek': {
      // Monday of next week (a week on when today is Monday).
      const toMonday = (8 - today.weekday) % 7 || 7
      return morningOf(addDays(today, toMonday), zone)
    }
  }
}

function morningOf(day: LocalDay, zone: string): IsoTime {
  return new Date(instantAt(day, MORNING_HOUR, 0, zone)).toISOString()
}

/**
 * The business day after `day`. Weekends only for now: core/clocks knows the seller's business
 * hours and Japanese holidays, and this is the one place to ask it once that settles.
 */
export function nextBusinessDay(day: LocalDay): LocalDay {
  let next = addDays(day, 1)
  while (weekdayOf(next) === 0 || weekdayOf(next) === 6) next = addDays(next, 1)
  return next
}
