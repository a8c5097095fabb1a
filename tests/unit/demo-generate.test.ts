import PostalMime from 'postal-mime'
import { describe, expect, it } from 'vitest'
import { generateDemo, type DemoWorkspace } from '../../main/demo/generate'

const now = new Date('2026-11-23T09:15:00.000Z')
const demo: DemoWorkspace = generateDemo({ now })

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/
const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim()
const HOUR = 3_600_000

/** Every body is base64, quoted-printable, ISO-2022-JP (ESC sequences) or plain ASCII. */
function sevenBit(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i)
    if (c > 0x7e || (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 0x1b)) return false
  }
  return true
}

describe('demo workspace at the default size', () => {
  it('has two demo accounts, a few hundred customers and 2,400 messages', () => {
    expect(demo.accounts.map((a) => [a.address, a.kind])).toEqual([
      ['shop@aiko-teaware.example', 'demo'],
      ['info@aiko-chaki.example', 'demo'],
    ])
    expect(demo.customers.length).toBeGreaterThanOrEqual(200)
    expect(demo.messages).toHaveLength(2400)
    expect(demo.templates.length).toBeGreaterThanOrEqual(8)
    expect(demo.reminders).toHaveLength(6)
    const ja = demo.customers.filter((c) => c.language === 'ja').length / demo.customers.length
    expect(ja).toBeGreaterThan(0.35)
    expect(ja).toBeLessThan(0.45)
  })

  it('gives each customer one to three conversations and keeps stable ids', () => {
    const perCustomer = new Map<string, number>()
    for (const c of demo.conversations) perCustomer.set(c.customerId, (perCustomer.get(c.customerId) ?? 0) + 1)
    expect(perCustomer.size).toBe(demo.customers.length)
    for (const n of perCustomer.values()) expect(n === 1 || n === 2 || n === 3).toBe(true)
    expect(demo.customers[0]?.id).toBe('cus_0001')
    expect(demo.conversations[0]?.id).toBe('cnv_00001')
    expect(demo.messages[0]?.record.id).toBe('msg_000001')
  })

  it('lists messages oldest first, all within the last eighteen months and none in the future', () => {
    const dates = demo.messages.map((m) => m.record.date)
    expect([...dates].sort()).toEqual(dates)
    expect(Date.parse(dates[0] as string)).toBeGreaterThan(now.getTime() - 560 * 24 * HOUR)
    expect(Date.parse(dates[dates.length - 1] as string)).toBeLessThanOrEqual(now.getTime())
  })

  it('mixes open, snoozed and done conversations, open ones waiting on the seller', () => {
    const last = new Map<string, DemoWorkspace['messages'][number]['record']>()
    for (const m of demo.messages) last.set(m.record.conversationId, m.record)
    const open = demo.conversations.filter((c) => c.status === 'open')
    const share = open.length / demo.conversations.length
    // A morning's work: dozens of customers waiting, not hundreds.
    expect(share).toBeGreaterThanOrEqual(0.04)
    expect(share).toBeLessThanOrEqual(0.15)
    expect(open.length).toBeGreaterThanOrEqual(30)
    for (const c of open) expect(last.get(c.id)?.direction).toBe('in')
    const ages = open.map((c) => now.getTime() - Date.parse(last.get(c.id)?.date as string))
    expect(ages.some((a) => a < HOUR)).toBe(true) // just arrived
    expect(ages.some((a) => a > 20 * HOUR && a < 24 * HOUR)).toBe(true) // about to breach the 24 h clock
    const snoozed = demo.conversations.filter((c) => c.status === 'snoozed')
    expect(snoozed.length).toBeGreaterThan(0)
    for (const c of snoozed) expect(Date.parse(c.snoozedUntil as string)).toBeGreaterThan(now.getTime())
    expect(demo.messages.some((m) => m.record.direction === 'in' && !m.record.seen)).toBe(true)
    expect(demo.messages.every((m) => m.record.direction === 'in' || m.record.seen)).toBe(true)
  })

  it('threads every seller reply onto an earlier message of the same conversation', () => {
    const seen = new Map<string, Set<string>>()
    for (const { record } of demo.messages) {
      const earlier = seen.get(record.conversationId) ?? new Set<string>()
      if (record.direction === 'out') {
        expect(record.inReplyTo).toBeDefined()
        expect(earlier.has(record.inReplyTo as string)).toBe(true)
        expect(record.references?.at(-1)).toBe(record.inReplyTo)
      }
      earlier.add(record.messageId as string)
      seen.set(record.conversationId, earlier)
    }
    const ids = demo.messages.map((m) => m.record.messageId)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('only refers to orders the customer placed, and knows the customer by them', () => {
    const orders = new Map(demo.orders.map((o) => [o.orderNumber, o]))
    expect(orders.size).toBe(demo.orders.length)
    const customers = new Map(demo.customers.map((c) => [c.id, c]))
    for (const c of demo.conversations) {
      if (!c.orderNumber) continue
      const order = orders.get(c.orderNumber)
      expect(order?.customerId).toBe(c.customerId)
      expect(order?.channel).toBe(c.channel)
      expect(customers.get(c.customerId)?.keys).toContainEqual({ kind: 'order', value: c.orderNumber })
    }
    for (const o of demo.orders) {
      expect(o.currency).toBe(customers.get(o.customerId)?.language === 'ja' ? 'JPY' : 'USD')
      if (o.status === 'shipped' || o.status === 'delivered') expect(o.trackingNumber && o.carrier).toBeTruthy()
    }
  })

  it('speaks each marketplace in its own format', () => {
    const records = demo.messages.map((m) => m.record).filter((r) => r.direction === 'in')
    const amazon = records.filter((r) => r.channel === 'amazon')
    expect(amazon.every((r) => /^[a-z0-9]{15}@marketplace\.amazon\.(com|co\.jp)$/.test(r.from.address))).toBe(true)
    expect(amazon.some((r) => /^Inquiry from Amazon customer \S+ \(Order: \d{3}-\d{7}-\d{7}\)$/.test(r.subject))).toBe(
      true,
    )
    expect(
      amazon.some((r) => /^Amazon\.co\.jpのお客様からの問い合わせ（注文番号: \d{3}-\d{7}-\d{7}）$/.test(r.subject)),
    ).toBe(true)
    const ebay = records.filter((r) => r.channel === 'ebay')
    expect(
      ebay.every(
        (r) =>
          r.from.address === 'members@ebay.com' &&
          /^Other: \S+ sent a message about .+ \(item \d{12}\)$/.test(r.subject),
      ),
    ).toBe(true)
    const rakuten = records.filter((r) => r.channel === 'rakuten')
    expect(
      rakuten.some((r) => /^【楽天市場】お問い合わせがありました（注文番号：\d{6}-\d{8}-\d{10}）$/.test(r.subject)),
    ).toBe(true)
    const ebayBuyers = demo.customers.flatMap((c) => c.keys).filter((k) => k.kind === 'buyer')
    expect(ebayBuyers.every((k) => k.value.startsWith('ebay:'))).toBe(true)
    // Only reserved example domains for people's own mailboxes.
    const own = demo.customers.flatMap((c) => c.keys).filter((k) => k.kind === 'email')
    expect(own.every((k) => /@(?:[a-z]+\.)?example\.(com|net|org|jp|ne\.jp|co\.jp|or\.jp)$/.test(k.value))).toBe(true)
  })

  it('comes with bilingual templates and a callback list spread around today', () => {
    expect(new Set(demo.templates.map((t) => t.language))).toEqual(new Set(['en', 'ja']))
    expect(demo.templates.some((t) => t.body.includes('{{customer.first_name | "there"}}'))).toBe(true)
    expect(demo.templates.some((t) => t.body.includes('{{order.tracking_number}}'))).toBe(true)
    const due = demo.reminders.map((r) => Date.parse(r.dueAt) - now.getTime())
    expect(due.filter((d) => d < 0)).toHaveLength(1)
    expect(due.filter((d) => d >= 0 && d < 12 * HOUR).length).toBeGreaterThanOrEqual(2)
    expect(due.filter((d) => d > 24 * HOUR).length).toBeGreaterThanOrEqual(2)
    const customers = new Set(demo.customers.map((c) => c.id))
    for (const r of demo.reminders) expect(customers.has(r.customerId)).toBe(true)
  })

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(demo))).toEqual(demo)
  })
})

