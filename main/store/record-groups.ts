// A document's records grouped by one of their fields (conversations and orders by customer),
// kept up to date from the document's own change notices instead of being rebuilt: a record
// map of 30,000 entries takes about 20 ms just to list, too slow for opening a customer.
//
// Changes are taken lazily: a change names a record id, and the id is looked at again on the
// next question, so it does not matter whether `changed()` was called before or after the
// record was assigned. A change that names no record (a reload, a whole rewrite) regroups all.
import type { JsonDocument } from './json-document'

export class RecordGroups<T> {
  /**
   * Group key → ids; undefined until first asked, and after a change to the whole map. A group
   * may still list an id whose record has left it (changed its key, or is gone): `of` checks
   * each record's key and drops those. A small array per key, not a set, and no map back from
   * id to key: at 30,000 records, conversations and orders grouped that way held 11 MB.
   */
  private groups: Map<string, string[]> | undefined
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
    const kept: string[] = []
    for (const id of ids) {
      if (!Object.hasOwn(map, id)) continue
      const record = map[id]!
      if (this.keyOf(record) !== key) continue
      out.push(record)
      kept.push(id)
    }
    if (kept.length === 0) groups.delete(key)
    else if (kept.length < ids.length) groups.set(key, kept)
    return out
  }

  private current(): Map<string, string[]> {
    const map = this.records()
    if (!this.groups) {
      this.groups = new Map()
      this.stale.clear()
      for (const id in map) if (Object.hasOwn(map, id)) this.put(id, this.keyOf(map[id]!), false)
      return this.groups
    }
    // A changed record joins the group of its key now; the group it left drops it when read.
    for (const id of this.stale) if (Object.hasOwn(map, id)) this.put(id, this.keyOf(map[id]!), true)
    this.stale.clear()
    return this.groups
  }

  private put(id: string, key: string, maybeThere: boolean): void {
    const ids = this.groups!.get(key)
    if (!ids) this.groups!.set(key, [id])
    else if (!maybeThere || !ids.includes(id)) ids.push(id)
  }
}
