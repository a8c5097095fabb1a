// Splits text into search terms, the same way for what is indexed and what is asked.
// Japanese has no spaces, so words come from ICU's dictionary segmenter (Intl.Segmenter 'ja'),
// which also splits English on spaces and punctuation: one tokenizer for mixed-language mail.
// Stretches of plain ASCII are split by a regular expression that gives what ICU gives for them
// (Unicode word boundaries, UAX #29, as ICU applies them), about 80 times faster on English text
// and 1.6 times on the demo's mix with Japanese: the segmenter was the biggest single cost of
// indexing a first sync.

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

/**
 * A word of ASCII letters, digits and `_`. Inside it, `.`, `'` or `:` may stand between two
 * letters ("aiko.tanaka", "don't"); `.`, `,`, `;` or `'` between two digits ("1,000.50").
 * Anything else ends the word. ICU counts a lone `_` as no word (and `__` as one): see `take`.
 */
const ASCII_WORD = /[A-Za-z0-9_]+(?:(?:(?<=[A-Za-z])['.:](?=[A-Za-z])|(?<=[0-9])[.,;'](?=[0-9]))[A-Za-z0-9_]+)*/g
/** A run of text between whitespace: word boundaries never join across whitespace. */
const CHUNK = /\S+/g
const NON_ASCII = /[^\p{ASCII}]/u

/** The search terms of `text`, in order, with repeats (the index counts them). */
export function searchTerms(text: string): string[] {
  const out: string[] = []
  const t = text.normalize('NFKC')
  // Chunks with a letter beyond ASCII ("café", "配送が") go to ICU, neighbours together, so a
  // Japanese sentence is one call; ASCII chunks between them are split here.
  let icuFrom = -1
  let icuTo = -1
  for (const chunk of t.matchAll(CHUNK)) {
    const at = chunk.index
    const s = chunk[0]
    if (NON_ASCII.test(s)) {
      if (icuFrom < 0) icuFrom = at
      icuTo = at + s.length
      continue
    }
    if (icuFrom >= 0) {
      segmentWords(t.slice(icuFrom, icuTo), out)
      icuFrom = -1
    }
    for (const word of s.matchAll(ASCII_WORD)) if (word[0] !== '_') take(word[0].toLowerCase(), out)
  }
  if (icuFrom >= 0) segmentWords(t.slice(icuFrom, icuTo), out)
  return out
}

/** Only the start of a body is indexed: what a seller searches for is near the top. */
export const BODY_CHARS = 2000

/**
 * The terms of a message's subject and of the start of its body, worked out where the message
 * is parsed: during a sync that is the parsing thread, so the engine's main thread, which also
 * answers the seller, does not segment Japanese text (ICU's segmenter was about 0.8 s of it per
 * 10,000 demo messages). The index puts the customer's name between them, as it indexes
 * `subject\nname\nbody`: a line break is a word boundary, so the terms of the parts in turn are
 * the terms of the whole (tested).
 */
export interface MessageTerms {
  subject: string[]
  body: string[]
}

export function messageTerms(subject: string, text: string): MessageTerms {
  return {
    subject: searchTerms(subject),
    body: searchTerms(text.length > BODY_CHARS ? text.slice(0, BODY_CHARS) : text),
  }
}

/** The words of `text` by ICU's segmenter alone. */
export function segmentWords(text: string, out: string[] = []): string[] {
  for (const s of segmenter.segment(text)) if (s.isWordLike) take(s.segment.toLowerCase(), out)
  return out
}

function take(word: string, out: string[]): void {
  if (!STOP_WORDS.has(word) && !SHORT_HIRAGANA.test(word)) out.push(word)
  if (JOINERS.test(word)) {
    for (const part of word.split(JOINERS)) if (part && part !== word && !STOP_WORDS.has(part)) out.push(part)
  }
}
