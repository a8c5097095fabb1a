// The shapes shared by merging, splitting and undoing: what the records involved look like to
// these pure functions, the patch the engine writes, and the change kept so it can be undone.
import type { IdentityDecision } from '../identity-decisions'
import type { Conversation, Customer, IsoTime, Order, Reminder } from '../model'

type ById<T> = Record<string, T>

export interface IdentityState {
  customers: ById<Customer>
  conversations: ById<Pick<Conversation, 'id' | 'customerId' | 'orderNumber'>>
  orders: ById<Pick<Order, 'id' | 'customerId' | 'orderNumber'>>
  reminders: ById<Pick<Reminder, 'id' | 'customerId' | 'conversationId'>>
  decisions: ById<IdentityDecision>
}

/** Record id → the customer it belongs to now. */
export type Moves = { conversations: ById<string>; orders: ById<string>; reminders: ById<string> }

/** A merge or split as it was made, with what undoing it needs. */
export interface IdentityChange {
  id: string
  kind: 'merge' | 'split'
  at: IsoTime
  /** The customers as they were before. */
  before: Customer[]
  /** Customers this change made (a split's new one). */
  created: string[]
  /** Records moved: id → the customer they belonged to before. */
  movedFrom: Moves
  /** Decisions this change added, and the ones it replaced or removed (as they were). */
  decisionsAdded: string[]
  decisionsRemoved: IdentityDecision[]
  /** The customers to show afterwards: the one kept by a merge; both sides of a split. */
  customerIds: string[]
  undoneAt?: IsoTime
}

/** What to write. */
export interface IdentityPatch {
  putCustomers: Customer[]
  removeCustomers: string[]
  /** Record id → new customer id. */
  moves: Moves
  putDecisions: IdentityDecision[]
  removeDecisions: string[]
  change: IdentityChange
}

/** A merge, split or undo the seller asked for that cannot be done, and why. */
export class IdentityChangeError extends Error {
  constructor(
    readonly code: 'not_found' | 'bad_request' | 'conflict',
    message: string,
  ) {
    super(message)
    this.name = 'IdentityChangeError'
  }
}

export function emptyMoves(): Moves {
  return { conversations: {}, orders: {}, reminders: {} }
}

export function customerOf(state: IdentityState, id: string): Customer {
  const c = Object.hasOwn(state.customers, id) ? state.customers[id] : undefined
  if (!c) throw new IdentityChangeError('not_found', `No customer ${id}.`)
  return c
}
