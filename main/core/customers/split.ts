// Splitting a customer the seller says is two people: the chosen conversations and identity
// keys move to a new customer, with the orders and reminders that go with them. The moved keys
// are recorded as belonging to the new customer, so new mail from them goes there.
import { displayName, keyId } from '../identity'
import type { IdentityDecision } from '../identity-decisions'
import type { Customer, IsoTime } from '../model'
import { customerOf, emptyMoves, IdentityChangeError, type IdentityPatch, type IdentityState } from './identity-change'

export interface SplitRequest {
  customerId: string
  conversationIds: readonly string[]
  /** keyId()s of the customer's keys that go with them. */
  keys: readonly string[]
  /** The new customer's name; default: from the first key moved, else the same name. */
  name?: string
}

export function splitCustomer(
  state: IdentityState,
  request: SplitRequest,
  at: IsoTime,
  newId: (prefix: 'chg' | 'dec' | 'cus') => string,
): IdentityPatch {
  const from = customerOf(state, request.customerId)
  const fromKeys = from.keys.map(keyId)
  const conversations = [...new Set(request.conversationIds)]
  const keys = [...new Set(request.keys)]
  for (const id of conversations) {
    if (state.conversations[id]?.customerId !== from.id) {
      throw new IdentityChangeError('bad_request', `Conversation ${id} is not one of ${from.name}'s.`)
    }
  }
  for (const k of keys) {
    if (!fromKeys.includes(k)) throw new IdentityChangeError('bad_request', `${from.name} has no key ${k}.`)
  }
  if (conversations.length === 0 && keys.length === 0) {
    throw new IdentityChangeError('bad_request', 'Choose the conversations or addresses that belong to someone else.')
  }
  const allConversations = Object.values(state.conversations).filter((c) => c.customerId === from.id)
  if (keys.length === fromKeys.length && conversations.length === allConversations.length) {
    throw new IdentityChangeError(
      'bad_request',
      `That is all of ${from.name}: leave at least one conversation or address.`,
    )
  }

  const changeId = newId('chg')
  const moved = from.keys.filter((k) => keys.includes(keyId(k)))
  const firstEmail = moved.find((k) => k.kind === 'email' || k.kind === 'relay')
  const created: Customer = {
    id: newId('cus'),
    name: request.name?.trim() || (firstEmail ? displayName({ address: firstEmail.value }) : from.name),
    language: from.language,
    keys: moved,
    tags: [],
    note: '',
    createdAt: at,
  }
  const kept: Customer = { ...from, keys: from.keys.filter((k) => !keys.includes(keyId(k))) }

  const moves = emptyMoves()
  const movedFrom = emptyMoves()
  const move = (kind: keyof typeof moves, id: string) => {
    moves[kind][id] = created.id
    movedFrom[kind][id] = from.id
  }
  for (const id of conversations) move('conversations', id)
  // Orders go with their order number's key, or with a moved conversation about them.
  const movedNumbers = new Set([
    ...moved.filter((k) => k.kind === 'order').map((k) => k.value),
    ...conversations.map((id) => state.conversations[id]!.orderNumber).filter((n): n is string => !!n),
  ])
  for (const o of Object.values(state.orders)) {
    if (o.customerId === from.id && movedNumbers.has(o.orderNumber)) move('orders', o.id)
  }
  for (const r of Object.values(state.reminders)) {
    if (r.customerId === from.id && r.conversationId && conversations.includes(r.conversationId))
      move('reminders', r.id)
  }

  const removed: IdentityDecision[] = Object.values(state.decisions).filter(
    (d) => d.kind === 'belongs' && keys.includes(d.key),
  )
  const put: IdentityDecision[] = keys.map((key) => ({
    id: newId('dec'),
    kind: 'belongs',
    key,
    customerId: created.id,
    at,
    changeId,
  }))
  return {
    putCustomers: [kept, created],
    removeCustomers: [],
    moves,
    putDecisions: put,
    removeDecisions: removed.map((d) => d.id),
    change: {
      id: changeId,
      kind: 'split',
      at,
      before: [from],
      created: [created.id],
      movedFrom,
      decisionsAdded: put.map((d) => d.id),
      decisionsRemoved: removed,
      customerIds: [from.id, created.id],
    },
  }
}
