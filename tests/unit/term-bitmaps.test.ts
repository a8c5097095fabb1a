import { describe, expect, it } from 'vitest'
import { Rng } from '../../main/demo/random'
import { TermBitmaps, bitmapOf, bitmapPays, setBit, setBits } from '../../main/core/term-bitmaps'

describe('term bitmaps', () => {
  it('hold the same numbers as sets would, through adoption, growth and removal', () => {
    const rng = new Rng(7)
    const next = () => rng.next()
    const bitmaps = new TermBitmaps()
    const sets = new Map<string, Set<number>>()
    const terms = ['teapot', 'お願い', 'order', 'refund', '急須']
    for (const term of terms.slice(0, 3)) {
      const numbers = Array.from({ length: 40 }, () => Math.floor(next() * 100))
      bitmaps.adopt(term, numbers)
      sets.set(term, new Set(numbers))
    }
    let count = 100
    for (let step = 0; step < 5000; step++) {
      const r = next()
      if (r < 0.002 && sets.size < terms.length) {
        const term = terms[sets.size]!
        bitmaps.adopt(term, [])
        sets.set(term, new Set())
      } else if (r < 0.1) {
        const n = Math.floor(next() * count)
        bitmaps.remove(n)
        for (const set of sets.values()) set.delete(n)
      } else {
        // Numbers keep growing, past every length the bitmaps had: they grow with them.
        const n = count++
        for (const [term, set] of sets) {
          if (next() < 0.4) {
            bitmaps.add(term, n)
            set.add(n)
          }
        }
      }
    }
    expect(bitmaps.size).toBe(sets.size)
    for (const [term, set] of sets) expect(bitmaps.numbers(term)).toEqual([...set].sort((a, b) => a - b))
    // ORed into a bitmap of the count, with numbers already set there: the union of both.
    const [first, second] = [...sets.keys()] as [string, string]
    const target = bitmapOf(count)
    for (const n of [3, 77, count - 1]) setBit(target, n)
    expect(bitmaps.orInto(first, target)).toBe(sets.get(first)!.size > 0)
    expect(bitmaps.orInto(second, target)).toBe(sets.get(second)!.size > 0)
    expect(setBits(target)).toEqual(
      [...new Set([3, 77, count - 1, ...sets.get(first)!, ...sets.get(second)!])].sort((a, b) => a - b),
    )
    expect(bitmaps.orInto('absent', target)).toBe(false)
    expect(bitmaps.numbers('absent')).toEqual([])
    expect(() => bitmaps.add('absent', 3)).toThrow(/not a bitmap term/)
  })

  it('hold message numbers at the edges of their 32-bit words', () => {
    const bitmaps = new TermBitmaps()
    const numbers = [0, 1, 30, 31, 32, 33, 63, 64, 1023, 100_000]
    bitmaps.adopt('lid', numbers)
    expect(bitmaps.numbers('lid')).toEqual(numbers)
    bitmaps.remove(31)
    bitmaps.remove(2_000_000) // beyond every bitmap: nothing to clear
    expect(bitmaps.numbers('lid')).toEqual(numbers.filter((n) => n !== 31))
  })

  it('pay where a term is in more than one message in 64, and not for a handful', () => {
    expect(bitmapPays(1563, 100_000)).toBe(true)
    expect(bitmapPays(1562, 100_000)).toBe(false)
    expect(bitmapPays(31, 40)).toBe(false)
    expect(bitmapPays(32, 40)).toBe(true)
  })
})
