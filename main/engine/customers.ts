// The seller's own facts about a customer: name, language, private note and tags. Identity
// (addresses, merging) is not edited here.
import { EngineError, type RequestParams } from '../../preload/api'
import type { Customer } from '../core/model'
import type { Store } from '../store/store'

export async function updateCustomer(store: Store, p: RequestParams<'customer.update'>): Promise<Customer> {
  if (!Object.hasOwn(store.customers, p.customerId)) throw new EngineError('not_found', `No customer ${p.customerId}.`)
  const next: Customer = {
    ...store.customers[p.customerId]!,
    ...(p.name !== undefined ? { name: p.name } : {}),
    ...(p.language !== undefined ? { language: p.language } : {}),
    ...(p.note !== undefined ? { note: p.note } : {}),
    ...(p.tags !== undefined ? { tags: p.tags } : {}),
  }
  store.customers[next.id] = next
  store.docs.customers.changed('customers', next.id)
  // What the seller typed is on disk before the screen says it is saved.
  await store.docs.customers.flush()
  return next
}
