// Marketplace API JSON (eBay Commerce Message API, Rakuten RMS inquiries) mapped to the inbox's
// messages: who the buyer is, which side wrote, the thread, the dates; and the stored JSON read
// back as a body. Pure functions, plain data.
import { describe, expect, it } from 'vitest'
import { retryAfterMs } from '../../main/channels/api/http'
import { apiMessageText, parseApiMessage } from '../../main/channels/api/stored'
import { ebayBuyerAddress, mapEbayMessage } from '../../main/channels/ebay/map'
import { conversationsPage, ebayErrorText } from '../../main/channels/ebay/schema'
import { isoDate, jstDateTime, mapInquiry } from '../../main/channels/rakuten/map'
import { inquiriesPage, rakutenErrorText } from '../../main/channels/rakuten/schema'

const seller = {
  username: 'Kotoha_Tea',
  self: { name: 'Kotoha Tea Ware', address: 'kotoha_tea@seller.ebay-api.invalid' },
}
const NOW = '2026-12-01T00:00:00.000Z'

const conversation = {
  conversationId: '1174528',
  conversationTitle: 'Cast Iron Tetsubin Kettle 0.8L',
  conversationType: 'FROM_MEMBERS',
  referenceId: '186231452690',
  referenceType: 'LISTING',
}

describe('eBay messages', () => {
  it('makes the buyer the customer by their user name, the same key as eBay notification mail', () => {
    const m = mapEbayMessage(
      conversation,
      {
        messageId: '9001',
        messageBody: 'Does the kettle come with the trivet?',
        senderUsername: 'Teapot_Fan42',
        recipientUsername: 'kotoha_tea',
        createdDate: '2026-11-18T05:18:45.000Z',
        readStatus: false,
        subject: 'Cast Iron Tetsubin Kettle 0.8L',
      },
      seller,
      NOW,
    )
    expect(m.direction).toBe('in')
    expect(m.market.keys).toEqual([{ kind: 'buyer', value: 'ebay:teapot_fan42' }])
    expect(m.market.threads).toEqual(['ebay:conversation:1174528'])
    expect(m.market.facts).toMatchObject({ buyerId: 'Teapot_Fan42', itemId: '186231452690', kind: 'question' })
    expect(m.from).toEqual(ebayBuyerAddress('Teapot_Fan42'))
    expect(m.to).toEqual([seller.self])
    expect(m.messageId).toBe('<ebay.9001@api.ebay.com>')
    expect(m.date).toBe('2026-11-18T05:18:45.000Z')
    expect(m.seen).toBe(false)
  })

  it("tells the seller's own messages by user name, whatever its case, and keys them to the buyer", () => {
    const m = mapEbayMessage(
      conversation,
      {
        messageId: '9002',
        messageBody: 'Yes, it does.',
        senderUsername: 'kotoha_tea',
        recipientUsername: 'teapot_fan42',
        createdDate: '2026-11-18T06:00:00Z',
      },
      seller,
      NOW,
    )
    expect(m.direction).toBe('out')
    expect(m.seen).toBe(true)
    expect(m.from).toEqual(seller.self)
    expect(m.market.keys).toEqual([{ kind: 'buyer', value: 'ebay:teapot_fan42' }])
  })

  it('keeps a message whose date eBay gave unreadably, dated when it was pulled', () => {
    const m = mapEbayMessage(
      conversation,
      { messageId: '9003', messageBody: 'hello', senderUsername: 'x', createdDate: 'yesterday-ish' },
      seller,
      NOW,
    )
    expect(m.date).toBe(NOW)
  })

  it('makes a valid address of any user name (never mailed)', () => {
    expect(ebayBuyerAddress('te*a.pot!!').address).toMatch(/^[a-z0-9_+-]+@members\.ebay-api\.invalid$/)
    expect(ebayBuyerAddress('***').address).toBe('buyer@members.ebay-api.invalid')
  })

  it("refuses a page that is not eBay's shape, and reads eBay's error body", () => {
    expect(conversationsPage.safeParse({ conversations: [{ conversationTitle: 'no id' }] }).success).toBe(false)
    expect(conversationsPage.safeParse({ conversations: [conversation], total: 1 }).success).toBe(true)
    expect(
      ebayErrorText({
        errors: [{ errorId: 1001, domain: 'OAuth', category: 'REQUEST', message: 'Invalid access token' }],
      }),
    ).toBe('1001: Invalid access token')
    expect(ebayErrorText('<html>')).toBeUndefined()
  })
})

