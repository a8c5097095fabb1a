import { describe, expect, it } from 'vitest'
import { Rng } from '../../main/demo/random'
import { RecordGroups } from '../../main/store/record-groups'

interface Rec {
  id: string
  customerId: string
}

/** A document's record map and its change notices, as JsonDocument gives them. */
function doc() {
  const listeners: ((path: readonly string[]) => void)[] = []
  const data: { records: Record<string, Rec> } = { records: {} }
  return {
    data,
    onChange: (l: (path: readonly string[]) => void) => void listeners.push(l),
    changed: (...path: string[]) => listeners.forEach((l) => l(path)),
  }
}

describe('record groups', () => {
  it('group records as a scan of the map would, through adds, moves, deletes and reloads', () => {
    const rng = new Rng(11)
    const next = () => rng.next()
    const d = doc()
    const groups = new RecordGroups<Rec>(
      d,
      'records',
      () => d.data.records,
      (r) => r.customerId,
    )
    const customers = Array.from({ length: 12 }, (_, i) => `cus_${i}`)
    const pick = () => customers[Math.floor(next() * customers.length)]!
    /** The group of `key` holds what a scan of the whole map finds. */
    const check = (key: string) =>
      expect(
        groups
          .of(key)
          .map((c) => c.id)
          .sort(),
      ).toEqual(
        Object.values(d.data.records)
          .filter((r) => r.customerId === key)
          .map((r) => r.id)
          .sort(),
      )
    for (let step = 0; step < 3000; step++) {
      const r = next()
      const id = `cnv_${Math.floor(next() * 60)}`
      if (r < 0.45) {
        // Added or moved to another customer (a merge, a split): notice before or after, both happen.
        const before = next() < 0.5
        if (before) d.changed('records', id)
        d.data.records[id] = { id, customerId: pick() }
        if (!before) d.changed('records', id)
      } else if (r < 0.55) {
        delete d.data.records[id]
        d.changed('records', id)
      } else if (r < 0.57) {
        // A reload: a new map, the same records.
        d.data.records = structuredClone(d.data.records)
        d.changed()
      } else check(pick())
    }
    for (const key of customers) check(key)
  })
})
