// Drafting replies, reply-alls, forwards and new messages: the rules a seller expects of
// recipients, From account, subject, quote and threading headers.
import { describe, expect, it } from 'vitest'
import {
  MAX_REFERENCES,
  composeDraft,
  forwardSubject,
  pickOriginal,
  quote,
  replySubject,
  type ComposeInput,
} from '../../main/core/compose'
import type { Account, MessageRecord } from '../../main/core/model'

const smtp = { host: 'smtp.example', port: 587, tls: 'starttls' as const, user: 'u' }
const SHOP: Account = {
  id: 'acc_shop',
  label: 'Shop mail',
  kind: 'imap',
  address: 'shop@aiko-teaware.example',
  smtp,
  createdAt: '2026-01-01T00:00:00.000Z',
}
const AMAZON: Account = {
  id: 'acc_amazon',
  label: 'Amazon JP',
  kind: 'imap',
  address: 'amazon@aiko-teaware.example',
  smtp,
  createdAt: '2026-02-01T00:00:00.000Z',
}
const IMPORT: Account = {
  id: 'acc_import',
  label: 'Imported mail',
  kind: 'local',
  address: 'old@aiko-teaware.example',
  createdAt: '2025-01-01T00:00:00.000Z',
}
const DEMO: Account = {
  id: 'acc_demo',
  label: 'Demo',
  kind: 'demo',
  address: 'demo@aiko-teaware.example',
  createdAt: '2026-01-01T00:00:00.000Z',
}
const ACCOUNTS = [SHOP, AMAZON]

function record(overrides: Partial<MessageRecord> = {}): MessageRecord {
  return {
    id: 'msg_1',
    conversationId: 'cnv_1',
    customerId: 'cus_1',
    accountId: SHOP.id,
    channel: 'email',
    direction: 'in',
    messageId: '<q1@jane.example>',
    from: { name: 'Jane Doe', address: 'jane@jane.example' },
    to: [{ address: SHOP.address }],
    subject: 'Where is my teapot?',
    date: '2026-11-23T01:04:00.000Z',
    snippet: 'It has not arrived.',
    seen: false,
    attachments: [],
    emlPath: 'mail/acc_shop/2026-11/x.eml',
    ...overrides,
  }
}

function draft(mode: ComposeInput['mode'], original?: MessageRecord, extra: Partial<ComposeInput> = {}) {
  return composeDraft({
    mode,
    original,
    originalText: 'It has not arrived.\nOrder 123.',
    accounts: ACCOUNTS,
    language: 'en',
    timeZone: 'Asia/Tokyo',
    ...extra,
  })
}

