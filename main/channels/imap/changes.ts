// What changed among the messages we already have: flag changes and expunges, the cheap way
// (CONDSTORE/QRESYNC: the server says what changed since a mod-sequence) or the hard way
// (no CONDSTORE: fetch every flag and compare, compare UID sets to find expunges).
import type { ImapFlow } from 'imapflow'
import { flagList } from './batches'

/** qresync: CHANGEDSINCE + VANISHED; condstore: CHANGEDSINCE + UID set comparison; plain: full scans. */
export type SyncMode = 'qresync' | 'condstore' | 'plain'

/** UIDs low..high inclusive: the messages the sink already holds. */
export interface KnownRange {
  low: number
  high: number
}

export interface FlagChange {
  uid: number
  flags: string[]
}

/** Flags of one folder as last seen, for servers without CONDSTORE; keyed by UID. */
export type FlagSnapshot = Map<number, string>

const flagKey = (flags: string[]): string => flags.join(' ')

/**
 * Flags that changed since `modseq` in the range. With QRESYNC enabled imapflow adds the
 * VANISHED modifier, and the expunged UIDs arrive as `expunge` events (collected by the caller).
 */
export async function flagsChangedSince(client: ImapFlow, range: KnownRange, modseq: bigint): Promise<FlagChange[]> {
  const changes: FlagChange[] = []
  const query = { uid: true, flags: true }
  for await (const msg of client.fetch(`${range.low}:${range.high}`, query, { uid: true, changedSince: modseq })) {
    if (msg.uid >= range.low && msg.uid <= range.high) changes.push({ uid: msg.uid, flags: flagList(msg.flags) })
  }
  return changes
}

/** Every message's flags in the range: the no-CONDSTORE scan. */
export async function scanFlags(client: ImapFlow, range: KnownRange): Promise<Map<number, string[]>> {
  const flags = new Map<number, string[]>()
  for await (const msg of client.fetch(`${range.low}:${range.high}`, { uid: true, flags: true }, { uid: true })) {
    if (msg.uid >= range.low && msg.uid <= range.high) flags.set(msg.uid, flagList(msg.flags))
  }
  return flags
}

/** UIDs present on the server in the range. */
export async function presentUids(client: ImapFlow, range: KnownRange): Promise<number[]> {
  const found = await client.search({ uid: `${range.low}:${range.high}` }, { uid: true })
  if (!Array.isArray(found)) throw new Error(`the server refused UID SEARCH ${range.low}:${range.high}`)
  return found.filter((uid) => uid >= range.low && uid <= range.high)
}

/**
 * Flag changes against the snapshot. Without one every message is reported: the sink sets
 * full flag sets, so reporting an unchanged message is harmless, only wasted work.
 */
export function diffFlags(snapshot: FlagSnapshot | undefined, current: Map<number, string[]>): FlagChange[] {
  const changes: FlagChange[] = []
  for (const [uid, flags] of current) {
    if (snapshot?.get(uid) !== flagKey(flags)) changes.push({ uid, flags })
  }
  return changes
}

export function rememberFlags(snapshot: FlagSnapshot, messages: Iterable<FlagChange>): void {
  for (const m of messages) snapshot.set(m.uid, flagKey(m.flags))
}

/** Known UIDs that are no longer present: the expunges, found without QRESYNC. */
export function missingUids(known: Iterable<number>, present: Iterable<number>, range: KnownRange): number[] {
  const here = new Set(present)
  const missing: number[] = []
  for (const uid of known) if (uid >= range.low && uid <= range.high && !here.has(uid)) missing.push(uid)
  return missing
}
