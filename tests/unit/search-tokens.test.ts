import { describe, expect, it } from 'vitest'
import { markTerms } from '../../main/core/search-snippet'
import { searchTerms } from '../../main/core/search-tokens'

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
