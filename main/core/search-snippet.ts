// Where the matched search terms sit in a line of text, for the UI to mark them.
import { normaliseTerm } from './search-tokens'

export interface TextRange {
  start: number
  end: number
}

/**
 * Ranges of `text` where any of `terms` (already normalised) starts a match, merged and in
 * order. Text whose case folding changes its length (rare) is left unmarked rather than
 * marked in the wrong place.
 */
export function markTerms(text: string, terms: readonly string[]): TextRange[] {
  const folded = text.toLowerCase()
  if (folded.length !== text.length || terms.length === 0) return []
  const ranges: TextRange[] = []
  for (const term of new Set(terms.map(normaliseTerm))) {
    if (!term) continue
    for (let at = folded.indexOf(term); at >= 0; at = folded.indexOf(term, at + term.length)) {
      ranges.push({ start: at, end: at + term.length })
    }
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end)
  const merged: TextRange[] = []
  for (const r of ranges) {
    const last = merged[merged.length - 1]
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end)
    else merged.push({ ...r })
  }
  return merged
}
