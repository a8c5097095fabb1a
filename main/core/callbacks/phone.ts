// Which number to call a customer on: the one the seller gave the callback, else the one on the
// customer, else one the customer's identity keys hold (a phone key), else the shipping phone of
// their latest order that has one.
import type { Customer, Order, Reminder } from '../model'

export type PhoneSource = 'callback' | 'customer' | 'identity' | 'order'

export interface PhoneChoice {
  number: string
  source: PhoneSource
}

export function phoneFor(
  customer: Pick<Customer, 'phone' | 'keys'> | undefined,
  orders: readonly Pick<Order, 'placedAt' | 'shippingPhone'>[],
  reminder?: Pick<Reminder, 'phone'>,
): PhoneChoice | undefined {
  const given = reminder?.phone?.trim()
  if (given) return { number: given, source: 'callback' }
  const own = customer?.phone?.trim()
  if (own) return { number: own, source: 'customer' }
  const key = customer?.keys.find((k) => k.kind === 'phone')
  if (key) return { number: key.value, source: 'identity' }
  let latest: Pick<Order, 'placedAt' | 'shippingPhone'> | undefined
  for (const o of orders) {
    if (o.shippingPhone?.trim() && (!latest || o.placedAt > latest.placedAt)) latest = o
  }
  return latest ? { number: latest.shippingPhone!.trim(), source: 'order' } : undefined
}

/** What a phone number typed by a seller may hold: digits, spaces and + ( ) - . / and an extension. */
export const PHONE_PATTERN = /^\+?[0-9()\-./ ]{3,30}(?:\s*(?:ext\.?|x|内線)\s*[0-9]{1,6})?$/u
