// Which of a rule's words a message contains. Japanese is written without spaces, so a word is
// found anywhere in the text; both sides are NFKC-folded and lower-cased, so "ＲＥＦＵＮＤ",
// "Refund" and "refund" are one word, and half-width ｶﾀｶﾅ matches full-width カタカナ.
export function foldText(s: string): string {
  return s.normalize('NFKC').toLowerCase()
}

/** The words (as the rule spells them) found in `text`, in the rule's order. */
export function matchWords(words: readonly string[], text: string): string[] {
  const folded = foldText(text)
  return words.filter((w) => {
    const f = foldText(w.trim())
    return f !== '' && folded.includes(f)
  })
}
