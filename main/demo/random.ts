// A small seeded random source for the demo generator. Every choice the generator makes
// goes through one of these, so a seed and a clock reproduce the same workspace.

export class Rng {
  private state: number

  constructor(seed: number) {
    // splitmix-style scramble so that neighbouring seeds (1, 2, 3…) start far apart.
    let s = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0
    s = Math.imul(s ^ (s >>> 16), 0x85ebca6b) >>> 0
    s = Math.imul(s ^ (s >>> 13), 0xc2b2ae35) >>> 0
    this.state = (s ^ (s >>> 16)) >>> 0
  }

  /** Uniform in [0, 1). mulberry32: fast, 32-bit state, plenty for demo data. */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** Integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** Real number in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min)
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list')
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string | number>(weights: readonly (readonly [K, number])[]): K {
    let total = 0
    for (const [, w] of weights) total += w
    let r = this.next() * total
    for (const [k, w] of weights) {
      r -= w
      if (r < 0) return k
    }
    const last = weights[weights.length - 1]
    if (!last) throw new RangeError('weighted pick from an empty list')
    return last[0]
  }

  /** `n` random characters from `alphabet`. */
  chars(n: number, alphabet: string): string {
    let s = ''
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.next() * alphabet.length)]
    return s
  }

  digits(n: number): string {
    return this.chars(n, '0123456789')
  }
}
