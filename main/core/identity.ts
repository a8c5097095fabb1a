// Who a message is with: identity keys from addresses, and the lookup from key to
// customer. Pure: the engine keeps the index and persists customers.
import { decidedOwners, type IdentityDecision } from './identity-decisions'
import type { Address, Customer, IdentityKey, Language } from './model'

/**
 * Masked marketplace relay addresses: the same buyer may write from several. The same domains
 * as the recognisers' relay patterns (core/marketplaces/builtin.ts), so an order export's masked
 * address and a relay mail's give one key.
 */
const RELAY_DOMAINS = [
  /(^|\.)marketplace\.amazon\.[a-z.]+$/,
  /(^|\.)relay\.walmart\.com$/,
  /(^|\.)fw\.rakuten\.(ne\.jp|example)$/,
  /(^|\.)members\.ebay\.[a-z.]+$/,
]

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

/**
 * Key → customer id, for every key of every customer. The seller's merge and split decisions
 * (identity-decisions.ts) win over what the customers' keys say, so that choice sticks.
 */
export function indexCustomers(
  customers: Iterable<Customer>,
  decisions: Iterable<IdentityDecision> = [],
): Map<string, string> {
  const index = new Map<string, string>()
  const ids = new Set<string>()
  for (const c of customers) {
    ids.add(c.id)
    for (const k of c.keys) index.set(keyId(k), c.id)
  }
  for (const [key, customerId] of decidedOwners(decisions)) if (ids.has(customerId)) index.set(key, customerId)
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
