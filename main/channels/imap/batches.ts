// Fetching message sources in bounded batches: list UIDs first (cheap), cut them into
// windows of at most N messages and M bytes, then fetch one window per UID FETCH. A batch
// (two while the next is prefetched) is all that is ever held in memory.
import type { FetchMessageObject, ImapFlow, SearchObject } from 'imapflow'
import type { FetchedMessage } from './sink'
import { formatUidSet } from './uid-set'

export interface UidListing {
  /** Ascending. */
  uids: number[]
  sizes: number[]
}

/** A run of consecutive listed UIDs: fetching low:high returns exactly those still on the server. */
export interface UidWindow {
  low: number
  high: number
  count: number
  bytes: number
}

/**
 * UIDs of the open mailbox in low..high (high undefined: up to the newest), with an upper
 * bound of each one's size. SEARCH answers with one line of numbers, which costs almost
 * nothing to parse, where a FETCH of 10,000 sizes costs imapflow ~0.4 s; so only messages
 * larger than `bigBytes` get their real size fetched, the rest are counted as `bigBytes`.
 */
export async function listUids(
  client: ImapFlow,
  low: number,
  high: number | undefined,
  bigBytes: number,
): Promise<UidListing> {
  if (high !== undefined && high < low) return { uids: [], sizes: [] }
  // "N:*" always matches the newest message even when its UID is below N (RFC 3501 "*"),
  // hence the range filters.
  const range = `${low}:${high ?? '*'}`
  const inRange = (uid: number): boolean => uid >= low && (high === undefined || uid <= high)
  const uids = (await searchUids(client, { uid: range })).filter(inRange).sort((a, b) => a - b)
  const sizes = new Map<number, number>()
  const big = (await searchUids(client, { uid: range, larger: bigBytes })).filter(inRange)
  if (big.length > 0) {
    for await (const msg of client.fetch(formatUidSet(big), { uid: true, size: true }, { uid: true })) {
      sizes.set(msg.uid, msg.size ?? bigBytes)
    }
  }
  return { uids, sizes: uids.map((uid) => sizes.get(uid) ?? bigBytes) }
}

async function searchUids(client: ImapFlow, query: SearchObject): Promise<number[]> {
  const found = await client.search(query, { uid: true })
  if (!Array.isArray(found)) throw new Error(`the server refused UID SEARCH (${JSON.stringify(query)})`)
  return found
}

/**
 * Cuts a listing into windows of at most `maxCount` messages (growing towards `growTo`) and
 * `maxBytes` bytes (a single larger message gets a window of its own). newestFirst walks from
 * the highest UID down.
 */
export function planWindows(
  listing: UidListing,
  opts: { maxCount: number; maxBytes: number; newestFirst: boolean; growTo?: number },
): UidWindow[] {
  // Window w may hold maxCount * 2^w messages, up to growTo (no growth without it).
  const countLimit = (w: number) =>
    Math.max(opts.maxCount, Math.min(opts.maxCount * 2 ** w, opts.growTo ?? opts.maxCount))
  const { uids, sizes } = listing
  const windows: UidWindow[] = []
  let current: UidWindow | undefined
  const n = uids.length
  for (let k = 0; k < n; k++) {
    const i = opts.newestFirst ? n - 1 - k : k
    const uid = uids[i]!
    const size = sizes[i]!
    if (current && (current.count >= countLimit(windows.length) || current.bytes + size > opts.maxBytes)) {
      windows.push(current)
      current = undefined
    }
    if (!current) current = { low: uid, high: uid, count: 0, bytes: 0 }
    current.low = Math.min(current.low, uid)
    current.high = Math.max(current.high, uid)
    current.count++
    current.bytes += size
  }
  if (current) windows.push(current)
  return windows
}

/** Fetches one window's messages with their sources, sorted newest (highest UID) first. */
export async function fetchWindow(client: ImapFlow, window: UidWindow): Promise<FetchedMessage[]> {
  const batch: FetchedMessage[] = []
  const query = { uid: true, flags: true, internalDate: true, size: true, source: true }
  for await (const msg of client.fetch(`${window.low}:${window.high}`, query, { uid: true })) {
    if (msg.uid < window.low || msg.uid > window.high) continue
    batch.push(toFetched(msg))
  }
  return batch.sort((a, b) => b.uid - a.uid)
}

function toFetched(msg: FetchMessageObject): FetchedMessage {
  const raw = msg.source ?? Buffer.alloc(0)
  return {
    uid: msg.uid,
    flags: flagList(msg.flags),
    internalDate: isoDate(msg.internalDate),
    size: msg.size ?? raw.length,
    raw,
  }
}

/** Flags as a sorted list, without \Recent: it is per-session and would look like a change. */
export function flagList(flags: Set<string> | undefined): string[] {
  return [...(flags ?? [])].filter((f) => f.toLowerCase() !== '\\recent').sort()
}

function isoDate(d: Date | string | undefined): string {
  if (d instanceof Date) return d.toISOString()
  const parsed = d === undefined ? NaN : Date.parse(d)
  // A server that sends no (or an unreadable) INTERNALDATE: the epoch says "unknown" plainly.
  return new Date(Number.isNaN(parsed) ? 0 : parsed).toISOString()
}

/**
 * Fetches windows one after another while the previous batch is being delivered, so the
 * network and the sink's disk writes overlap. At most two batches are in memory.
 */
export async function pipeline(
  windows: UidWindow[],
  fetch: (w: UidWindow) => Promise<FetchedMessage[]>,
  deliver: (batch: FetchedMessage[], w: UidWindow, index: number) => Promise<void>,
): Promise<void> {
  const start = (i: number): Promise<FetchedMessage[]> | undefined => {
    if (i >= windows.length) return undefined
    const p = fetch(windows[i]!)
    // Marked as handled now: it may fail while we are still delivering the previous batch.
    p.catch(() => undefined)
    return p
  }
  let next = start(0)
  for (let i = 0; next !== undefined; i++) {
    const batch = await next
    next = start(i + 1)
    try {
      await deliver(batch, windows[i]!, i)
    } catch (err) {
      // Let the prefetch settle so nothing runs on the connection behind the caller's back.
      await next?.catch(() => undefined)
      throw err
    }
  }
}
