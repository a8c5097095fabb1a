// Rakuten inquiries (RMS InquiryManagementAPI JSON) as the inbox's messages: the inquiry and each
// reply, the buyer known by the masked address (`relay` key, the same one R-Messe mail carries)
// and the order number (`order` key), the inquiry as the conversation's thread. Pure.
import type { Recognised } from '../../core/marketplaces/recognise'
import type { Address, IdentityKey, MessageKind } from '../../core/model'
import type { ApiMessage } from '../api/types'
import type { RakutenInquiry, RakutenReply } from './schema'

export const RAKUTEN_THREAD = 'rakuten:inquiry:'
const HOST = 'api.rms.rakuten.co.jp'

export function rakutenMessageId(inquiryNumber: string, replyId?: number): string {
  const n = encodeURIComponent(inquiryNumber)
  return replyId === undefined ? `<rakuten.${n}@${HOST}>` : `<rakuten.${n}.r${replyId}@${HOST}>`
}

/** The inquiry and its replies, oldest first. `now` stands in for a date given unreadably. */
export function mapInquiry(q: RakutenInquiry, shop: Address, now: string): ApiMessage[] {
  const buyer: Address = {
    ...(q.userName ? { name: q.userName } : {}),
    address: q.userMaskEmail?.trim().toLowerCase() || `${q.inquiryNumber.toLowerCase()}@inquiry.rakuten-api.invalid`,
  }
  const keys: IdentityKey[] = []
  if (q.userMaskEmail) keys.push({ kind: 'relay', value: q.userMaskEmail.trim().toLowerCase() })
  if (q.orderNumber) keys.push({ kind: 'order', value: q.orderNumber.normalize('NFKC').trim() })
  const market: Recognised = {
    channel: 'rakuten',
    facts: {
      rule: 'rakuten-api',
      kind: kindOf(q),
      ...(q.userName ? { buyerName: q.userName } : {}),
      ...(q.orderNumber ? { orderNumber: q.orderNumber.normalize('NFKC').trim() } : {}),
      inquiryNumber: q.inquiryNumber,
      ...(q.itemName ? { itemTitle: q.itemName } : {}),
      ...(q.itemNumber ? { itemId: q.itemNumber } : {}),
      reply: { mode: 'relay', address: buyer.address },
    },
    ...(q.userMaskEmail ? { relayAddress: q.userMaskEmail.trim().toLowerCase() } : {}),
    keys,
    threads: [`${RAKUTEN_THREAD}${q.inquiryNumber}`],
  }
  const subject = subjectOf(q)
  const { replies, ...inquiryOnly } = q
  const first: ApiMessage = {
    messageId: rakutenMessageId(q.inquiryNumber),
    direction: 'in',
    from: buyer,
    to: [shop],
    subject,
    date: isoDate(q.regDate) ?? now,
    text: q.message ?? '',
    seen: q.readByMerchant === true,
    market,
    raw: inquiryOnly,
  }
  const answers = (replies ?? []).map((r: RakutenReply): ApiMessage => {
    const out = r.replyFrom === 'merchant'
    return {
      messageId: rakutenMessageId(q.inquiryNumber, r.id),
      direction: out ? 'out' : 'in',
      from: out ? shop : buyer,
      to: [out ? buyer : shop],
      subject: out ? `Re: ${subject}` : subject,
      date: isoDate(r.regDate) ?? now,
      text: r.message ?? '',
      seen: out || r.isRead === true,
      market,
      raw: r,
    }
  })
  return [first, ...answers]
}

function subjectOf(q: RakutenInquiry): string {
  const what = q.category || q.type || 'お問い合わせ'
  return q.itemName ? `【${what}】${q.itemName}` : `【${what}】`
}

function kindOf(q: RakutenInquiry): MessageKind {
  return /返品|交換|キャンセル/.test(q.category ?? '') ? 'return' : 'question'
}

/** RMS dates carry +09:00; one without an offset is Japan time too. Undefined when unreadable. */
export function isoDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined
  const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}+09:00`
  const t = Date.parse(withZone)
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined
}

/** A moment as RMS takes it in fromDate / toDate: Japan time, yyyy-MM-ddTHH:mm:ss. */
export function jstDateTime(at: Date): string {
  return new Date(at.getTime() + 9 * 3600_000).toISOString().slice(0, 19)
}
