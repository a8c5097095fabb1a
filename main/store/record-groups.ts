// A document's records grouped by one of their fields (conversations and orders by customer),
// kept up to date from the document's own change notices instead of being rebuilt: a record
// map of 30,000 entries takes about 20 ms just to list, too slow for opening a customer.
//
// Changes are taken lazily: a change names a record id, and the id is looked at again on the
// next question, so it does not matter whether `changed()` was called before or after the
// record was assigned. A change that names no record (a reload, a whole rewrite) regroups all.
import type { JsonDocument } from './json-document'

export class RecordGroups<T> {
  /** Group key → ids; undefined until first asked, and after a change to the whole map. */
  private groups: Map<string, Set<string>> | undefined
  private readonly keyOfId = new Map<string, string>()
  private readonly stale = new Set<string>()

  constructor(
    doc: Pick<JsonDocument<unknown>, 'onChange'>,
    /** The name of the record map in the document (`changed('conversations', id)`). */
    private readonly field: string,
    private readonly records: () => Readonly<Record<string, T>>,
    private readonly keyOf: (record: T) => string,
  ) {
    doc.onChange((path) => {
      if (!this.groups) return
      if (path.length === 0 || (path[0] === field && path.length === 1)) this.groups = undefined
      else if (path[0] === field) this.stale.add(path[1]!)
    })
  }

  /** The records whose key is `key`, in no particular order. */
  of(key: string): T[] {
    const groups = this.current()
    const ids = groups.get(key)
    if (!ids) return []
    const map = this.records()
    const out: T[] = []
    for (const id of ids) if (Object.hasOwn(map, id)) out.push(map[id]!)
    return out
  }

  private current(): Map<string, Set<string>> {
    const map = this.records()
    if (!this.groups) {
      this.groups = new Map()
      this.keyOfId.clear()
      this.stale.clear()
      for (const id in map) if (Object.hasOwn(map, id)) this.put(id, this.keyOf(map[id]!))
      return this.groups
    }
    for (const id of this.stale) {
      const before = this.keyOfId.get(id)
      const now = Object.hasOwn(map, id) ? this.keyOf(map[id]!) : undefined
      if (before === now) continue
      if (before !== undefined) {
        const ids = this.groups.get(before)
        ids?.delete(id)
        if (ids?.size === 0) this.groups.delete(before)
        this.keyOfId.delete(id)
      }
      if (now !== undefined) this.put(id, now)
    }
    this.stale.clear()
    return this.groups
  }

  private put(id: string, key: string): void {
    this.keyOfId.set(id, key)
    const ids = this.groups!.get(key)
    if (ids) ids.add(id)
    else this.groups!.set(key, new Set([id]))
  }
}