const inquiry = {
  inquiryNumber: '999999-20261120-1t',
  shopId: 999999,
  userName: '楽天太郎',
  userMaskEmail: '9ca9e8e4ef09FE8D@pc.fw.rakuten.ne.jp',
  message: '熨斗をお願いできますか。',
  regDate: '2026-11-20T10:31:00+09:00',
  itemName: '南部鉄器 急須',
  itemNumber: 'kyusu-08',
  orderNumber: '398217-20261120-0012345678',
  readByMerchant: false,
  category: '商品詳細',
  type: '受注問い合わせ',
  lastUpdateDate: '2026-11-20T11:00:00+09:00',
  replies: [
    { id: 0, message: 'かしこまりました。', regDate: '2026-11-20T10:45:00+09:00', replyFrom: 'merchant', isRead: true },
    {
      id: 1,
      message: 'ありがとうございます！',
      regDate: '2026-11-20T11:00:00+09:00',
      replyFrom: 'user',
      isRead: false,
    },
  ],
}
const shop = { name: 'ことは茶器店', address: 'shop-999999@rms.rakuten-api.invalid' }

describe('Rakuten inquiries', () => {
  it('turns an inquiry and its replies into messages keyed by the masked address and the order', () => {
    const [first, answer, again] = mapInquiry(inquiry, shop, NOW)
    expect(first).toMatchObject({
      direction: 'in',
      messageId: '<rakuten.999999-20261120-1t@api.rms.rakuten.co.jp>',
      date: '2026-11-20T01:31:00.000Z',
      text: '熨斗をお願いできますか。',
      from: { name: '楽天太郎', address: '9ca9e8e4ef09fe8d@pc.fw.rakuten.ne.jp' },
    })
    expect(first!.market.keys).toEqual([
      { kind: 'relay', value: '9ca9e8e4ef09fe8d@pc.fw.rakuten.ne.jp' },
      { kind: 'order', value: '398217-20261120-0012345678' },
    ])
    expect(first!.market.threads).toEqual(['rakuten:inquiry:999999-20261120-1t'])
    expect(first!.market.facts).toMatchObject({ inquiryNumber: '999999-20261120-1t', itemId: 'kyusu-08' })
    expect(answer).toMatchObject({
      direction: 'out',
      from: shop,
      messageId: '<rakuten.999999-20261120-1t.r0@api.rms.rakuten.co.jp>',
    })
    expect(again).toMatchObject({ direction: 'in', seen: false, date: '2026-11-20T02:00:00.000Z' })
    // The raw copy of the inquiry is the inquiry alone; each reply is stored as itself.
    expect(first!.raw).not.toHaveProperty('replies')
  })

  it('reads RMS dates with or without their +09:00, and writes fromDate / toDate in Japan time', () => {
    expect(isoDate('2026-11-20T10:31:00+09:00')).toBe('2026-11-20T01:31:00.000Z')
    expect(isoDate('2026-11-20T10:31:00')).toBe('2026-11-20T01:31:00.000Z')
    expect(isoDate('soon')).toBeUndefined()
    expect(jstDateTime(new Date('2026-11-30T20:00:00Z'))).toBe('2026-12-01T05:00:00')
  })

  it("refuses a list that is not RMS's shape, and reads RMS's error body", () => {
    expect(inquiriesPage.safeParse({ list: [{ inquiryNumber: 'x' }] }).success).toBe(false)
    expect(inquiriesPage.safeParse({ totalCount: 1, totalPageCount: 1, page: 1, list: [inquiry] }).success).toBe(true)
    expect(
      rakutenErrorText({
        error: { code: 'IE001', message: 'bad parameter', targets: { limit: 'should be less than equal 100' } },
      }),
    ).toBe('IE001 bad parameter limit: should be less than equal 100')
  })
})

describe('stored API messages and waits', () => {
  it('reads the body of a stored eBay or Rakuten message like an .eml', () => {
    expect(apiMessageText(Buffer.from(JSON.stringify({ messageBody: 'line 1\r\nline 2' })))).toBe('line 1\nline 2')
    expect(parseApiMessage(Buffer.from(JSON.stringify({ message: '熨斗' })), 'S')).toMatchObject({
      text: '熨斗',
      subject: 'S',
    })
    expect(() => apiMessageText(Buffer.from('{broken'))).toThrow(/not valid JSON/)
  })

  it('reads Retry-After as seconds or a date, capped at an hour', () => {
    expect(retryAfterMs('2')).toBe(2000)
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000)
    expect(retryAfterMs('86400')).toBe(3_600_000)
    expect(retryAfterMs('soon')).toBeUndefined()
    expect(retryAfterMs(null)).toBeUndefined()
  })
})