describe('recipients', () => {
  it('replies to the Reply-To when the message has one', () => {
    const d = draft('reply', record({ replyTo: [{ name: 'Jane (orders)', address: 'orders@jane.example' }] }))
    expect(d.to).toEqual([{ name: 'Jane (orders)', address: 'orders@jane.example' }])
    expect(d.cc).toEqual([])
  })

  it('replies to the sender when there is no Reply-To', () => {
    expect(draft('reply', record()).to).toEqual([{ name: 'Jane Doe', address: 'jane@jane.example' }])
  })

  it('reply-all adds the original To and Cc and leaves the seller’s own addresses out', () => {
    const d = draft(
      'replyAll',
      record({
        to: [{ address: SHOP.address }, { name: 'Ken', address: 'ken@jane.example' }],
        cc: [{ address: AMAZON.address }, { name: 'Mia', address: 'mia@jane.example' }],
      }),
    )
    expect(d.to).toEqual([
      { name: 'Jane Doe', address: 'jane@jane.example' },
      { name: 'Ken', address: 'ken@jane.example' },
    ])
    expect(d.cc).toEqual([{ name: 'Mia', address: 'mia@jane.example' }])
  })

  it('reply-all lists each address once, whatever its case, and knows the seller in any case', () => {
    const d = draft(
      'replyAll',
      record({
        to: [{ address: 'SHOP@Aiko-TeaWare.example' }, { address: 'Ken@Jane.example' }],
        cc: [
          { name: 'Ken', address: 'ken@jane.example' },
          { address: 'JANE@jane.example' },
          { address: 'mia@x.example' },
        ],
      }),
    )
    expect(d.to).toEqual([{ name: 'Jane Doe', address: 'jane@jane.example' }, { address: 'Ken@Jane.example' }])
    expect(d.cc).toEqual([{ address: 'mia@x.example' }])
  })

  it('reply-all to a message with a Reply-To answers the Reply-To and the other recipients', () => {
    const d = draft(
      'replyAll',
      record({
        replyTo: [{ address: 'orders@jane.example' }],
        to: [{ address: SHOP.address }, { address: 'ken@x.example' }],
      }),
    )
    expect(d.to.map((a) => a.address)).toEqual(['orders@jane.example', 'ken@x.example'])
  })

  it('never puts the seller in To, even when the Reply-To is the seller’s own address', () => {
    const d = draft('replyAll', record({ replyTo: [{ address: SHOP.address }] }))
    expect(d.to).toEqual([{ name: 'Jane Doe', address: 'jane@jane.example' }])
    for (const a of [...d.to, ...d.cc]) expect([SHOP.address, AMAZON.address]).not.toContain(a.address.toLowerCase())
  })

  it('replying to the seller’s own sent message goes to its original recipients', () => {
    const sent = record({
      direction: 'out',
      from: { name: 'Aiko', address: SHOP.address },
      to: [{ name: 'Jane Doe', address: 'jane@jane.example' }],
      cc: [{ address: 'ken@jane.example' }],
    })
    expect(draft('reply', sent)).toMatchObject({ to: [{ name: 'Jane Doe', address: 'jane@jane.example' }], cc: [] })
    expect(draft('replyAll', sent)).toMatchObject({
      to: [{ name: 'Jane Doe', address: 'jane@jane.example' }],
      cc: [{ address: 'ken@jane.example' }],
    })
  })

  it('answers the Cc of the seller’s own message that went to Cc only', () => {
    const sent = record({
      direction: 'out',
      from: { address: SHOP.address },
      to: [],
      cc: [{ address: 'ken@x.example' }],
    })
    expect(draft('reply', sent)).toMatchObject({ to: [{ address: 'ken@x.example' }], cc: [] })
  })

  it('recognises the seller’s own message by its From even when it was synced as incoming', () => {
    const d = draft('reply', record({ from: { address: AMAZON.address }, to: [{ address: 'buyer@x.example' }] }))
    expect(d.to).toEqual([{ address: 'buyer@x.example' }])
  })

  it('does not address the placeholder the app gives mail without a sender', () => {
    const d = draft(
      'reply',
      record({ from: { name: 'Unknown sender', address: 'unknown-sender@seller-inbox.invalid' } }),
    )
    expect(d.to).toEqual([])
  })
})

describe('subject', () => {
  it.each([
    ['Where is my teapot?', 'Re: Where is my teapot?'],
    ['Re: Where is my teapot?', 'Re: Where is my teapot?'],
    ['RE: Where is my teapot?', 'Re: Where is my teapot?'],
    ['Re:Where is my teapot?', 'Re: Where is my teapot?'],
    ['Re[2]: Where is my teapot?', 'Re: Where is my teapot?'],
    ['AW: Where is my teapot?', 'Re: Where is my teapot?'],
    ['Fwd: Where is my teapot?', 'Re: Where is my teapot?'],
    ['FW: Re: RE: Where is my teapot?', 'Re: Where is my teapot?'],
    ['返信: 注文について', 'Re: 注文について'],
    ['転送：返信：注文について', 'Re: 注文について'],
    ['Return policy', 'Re: Return policy'],
    ['Regarding: my order', 'Re: Regarding: my order'],
  ])('a reply to "%s" is "%s"', (original, expected) => {
    expect(replySubject(original)).toBe(expected)
  })

  it.each([
    ['Invoice', 'Fwd: Invoice'],
    ['Fwd: Invoice', 'Fwd: Invoice'],
    ['FW: Invoice', 'Fwd: Invoice'],
    ['Re: Invoice', 'Fwd: Invoice'],
    ['転送: 請求書', 'Fwd: 請求書'],
  ])('a forward of "%s" is "%s"', (original, expected) => {
    expect(forwardSubject(original)).toBe(expected)
  })

  it('gives the reply and forward drafts those subjects', () => {
    expect(draft('reply', record({ subject: 'RE: Re: Teapot' })).subject).toBe('Re: Teapot')
    expect(draft('forward', record({ subject: 'Teapot' })).subject).toBe('Fwd: Teapot')
  })
})

