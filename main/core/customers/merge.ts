// Merging two customers the seller says are one person: every conversation, order, reminder,
// key, tag and note of the second moves to the first; the second's name is kept as an alias.
// Recorded as decisions ("this key belongs to that customer") so re-syncs and imports agree.
import { keyId } from '../identity'
import type { IdentityDecision } from '../identity-decisions'
import type { Customer, IsoTime } from '../model'
import { customerOf, emptyMoves, IdentityChangeError, type IdentityPatch, type IdentityState } from './identity-change'

export function mergeCustomers(
  state: IdentityState,
  keepId: string,
  mergeId: string,
  at: IsoTime,
  newId: (prefix: 'chg' | 'dec') => string,
): IdentityPatch {
  if (keepId === mergeId) throw new IdentityChangeError('bad_request', 'A customer cannot be merged with itself.')
  const keep = customerOf(state, keepId)
  const gone = customerOf(state, mergeId)
  const changeId = newId('chg')
  const merged = mergedCustomer(keep, gone)

  const moves = emptyMoves()
  const movedFrom = emptyMoves()
  for (const kind of ['conversations', 'orders', 'reminders'] as const) {
    for (const r of Object.values(state[kind])) {
      if (r.customerId !== mergeId) continue
      moves[kind][r.id] = keepId
      movedFrom[kind][r.id] = mergeId
    }
  }

  // Decisions about the merged customer now name the kept one; keys told apart across the two
  // are no longer apart: the seller just said they are one person.
  const goneKeys = new Set(gone.keys.map(keyId))
  const keptKeys = new Set(keep.keys.map(keyId))
  const removed: IdentityDecision[] = []
  const put: IdentityDecision[] = []
  for (const d of Object.values(state.decisions)) {
    if (d.kind === 'belongs' && (d.customerId === mergeId || goneKeys.has(d.key))) removed.push(d)
    if (d.kind === 'apart') {
      const [a, b] = d.keys
      if ((goneKeys.has(a) && keptKeys.has(b)) || (goneKeys.has(b) && keptKeys.has(a))) removed.push(d)
    }
  }
  const keys = new Set([...goneKeys, ...removed.filter((d) => d.kind === 'belongs').map((d) => d.key)])
  for (const key of keys) put.push({ id: newId('dec'), kind: 'belongs', key, customerId: keepId, at, changeId })

  return {
    putCustomers: [merged],
    removeCustomers: [mergeId],
    moves,
    putDecisions: put,
    removeDecisions: removed.map((d) => d.id),
    change: {
      id: changeId,
      kind: 'merge',
      at,
      before: [keep, gone],
      created: [],
      movedFrom,
      decisionsAdded: put.map((d) => d.id),
      decisionsRemoved: removed,
      customerIds: [keepId],
    },
  }
}

/** The kept customer with the other's keys, tags, note and names. */
export function mergedCustomer(keep: Customer, gone: Customer): Customer {
  const keys = [...keep.keys]
  const have = new Set(keys.map(keyId))
  for (const k of gone.keys) if (!have.has(keyId(k))) keys.push(k)
  const tags = [...keep.tags]
  for (const t of gone.tags) if (!tags.some((x) => x.toLowerCase() === t.toLowerCase())) tags.push(t)
  const names = [gone.name, ...(keep.aliases ?? []), ...(gone.aliases ?? [])]
  const aliases = names.filter((n, i) => n && n !== keep.name && names.indexOf(n) === i)
  const note = [keep.note.trim(), gone.note.trim()].filter(Boolean).join('\n\n')
  return {
    ...keep,
    keys,
    tags,
    note,
    ...(aliases.length ? { aliases } : {}),
    createdAt: keep.createdAt < gone.createdAt ? keep.createdAt : gone.createdAt,
  }
}
