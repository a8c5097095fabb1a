// The postings of the most common search terms, one bit per message. FlexSearch keeps a term's
// postings as a JavaScript array, 8 bytes per message; a word found in a third of 100,000
// messages ("order", "お願い", a shop's own name in every reply) costs 270 kB that way and 12.5 kB
// as a bitmap. At 100,000 messages the 350 terms of the text index found in more than one
// message in 64 held 19 MB of its 35 MB. The search index moves such terms here when it reads
// its files (engine/search-index.ts); everything else stays in FlexSearch.

/** Bits of a 32-bit word, as a shift. */
const SHIFT = 5
/** Bitmaps grow by at least an eighth, so a growing index reallocates them rarely. */
const GROWTH = 1.125

/**
 * Whether a term found in `count` of `total` messages takes less memory as a bitmap: an array
 * takes 8 bytes a message, a bitmap 1 bit per message there is. Rare terms of small indexes stay
 * arrays (`count` at least 32), so a term does not move for a handful of messages.
 */
export function bitmapPays(count: number, total: number): boolean {
  return count >= 32 && count * 64 > total
}

export class TermBitmaps {
  private readonly bitmaps = new Map<string, Uint32Array>()
  /** Length of every bitmap, in 32-bit words. */
  private words = 0

  get size(): number {
    return this.bitmaps.size
  }

  has(term: string): boolean {
    return this.bitmaps.has(term)
  }

  terms(): IterableIterator<string> {
    return this.bitmaps.keys()
  }

  /** Keeps `term` here from now on, holding `numbers` (message numbers, not negative). */
  adopt(term: string, numbers: readonly number[]): void {
    let max = -1
    for (const n of numbers) if (n > max) max = n
    this.fit(max)
    const bits = this.bitmaps.get(term) ?? new Uint32Array(this.words)
    for (const n of numbers) setBit(bits, n)
    this.bitmaps.set(term, bits)
  }

  /** Message `n` holds `term`, which must be one of those kept here. */
  add(term: string, n: number): void {
    this.fit(n)
    const bits = this.bitmaps.get(term)
    if (!bits) throw new Error(`not a bitmap term: ${term}`)
    setBit(bits, n)
  }

  /** Message `n` is gone from every term. */
  remove(n: number): void {
    const word = n >>> SHIFT
    if (word >= this.words) return
    const mask = ~(1 << (n & 31))
    for (const bits of this.bitmaps.values()) bits[word]! &= mask
  }

  /** The messages holding `term`, in ascending order; empty when it is not kept here. */
  numbers(term: string): number[] {
    const bits = this.bitmaps.get(term)
    return bits ? setBits(bits) : []
  }

  /**
   * Sets in `target` (a bitmap of message numbers, as `bitmapOf` makes) the messages holding
   * `term`; whether there were any.
   */
  orInto(term: string, target: Uint32Array): boolean {
    const bits = this.bitmaps.get(term)
    if (!bits) return false
    let any = 0
    const length = Math.min(bits.length, target.length)
    for (let w = 0; w < length; w++) {
      const word = bits[w]!
      target[w]! |= word
      any |= word
    }
    return any !== 0
  }

  /** Makes every bitmap long enough to hold message `n`. */
  private fit(n: number): void {
    const needed = (n >>> SHIFT) + 1
    if (n < 0 || needed <= this.words) return
    const words = this.words === 0 ? needed : Math.max(needed, Math.ceil(this.words * GROWTH))
    for (const [term, bits] of this.bitmaps) {
      const grown = new Uint32Array(words)
      grown.set(bits)
      this.bitmaps.set(term, grown)
    }
    this.words = words
  }
}

/** An empty bitmap for message numbers below `count`. */
export function bitmapOf(count: number): Uint32Array {
  return new Uint32Array((count + 31) >>> SHIFT)
}

/** Sets message `n` in `bits` (made by bitmapOf for a count above `n`). */
export function setBit(bits: Uint32Array, n: number): void {
  bits[n >>> SHIFT]! |= 1 << (n & 31)
}

/** The numbers set in `bits`, in ascending order. */
export function setBits(bits: Uint32Array): number[] {
  const out: number[] = []
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w]!
    while (word !== 0) {
      const low = word & -word
      out.push((w << SHIFT) + 31 - Math.clz32(low))
      word ^= low
    }
  }
  return out
}
