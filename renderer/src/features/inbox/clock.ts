// How urgent a response clock is: a pure function of when the answer is due and now.
// A 24-hour channel turns red with 4 hours left (DESIGN: a 20-hour-old Amazon question is red).

export type Urgency = 'late' | 'soon' | 'near' | 'calm'

const HOUR = 3_600_000

export function urgencyOf(dueAt: string, now: number): { left: number; urgency: Urgency } {
  const left = Date.parse(dueAt) - now
  const urgency: Urgency = left < 0 ? 'late' : left < 4 * HOUR ? 'soon' : left < 8 * HOUR ? 'near' : 'calm'
  return { left, urgency }
}
