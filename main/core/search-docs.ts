// The search index's document table: for each indexed message, by a small integer (the number
// the full-text index knows it by), what filters and newest-first ordering need — record id,
// month shard, date, flags, conversation, where its display line sits. Kept column by column
// in typed arrays: 100,000 messages cost a few MB, where an object per message cost tens. What
// a hit shows (subject, snippet, sender) is not kept in memory: it is read from disk per page.

export const UNREAD = 1
export const OUTGOING = 2
/** No longer stored: never matches (its number is reused if the message comes back). */
export const REMOVED = 4

export interface DocMeta {
  id: string
  conversationId: string
  /** Epoch seconds. */
  date: number
  /** "2026-11": the message shard that holds the record. */
  month: string
  flags: number
  /** Byte offset and length of its line in display.jsonl. */
  display: [number, number]
}

/** The table as stored in index.json: one array per column. */
export interface DocColumns {
  ids: string[]
  dates: number[]
  months: number[]
  flags: number[]
  conversations: number[]
  conversationIds: string[]
  displayAt: number[]
  displayLength: number[]
}

export class SearchDocs {
  private ids: string[] = []
  private dates = new Uint32Array(1024)
  /** year × 12 + month − 1, so a month fits in 16 bits. */
  private months = new Uint16Array(1024)
  private flagBits = new Uint8Array(1024)
  private conversations = new Uint32Array(1024)
  private displayAt = new Uint32Array(1024)
  private displayLength = new Uint32Array(1024)
  /** Conversation ids, each once: a conversation has several messages. */
  private conversationIds: string[] = []
  private conversationNumbers = new Map<string, number>()
  private numbers = new Map<string, number>()
  private live = 0

  /** Numbers handed out so far (including removed ones): the full-text index's id space. */
  get length(): number {
    return this.ids.length
  }

  /** Messages indexed and still stored. */
  get size(): number {
    return this.live
  }

  /** The number of a message that is indexed and not removed. */
  numberOf(id: string): number | undefined {
    const n = this.numbers.get(id)
    return n !== undefined && !(this.flagBits[n]! & REMOVED) ? n : undefined
  }

  has(id: string): boolean {
    return this.numberOf(id) !== undefined
  }

  /** Adds a message (or brings a removed one back under its old number); returns its number. */
  add(meta: DocMeta): number {
    let n = this.numbers.get(meta.id)
    if (n === undefined) {
      n = this.ids.length
      this.grow(n + 1)
      this.ids.push(meta.id)
      this.numbers.set(meta.id, n)
    } else if (!(this.flagBits[n]! & REMOVED)) return n
    this.dates[n] = Math.max(0, Math.min(meta.date, 0xffffffff))
    this.months[n] = monthCode(meta.month)
    this.flagBits[n] = meta.flags & (UNREAD | OUTGOING)
    this.conversations[n] = this.conversationNumber(meta.conversationId)
    this.displayAt[n] = meta.display[0]
    this.displayLength[n] = meta.display[1]
    this.live++
    return n
  }

  /** Marks a message removed; returns its number if it was indexed. */
  remove(id: string): number | undefined {
    const n = this.numberOf(id)
    if (n === undefined) return undefined
    this.flagBits[n]! |= REMOVED
    this.live--
    return n
  }

  id(n: number): string {
    return this.ids[n]!
  }
  date(n: number): number {
    return this.dates[n]!
  }
  flags(n: number): number {
    return this.flagBits[n]!
  }
  month(n: number): string {
    const code = this.months[n]!
    return `${Math.floor(code / 12)}-${String((code % 12) + 1).padStart(2, '0')}`
  }
  conversationId(n: number): string {
    return this.conversationIds[this.conversations[n]!]!
  }
  display(n: number): [number, number] {
    return [this.displayAt[n]!, this.displayLength[n]!]
  }

  toColumns(): DocColumns {
    const n = this.ids.length
    return {
      ids: this.ids,
      dates: Array.from(this.dates.subarray(0, n)),
      months: Array.from(this.months.subarray(0, n)),
      flags: Array.from(this.flagBits.subarray(0, n)),
      conversations: Array.from(this.conversations.subarray(0, n)),
      conversationIds: this.conversationIds,
      displayAt: Array.from(this.displayAt.subarray(0, n)),
      displayLength: Array.from(this.displayLength.subarray(0, n)),
    }
  }

  /** The table stored in index.json; throws on anything malformed (the index is then rebuilt). */
  static fromColumns(raw: unknown): SearchDocs {
    const c = raw as Partial<DocColumns> | null
    const arrays = [
      c?.ids,
      c?.dates,
      c?.months,
      c?.flags,
      c?.conversations,
      c?.conversationIds,
      c?.displayAt,
      c?.displayLength,
    ]
    if (!arrays.every(Array.isArray)) throw new Error('bad search document table')
    const { ids, dates, months, flags, conversations, conversationIds, displayAt, displayLength } = c as DocColumns
    const n = ids.length
    if ([dates, months, flags, conversations, displayAt, displayLength].some((column) => column.length !== n))
      throw new Error('bad search document table')
    const docs = new SearchDocs()
    docs.grow(n)
    for (let i = 0; i < n; i++) {
      const id = ids[i]
      const conversation = conversations[i]
      if (typeof id !== 'string' || typeof conversation !== 'number' || !(conversation < conversationIds.length))
        throw new Error('bad search document table')
      docs.numbers.set(id, i)
      if (!(flags[i]! & REMOVED)) docs.live++
    }
    for (let i = 0; i < conversationIds.length; i++) {
      const cid = conversationIds[i]
      if (typeof cid !== 'string') throw new Error('bad search document table')
      docs.conversationNumbers.set(cid, i)
    }
    docs.ids = ids
    docs.conversationIds = conversationIds
    docs.dates.set(dates)
    docs.months.set(months)
    docs.flagBits.set(flags)
    docs.conversations.set(conversations)
    docs.displayAt.set(displayAt)
    docs.displayLength.set(displayLength)
    return docs
  }

  private conversationNumber(id: string): number {
    let n = this.conversationNumbers.get(id)
    if (n === undefined) {
      n = this.conversationIds.length
      this.conversationIds.push(id)
      this.conversationNumbers.set(id, n)
    }
    return n
  }

  private grow(needed: number): void {
    if (needed <= this.dates.length) return
    const size = Math.max(needed, this.dates.length * 2)
    const widen = <T extends Uint32Array | Uint16Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size)
      b.set(a)
      return b
    }
    this.dates = widen(this.dates, (k) => new Uint32Array(k))
    this.months = widen(this.months, (k) => new Uint16Array(k))
    this.flagBits = widen(this.flagBits, (k) => new Uint8Array(k))
    this.conversations = widen(this.conversations, (k) => new Uint32Array(k))
    this.displayAt = widen(this.displayAt, (k) => new Uint32Array(k))
    this.displayLength = widen(this.displayLength, (k) => new Uint32Array(k))
  }
}

function monthCode(month: string): number {
  const y = Number(month.slice(0, 4))
  const m = Number(month.slice(5, 7))
  return y * 12 + m - 1
}
