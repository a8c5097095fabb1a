import { describe, expect, it } from 'vitest'
import type { IdentityPatch, IdentityState } from '../../main/core/customers/identity-change'
import { mergeCustomers } from '../../main/core/customers/merge'
import { splitCustomer } from '../../main/core/customers/split'
import { undoChange } from '../../main/core/customers/undo'
import { findCustomer, indexCustomers } from '../../main/core/identity'
import type { Customer } from '../../main/core/model'
import { planOrderImport } from '../../main/core/orders/plan'
import type { ImportedOrder } from '../../main/core/orders/fields'

const customer = (id: string, name: string, keys: Customer['keys'], extra: Partial<Customer> = {}): Customer => ({
  id,
  name,
  language: 'en',
  keys,
  tags: [],
  note: '',
  createdAt: '2026-01-01T00:00:00.000Z',
  ...extra,
})

function workspace(): IdentityState {
  return {
    customers: {
      a: customer('a', 'Olivia Hart', [{ kind: 'email', value: 'olivia@example.com' }], {
        tags: ['VIP'],
        note: 'Likes red clay.',
      }),
      b: customer(
        'b',
        'O. Hart',
        [
          { kind: 'relay', value: 'x1@marketplace.amazon.com' },
          { kind: 'order', value: '114-1' },
        ],
        { tags: ['vip', 'amazon'], note: 'Asked about a gift box.' },
      ),
    },
    conversations: {
      c1: { id: 'c1', customerId: 'a' },
      c2: { id: 'c2', customerId: 'b', orderNumber: '114-1' },
      c3: { id: 'c3', customerId: 'b' },
    },
    orders: {
      o1: { id: 'o1', customerId: 'b', orderNumber: '114-1' },
      o2: { id: 'o2', customerId: 'a', orderNumber: '#1041' },
    },
    reminders: { r1: { id: 'r1', customerId: 'b', conversationId: 'c2' } },
    decisions: {},
  }
}

let n = 0
const newId = (prefix: string) => `${prefix}_${++n}`

/** What the engine does with a patch, on plain data. */
function apply(state: IdentityState, patch: IdentityPatch): IdentityState {
  const next = structuredClone(state)
  for (const c of patch.putCustomers) next.customers[c.id] = c
  for (const id of patch.removeCustomers) delete next.customers[id]
  for (const kind of ['conversations', 'orders', 'reminders'] as const) {
    for (const [id, customerId] of Object.entries(patch.moves[kind])) next[kind][id]!.customerId = customerId
  }
  for (const id of patch.removeDecisions) delete next.decisions[id]
  for (const d of patch.putDecisions) next.decisions[d.id] = d
  return next
}

describe('merging customers', () => {
  it('moves everything of the second customer to the first and keeps its name as an alias', () => {
    const state = workspace()
    const patch = mergeCustomers(state, 'a', 'b', '2026-11-20T00:00:00.000Z', newId)
    const after = apply(state, patch)
    expect(Object.keys(after.customers)).toEqual(['a'])
    expect(after.customers.a).toMatchObject({
      name: 'Olivia Hart',
      aliases: ['O. Hart'],
      tags: ['VIP', 'amazon'],
      note: 'Likes red clay.\n\nAsked about a gift box.',
    })
    expect(after.customers.a!.keys.map((k) => k.value)).toEqual([
      'olivia@example.com',
      'x1@marketplace.amazon.com',
      '114-1',
    ])
    expect(Object.values(after.conversations).map((c) => c.customerId)).toEqual(['a', 'a', 'a'])
    expect(after.orders.o1!.customerId).toBe('a')
    expect(after.reminders.r1!.customerId).toBe('a')
  })

  it('records that the merged keys belong to the kept customer, so a lookup by them finds it', () => {
    const state = workspace()
    const after = apply(state, mergeCustomers(state, 'a', 'b', '2026-11-20T00:00:00.000Z', newId))
    // Even an index built from stale customer records (b still there) follows the decision.
    const index = indexCustomers(
      Object.values(workspace().customers).concat(after.customers.a!),
      Object.values(after.decisions),
    )
    expect(findCustomer(index, [{ kind: 'relay', value: 'x1@marketplace.amazon.com' }])).toBe('a')
  })

  it('refuses to merge a customer with itself', () => {
    expect(() => mergeCustomers(workspace(), 'a', 'a', '2026-11-20T00:00:00.000Z', newId)).toThrow(/itself/)
  })

  it('is undone exactly: both customers and every record back where they were', () => {
    const state = workspace()
    const patch = mergeCustomers(state, 'a', 'b', '2026-11-20T00:00:00.000Z', newId)
    const merged = apply(state, patch)
    const undone = apply(merged, undoChange(merged, patch.change, patch.change, '2026-11-20T00:01:00.000Z'))
    expect(undone).toEqual(state)
  })
})

