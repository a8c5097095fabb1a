// When a snooze can end, offered as a short list: a pure function of the local time now.
// Mornings are 9:00 and evenings 18:00 in the seller's own time zone.

export type SnoozeChoice = 'later' | 'evening' | 'tomorrow' | 'twoDays' | 'nextWeek'

export interface SnoozeOption {
  choice: SnoozeChoice
  until: Date
}

const MORNING = 9
const EVENING = 18

function at(day: Date, hour: number, addDays = 0): Date {
  const d = new Date(day)
  d.setDate(d.getDate() + addDays)
  d.setHours(hour, 0, 0, 0)
  return d
}

export function snoozeOptions(now: Date): SnoozeOption[] {
  // Three hours on, rounded up to the quarter hour.
  const later = new Date(now.getTime() + 3 * 3_600_000)
  later.setMinutes(Math.ceil(later.getMinutes() / 15) * 15, 0, 0)
  const options: SnoozeOption[] = [{ choice: 'later', until: later }]
  // This evening only when it comes after "later" (else it adds nothing).
  const evening = at(now, EVENING)
  if (evening.getTime() > later.getTime()) {
    options.push({ choice: 'evening', until: evening })
  }
  options.push({ choice: 'tomorrow', until: at(now, MORNING, 1) })
  options.push({ choice: 'twoDays', until: at(now, MORNING, 2) })
  // Next Monday (a week on when today is Monday).
  const toMonday = (8 - now.getDay()) % 7 || 7
  options.push({ choice: 'nextWeek', until: at(now, MORNING, toMonday) })
  return options
}
