// Summary statistics of durations. Kept apart so the reports and their tests agree on one
// definition of the median and of a percentile.

/** The middle value (the mean of the two middle ones for an even count); undefined when empty. */
export function median(values: readonly number[]): number | undefined {
  return medianOfSorted(sorted(values))
}

/**
 * The p-th percentile by the nearest-rank method: the smallest value with at least p% of the
 * values at or below it (the 90th of 1…10 is 9; of 1…20 it is 18). Always one of the values.
 */
export function percentile(values: readonly number[], p: number): number | undefined {
  return percentileOfSorted(sorted(values), p)
}

/** The values in ascending order, as numbers (a typed array sorts numerically, and fast). */
export function sorted(values: readonly number[]): Float64Array {
  return Float64Array.from(values).sort()
}

/** `median` of values already `sorted`. */
export function medianOfSorted(s: Float64Array): number | undefined {
  if (s.length === 0) return undefined
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** `percentile` of values already `sorted`. */
export function percentileOfSorted(s: Float64Array, p: number): number | undefined {
  if (s.length === 0) return undefined
  return s[Math.max(1, Math.ceil((p / 100) * s.length)) - 1]
}