describe('threading headers', () => {
  it('answers the original’s Message-ID and extends its References', () => {
    const d = draft('reply', record({ references: ['<a@x>', '<b@x>'], messageId: '<c@x>' }))
    expect(d.inReplyTo).toBe('<c@x>')
    expect(d.references).toEqual(['<a@x>', '<b@x>', '<c@x>'])
  })

  it('lists each id once', () => {
    const d = draft('reply', record({ references: ['<a@x>', '<c@x>', '<a@x>'], messageId: '<c@x>' }))
    expect(d.references).toEqual(['<a@x>', '<c@x>'])
  })

  it('trims the References of a long thread to the first message and the latest ones', () => {
    const long = Array.from({ length: 60 }, (_, i) => `<m${i}@x>`)
    const d = draft('reply', record({ references: long, messageId: '<m60@x>' }))
    expect(d.references).toHaveLength(MAX_REFERENCES)
    expect(d.references![0]).toBe('<m0@x>')
    expect(d.references![1]).toBe('<m41@x>')
    expect(d.references!.at(-1)).toBe('<m60@x>')
    expect(d.references!.join(' ').length).toBeLessThan(998)
  })

  it('leaves out the ids the app made up for mail that had none', () => {
    const d = draft('reply', record({ messageId: '<sha256-abc@seller-inbox.invalid>', references: [] }))
    expect(d.inReplyTo).toBeUndefined()
    expect(d.references).toBeUndefined()
  })

  it('a forward and a new message start a thread of their own', () => {
    for (const mode of ['forward', 'new'] as const) {
      const d = draft(mode, record({ references: ['<a@x>'] }))
      expect(d.inReplyTo).toBeUndefined()
      expect(d.references).toBeUndefined()
    }
  })
})

describe('quote', () => {
  it('opens with room to write, an English attribution line and the original quoted line by line', () => {
    const d = draft('reply', record())
    expect(d.text).toBe(
      [
        '',
        '',
        'On Mon, 23 Nov 2026 at 10:04, Jane Doe <jane@jane.example> wrote:',
        '> It has not arrived.',
        '> Order 123.',
      ].join('\n'),
    )
  })

  it('writes the attribution the Japanese way for a Japanese customer', () => {
    const d = draft('reply', record({ from: { name: '田中 花子', address: 'hanako@example.jp' } }), { language: 'ja' })
    expect(d.text.split('\n')[2]).toBe('2026年11月23日(月) 10:04 田中 花子 <hanako@example.jp>:')
  })

  it('gives the date in the seller’s time zone', () => {
    const d = draft('reply', record(), { timeZone: 'America/New_York' })
    expect(d.text).toContain('On Sun, 22 Nov 2026 at 20:04, Jane Doe')
  })

  it('uses the bare address when the sender has no name', () => {
    const d = draft('reply', record({ from: { address: 'jane@jane.example' } }))
    expect(d.text).toContain('On Mon, 23 Nov 2026 at 10:04, jane@jane.example wrote:')
  })

  it('quotes already-quoted lines once more, and blank lines as a bare ">"', () => {
    expect(quote('Thanks!\n\n> When does it ship?\n>> Order 5\r\nBye\n\n')).toBe(
      '> Thanks!\n>\n>> When does it ship?\n>>> Order 5\n> Bye',
    )
  })
})

describe('forward', () => {
  const withFiles = record({
    id: 'msg_invoice',
    cc: [{ address: 'ken@jane.example' }],
    attachments: [
      { filename: '請求書.pdf', contentType: 'application/pdf', size: 1234 },
      { filename: 'photo.png', contentType: 'image/png', size: 99 },
    ],
  })

  it('sets the original out unquoted below a "Forwarded message" block', () => {
    const d = draft('forward', withFiles)
    expect(d.text).toBe(
      [
        '',
        '',
        '---------- Forwarded message ---------',
        'From: Jane Doe <jane@jane.example>',
        'Date: Mon, 23 Nov 2026 at 10:04',
        'Subject: Where is my teapot?',
        'To: shop@aiko-teaware.example',
        'Cc: ken@jane.example',
        '',
        'It has not arrived.',
        'Order 123.',
      ].join('\n'),
    )
  })

  it('carries the original’s attachments by reference, and no recipients', () => {
    const d = draft('forward', withFiles)
    expect(d.attachments).toEqual([
      { fromMessage: 'msg_invoice', index: 0, filename: '請求書.pdf', contentType: 'application/pdf', size: 1234 },
      { fromMessage: 'msg_invoice', index: 1, filename: 'photo.png', contentType: 'image/png', size: 99 },
    ])
    expect(d.to).toEqual([])
    expect(d.cc).toEqual([])
  })

  it('does not join the customer’s conversation, so it does not count as an answer', () => {
    expect(draft('forward', withFiles).conversationId).toBeUndefined()
    expect(draft('reply', withFiles).conversationId).toBe('cnv_1')
  })

  it('dates the block the Japanese way in Japanese', () => {
    expect(draft('forward', withFiles, { language: 'ja' }).text).toContain('Date: 2026年11月23日(月) 10:04')
  })
})