describe('splitting a customer', () => {
  it('moves the chosen conversations and keys, with their orders and reminders, to a new customer', () => {
    const state = workspace()
    const patch = splitCustomer(
      state,
      { customerId: 'b', conversationIds: ['c2'], keys: ['order:114-1'], name: 'Grace Lindqvist' },
      '2026-11-20T00:00:00.000Z',
      newId,
    )
    const after = apply(state, patch)
    const created = patch.change.created[0]!
    expect(after.customers[created]).toMatchObject({
      name: 'Grace Lindqvist',
      keys: [{ kind: 'order', value: '114-1' }],
    })
    expect(after.customers.b!.keys).toEqual([{ kind: 'relay', value: 'x1@marketplace.amazon.com' }])
    expect(after.conversations.c2!.customerId).toBe(created)
    expect(after.conversations.c3!.customerId).toBe('b')
    expect(after.orders.o1!.customerId).toBe(created)
    expect(after.reminders.r1!.customerId).toBe(created)
    const index = indexCustomers(Object.values(after.customers), Object.values(after.decisions))
    expect(findCustomer(index, [{ kind: 'order', value: '114-1' }])).toBe(created)
  })

  it('refuses a split that takes nothing, or everything', () => {
    const state = workspace()
    const at = '2026-11-20T00:00:00.000Z'
    expect(() => splitCustomer(state, { customerId: 'b', conversationIds: [], keys: [] }, at, newId)).toThrow(/Choose/)
    expect(() =>
      splitCustomer(
        state,
        { customerId: 'b', conversationIds: ['c2', 'c3'], keys: ['relay:x1@marketplace.amazon.com', 'order:114-1'] },
        at,
        newId,
      ),
    ).toThrow(/leave at least one/)
    expect(() => splitCustomer(state, { customerId: 'b', conversationIds: ['c1'], keys: [] }, at, newId)).toThrow(
      /not one of/,
    )
  })

  it('is undone, taking back what reached the new customer meanwhile', () => {
    const state = workspace()
    const patch = splitCustomer(
      state,
      { customerId: 'b', conversationIds: ['c3'], keys: [] },
      '2026-11-20T00:00:00.000Z',
      newId,
    )
    const split = apply(state, patch)
    split.conversations.c9 = { id: 'c9', customerId: patch.change.created[0]! }
    const undone = apply(split, undoChange(split, patch.change, patch.change, '2026-11-20T00:01:00.000Z'))
    expect(undone.customers).toEqual(state.customers)
    expect(undone.conversations.c9!.customerId).toBe('b')
  })

  it('undoes only the latest change', () => {
    const state = workspace()
    const first = mergeCustomers(state, 'a', 'b', '2026-11-20T00:00:00.000Z', newId)
    const later = splitCustomer(
      apply(state, first),
      { customerId: 'a', conversationIds: ['c3'], keys: [] },
      '2026-11-20T00:01:00.000Z',
      newId,
    )
    expect(() =>
      undoChange(apply(apply(state, first), later), first.change, later.change, '2026-11-20T00:02:00.000Z'),
    ).toThrow(/Undo the later split first/)
  })
})

describe('planning an order import', () => {
  const order = (
    orderNumber: string,
    buyer: ImportedOrder['buyer'],
    extra: Partial<ImportedOrder> = {},
  ): ImportedOrder => ({
    channel: 'amazon',
    orderNumber,
    placedAt: '2026-11-10T00:00:00.000Z',
    currency: 'USD',
    total: 10,
    status: 'pending',
    items: [{ title: 'Cup', quantity: 1, price: 10 }],
    buyer,
    row: 2,
    ...extra,
  })
  const base = { now: '2026-11-20T00:00:00.000Z', newId, decisions: [] }

  it('joins the customer owning the e-mail and gives them the order number as a key', () => {
    const customers = [customer('a', 'Olivia Hart', [{ kind: 'email', value: 'olivia@example.com' }])]
    const plan = planOrderImport({
      ...base,
      orders: [order('114-9', { email: 'Olivia@Example.com' })],
      existingOrders: [],
      customers,
    })
    expect(plan.counts).toMatchObject({ added: 1, customersJoined: 1, customersCreated: 0 })
    expect(plan.orders[0]!.customerId).toBe('a')
    expect(plan.customers[0]!.keys).toContainEqual({ kind: 'order', value: '114-9' })
  })

  it('creates a customer for a buyer nobody knows, and reports an unchanged re-import as unchanged', () => {
    const first = planOrderImport({
      ...base,
      orders: [order('114-9', { name: 'Grace', phone: '+1 206-555-0178' })],
      existingOrders: [],
      customers: [],
    })
    expect(first.counts).toMatchObject({ added: 1, customersCreated: 1 })
    expect(first.customers[0]!.keys).toContainEqual({ kind: 'phone', value: '+12065550178' })
    const again = planOrderImport({
      ...base,
      orders: [order('114-9', { name: 'Grace', phone: '+1 206-555-0178' })],
      existingOrders: first.orders,
      customers: first.customers,
    })
    expect(again.counts).toEqual({ added: 0, updated: 0, unchanged: 1, customersCreated: 0, customersJoined: 0 })
    const shipped = planOrderImport({
      ...base,
      orders: [order('114-9', { name: 'Grace' }, { status: 'shipped', trackingNumber: 'TRK1' })],
      existingOrders: first.orders,
      customers: first.customers,
    })
    expect(shipped.counts.updated).toBe(1)
    expect(shipped.orders[0]).toMatchObject({ id: first.orders[0]!.id, status: 'shipped', trackingNumber: 'TRK1' })
  })

  it('never gives a key the seller decided belongs to someone else to the customer an order joins', () => {
    const customers = [
      customer('a', 'Olivia Hart', [{ kind: 'email', value: 'olivia@example.com' }]),
      customer('n', 'Grace', []),
    ]
    const decisions = [
      {
        id: 'd1',
        kind: 'belongs' as const,
        key: 'phone:+12065550178',
        customerId: 'n',
        at: base.now,
        changeId: 'chg_1',
      },
    ]
    const plan = planOrderImport({
      ...base,
      decisions,
      orders: [order('114-9', { email: 'olivia@example.com', phone: '+1 206 555 0178' })],
      existingOrders: [],
      customers,
    })
    expect(plan.orders[0]!.customerId).toBe('a')
    expect(plan.customers[0]!.keys).toEqual([
      { kind: 'email', value: 'olivia@example.com' },
      { kind: 'order', value: '114-9' },
    ])
  })
})
