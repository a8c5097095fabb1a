// The marketplace recognisers on realistic notification and relay mails (English and Japanese,
// encoded as the senders encode them), and the seller's rules file with its mistakes.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseMail } from '../../main/channels/mail/parse'
import { BUILTIN_RULES, BUILTIN_RULE_INPUTS } from '../../main/core/marketplaces/builtin'
import { Recogniser, combineRules, siteUrl, type Recognised } from '../../main/core/marketplaces/recognise'
import { describeProblem, parseRulesFile, ruleSchema } from '../../main/core/marketplaces/rules'
import { findConversation } from '../../main/core/threading'
import type { Conversation } from '../../main/core/model'
import { generateDemo } from '../../main/demo/generate'
import { loadRecogniser } from '../../main/engine/marketplace-rules'
import type { StoreNotice } from '../../main/store/json-document'

const FIXTURES = join(__dirname, '../fixtures/marketplaces')
const builtin = new Recogniser(BUILTIN_RULES)

async function recognise(file: string, recogniser = builtin): Promise<Recognised | undefined> {
  const parsed = await parseMail(await fs.readFile(join(FIXTURES, file)))
  return recogniser.recognise({
    from: parsed.from!,
    replyTo: parsed.replyTo,
    subject: parsed.subject,
    text: parsed.text,
  })
}

