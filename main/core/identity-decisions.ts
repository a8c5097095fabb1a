// What the seller decided about who is who, by merging and splitting customers by hand. Sync
// and import read these so the decision sticks: a key the seller gave to a customer keeps
// leading to that customer, whatever a later message or order file would otherwise suggest.
import type { IsoTime } from './model'

export interface KeyDecision {
  id: string
  kind: 'belongs'
  /** keyId(): "email:a@b.example". */
  key: string
  customerId: string
  at: IsoTime
  /** The merge or split that made it. */
  changeId: string
}

/** Keys the seller told apart: never join them into one customer automatically. */
export interface ApartDecision {
  id: string
  kind: 'apart'
  keys: [string, string]
  at: IsoTime
  changeId: string
}

export type IdentityDecision = KeyDecision | ApartDecision

/** Key → the customer the seller gave it to, for the keys the seller decided about. */
export function decidedOwners(decisions: Iterable<IdentityDecision>): Map<string, string> {
  const owners = new Map<string, string>()
  // Later decisions win: a key split off and merged back belongs where it went last.
  const sorted = [...decisions].filter((d): d is KeyDecision => d.kind === 'belongs').sort(byTime)
  for (const d of sorted) owners.set(d.key, d.customerId)
  return owners
}

/** Whether a key may be added to a customer without going against a decision. */
export function mayJoin(
  decisions: readonly IdentityDecision[],
  key: string,
  customerId: string,
  customerKeys: readonly string[],
): boolean {
  const owner = decidedOwners(decisions).get(key)
  if (owner !== undefined && owner !== customerId) return false
  return !decisions.some(
    (d) =>
      d.kind === 'apart' &&
      ((d.keys[0] === key && customerKeys.includes(d.keys[1])) ||
        (d.keys[1] === key && customerKeys.includes(d.keys[0]))),
  )
}

function byTime(a: { at: string }, b: { at: string }): number {
  return a.at.localeCompare(b.at)
}
