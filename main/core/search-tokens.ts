// Splits text into search terms, the same way for what is indexed and what is asked.
// Japanese has no spaces, so words come from ICU's dictionary segmenter (Intl.Segmenter 'ja'),
// which also splits English on spaces and punctuation: one tokenizer for mixed-language mail.

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' })

/**
 * Words too common to find anything with. They are dropped from the index and from queries
 * alike: they are the longest posting lists (memory) and make no difference to what matches.
 * Japanese particles and inflection endings are short runs of hiragana (が, の, てい, ます…).
 */
const STOP_WORDS = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'i', 'if', 'in', 'is', 'it', 'me', 'my',
  'of', 'on', 'or', 'so', 'that', 'the', 'this', 'to', 'was', 'we', 'with', 'you', 'your',
]) // prettier-ignore
const SHORT_HIRAGANA = /^[\u3041-\u309f]{1,2}$/u
/** Joiners inside one word-like segment ("aiko.tanaka", "hagi-yaki"): also indexed as parts. */
const JOINERS = /[._\-+']/

/** Full-width letters and digits become plain ones, half-width katakana full-width, case folded. */
export function normaliseTerm(term: string): string {
  return term.normalize('NFKC').toLowerCase()
}

/** The search terms of `text`, in order, with repeats (the index counts them). */
export function searchTerms(text: string): string[] {
  const out: string[] = []
  for (const s of segmenter.segment(text.normalize('NFKC'))) {
    if (!s.isWordLike) continue
    const word = s.segment.toLowerCase()
    if (!STOP_WORDS.has(word) && !SHORT_HIRAGANA.test(word)) out.push(word)
    if (JOINERS.test(word)) {
      for (const part of word.split(JOINERS)) if (part && part !== word && !STOP_WORDS.has(part)) out.push(part)
    }
  }
  return out
}