describe('built-in marketplace recognisers', () => {
  it('are valid rules', () => {
    for (const r of BUILTIN_RULE_INPUTS) expect(ruleSchema.safeParse(r).success, r.id).toBe(true)
  })

  it('reads an Amazon relay inquiry: buyer, order, item, relay address to reply to', async () => {
    const r = await recognise('amazon-en-inquiry.eml')
    expect(r?.channel).toBe('amazon')
    expect(r?.facts).toMatchObject({
      rule: 'amazon-relay',
      kind: 'question',
      buyerName: 'Emily',
      orderNumber: '112-4827361-5093318',
      itemTitle: 'Cast iron tetsubin kettle, 0.8 L',
      itemId: 'B0CKT3TSB1',
      reply: { mode: 'relay', address: 'k8x2m4q9z7w1v3p@marketplace.amazon.com' },
    })
    expect(r?.keys).toEqual([
      { kind: 'relay', value: 'k8x2m4q9z7w1v3p@marketplace.amazon.com' },
      { kind: 'order', value: '112-4827361-5093318' },
    ])
    expect(r?.threads).toEqual(['amazon:order:112-4827361-5093318'])
  })

  it('reads Amazon relay mail from other countries, with and without an order', async () => {
    const uk = await recognise('amazon-uk-product-question.eml')
    expect(uk?.facts).toMatchObject({ buyerName: 'Oliver', kind: 'question', itemId: 'B0KYU5U300' })
    expect(uk?.facts.orderNumber).toBeUndefined()
    expect(uk?.relayAddress).toBe('q3w9e7r5t1y2u8i@marketplace.amazon.co.uk')
  })

  it('reads Japanese Amazon inquiries in UTF-8 and ISO-2022-JP, and a return request', async () => {
    const ja = await recognise('amazon-ja-inquiry.eml')
    expect(ja?.facts).toMatchObject({
      buyerName: '山田 花子',
      orderNumber: '250-1234567-7654321',
      itemTitle: '常滑焼 急須 300ml',
      kind: 'question',
    })
    const ret = await recognise('amazon-ja-return-jis.eml')
    expect(ret?.facts).toMatchObject({ buyerName: '佐藤 健', orderNumber: '249-7654321-1234567', kind: 'return' })
  })

  it('reads an Amazon feedback notice: rating, order, answered in Seller Central', async () => {
    const r = await recognise('amazon-feedback-en.eml')
    expect(r?.facts).toMatchObject({
      rule: 'amazon-notice',
      kind: 'feedback',
      rating: 2,
      buyerName: 'Grace Turner',
      orderNumber: '113-5550192-7781234',
      reply: { mode: 'site', url: 'https://sellercentral.amazon.com/feedback-manager/index.html' },
    })
    expect(r?.relayAddress).toBeUndefined()
  })

  it('reads an eBay member message: the buyer id, not the notifier, and the item', async () => {
    const r = await recognise('ebay-member-message.eml')
    expect(r?.facts).toMatchObject({
      kind: 'question',
      buyerId: 'teapot_fan42',
      itemId: '186231452690',
      itemTitle: 'Cast Iron Tetsubin Kettle 0.8L',
      reply: { mode: 'relay', address: 'h7d2k9q4w1@members.ebay.com' },
    })
    expect(r?.keys).toContainEqual({ kind: 'buyer', value: 'ebay:teapot_fan42' })
    const ret = await recognise('ebay-return-request.eml')
    expect(ret?.facts).toMatchObject({ kind: 'return', buyerId: 'teapot_fan42', orderNumber: '19-13942-77215' })
  })

  it('reads Etsy conversations and reviews, answered only on Etsy', async () => {
    const r = await recognise('etsy-conversation.eml')
    expect(r?.facts).toMatchObject({
      kind: 'question',
      buyerName: 'Hannah Brooks',
      buyerId: 'hbrooksceramics',
      itemId: '1442377012',
      reply: { mode: 'site', url: 'https://www.etsy.com/your/conversations/1598237741' },
    })
    const review = await recognise('etsy-review.eml')
    expect(review?.facts).toMatchObject({
      kind: 'feedback',
      rating: 2,
      orderNumber: '3148826601',
      buyerId: 'hbrooksceramics',
    })
  })

  it('reads a Walmart relay message asking to cancel', async () => {
    const r = await recognise('walmart-relay.eml')
    expect(r?.facts).toMatchObject({
      kind: 'return',
      buyerName: 'Marcus Reed',
      orderNumber: '108912345678901',
      itemId: 'AT-1204',
      reply: { mode: 'relay', address: '8f3k2j9d7s5a@relay.walmart.com' },
    })
  })

  it('reads Rakuten inquiries in ISO-2022-JP and Shift_JIS: inquiry and order numbers, masked address', async () => {
    const r = await recognise('rakuten-inquiry-jis.eml')
    expect(r?.facts).toMatchObject({
      kind: 'question',
      buyerName: '鈴木 一郎',
      inquiryNumber: 'IQ-20261120-0004821',
      orderNumber: '398217-20261120-0012345678',
      itemTitle: '萩焼 抹茶碗 桐箱入り',
      itemId: 'hagi-chawan-01',
      reply: { mode: 'relay', address: 'suzuki8k2f4q@fw.rakuten.ne.jp' },
    })
    expect(r?.threads).toEqual(['rakuten:inquiry:IQ-20261120-0004821', 'rakuten:order:398217-20261120-0012345678'])
    const sjis = await recognise('rakuten-return-sjis.eml')
    expect(sjis?.facts).toMatchObject({
      kind: 'return',
      buyerName: '中村 美香',
      orderNumber: '398217-20261118-0098765432',
      reply: { mode: 'site', url: 'https://rms.rakuten.co.jp/rms/mall/rmesse/inquiry?no=IQ-20261121-0004907' },
    })
  })

  it('reads the stars of a Rakuten review', async () => {
    const r = await recognise('rakuten-review.eml')
    expect(r?.facts).toMatchObject({ kind: 'feedback', rating: 2, orderNumber: '398217-20261118-0098765432' })
  })

  it('reads Yahoo! Shopping and Mercari Shops notifications, answered on their sites', async () => {
    const y = await recognise('yahoo-question-jis.eml')
    expect(y?.channel).toBe('yahoo')
    expect(y?.facts).toMatchObject({
      kind: 'question',
      buyerName: '高橋 美咲',
      orderNumber: 'kotoha-tea-10004521',
      inquiryNumber: 'Q-88120457',
      reply: { mode: 'site', url: 'https://pro.store.yahoo.co.jp/pro.kotoha-tea/inquiry/detail?id=Q-88120457' },
    })
    const m = await recognise('mercari-comment.eml')
    expect(m?.channel).toBe('mercari')
    expect(m?.facts).toMatchObject({
      kind: 'question',
      buyerName: 'さくら',
      itemTitle: 'ほうじ茶 100g',
      itemId: 'aB3dE5fG7hJ9kL2m',
      reply: { mode: 'site', url: 'https://mercari-shops.com/products/aB3dE5fG7hJ9kL2m' },
    })
  })

  it('leaves a customer writing from a personal Yahoo! JAPAN address as e-mail', async () => {
    expect(await recognise('plain-yahoo-customer.eml')).toBeUndefined()
  })

  it('recognises every marketplace mail the demo generator writes, with the buyer it belongs to', () => {
    const demo = generateDemo({ now: new Date('2026-11-20T00:00:00Z'), messages: 1500 })
    const keysOf = new Map(demo.customers.map((c) => [c.id, new Set(c.keys.map((k) => `${k.kind}:${k.value}`))]))
    let marketplace = 0
    for (const m of demo.messages) {
      if (m.record.direction !== 'in') continue
      const r = builtin.recognise({ from: m.record.from, replyTo: [], subject: m.record.subject, text: m.text })
      expect(r?.channel ?? 'email', m.record.subject).toBe(m.record.channel)
      if (!r) continue
      marketplace++
      expect(r.keys.some((k) => keysOf.get(m.record.customerId)!.has(`${k.kind}:${k.value}`))).toBe(true)
    }
    expect(marketplace).toBeGreaterThan(300)
  })

  it('never takes an "Open in" link to a host that is not the marketplace', () => {
    expect(siteUrl('https://www.etsy.com/your/conversations/1', ['etsy.com'])).toBe(
      'https://www.etsy.com/your/conversations/1',
    )
    expect(siteUrl('https://etsy.com.evil.example/x', ['etsy.com'])).toBeUndefined()
    expect(siteUrl('http://www.etsy.com/x', ['etsy.com'])).toBeUndefined()
    expect(siteUrl('https://user@www.etsy.com/x', ['etsy.com'])).toBeUndefined()
  })
})

