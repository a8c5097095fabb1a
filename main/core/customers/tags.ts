// Tags as the inbox filters by them. Tags are stored as the seller (or a rule) typed them, and
// "VIP" and "vip" name the same group: matching and counting fold case, so a filter never
// misses a customer because a rule wrote the tag in another case.
import type { Customer } from '../model'

/** One tag in use: as first written (most used spelling wins) and how many customers have it. */
export interface TagCount {
  tag: string
  customers: number
}

/** The key two spellings of one tag share. */
export function tagKey(tag: string): string {
  return tag.trim().toLocaleLowerCase('en')
}

export function hasTag(customer: Customer, tag: string): boolean {
  const key = tagKey(tag)
  return customer.tags.some((t) => tagKey(t) === key)
}

/** Every tag in use, with how many customers carry it; most used first, then by name. */
export function tagCounts(customers: Iterable<Customer>): TagCount[] {
  const byKey = new Map<string, { customers: number; spellings: Map<string, number> }>()
  for (const c of customers) {
    // A customer counts once per tag even if it holds two spellings of it.
    const seen = new Set<string>()
    for (const t of c.tags) {
      const key = tagKey(t)
      if (key === '' || seen.has(key)) continue
      seen.add(key)
      let entry = byKey.get(key)
      if (!entry) byKey.set(key, (entry = { customers: 0, spellings: new Map() }))
      entry.customers++
      entry.spellings.set(t.trim(), (entry.spellings.get(t.trim()) ?? 0) + 1)
    }
  }
  const counts: TagCount[] = []
  for (const { customers, spellings } of byKey.values()) {
    const tag = [...spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0]
    counts.push({ tag, customers })
  }
  return counts.sort((a, b) => b.customers - a.customers || a.tag.localeCompare(b.tag, 'en'))
}
