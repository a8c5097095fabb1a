import { describe, expect, it } from 'vitest'
import { markTerms } from '../../main/core/search-snippet'
import { BODY_CHARS, messageTerms, searchTerms, segmentWords } from '../../main/core/search-tokens'
import { generateDemo } from '../../main/demo/generate'

/** What ICU's segmenter alone makes of `text`: the plain-ASCII shortcut must give the same. */
const byIcu = (text: string) => segmentWords(text.normalize('NFKC'))

/**
 * `count` texts of 1 to `most` pieces drawn from `pieces`, from a small seeded generator, so a
 * failure is the same every run.
 */
function* randomTexts(seed: number, count: number, most: number, pieces: ArrayLike<string>): Generator<string> {
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
    return seed / 2 ** 31
  }
  for (let i = 0; i < count; i++) {
    let text = ''
    for (let n = 1 + Math.floor(next() * most); n > 0; n--) text += pieces[Math.floor(next() * pieces.length)]
    yield text
  }
}

/** Pieces of text that meet at every kind of boundary: accents, combining marks, Japanese, odd spaces, emoji. */
const MIXED = [
  'café',
  'Zürich',
  'e\u0301',
  '\u0301',
  '配送が遅れて',
  'ご注文',
  'ｶﾀｶﾅ',
  '１２３',
  '’',
  '“ok”',
  '😀',
  '👩\u200d💻',
  '\u00a0',
  '\u3000',
  ' ',
  '\n',
  'aiko.tanaka',
  "don't",
  '1,000.50',
  '249-1234567',
  '_',
  'x',
  '.',
]

describe('search terms', () => {
  it('segments Japanese into words, dropping particles', () => {
    expect(searchTerms('配送が遅れています')).toEqual(expect.arrayContaining(['配送', '遅れ']))
    expect(searchTerms('配送が遅れています')).not.toContain('が')
  })

  it('finds the same words in a query as in the text it should match', () => {
    const text = new Set(searchTerms('ご注文の商品の配送が遅れておりまして、申し訳ございません。'))
    for (const term of searchTerms('配送が遅れて')) expect(text).toContain(term)
  })

  it('splits English on spaces and punctuation, case-folded, without stop words', () => {
    expect(searchTerms('The Hagi-yaki TEAPOT arrived broken!')).toEqual(['hagi', 'yaki', 'teapot', 'arrived', 'broken'])
  })

  it('keeps an address whole and in parts', () => {
    expect(searchTerms('aiko.tanaka@example.com')).toEqual(
      expect.arrayContaining(['aiko.tanaka', 'aiko', 'tanaka', 'example.com', 'example']),
    )
  })

  it('folds full-width letters and digits to plain ones', () => {
    expect(searchTerms('ＡＢＣ１２３')).toEqual(['abc123'])
  })

  it('splits plain ASCII exactly as ICU does, on every tricky character', () => {
    // Word boundaries are decided by letters, digits, `_` and the characters allowed between
    // them (. ' : , ;); the rest end a word. Random strings over those find any difference.
    const alphabet = 'ab9_ab9_ab9_ .,;:\'"-@/!?\t\n\r()#$%&*+=<>[]\\^`{|}~\x00\x7f'
    for (const text of randomTexts(7, 20_000, 12, alphabet))
      expect(searchTerms(text), JSON.stringify(text)).toEqual(byIcu(text))
  })

  it('gives what ICU gives for text mixing ASCII with accents, Japanese, odd spaces and emoji', () => {
    for (const text of randomTexts(11, 5_000, 8, MIXED))
      expect(searchTerms(text), JSON.stringify(text)).toEqual(byIcu(text))
  })

  it('gives what ICU gives for realistic mail in English and Japanese', () => {
    const { messages } = generateDemo({ now: new Date('2026-11-01T00:00:00Z'), messages: 300 })
    for (const m of messages) expect(searchTerms(m.raw)).toEqual(byIcu(m.raw))
  })

  it('gives for a subject, a name and a body in turn what it gives for them joined by line breaks', () => {
    // The index joins the terms the parsing thread worked out for subject and body with the
    // customer's name between them; they must be the terms of the text it keeps and replays.
    const texts = [...randomTexts(13, 6_000, 8, MIXED)]
    for (let i = 0; i + 2 < texts.length; i += 3) {
      const [subject, name, body] = [texts[i]!, texts[i + 1]!, texts[i + 2]!]
      const { subject: s, body: b } = messageTerms(subject, body)
      expect([...s, ...searchTerms(name), ...b], JSON.stringify([subject, name, body])).toEqual(
        searchTerms(`${subject}\n${name}\n${body}`),
      )
    }
  })

  it('takes the terms of only the start of a long body', () => {
    const body = `${'配送が遅れています。'.repeat(BODY_CHARS / 10)}最後の言葉`
    expect(messageTerms('Re: 配送', body).body).toEqual(searchTerms(body.slice(0, BODY_CHARS)))
    expect(messageTerms('Re: 配送', body).body).not.toContain('言葉')
  })
})

describe('marked terms', () => {
  it('marks every occurrence, case-insensitively, merged where they overlap', () => {
    expect(markTerms('Teapot and teapots', ['teapot', 'tea'])).toEqual([
      { start: 0, end: 6 },
      { start: 11, end: 17 },
    ])
  })

  it('marks Japanese words', () => {
    expect(markTerms('配送が遅れています', ['配送', '遅れ'])).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 5 },
    ])
  })
})
