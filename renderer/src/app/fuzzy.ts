// Fuzzy matching for the command palette: the letters typed must appear in order; matches at the
// start of the text or of a word, and runs of consecutive letters, score higher. Works the same
// for Japanese (each kana or kanji is a letter) and is case- and width-insensitive.

/** NFKC folds full-width letters (ｓｗｉｔｃｈ) and half-width kana to their usual forms. */
function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase()
}

/** A score for `query` in `text`, higher is better, or null when it does not match. */
export function fuzzyScore(query: string, text: string): number | null {
  const q = [...fold(query).replace(/\s+/g, '')]
  if (q.length === 0) return 0
  const t = [...fold(text)]
  let score = 0
  let ti = 0
  let run = 0
  let first = -1
  for (const ch of q) {
    let found = -1
    for (let i = ti; i < t.length; i++) {
      if (t[i] === ch) {
        found = i
        break
      }
    }
    if (found < 0) return null
    if (first < 0) first = found
    const wordStart = found === 0 || /[\s\-_./:()（）・、]/.test(t[found - 1]!)
    run = found === ti && ti > 0 ? run + 1 : 0
    score += 1 + (wordStart ? 3 : 0) + run * 2
    ti = found + 1
  }
  // Earlier and tighter matches first.
  return score - first * 0.1 - (ti - first - q.length) * 0.05
}

/** The best score of `query` over several texts (a label in two languages, an id). */
export function bestScore(query: string, texts: readonly string[]): number | null {
  let best: number | null = null
  for (const text of texts) {
    const s = fuzzyScore(query, text)
    if (s !== null && (best === null || s > best)) best = s
  }
  return best
}