describe('raw demo messages', () => {
  it('parse with postal-mime into exactly what their records say', async () => {
    const problems: string[] = []
    for (const { record, raw } of demo.messages) {
      const mail = await PostalMime.parse(raw)
      const from = mail.from && 'address' in mail.from ? mail.from : undefined
      const text = collapse(mail.text ?? '')
      const check = (what: string, ok: boolean): void => {
        if (!ok && problems.length < 10) problems.push(`${record.id} ${what}`)
      }
      check('subject', mail.subject === record.subject)
      check('from address', from?.address === record.from.address)
      check('from name', (from?.name ?? '') === (record.from.name ?? ''))
      check('to', mail.to?.[0]?.address === record.to[0]?.address)
      check('date', mail.date === record.date)
      check('message-id', mail.messageId === record.messageId)
      check('in-reply-to', (mail.inReplyTo ?? undefined) === record.inReplyTo)
      check('snippet', record.snippet.length > 0 && text.startsWith(record.snippet.slice(0, 40)))
      check('snippet length', record.snippet.length <= 140 && !/\n/.test(record.snippet))
      check(
        'attachments',
        JSON.stringify(
          mail.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.mimeType,
            size: (a.content as ArrayBuffer).byteLength,
          })),
        ) === JSON.stringify(record.attachments),
      )
      check('CRLF line endings', !/[^\r]\n/.test(raw))
      check('7-bit clean', sevenBit(raw))
    }
    expect(problems).toEqual([])
  })

  it('decodes Japanese subjects to Japanese, whether UTF-8 or ISO-2022-JP', async () => {
    const japanese = demo.messages.filter((m) => m.record.accountId === 'acc_02')
    const jis = japanese.filter((m) => m.raw.includes('=?ISO-2022-JP?B?'))
    expect(jis.length).toBeGreaterThan(0)
    expect(japanese.some((m) => m.raw.includes('=?UTF-8?B?'))).toBe(true)
    for (const m of [...japanese.slice(0, 50), ...jis.slice(0, 50)]) {
      const mail = await PostalMime.parse(m.raw)
      expect(mail.subject).toMatch(JAPANESE)
      expect(mail.text).toMatch(JAPANESE)
    }
  })

  it('includes a few HTML mails, one with a remote tracking pixel, and photo attachments', async () => {
    const html = demo.messages.filter((m) => m.raw.includes('multipart/alternative'))
    expect(html.length).toBeGreaterThan(0)
    let pixels = 0
    for (const m of html)
      if ((await PostalMime.parse(m.raw)).html?.includes('<img src="https://tracking.example/pixel.gif"')) pixels++
    expect(pixels).toBeGreaterThanOrEqual(1)
    expect(pixels).toBeLessThan(html.length)
    const photo = demo.messages.find((m) => m.record.attachments.length > 0)
    const mail = await PostalMime.parse(photo?.raw as string)
    const png = new Uint8Array(mail.attachments[0]?.content as ArrayBuffer)
    expect(Array.from(png.slice(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  })

  it('keeps raw messages compact', () => {
    const bytes = demo.messages.reduce((n, m) => n + m.raw.length, 0)
    expect(bytes / demo.messages.length).toBeLessThan(2048)
  })
})

describe('generation', () => {
  it('is deterministic for a seed and a clock, and differs between seeds', () => {
    expect(generateDemo({ now })).toEqual(demo)
    const other = generateDemo({ now, seed: 7 })
    expect(other.customers.map((c) => c.name)).not.toEqual(demo.customers.map((c) => c.name))
    expect(other.messages[0]?.raw).not.toBe(demo.messages[0]?.raw)
  })

  it('scales customers with the number of messages', () => {
    const big = generateDemo({ now, messages: 10_000 })
    expect(big.messages).toHaveLength(10_000)
    expect(big.customers.length).toBeGreaterThan(1800)
    expect(big.customers.length).toBeLessThan(2200)
    const tiny = generateDemo({ now, messages: 3 })
    expect(tiny.messages).toHaveLength(3)
    expect(tiny.customers.length).toBeGreaterThanOrEqual(1)
  })
})