describe('the seller’s marketplace-rules.json', () => {
  const shopRule = {
    id: 'base-shop',
    marketplace: 'yahoo',
    match: { from: ['@thebase\\.example$'] },
    extract: { body: ['注文番号\\s*[:：]\\s*(?<order>[A-Z0-9]{10})', '^(?<buyerName>\\S.*?) 様より'] },
    reply: 'site',
    site: { url: 'https://admin.thebase.example/inquiry', hosts: ['thebase.example'] },
  }

  it('adds a marketplace pattern without code, tried before the built-in ones', () => {
    const { rules, problems } = parseRulesFile(JSON.stringify({ rules: [shopRule] }))
    expect(problems).toEqual([])
    const r = new Recogniser(combineRules(BUILTIN_RULES, rules)).recognise({
      from: { address: 'notice@thebase.example' },
      replyTo: [],
      subject: 'お問い合わせ',
      text: '田中 優 様よりお問い合わせです。\n注文番号：AB12CD34EF',
    })
    expect(r?.channel).toBe('yahoo')
    expect(r?.facts).toMatchObject({
      rule: 'base-shop',
      buyerName: '田中 優',
      orderNumber: 'AB12CD34EF',
      kind: 'question',
    })
    expect(r?.facts.reply).toEqual({ mode: 'site', url: 'https://admin.thebase.example/inquiry' })
  })

  it('names the rule and the field of each mistake, and keeps the good rules', () => {
    const file = {
      rules: [
        shopRule,
        { ...shopRule, id: 'broken-regex', match: { subject: ['(unclosed'] } },
        { ...shopRule, id: 'no-such-market', marketplace: 'shopee' },
        { ...shopRule, id: 'no-site', reply: 'site', site: undefined },
        { ...shopRule, id: 'plain-http', site: { url: 'http://admin.thebase.example', hosts: ['thebase.example'] } },
        { marketplace: 'ebay', reply: 'relay' },
        { ...shopRule },
      ],
    }
    const { rules, problems } = parseRulesFile(JSON.stringify(file))
    expect(rules.map((r) => r.id)).toEqual(['base-shop'])
    const lines = problems.map(describeProblem)
    expect(lines).toContainEqual(
      expect.stringMatching(/^broken-regex: match\.subject\[0\] is not a valid regular expression/),
    )
    expect(lines).toContainEqual(expect.stringMatching(/^no-such-market: marketplace /))
    expect(lines).toContainEqual("no-site: site a 'site' reply needs site.url")
    expect(lines).toContainEqual(expect.stringMatching(/^plain-http: site\.url must be an https:\/\/ address/))
    expect(lines).toContainEqual(expect.stringMatching(/^rule 6: id /))
    expect(lines).toContainEqual(expect.stringMatching(/^rule 6: match /))
    expect(lines).toContainEqual('base-shop: id is used by an earlier rule in the file')
  })

  it('says so when the file is not JSON or not a list of rules', () => {
    expect(parseRulesFile('{ "rules": [ ').problems[0]).toMatchObject({
      rule: '(file)',
      message: expect.stringMatching(/not valid JSON/),
    })
    expect(parseRulesFile('{ "rule": [] }').problems).toEqual([
      { rule: '(file)', field: 'rules', message: 'must be a list of rules' },
    ])
  })
})

