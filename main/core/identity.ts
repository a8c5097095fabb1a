// Who a message is with: identity keys from addresses, and the lookup from key to
// customer. Pure: the engine keeps the index and persists customers.
import type { Address, Customer, IdentityKey, Language } from './model'

/** Masked marketplace relay addresses: the same buyer may write from several. */
const RELAY_DOMAINS = [/(^|\.)marketplace\.amazon\.[a-z.]+$/, /(^|\.)relay\.walmart\.com$/]

export function normaliseAddress(address: string): string {
  return address.trim().toLowerCase()
}

export function keyForAddress(address: string): IdentityKey {
  const value = normaliseAddress(address)
  const domain = value.slice(value.lastIndexOf('@') + 1)
  return { kind: RELAY_DOMAINS.some((re) => re.test(domain)) ? 'relay' : 'email', value }
}

export function keyId(key: IdentityKey): string {
  return `${key.kind}:${key.value}`
}

/** Key → customer id, for every key of every customer. */
export function indexCustomers(customers: Iterable<Customer>): Map<string, string> {
  const index = new Map<string, string>()
  for (const c of customers) for (const k of c.keys) index.set(keyId(k), c.id)
  return index
}

export function findCustomer(index: Map<string, string>, keys: IdentityKey[]): string | undefined {
  for (const k of keys) {
    const id = index.get(keyId(k))
    if (id) return id
  }
  return undefined
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]/

export function guessLanguage(...texts: (string | undefined)[]): Language {
  return texts.some((t) => t && JAPANESE.test(t)) ? 'ja' : 'en'
}

/** A display name for a new customer: the address's name, else its local part. */
export function displayName(address: Address): string {
  const name = address.name?.trim().replace(/^"|"$/g, '')
  if (name) return name
  return address.address.split('@')[0] ?? address.address
}
