// Decides what importing a set of orders changes, without changing anything: which orders are
// new, updated or unchanged (keyed by channel and order number), and which customer each joins
// — found by its identity keys, the seller's merge/split decisions respected — or creates.
// The engine writes the plan in one go, so an import is all or nothing.
import { decidedOwners, mayJoin, type IdentityDecision } from '../identity-decisions'
import { findCustomer, guessLanguage, indexCustomers, keyId } from '../identity'
import type { Customer, Order } from '../model'
import { keysOfOrder } from './buyer-keys'
import type { ImportedOrder } from './fields'
import { orderChanged } from './rows'

export interface ImportCounts {
  added: number
  updated: number
  unchanged: number
  customersCreated: number
  customersJoined: number
}

export interface OrderImportPlan {
  /** Orders to write: the new and the changed. */
  orders: Order[]
  /** Customers to write: new ones, and existing ones given new keys. */
  customers: Customer[]
  counts: ImportCounts
}

export interface PlanInput {
  orders: readonly ImportedOrder[]
  existingOrders: Iterable<Order>
  customers: Iterable<Customer>
  decisions: readonly IdentityDecision[]
  now: string
  newId(prefix: 'ord' | 'cus'): string
}

export function orderKey(channel: string, orderNumber: string): string {
  return `${channel}\u0000${orderNumber}`
}

export function planOrderImport(input: PlanInput): OrderImportPlan {
  const customers = new Map([...input.customers].map((c) => [c.id, c] as const))
  const index = indexCustomers(customers.values(), input.decisions)
  const owners = decidedOwners(input.decisions)
  const existing = new Map([...input.existingOrders].map((o) => [orderKey(o.channel, o.orderNumber), o] as const))
  const touched = new Map<string, Customer>()
  const created = new Set<string>()
  const joined = new Set<string>()
  const orders: Order[] = []
  const counts: ImportCounts = { added: 0, updated: 0, unchanged: 0, customersCreated: 0, customersJoined: 0 }

  for (const imported of input.orders) {
    const { buyer, row, ...fields } = imported
    void row
    const keys = keysOfOrder(imported)
    const before = existing.get(orderKey(imported.channel, imported.orderNumber))
    let customerId = before && customers.has(before.customerId) ? before.customerId : findCustomer(index, keys)
    if (!customerId) {
      customerId = input.newId('cus')
      const own = keys.filter((k) => !index.has(keyId(k)) && (owners.get(keyId(k)) ?? customerId) === customerId)
      const customer: Customer = {
        id: customerId,
        name: buyer.name || buyer.email?.split('@')[0] || buyer.buyerId || imported.orderNumber,
        language: guessLanguage(buyer.name, ...imported.items.map((i) => i.title)),
        keys: own,
        tags: [],
        note: '',
        createdAt: input.now,
      }
      customers.set(customerId, customer)
      touched.set(customerId, customer)
      created.add(customerId)
      for (const k of own) index.set(keyId(k), customerId)
    } else {
      if (!before && !created.has(customerId)) joined.add(customerId)
      // The order's other keys join the customer, unless someone else has them or the seller
      // decided they belong elsewhere (a split): no automatic merge through an order file.
      const customer = customers.get(customerId)!
      const held = customer.keys.map(keyId)
      const fresh = keys.filter((k) => !index.has(keyId(k)) && mayJoin(input.decisions, keyId(k), customerId!, held))
      if (fresh.length > 0) {
        const next = { ...customer, keys: [...customer.keys, ...fresh] }
        customers.set(customerId, next)
        touched.set(customerId, next)
        for (const k of fresh) index.set(keyId(k), customerId)
      }
    }

    if (!before) {
      const order: Order = { id: input.newId('ord'), customerId, ...fields }
      orders.push(order)
      existing.set(orderKey(order.channel, order.orderNumber), order)
      counts.added++
    } else if (orderChanged(before, fields)) {
      const order: Order = { ...before, ...fields, id: before.id, customerId }
      orders.push(order)
      existing.set(orderKey(order.channel, order.orderNumber), order)
      counts.updated++
    } else counts.unchanged++
  }
  counts.customersCreated = created.size
  counts.customersJoined = joined.size
  return { orders, customers: [...touched.values()], counts }
}
