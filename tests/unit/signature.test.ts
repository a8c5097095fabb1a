// Signatures in drafts: where a new reply, reply all, forward or new message puts the From
// account's signature, and how changing the From account swaps it without touching the seller's words.
import { describe, expect, it } from 'vitest'
import { composeDraft, type ComposeInput } from '../../main/core/compose'
import type { Account, MessageRecord } from '../../main/core/model'
import {
  normaliseSignature,
  openingBody,
  signatureBlock,
  signaturePreview,
  swapSignature,
} from '../../main/core/signature'

const smtp = { host: 'smtp.example', port: 587, tls: 'starttls' as const, user: 'u' }
const SHOP: Account = {
  id: 'acc_shop',
  label: 'Shop mail',
  kind: 'imap',
  address: 'shop@aiko-teaware.example',
  smtp,
  signature: 'Aiko Teaware\nhttps://aiko-teaware.example',
  createdAt: '2026-01-01T00:00:00.000Z',
}
const PLAIN: Account = { ...SHOP, id: 'acc_plain', address: 'plain@aiko-teaware.example', signature: undefined }
const JA_SIGNATURE = 'アイコ茶器店\n岡本 典子\n〒600-8001 京都市下京区'

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
    cc: [{ address: 'sam@jane.example' }],
    subject: 'Where is my teapot?',
    date: '2026-11-23T01:04:00.000Z',
    snippet: 'It has not arrived.',
    seen: false,
    attachments: [],
    emlPath: 'mail/acc_shop/2026-11/x.eml',
    ...overrides,
  }
}

function draft(mode: ComposeInput['mode'], accounts: Account[], original: MessageRecord | undefined = record()) {
  return composeDraft({
    mode,
    original,
    originalText: 'It has not arrived.',
    accounts,
    language: 'en',
    timeZone: 'Asia/Tokyo',
  })
}

describe('a signature in a new draft', () => {
  it('puts the signature of the From account below the room to write and above the quote in a reply', () => {
    const d = draft('reply', [SHOP])
    expect(d.text).toBe(
      '\n\n-- \nAiko Teaware\nhttps://aiko-teaware.example\n\n' +
        'On Mon, 23 Nov 2026 at 10:04, Jane Doe <jane@jane.example> wrote:\n> It has not arrived.',
    )
  })

  it('places it the same way in a reply all', () => {
    const d = draft('replyAll', [SHOP])
    expect(d.text.startsWith('\n\n-- \nAiko Teaware\n')).toBe(true)
    expect(d.text.indexOf('-- \n')).toBeLessThan(d.text.indexOf('wrote:'))
  })

  it('puts it above the forwarded message in a forward', () => {
    const d = draft('forward', [SHOP])
    expect(d.text).toMatch(/^\n\n-- \nAiko Teaware\nhttps:\/\/aiko-teaware\.example\n\n---------- Forwarded message/)
  })

  it('opens a new message with just the signature, in a conversation or outside any', () => {
    expect(draft('new', [SHOP]).text).toBe('\n\n-- \nAiko Teaware\nhttps://aiko-teaware.example')
    expect(draft('new', [SHOP], undefined).text).toBe('\n\n-- \nAiko Teaware\nhttps://aiko-teaware.example')
  })

  it('leaves the body as before when the account has no signature', () => {
    expect(draft('new', [PLAIN], record({ accountId: PLAIN.id })).text).toBe('')
    expect(draft('reply', [PLAIN], record({ accountId: PLAIN.id })).text).toBe(
      '\n\nOn Mon, 23 Nov 2026 at 10:04, Jane Doe <jane@jane.example> wrote:\n> It has not arrived.',
    )
  })

  it('keeps a Japanese signature as written', () => {
    const d = draft('reply', [{ ...SHOP, signature: JA_SIGNATURE }])
    expect(d.text).toContain(`\n\n-- \n${JA_SIGNATURE}\n\nOn Mon`)
  })

  it('uses the signature of the account the reply is sent from, not of the others', () => {
    const d = draft('reply', [PLAIN, SHOP], record({ accountId: PLAIN.id, to: [{ address: PLAIN.address }] }))
    expect(d.accountId).toBe(PLAIN.id)
    expect(d.text).not.toContain('-- ')
  })
})

describe('the signature as stored', () => {
  it('drops trailing spaces, blank lines around it and Windows line ends', () => {
    expect(normaliseSignature('\r\nAiko  \r\nTeaware\r\n\r\n')).toBe('Aiko\nTeaware')
  })

  it('treats a blank signature as none', () => {
    expect(signatureBlock('  \n ')).toBe('')
    expect(openingBody('  ', '')).toBe('')
  })
})

describe('changing the From account', () => {
  const reply = draft('reply', [SHOP]).text

  it('swaps one signature for the other, keeping what the seller wrote and the quote', () => {
    const written = `Sorry for the wait!${reply}`
    const swapped = swapSignature(written, SHOP.signature, JA_SIGNATURE)
    expect(swapped).toBe(written.replace('Aiko Teaware\nhttps://aiko-teaware.example', JA_SIGNATURE))
  })

  it('removes the signature with its blank line when the new account has none', () => {
    expect(swapSignature(reply, SHOP.signature, undefined)).toBe(
      draft('reply', [PLAIN], record({ accountId: PLAIN.id })).text,
    )
  })

  it('adds the signature above the quote when the old account had none', () => {
    const plain = draft('reply', [PLAIN], record({ accountId: PLAIN.id })).text
    expect(swapSignature(`Thanks!${plain}`, undefined, SHOP.signature)).toBe(`Thanks!${reply}`)
    expect(swapSignature('Thanks!', undefined, SHOP.signature)).toBe(
      'Thanks!\n\n-- \nAiko Teaware\nhttps://aiko-teaware.example',
    )
  })

  it('leaves a signature the seller edited alone', () => {
    const edited = reply.replace('https://aiko-teaware.example', 'Closed until 4 January')
    expect(swapSignature(edited, SHOP.signature, JA_SIGNATURE)).toBeNull()
  })

  it('leaves a "-- " line the seller typed alone when there was no signature', () => {
    expect(swapSignature('Hi\n\n-- \nJane', undefined, SHOP.signature)).toBeNull()
  })
})

describe('the one-line preview', () => {
  it('joins the lines and cuts a long one, counting Japanese characters as one each', () => {
    expect(signaturePreview('Aiko Teaware\n\nhttps://aiko-teaware.example')).toBe(
      'Aiko Teaware · https://aiko-teaware.example',
    )
    expect(signaturePreview('茶'.repeat(100), 10)).toBe(`${'茶'.repeat(9)}…`)
    expect(signaturePreview(undefined)).toBe('')
  })
})