describe('From account', () => {
  it('replies from the account the message arrived on (a marketplace relay takes only that address)', () => {
    expect(draft('reply', record({ accountId: AMAZON.id })).accountId).toBe(AMAZON.id)
  })

  it('hands an imported message to the sending account it was addressed to', () => {
    const d = draft('reply', record({ accountId: IMPORT.id, to: [{ address: 'Amazon@aiko-teaware.example' }] }), {
      accounts: [IMPORT, SHOP, AMAZON],
    })
    expect(d.accountId).toBe(AMAZON.id)
  })

  it('else to the first sending account set up', () => {
    const d = draft('reply', record({ accountId: IMPORT.id, to: [{ address: IMPORT.address }] }), {
      accounts: [IMPORT, AMAZON, SHOP],
    })
    expect(d.accountId).toBe(SHOP.id)
  })

  it('keeps the demo account when no account can send (the demo sends locally)', () => {
    expect(draft('reply', record({ accountId: DEMO.id }), { accounts: [DEMO] }).accountId).toBe(DEMO.id)
  })

  it('writes a new message from the first sending account', () => {
    expect(draft('new', undefined, { accounts: [IMPORT, AMAZON, SHOP] }).accountId).toBe(SHOP.id)
  })
})

describe('marketplace tokens', () => {
  const amazon = record({
    channel: 'amazon',
    from: { name: 'Hanako - Amazon Marketplace', address: 'abc123@marketplace.amazon.co.jp' },
  })
  const text = 'Where is it?\n\n[commMgrTok:A1B2C3D4E5F6G7]'

  it('keeps Amazon’s [commMgrTok:…] on a line of its own below the quote', () => {
    const d = draft('reply', amazon, { originalText: text })
    const lines = d.text.split('\n')
    expect(lines.at(-1)).toBe('[commMgrTok:A1B2C3D4E5F6G7]')
    expect(lines.at(-2)).toBe('')
    expect(d.to).toEqual([{ name: 'Hanako - Amazon Marketplace', address: 'abc123@marketplace.amazon.co.jp' }])
  })

  it('adds no token line to mail without one', () => {
    expect(draft('reply', record()).text).not.toContain('commMgrTok')
  })
})

describe('new message', () => {
  it('in a conversation goes to the customer with a blank subject and body', () => {
    const d = draft('new', record({ replyTo: [{ address: 'orders@jane.example' }] }))
    expect(d).toMatchObject({
      mode: 'new',
      conversationId: 'cnv_1',
      to: [{ address: 'orders@jane.example' }],
      cc: [],
      subject: '',
      text: '',
      attachments: [],
    })
  })

  it('outside any conversation is empty', () => {
    expect(draft('new')).toEqual({
      mode: 'new',
      accountId: SHOP.id,
      to: [],
      cc: [],
      subject: '',
      text: '',
      attachments: [],
    })
  })
})

describe('which message a reply answers', () => {
  const messages = [
    record({ id: 'a', date: '2026-11-20T00:00:00.000Z' }),
    record({ id: 'b', date: '2026-11-22T00:00:00.000Z' }),
    record({ id: 'c', date: '2026-11-23T00:00:00.000Z', direction: 'out' }),
  ]

  it('is the customer’s latest message by default', () => {
    expect(pickOriginal(messages)?.id).toBe('b')
  })

  it('is the named one when asked', () => {
    expect(pickOriginal(messages, 'a')?.id).toBe('a')
    expect(pickOriginal(messages, 'zzz')).toBeUndefined()
  })

  it('is the seller’s latest when the customer never wrote', () => {
    expect(pickOriginal([messages[2]!])?.id).toBe('c')
  })
})
