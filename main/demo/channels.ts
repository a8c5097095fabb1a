// How each channel's mail looks when it reaches the seller: Amazon buyer-seller relay
// mails, eBay member-message notifications, Rakuten inquiry notifications and plain
// e-mail. Subjects, senders, the wrapper around the customer's words and the encodings
// each sender typically uses. The app's marketplace recognisers can be tried on these.
import type { Address, Channel, Language } from '../core/model'
import type { Product } from './catalogue'
import { isoTime } from './clock'
import { NL, type Charset, type TransferEncoding } from './mime'
import type { Person } from './people'
import type { Rng } from './random'

export const AMAZON_RELAY_DOMAIN: Record<Language, string> = {
  en: 'marketplace.amazon.com',
  ja: 'marketplace.amazon.co.jp',
}
export const EBAY_SENDER: Address = { name: 'eBay', address: 'members@ebay.com' }
export const RAKUTEN_SENDER: Address = { name: '楽天市場', address: 'inquiry@rakuten.example' }
export const RAKUTEN_MASK_DOMAIN = 'fw.rakuten.example'

/** Which channels a customer of each language buys through, and how often. */
export const CHANNEL_WEIGHTS: Record<Language, readonly (readonly [Channel, number])[]> = {
  en: [
    ['email', 35],
    ['amazon', 35],
    ['ebay', 30],
  ],
  ja: [
    ['email', 30],
    ['amazon', 35],
    ['rakuten', 35],
  ],
}

/** The facts about a thread that its envelope mentions. */
export interface EnvelopeFacts {
  channel: Channel
  person: Person
  product: Product
  order?: string
  ebayUser?: string
  /** Where the seller's replies go: the customer's mailbox or the marketplace's masked one. */
  replyTo: Address
}

/** The subject of a customer's message as the channel delivers it. */
export function inboundSubject(f: EnvelopeFacts, topicSubject: string, threadSubject: string | undefined): string {
  const ja = f.person.language === 'ja'
  switch (f.channel) {
    case 'amazon': {
      const s = ja
        ? f.order
          ? `Amazon.co.jpのお客様からの問い合わせ（注文番号: ${f.order}）`
          : 'Amazon.co.jpのお客様からの商品に関する問い合わせ'
        : f.order
          ? `Inquiry from Amazon customer ${f.person.first} (Order: ${f.order})`
          : `Product details inquiry from Amazon customer ${f.person.first}`
      return threadSubject ? `Re: ${s}` : s
    }
    case 'ebay':
      // eBay sends a fresh notification for every member message; they do not thread.
      return `Other: ${f.ebayUser} sent a message about ${f.product.ebayTitle} (item ${f.product.ebayItem})`
    case 'rakuten':
      return f.order
        ? `【楽天市場】お問い合わせがありました（注文番号：${f.order}）`
        : '【楽天市場】お問い合わせがありました'
    default:
      return threadSubject ? `Re: ${threadSubject}` : topicSubject
  }
}

/** The subject of the seller's reply. */
export function outboundSubject(f: EnvelopeFacts, threadSubject: string): string {
  if (f.channel === 'rakuten') {
    return f.order ? `【藍子の茶器】お問い合わせの件（注文番号：${f.order}）` : '【藍子の茶器】お問い合わせの件'
  }
  return `Re: ${threadSubject}`
}

/** Who a customer's message is from, as the channel shows it. */
export function inboundFrom(f: EnvelopeFacts): Address {
  switch (f.channel) {
    case 'amazon':
      return {
        name:
          f.person.language === 'ja'
            ? `${f.person.name} - Amazonマーケットプレイス`
            : `${f.person.first} - Amazon Marketplace`,
        address: f.replyTo.address,
      }
    case 'ebay':
      return EBAY_SENDER
    case 'rakuten':
      return RAKUTEN_SENDER
    default:
      return f.replyTo
  }
}

