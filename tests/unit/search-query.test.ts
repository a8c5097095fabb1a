import { describe, expect, it } from 'vitest'
import { isEmptyQuery, parseSearchQuery, SearchQueryError } from '../../main/core/search-query'

function refusal(input: string): SearchQueryError {
  try {
    parseSearchQuery(input)
  } catch (err) {
    if (err instanceof SearchQueryError) return err
    throw err
  }
  throw new Error(`${input} was accepted`)
}

describe('search query', () => {
  it('keeps free words as text and takes the filters out', () => {
    expect(
      parseSearchQuery(
        'broken teapot from:aiko@example.com channel:amazon is:unread after:2026-03-01 before:2026-04-01',
      ),
    ).toEqual({
      text: 'broken teapot',
      filters: {
        from: 'aiko@example.com',
        channel: ['amazon'],
        unread: true,
        after: '2026-03-01',
        before: '2026-04-01',
      },
    })
  })

  it('reads quoted filter values and order numbers', () => {
    expect(parseSearchQuery('from:"Aiko Tanaka" order:249-1234567-1234567 is:open 配送')).toEqual({
      text: '配送',
      filters: { from: 'Aiko Tanaka', order: '249-1234567-1234567', open: true },
    })
  })

  it('leaves words that only look like filters as text', () => {
    expect(parseSearchQuery('Re: https://example.com/x note:later')).toEqual({
      text: 'Re: https://example.com/x note:later',
      filters: {},
    })
  })

  it('accepts several channels and filter names in any case', () => {
    expect(parseSearchQuery('Channel:eBay channel:rakuten').filters.channel).toEqual(['ebay', 'rakuten'])
  })

  it('says which filter is wrong and what it expects for a date that is not YYYY-MM-DD', () => {
    const err = refusal('teapot before:yesterdayish')
    expect(err.filter).toBe('before')
    expect(err.message).toContain('before:yesterdayish')
    expect(err.message).toContain('YYYY-MM-DD')
  })

  it('refuses a day that does not exist', () => {
    expect(refusal('after:2026-02-30').filter).toBe('after')
  })

  it('lists the channels it knows when given another', () => {
    const err = refusal('channel:fax')
    expect(err.filter).toBe('channel')
    expect(err.message).toContain('amazon')
  })

  it('lists what is: can be', () => {
    expect(refusal('is:starred').message).toContain('is:unread or is:open')
  })

  it('refuses an empty filter value', () => {
    expect(refusal('from: teapot').filter).toBe('from')
    expect(refusal('order:').filter).toBe('order')
  })

  it('knows when nothing is asked', () => {
    expect(isEmptyQuery(parseSearchQuery('   '))).toBe(true)
    expect(isEmptyQuery(parseSearchQuery('is:unread'))).toBe(false)
  })
})
