// The part of one inbox view the renderer holds: rows fetched page by page as the seller
// scrolls (`inbox.list` with offset/limit), never the whole list. A live update makes every
// page stale but keeps showing it until its fresh copy arrives; marking done removes a row at
// once and refuses any answer asked for before that, so the row cannot come back from an old
// page.
import type { InboxPage, InboxRow } from '../../../../preload/api'

export const PAGE_SIZE = 500

export class InboxPages {
  /** Rows by position; holes are rows not fetched yet. */
  private rows: (InboxRow | undefined)[] = []
  /** The generation each page was fetched in. */
  private fetchedIn = new Map<number, number>()
  /** Pages asked for, and in which generation. */
  private asked = new Map<number, number>()
  private generation = 0
  /** Answers from generations before this one are dropped (a local change came after them). */
  private floor = 0
  total: number | null = null

  rowAt(index: number): InboxRow | undefined {
    return this.rows[index]
  }

  /** Where a customer is among the rows held, or -1. */
  indexOf(customerId: string): number {
    return this.rows.findIndex((r) => r?.customerId === customerId)
  }

  /** Pages covering rows `start`..`end` that are missing or stale and not being fetched yet. */
  wanted(start: number, end: number): number[] {
    // Before the first answer the size is unknown: the page at `start`. An empty view still has
    // a first page: asking it again is how the first customer shows up.
    const last =
      this.total === null
        ? Math.floor(Math.max(start, 0) / PAGE_SIZE)
        : Math.max(0, Math.ceil(this.total / PAGE_SIZE) - 1)
    const from = Math.max(0, Math.floor(start / PAGE_SIZE))
    const to = Math.min(last, Math.floor(Math.max(end, 0) / PAGE_SIZE))
    const out: number[] = []
    for (let p = from; p <= to; p++) {
      if (this.fetchedIn.get(p) === this.generation) continue
      if (this.asked.get(p) === this.generation) continue
      out.push(p)
    }
    return out
  }

  /** Records that `page` is being fetched; returns the generation to hand back to `accept`. */
  ask(page: number): number {
    this.asked.set(page, this.generation)
    return this.generation
  }

  /** Stores a fetched page; false when it was dropped as too old. */
  accept(page: number, generation: number, result: InboxPage): boolean {
    if (this.asked.get(page) === generation) this.asked.delete(page)
    if (generation < this.floor || generation < (this.fetchedIn.get(page) ?? -1)) return false
    this.total = result.total
    const offset = page * PAGE_SIZE
    for (let i = 0; i < PAGE_SIZE; i++) {
      const fresh = result.rows[i]
      const held = this.rows[offset + i]
      // An unchanged row keeps its object: the memoised row on screen then skips its render, so
      // a refetch after `e` or a sync re-renders only the rows that really changed.
      this.rows[offset + i] = held && fresh && sameRow(held, fresh) ? held : fresh
    }
    if (this.rows.length > result.total) this.rows.length = result.total
    this.fetchedIn.set(page, generation)
    return true
  }

  /** Forgets a failed fetch so it is asked again. */
  failed(page: number, generation: number): void {
    if (this.asked.get(page) === generation) this.asked.delete(page)
  }

  /** Something changed in the engine: every page is stale, but stays shown until refetched. */
  invalidate(): void {
    this.generation++
  }

  /** Takes a row out now (marked done in a view it no longer belongs to). */
  removeAt(index: number): void {
    this.rows.splice(index, 1)
    if (this.total !== null) this.total = Math.max(0, this.total - 1)
    this.localChange()
  }

  /** Puts a row back now (undo). */
  insertAt(index: number, row: InboxRow): void {
    this.rows.splice(index, 0, row)
    if (this.total !== null) this.total++
    this.localChange()
  }

  /** Changes a row in place (marked done in a view that keeps it). */
  replaceAt(index: number, row: InboxRow): void {
    this.rows[index] = row
    this.localChange()
  }

  private localChange(): void {
    this.invalidate()
    this.floor = this.generation
    // Pages shifted by one: everything is refetched, nothing asked before counts.
    this.asked.clear()
  }
}

/** Whether two rows show the same thing: every field equal, lists (channels) element by element. */
export function sameRow(a: InboxRow, b: InboxRow): boolean {
  const keys = Object.keys(a) as (keyof InboxRow)[]
  if (keys.length !== Object.keys(b).length) return false
  for (const k of keys) {
    const x = a[k]
    const y = b[k]
    if (x === y) continue
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false
    if (x.some((v, i) => v !== y[i])) return false
  }
  return true
}