describe('loading the rules file from the data folder', () => {
  const amazonMail = {
    from: { name: 'Emily - Amazon Marketplace', address: 'k8x2m4q9z7w1v3p@marketplace.amazon.com' },
    replyTo: [],
    subject: 'Inquiry from Amazon customer Emily (Order: 112-4827361-5093318)',
    text: 'Where is my kettle?',
  }

  async function load(contents?: string | Buffer): Promise<{ notices: StoreNotice[]; channel?: string }> {
    const dataDir = await fs.mkdtemp(join(tmpdir(), 'rules-'))
    try {
      if (contents !== undefined) await fs.writeFile(join(dataDir, 'marketplace-rules.json'), contents)
      const notices: StoreNotice[] = []
      const recogniser = await loadRecogniser(dataDir, (n) => notices.push(n))
      return { notices, channel: recogniser.recognise(amazonMail)?.channel }
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true })
    }
  }

  it('uses the built-in rules, quietly, when the seller has no file', async () => {
    expect(await load()).toEqual({ notices: [], channel: 'amazon' })
  })

  it('tells the seller about a file that is not JSON, and keeps the built-in rules', async () => {
    const { notices, channel } = await load('{ rules: [')
    expect(channel).toBe('amazon')
    expect(notices).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(/^marketplace-rules\.json: \(file\): is not valid JSON/),
      }),
    ])
  })

  it('refuses a file too big to be a rules file, and keeps the built-in rules', async () => {
    const { notices, channel } = await load(Buffer.alloc(2 * 1024 * 1024, 32))
    expect(channel).toBe('amazon')
    expect(notices[0]?.message).toMatch(/could not be read: it is 2097152 bytes/)
  })
})

describe('threading marketplace mail', () => {
  const conversation = {
    id: 'cnv_1',
    customerId: 'cus_1',
    channel: 'rakuten',
    accountId: 'acc',
    subject: 'x',
    lastMessageAt: '2026-11-20T00:00:00Z',
  } as Conversation
  const query = {
    references: [],
    subject: '【楽天市場】商品レビューが投稿されました',
    customerId: 'cus_1',
    channel: 'rakuten' as const,
    accountId: 'acc',
    date: '2026-11-22T00:00:00Z',
    threads: ['rakuten:order:398217-20261118-0098765432'],
  }

  it('joins a notification to the conversation of the same order, though nothing else links them', () => {
    const threads = new Map([['rakuten:order:398217-20261118-0098765432', 'cnv_1']])
    expect(
      findConversation(
        query,
        () => undefined,
        [],
        (t) => threads.get(t),
      ),
    ).toBe('cnv_1')
  })

  it('prefers the References of a reply over the marketplace thread', () => {
    expect(
      findConversation(
        { ...query, inReplyTo: '<a@x>' },
        (id) => (id === '<a@x>' ? 'cnv_2' : undefined),
        [conversation],
        () => 'cnv_1',
      ),
    ).toBe('cnv_2')
  })
})
