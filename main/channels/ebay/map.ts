// eBay member messages (Commerce Message API JSON) as the inbox's messages: who the buyer is
// (their user name is the `buyer` key "ebay:<name>", the same one the eBay notification mail
// gives), the listing, the conversation thread, and which side wrote. Pure.
import type { Recognised } from '../../core/marketplaces/recognise'
import type { Address, IdentityKey } from '../../core/model'
import type { ApiMessage } from '../api/types'
import type { EbayConversation, EbayMessage } from './schema'

export interface EbaySeller {
  /** The seller's eBay user name, as the API spells it in senderUsername. */
  username: string
  /** The account's own address and name (the seller side of each message). */
  self: Address
}

export const EBAY_THREAD = 'ebay:conversation:'

export function ebayMessageId(messageId: string): string {
  return `<ebay.${encodeURIComponent(messageId)}@api.ebay.com>`
}

/** An address for a buyer known only by user name: never mailed (replies go through the API), but keeps records uniform. */
export function ebayBuyerAddress(username: string): Address {
  const local =
    username
      .toLowerCase()
      .replace(/[^a-z0-9_+-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'buyer'
  return { name: username, address: `${local}@members.ebay-api.invalid` }
}

/** `now` stands in for a date the API gave unreadably, so the message is still kept. */
export function mapEbayMessage(
  conversation: EbayConversation,
  m: EbayMessage,
  seller: EbaySeller,
  now: string,
): ApiMessage {
  const me = seller.username.toLowerCase()
  const sender = m.senderUsername ?? ''
  const out = sender.toLowerCase() === me
  const buyerName = (out ? m.recipientUsername : m.senderUsername) ?? ''
  const buyer = ebayBuyerAddress(buyerName)
  const itemId = isListing(conversation) ? (conversation.referenceId ?? undefined) : undefined
  const orderNumber = isOrder(conversation) ? (conversation.referenceId ?? undefined) : undefined
  const keys: IdentityKey[] = []
  if (buyerName) keys.push({ kind: 'buyer', value: `ebay:${buyerName.toLowerCase()}` })
  if (orderNumber) keys.push({ kind: 'order', value: orderNumber })
  const market: Recognised = {
    channel: 'ebay',
    facts: {
      rule: 'ebay-api',
      kind: kindOf(`${conversation.conversationTitle ?? ''} ${m.subject ?? ''}`),
      ...(buyerName ? { buyerId: buyerName } : {}),
      ...(itemId ? { itemId } : {}),
      ...(orderNumber ? { orderNumber } : {}),
      ...(conversation.conversationTitle ? { itemTitle: conversation.conversationTitle } : {}),
      reply: { mode: 'relay', address: buyer.address },
    },
    keys,
    threads: [`${EBAY_THREAD}${conversation.conversationId}`],
  }
  return {
    messageId: ebayMessageId(m.messageId),
    direction: out ? 'out' : 'in',
    from: out ? seller.self : buyer,
    to: [out ? buyer : seller.self],
    subject: m.subject || conversation.conversationTitle || '',
    date: isoDate(m.createdDate) ?? now,
    text: m.messageBody ?? '',
    // Our own messages are read; the buyer's as eBay says (readStatus: viewed by the recipient).
    seen: out || m.readStatus === true,
    market,
    raw: m,
  }
}

function isListing(c: EbayConversation): boolean {
  return !c.referenceType || /listing|item/i.test(c.referenceType)
}

function isOrder(c: EbayConversation): boolean {
  return Boolean(c.referenceType && /order/i.test(c.referenceType))
}

function kindOf(text: string): 'question' | 'return' {
  return /\b(return|refund|cancel)/i.test(text) ? 'return' : 'question'
}

/** eBay dates are ISO 8601 in UTC; undefined when unreadable. */
export function isoDate(value: string | null | undefined): string | undefined {
  const t = value ? Date.parse(value) : NaN
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined
}