/** The channel's wrapper around the customer's own words. */
export function wrapInbound(rng: Rng, f: EnvelopeFacts, letter: string): string {
  const ja = f.person.language === 'ja'
  switch (f.channel) {
    case 'amazon': {
      const lines = ja
        ? [letter, '', '------------- メッセージ終了 -------------', '']
        : [letter, '', '------------- End message -------------', '']
      if (f.order) lines.push(ja ? `注文番号: ${f.order}` : `Order ID: ${f.order}`)
      lines.push(ja ? `商品名: ${f.product.ja}` : `Item: ${f.product.en}`, '')
      lines.push(
        ja
          ? 'このEメールに返信するか、セラーセントラルの「購入者とのメッセージ」から返信してください。'
          : 'Reply to this e-mail, or answer from Buyer-Seller Messages in Seller Central.',
      )
      // Amazon appends a conversation token to many relay mails; replies must keep it.
      if (rng.chance(0.6)) lines.push('', `[commMgrTok:${rng.chars(14, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789')}]`)
      return lines.join(NL)
    }
    case 'ebay': {
      const lines = [
        `New message from: ${f.ebayUser}`,
        '',
        letter,
        '',
        `Item: ${f.product.ebayTitle}`,
        `Item number: ${f.product.ebayItem}`,
      ]
      if (f.order) lines.push(`Order number: ${f.order}`)
      lines.push('', 'Respond to this message in My eBay > Messages.', 'eBay')
      return lines.join(NL)
    }
    case 'rakuten': {
      const lines = ['【お問い合わせ内容】', letter, '', '――――――――――――――――――――']
      if (f.order) lines.push(`注文番号：${f.order}`)
      lines.push(`お問い合わせ者：${f.person.name} 様`, `商品名：${f.product.ja}`, '――――――――――――――――――――')
      lines.push(
        'このメールは送信専用アドレスから送信しています。',
        `回答はR-Messe、または ${f.replyTo.address} 宛てにお送りください。`,
        '楽天市場',
      )
      return lines.join(NL)
    }
    default:
      return letter
  }
}

export interface BodyStyle {
  charset: Charset
  encoding: TransferEncoding
  /** Header charset for encoded words. */
  headerCharset: Charset
}

/**
 * How the sender's software encodes a customer's message. `ascii` says whether the text
 * is plain ASCII (English texts are, but for some people's names).
 */
export function inboundStyle(rng: Rng, f: EnvelopeFacts, ascii: boolean, canJis: () => boolean): BodyStyle {
  if (f.person.language === 'en') {
    const encoding = ascii && rng.chance(f.channel === 'ebay' ? 0.3 : 0.7) ? '7bit' : 'quoted-printable'
    return { charset: 'UTF-8', encoding, headerCharset: 'UTF-8' }
  }
  // Japanese system mail still often goes out as ISO-2022-JP; so do some older mailers.
  if ((f.channel === 'rakuten' || (f.channel === 'email' && rng.chance(0.2))) && canJis()) {
    return { charset: 'ISO-2022-JP', encoding: '7bit', headerCharset: 'ISO-2022-JP' }
  }
  if (rng.chance(0.1)) return { charset: 'UTF-8', encoding: 'quoted-printable', headerCharset: 'UTF-8' }
  return { charset: 'UTF-8', encoding: 'base64', headerCharset: 'UTF-8' }
}

/** How the seller's own mail app encodes a reply (`ascii` as for inboundStyle). */
export function outboundStyle(language: Language, ascii: boolean): BodyStyle {
  if (language === 'ja') return { charset: 'UTF-8', encoding: 'base64', headerCharset: 'UTF-8' }
  return { charset: 'UTF-8', encoding: ascii ? '7bit' : 'quoted-printable', headerCharset: 'UTF-8' }
}

const HEX = '0123456789abcdef'
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/**
 * A Message-ID in the style of the software that sent the message. `serial` is unique per
 * message and is woven into a fixed-width field, which makes every id unique without a
 * lookup table.
 */
export function messageIdFor(
  rng: Rng,
  sender: 'customer' | 'seller',
  f: EnvelopeFacts,
  ms: number,
  sellerDomain: string,
  serial: number,
): string {
  const hexSerial = serial.toString(16).padStart(8, '0')
  if (sender === 'seller') {
    return `<${rng.chars(8, HEX)}-${rng.chars(4, HEX)}-4${rng.chars(3, HEX)}-${rng.chars(4, HEX)}-${rng.chars(4, HEX)}${hexSerial}@${sellerDomain}>`
  }
  switch (f.channel) {
    case 'amazon':
      return `<0100${rng.chars(4, HEX)}${hexSerial}-${rng.chars(8, HEX)}-${rng.chars(4, HEX)}-${rng.chars(4, HEX)}-000000@email.amazonses.com>`
    case 'ebay':
      return `<${ms}.${serial}.JavaMail.ebay@ebay.com>`
    case 'rakuten':
      return `<${isoTime(ms).replace(/\D/g, '').slice(0, 14)}.${String(serial).padStart(8, '0')}@rakuten.example>`
    default: {
      const domain = f.replyTo.address.slice(f.replyTo.address.indexOf('@') + 1)
      return `<CA${rng.chars(18, ALNUM)}${serial.toString(36).padStart(7, '0')}@${domain}>`
    }
  }
}
