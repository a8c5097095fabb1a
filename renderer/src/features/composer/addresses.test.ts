import { describe, expect, it } from 'vitest'
import { formatAddressList, looksLikeAddress, parseAddressList } from './addresses'

describe('recipients as typed', () => {
  it('reads names, bare addresses and quoted names with commas', () => {
    expect(parseAddressList('Jane Doe <jane@example.com>, sato@example.jp; "Doe, John" <john@example.com>')).toEqual([
      { name: 'Jane Doe', address: 'jane@example.com' },
      { address: 'sato@example.jp' },
      { name: 'Doe, John', address: 'john@example.com' },
    ])
  })

  it('takes Japanese commas and names', () => {
    expect(parseAddressList('岡本 典子 <okamoto@example.jp>、 yamada@example.jp')).toEqual([
      { name: '岡本 典子', address: 'okamoto@example.jp' },
      { address: 'yamada@example.jp' },
    ])
  })

  it('writes back what it reads', () => {
    const list = [
      { name: 'Doe, John', address: 'john@example.com' },
      { name: '岡本 典子 - Amazonマーケットプレイス', address: 'x@marketplace.amazon.co.jp' },
      { address: 'a@b.example' },
    ]
    expect(parseAddressList(formatAddressList(list))).toEqual(list)
  })

  it('tells an address from a typo', () => {
    expect(looksLikeAddress('gtqipb2chm8z8h8@marketplace.amazon.co.jp')).toBe(true)
    expect(looksLikeAddress('jane@example')).toBe(false)
    expect(looksLikeAddress('jane example.com')).toBe(false)
  })
})
