// The identity keys an imported order gives its customer: the order number (so marketplace
// mail naming it later joins them), the marketplace buyer id, the e-mail address (a relay
// address for Amazon's masked ones) and the phone number.
import { keyForAddress } from '../identity'
import type { IdentityKey } from '../model'
import type { ImportedOrder } from './fields'

/** Digits only, a leading + kept: "+81 90-1234-5678" and "+819012345678" are one number. */
export function normalisePhone(phone: string): string | undefined {
  const s = phone.normalize('NFKC').trim()
  const digits = s.replace(/\D/g, '')
  if (digits.length < 6) return undefined
  return (s.startsWith('+') ? '+' : '') + digits
}

/** Most specific first: the customer found by the first of them is the one. */
export function keysOfOrder(order: ImportedOrder): IdentityKey[] {
  const keys: IdentityKey[] = [{ kind: 'order', value: order.orderNumber }]
  if (order.buyer.buyerId) keys.push({ kind: 'buyer', value: `${order.channel}:${order.buyer.buyerId.toLowerCase()}` })
  if (order.buyer.email) keys.push(keyForAddress(order.buyer.email))
  const phone = order.buyer.phone && normalisePhone(order.buyer.phone)
  if (phone) keys.push({ kind: 'phone', value: phone })
  return keys
}
