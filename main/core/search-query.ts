// Reads what the seller typed into the search field: free words plus filters like
// `from:aiko channel:amazon before:2026-03-01 is:unread`. Pure; the engine applies it.
import { CHANNELS, type Channel } from './model'

export interface SearchFilters {
  /** Words that must all appear in the sender's name or address. */
  from?: string
  channel?: Channel[]
  /** An order number, matched whole (case and width folded). */
  order?: string
  unread?: boolean
  open?: boolean
  /** YYYY-MM-DD: messages dated before this day (the seller's day, local time). */
  before?: string
  /** YYYY-MM-DD: messages dated on or after this day. */
  after?: string
}

export interface SearchQuery {
  /** The free text, filters taken out. */
  text: string
  filters: SearchFilters
}

/** A filter with a value the search cannot use; says which and what it expects. */
export class SearchQueryError extends Error {
  constructor(
    readonly filter: string,
    message: string,
  ) {
    super(message)
    this.name = 'SearchQueryError'
  }
}

const FILTERS = ['from', 'channel', 'order', 'is', 'before', 'after'] as const
type FilterName = (typeof FILTERS)[number]
const IS_VALUES = ['unread', 'open'] as const

/** `name:value` or `name:"two words"`; anything else is free text ("Re:", "http://…" stay text). */
const TOKEN = /(\S+?):"([^"]*)"?|(\S+?):(\S*)|"([^"]*)"?|(\S+)/gu

export function parseSearchQuery(input: string): SearchQuery {
  const filters: SearchFilters = {}
  const text: string[] = []
  for (const m of input.matchAll(TOKEN)) {
    const key = (m[1] ?? m[3])?.toLowerCase()
    const value = m[2] ?? m[4]
    if (key !== undefined && value !== undefined && (FILTERS as readonly string[]).includes(key)) {
      apply(filters, key as FilterName, value.trim())
    } else {
      text.push(m[5] ?? m[0])
    }
  }
  return { text: text.join(' ').trim(), filters }
}

function apply(filters: SearchFilters, name: FilterName, value: string): void {
  const refuse = (expected: string) =>
    new SearchQueryError(name, `${name}:${value ? value : ''} — ${name}: expects ${expected}.`)
  switch (name) {
    case 'from':
      if (!value) throw refuse('a name or an address, e.g. from:aiko@example.com')
      filters.from = filters.from ? `${filters.from} ${value}` : value
      return
    case 'order':
      if (!value) throw refuse('an order number, e.g. order:249-1234567-1234567')
      filters.order = value
      return
    case 'channel': {
      const channel = value.toLowerCase()
      if (!(CHANNELS as readonly string[]).includes(channel)) throw refuse(`one of ${CHANNELS.join(', ')}`)
      filters.channel = [...new Set([...(filters.channel ?? []), channel as Channel])]
      return
    }
    case 'is': {
      const v = value.toLowerCase()
      if (v === 'unread') filters.unread = true
      else if (v === 'open') filters.open = true
      else throw refuse(IS_VALUES.map((x) => `is:${x}`).join(' or '))
      return
    }
    case 'before':
    case 'after':
      if (!isCalendarDate(value)) throw refuse('a date written YYYY-MM-DD, e.g. 2026-03-01')
      filters[name] = value
      return
  }
}

/** A real day written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

/** Whether the query asks for anything at all. */
export function isEmptyQuery(q: SearchQuery): boolean {
  return q.text === '' && Object.keys(q.filters).length === 0
}
