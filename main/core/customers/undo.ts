// Undoing a merge or split: the customers come back as they were, the moved records go back,
// and the decisions it made are withdrawn. Only the latest change can be undone, so undoing
// never has to untangle a later change built on top of it.
import { keyId } from '../identity'
import type { IsoTime } from '../model'
import {
  emptyMoves,
  IdentityChangeError,
  type IdentityChange,
  type IdentityPatch,
  type IdentityState,
} from './identity-change'

export function undoChange(
  state: IdentityState,
  change: IdentityChange,
  latest: IdentityChange | undefined,
  at: IsoTime,
): IdentityPatch {
  if (change.undoneAt) throw new IdentityChangeError('conflict', 'This change was undone already.')
  if (latest && latest.id !== change.id) {
    throw new IdentityChangeError('conflict', `Undo the later ${latest.kind} first: changes are undone newest first.`)
  }
  const created = new Set(change.created)
  const restored = change.before.map((b) => {
    // Keys the customer gained since (an order import) stay, unless another restored customer had them.
    const now = state.customers[b.id]
    const others = new Set(change.before.filter((o) => o.id !== b.id).flatMap((o) => o.keys.map(keyId)))
    const have = new Set(b.keys.map(keyId))
    const gained = (now?.keys ?? []).filter((k) => !have.has(keyId(k)) && !others.has(keyId(k)))
    return { ...b, keys: [...b.keys, ...gained] }
  })
  const home = change.before[0]!.id
  const moves = emptyMoves()
  for (const kind of ['conversations', 'orders', 'reminders'] as const) {
    for (const [id, customerId] of Object.entries(change.movedFrom[kind])) {
      if (Object.hasOwn(state[kind], id)) moves[kind][id] = customerId
    }
    // What reached a customer this change made (new mail after a split) goes back with it.
    for (const r of Object.values(state[kind])) {
      if (created.has(r.customerId) && moves[kind][r.id] === undefined) moves[kind][r.id] = home
    }
  }
  return {
    putCustomers: restored,
    removeCustomers: change.created,
    moves,
    putDecisions: change.decisionsRemoved,
    removeDecisions: change.decisionsAdded,
    change: { ...change, undoneAt: at },
  }
}
