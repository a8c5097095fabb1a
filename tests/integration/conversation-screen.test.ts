// The engine side of the conversation screen and the composer, through the contract on a real
// engine: message bodies with inline and remote images, attachments, remote-image permissions,
// saved drafts, customer notes and tags, snooze with its wake-up, and undo of done and snooze.
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Customer, OutboxItem, Settings } from '../../main/core/model'
import { Engine } from '../../main/engine/engine'
import {
  MAX_ATTACHMENT_BYTES,
  type ApiError,
  type AttachmentData,
  type ConversationSummary,
  type ConversationView,
  type CustomerView,
  type DraftSaved,
  type DraftSummary,
  type EventName,
  type Events,
  type ImportReport,
  type InboxPage,
  type MessageBody,
  type RemoteImagesAllowed,
  type RequestInput,
  type RequestMethod,
  type SavedDraft,
} from '../../preload/api'
import { corpusDir } from '../rigs/corpus'

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2000)])
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(3000), Buffer.from('\n%%EOF\n')])
const HOUR = 3_600_000

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/.{76}/g, '$&\r\n')
const date = (offsetMs: number) => new Date(Date.now() + offsetMs).toUTCString().replace('GMT', '+0000')

/** Jane shows a cracked lid inline (cid:), with a tracking pixel, and attaches the receipt. */
const CRACKED_LID = [
  'From: "Jane Doe" <Jane@Jane.example>',
  'To: shop@aiko-teaware.example',
  'Subject: Photo of the cracked lid',
  'Message-ID: <photo1@jane.example>',
  `Date: ${date(-2 * HOUR)}`,
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="m"',
  '',
  '--m',
  'Content-Type: multipart/related; boundary="r"',
  '',
  '--r',
  'Content-Type: multipart/alternative; boundary="a"',
  '',
  '--a',
  'Content-Type: text/plain; charset=UTF-8',
  '',
  'The lid is cracked, see the photo.',
  '--a',
  'Content-Type: text/html; charset=UTF-8',
  '',
  '<html><body><p>The lid is cracked, see the photo.</p><img src="cid:Lid@Jane.example" alt="lid">' +
    '<img src="https://tracking.example/open.gif" width="1" height="1"></body></html>',
  '--a--',
  '--r',
  'Content-Type: image/png',
  'Content-Transfer-Encoding: base64',
  'Content-ID: <Lid@Jane.example>',
  'Content-Disposition: inline; filename="lid.png"',
  '',
  b64(PNG),
  '--r--',
  '--m',
  'Content-Type: application/pdf',
  'Content-Disposition: attachment; filename="receipt.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  b64(PDF),
  '--m--',
  '',
].join('\r\n')

/** Another message from Jane, a newsletter-style one with a remote image. */
const NEWSLETTER = [
  'From: Jane Doe <jane@jane.example>',
  'To: shop@aiko-teaware.example',
  'Subject: Our tea club',
  'Message-ID: <club1@jane.example>',
  `Date: ${date(-3 * HOUR)}`,
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=UTF-8',
  '',
  '<p>Join us</p><img src="https://cdn.jane.example/banner.png">',
  '',
].join('\r\n')

/** Bob sends a catalogue bigger than any message may carry. */
const HUGE = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1024 * 1024, 7)
const CATALOGUE = [
  'From: Bob <bob@wholesale.example>',
  'To: shop@aiko-teaware.example',
  'Subject: Catalogue 2027',
  'Message-ID: <cat@wholesale.example>',
  `Date: ${date(-4 * HOUR)}`,
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="c"',
  '',
  '--c',
  'Content-Type: text/plain',
  '',
  'Our new catalogue.',
  '--c',
  'Content-Type: application/zip',
  'Content-Disposition: attachment; filename="catalogue.zip"',
  'Content-Transfer-Encoding: base64',
  '',
  b64(HUGE),
  '--c--',
  '',
].join('\r\n')

let dir: string
let engine: Engine
const events: { event: EventName; payload: unknown }[] = []

async function start(): Promise<void> {
  engine = await Engine.start({
    dataDir: join(dir, 'data'),
    keyFile: join(dir, 'key'),
    demo: true,
    demoMessages: 150,
    sync: false,
    log: () => undefined,
  })
  engine.on((event, payload) => events.push({ event, payload }))
}

async function call<M extends RequestMethod>(method: M, input: RequestInput<M>): Promise<unknown> {
  const r = await engine.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
  return r.value
}

async function fails(method: RequestMethod, input: unknown): Promise<ApiError> {
  const r = await engine.call(method, input)
  if (r.ok) throw new Error(`${method} should have failed`)
  return r.error
}

/** The next event of this kind (after now) that satisfies `match`. */
function next<E extends EventName>(event: E, match: (p: Events[E]) => boolean, timeoutMs = 5000): Promise<Events[E]> {
  const from = events.length
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = setInterval(() => {
      const hit = events.slice(from).find((e) => e.event === event && match(e.payload as Events[E]))
      if (hit) {
        clearInterval(poll)
        resolve(hit.payload as Events[E])
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll)
        reject(new Error(`no ${event} within ${timeoutMs} ms`))
      }
    }, 10)
  })
}

type Found = { id: string; conversationId: string; customerId: string }
const found = new Map<string, Found>()

/** A message record by its subject, among every customer's timeline (record ids never change). */
async function messageWithSubject(subject: string): Promise<Found> {
  const known = found.get(subject)
  if (known) return known
  const page = (await call('inbox.list', { view: 'all', limit: 500 })) as InboxPage
  for (const row of page.rows) {
    const view = (await call('customer.get', { customerId: row.customerId })) as CustomerView
    const m = view.timeline.find((t) => t.subject === subject)
    if (m) {
      const hit = { id: m.id, conversationId: m.conversationId, customerId: row.customerId }
      found.set(subject, hit)
      return hit
    }
  }
  throw new Error(`no message "${subject}"`)
}

async function body(messageId: string): Promise<MessageBody> {
  return (await call('message.body', { messageId })) as MessageBody
}

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'conversation-screen-'))
  const mail = join(dir, 'mail')
  await fs.mkdir(mail)
  await fs.writeFile(join(mail, 'lid.eml'), CRACKED_LID)
  await fs.writeFile(join(mail, 'club.eml'), NEWSLETTER)
  await fs.writeFile(join(mail, 'catalogue.eml'), CATALOGUE)
  await fs.writeFile(join(mail, 'broken.eml'), Buffer.from([0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 9, 0, 0]))
  await start()
  const report = (await engine.call('import.files', {
    paths: [
      join(mail, 'lid.eml'),
      join(mail, 'club.eml'),
      join(mail, 'catalogue.eml'),
      join(mail, 'broken.eml'),
      join(corpusDir, 'attachment_emails/attachment_message_rfc822_inline_image.eml'),
    ],
  })) as { ok: true; value: ImportReport }
  expect(report.value.errors).toEqual([])
  expect(report.value.imported).toBe(5)
}, 60_000)

afterAll(async () => {
  await engine?.close()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('message bodies', () => {
  it('returns the text, the raw HTML, the attachments and the cid: images as data URLs', async () => {
    const m = await messageWithSubject('Photo of the cracked lid')
    const b = await body(m.id)
    expect(b.messageId).toBe(m.id)
    expect(b.text).toContain('The lid is cracked')
    expect(b.html).toContain('<img src="cid:Lid@Jane.example"')
    expect(b.html).toContain('https://tracking.example/open.gif') // unsanitised: the renderer sanitises
    expect(b.hasRemoteImages).toBe(true)
    expect(b.remoteImagesAllowed).toBe(false)
    expect(b.attachments).toEqual([
      {
        index: 0,
        name: 'lid.png',
        contentType: 'image/png',
        size: PNG.length,
        inline: true,
        contentId: 'Lid@Jane.example',
      },
      { index: 1, name: 'receipt.pdf', contentType: 'application/pdf', size: PDF.length, inline: false },
    ])
    expect(Object.keys(b.inlineImages)).toEqual(['lid@jane.example'])
    expect(b.inlineImages['lid@jane.example']).toBe(`data:image/png;base64,${PNG.toString('base64')}`)
    expect(b.unreadable).toBeUndefined()
  })

  it('shows the inline image of a real-world message without the network', async () => {
    const b = await body((await messageWithSubject('test')).id)
    const id = 'emedfeb92f-a786-4718-a446-98db8afb53fb@kronos'
    expect(b.inlineImages[id]).toMatch(/^data:image\/png;base64,iVBORw0KGgo/)
    expect(b.hasRemoteImages).toBe(false)
    expect(b.attachments.find((a) => a.contentId === id)).toMatchObject({ name: 'img.png', inline: true })
    expect(b.attachments.find((a) => a.name === 'Testmail.eml')).toMatchObject({ inline: false })
  })

  it('shows a message that cannot be decoded as unreadable, with what the record knows', async () => {
    const page = (await call('inbox.list', { view: 'all', limit: 500 })) as InboxPage
    let unreadable: MessageBody | undefined
    for (const row of page.rows) {
      const view = (await call('customer.get', { customerId: row.customerId })) as CustomerView
      const m = view.timeline.find((t) => t.unreadable)
      if (m) unreadable = await body(m.id)
    }
    expect(unreadable?.unreadable).toMatch(/does not look like an e-mail|could not/)
    expect(unreadable?.html).toBeUndefined()
    expect(unreadable?.inlineImages).toEqual({})
  })

  it('refuses an unknown message and input that is not the contract', async () => {
    expect((await fails('message.body', { messageId: 'msg_nope' })).code).toBe('not_found')
    expect((await fails('message.body', { messageId: 'constructor' })).code).toBe('not_found')
    expect((await fails('message.body', { messageId: 'x', extra: 1 })).code).toBe('bad_request')
    expect((await fails('message.body', {})).code).toBe('bad_request')
  })
})

describe('attachments', () => {
  it('hands over an attachment byte for byte', async () => {
    const m = await messageWithSubject('Photo of the cracked lid')
    const a = (await call('message.attachment', { messageId: m.id, index: 1 })) as AttachmentData
    expect(a).toMatchObject({ name: 'receipt.pdf', contentType: 'application/pdf', size: PDF.length })
    expect(Buffer.from(a.dataBase64, 'base64').equals(PDF)).toBe(true)
  })

  it('says which attachments there are when the index is out of range', async () => {
    const m = await messageWithSubject('Photo of the cracked lid')
    const e = await fails('message.attachment', { messageId: m.id, index: 2 })
    expect(e.code).toBe('not_found')
    expect(e.message).toMatch(/has 2 attachments; there is no attachment 3/)
    expect((await fails('message.attachment', { messageId: m.id, index: -1 })).code).toBe('bad_request')
    expect((await fails('message.attachment', { messageId: m.id, index: 0.5 })).code).toBe('bad_request')
  })

  it('refuses an attachment bigger than the send limit, saying how big it is', async () => {
    const m = await messageWithSubject('Catalogue 2027')
    const e = await fails('message.attachment', { messageId: m.id, index: 0 })
    expect(e.code).toBe('too_large')
    expect(e.message).toMatch(/"catalogue\.zip" is 26\.0 MB; .* up to 25 MB/)
  })
})

describe('remote images', () => {
  it('allows them for one message only, then for every message from the sender', async () => {
    const lid = await messageWithSubject('Photo of the cracked lid')
    const club = await messageWithSubject('Our tea club')
    expect((await body(club.id)).hasRemoteImages).toBe(true)

    const one = (await call('message.allowRemoteImages', {
      messageId: lid.id,
      scope: 'message',
    })) as RemoteImagesAllowed
    expect(one).toEqual({ messageId: lid.id, scope: 'message' })
    expect((await body(lid.id)).remoteImagesAllowed).toBe(true)
    expect((await body(club.id)).remoteImagesAllowed).toBe(false)

    const changed = next('settings.changed', () => true)
    const all = (await call('message.allowRemoteImages', {
      messageId: club.id,
      scope: 'sender',
    })) as RemoteImagesAllowed
    expect(all).toEqual({ messageId: club.id, scope: 'sender', sender: 'jane@jane.example' })
    expect((await changed).remoteImagesFrom).toEqual(['jane@jane.example'])
    expect((await body(club.id)).remoteImagesAllowed).toBe(true)
    // The sender's address in any case: "Jane@Jane.example" wrote the other one.
    expect((await body(lid.id)).remoteImagesAllowed).toBe(true)
    const settings = (await call('settings.get', {})) as Settings
    expect(settings.remoteImagesFrom).toEqual(['jane@jane.example'])
  })

  it('validates the scope', async () => {
    const club = await messageWithSubject('Our tea club')
    expect((await fails('message.allowRemoteImages', { messageId: club.id, scope: 'everyone' })).code).toBe(
      'bad_request',
    )
  })
})

describe('drafts', () => {
  async function someConversation(n = 0): Promise<{ conversationId: string; customerId: string }> {
    const page = (await call('inbox.list', { view: 'waiting', limit: 50 })) as InboxPage
    const row = page.rows[n]!
    return { conversationId: row.conversationId, customerId: row.customerId }
  }
  async function accountId(): Promise<string> {
    const [a] = (await call('account.list', {})) as { id: string; kind: string }[]
    return a!.id
  }

  it('saves a reply draft under its conversation and saves over it on every autosave', async () => {
    const { conversationId } = await someConversation(0)
    const base = { conversationId, accountId: await accountId(), mode: 'reply' as const, subject: 'Re: lid' }
    const first = (await call('draft.save', { ...base, to: [{ address: 'jane@' }], text: 'Dear Jane' })) as DraftSaved
    expect(first).toMatchObject({ conversationId, id: expect.stringMatching(/^drf_/) })
    expect(Object.keys(first)).not.toContain('text')
    const second = (await call('draft.save', { ...base, draftId: first.id, text: 'Dear Jane, sorry' })) as DraftSaved
    expect(second.id).toBe(first.id)
    // Even without the id: a conversation has one draft.
    const third = (await call('draft.save', { ...base, text: 'Dear Jane, sorry about the lid' })) as DraftSaved
    expect(third.id).toBe(first.id)
    const draft = (await call('draft.get', { conversationId })) as SavedDraft
    expect(draft).toMatchObject({ id: first.id, conversationId, mode: 'reply', text: 'Dear Jane, sorry about the lid' })
    expect(draft.to).toEqual([]) // the last save had no recipients
    const list = (await call('draft.list', {})) as DraftSummary[]
    expect(list.filter((d) => d.conversationId === conversationId)).toHaveLength(1)
    expect(list.find((d) => d.id === first.id)?.snippet).toBe('Dear Jane, sorry about the lid')
  })

  it('keeps new-message drafts apart, each under the id its first save returned', async () => {
    const account = await accountId()
    const a = (await call('draft.save', { conversationId: 'new', accountId: account, text: 'A' })) as DraftSaved
    const b = (await call('draft.save', { conversationId: 'new', accountId: account, text: 'B' })) as DraftSaved
    expect(a.id).not.toBe(b.id)
    expect(a.conversationId).toBeUndefined()
    await call('draft.save', { draftId: a.id, conversationId: 'new', accountId: account, text: 'A2' })
    expect(((await call('draft.get', { draftId: a.id })) as SavedDraft).text).toBe('A2')
    expect(((await call('draft.get', { draftId: b.id })) as SavedDraft).text).toBe('B')
    const removed = (await call('draft.delete', { draftId: b.id })) as SavedDraft
    expect(removed.text).toBe('B')
    expect(await call('draft.get', { draftId: b.id })).toBeNull()
    expect(await call('draft.delete', { draftId: b.id })).toBeNull()
  })

  it('refuses to bring back a draft that was discarded, when a late autosave names it', async () => {
    const account = await accountId()
    const a = (await call('draft.save', { conversationId: 'new', accountId: account, text: 'x' })) as DraftSaved
    await call('draft.delete', { draftId: a.id })
    const e = await fails('draft.save', { draftId: a.id, conversationId: 'new', accountId: account, text: 'late' })
    expect(e.code).toBe('conflict')
    expect(await call('draft.get', { draftId: a.id })).toBeNull()
  })

  it('deletes the draft of a conversation when a message for it is sent, and a named draft too', async () => {
    const { conversationId } = await someConversation(1)
    const account = await accountId()
    // Held in the undo window for the rest of the file: this is about drafts, not delivery.
    await call('settings.update', { undoSendSeconds: 120 })
    await call('draft.save', { conversationId, accountId: account, text: 'On its way' })
    const fresh = (await call('draft.save', { conversationId: 'new', accountId: account, text: 'Hello' })) as DraftSaved
    await call('message.send', {
      accountId: account,
      conversationId,
      to: [{ address: 'c@example.com' }],
      subject: 'Re',
      text: 'On its way',
    })
    expect(await call('draft.get', { conversationId })).toBeNull()
    const item = (await call('message.send', {
      accountId: account,
      draftId: fresh.id,
      to: [{ address: 'd@example.com' }],
      subject: 'Hi',
      text: 'Hello',
    })) as OutboxItem
    expect(item.state).toBe('queued')
    expect(await call('draft.get', { draftId: fresh.id })).toBeNull()
  })

  it('checks the account, the conversation and the shape of what is saved', async () => {
    const account = await accountId()
    expect((await fails('draft.save', { conversationId: 'cnv_nope', accountId: account })).code).toBe('not_found')
    expect((await fails('draft.save', { conversationId: 'new', accountId: 'acc_nope' })).code).toBe('not_found')
    const bad = await fails('draft.save', { conversationId: 'new', accountId: account, bcc: [] })
    expect(bad.code).toBe('bad_request')
    expect((await fails('draft.save', { conversationId: 'new', accountId: account, to: 'x@y' })).code).toBe(
      'bad_request',
    )
    expect((await fails('draft.get', { conversationId: 'a', draftId: 'b' })).code).toBe('bad_request')
    expect((await fails('draft.get', {})).code).toBe('bad_request')
  })
})

describe('customer edits', () => {
  it('saves a private note, tags, name and language, and tells the inbox', async () => {
    const { customerId } = await messageWithSubject('Catalogue 2027')
    const heard = next('inbox.changed', (p) => p.customerIds?.includes(customerId) ?? false)
    const c = (await call('customer.update', {
      customerId,
      name: '  Bob Tanaka ',
      language: 'ja',
      note: 'Wholesale buyer.\nCall before 10:00.',
      tags: ['wholesale', 'VIP', 'vip', ' wholesale '],
    })) as Customer
    expect(c).toMatchObject({ id: customerId, name: 'Bob Tanaka', language: 'ja', tags: ['wholesale', 'VIP'] })
    expect(c.note).toBe('Wholesale buyer.\nCall before 10:00.')
    await heard
    const view = (await call('customer.get', { customerId })) as CustomerView
    expect(view.customer).toEqual(c)
    // Only what is named changes.
    const again = (await call('customer.update', { customerId, tags: [] })) as Customer
    expect(again).toMatchObject({ name: 'Bob Tanaka', note: c.note, tags: [] })
  })

  it('refuses an empty change, control characters, blank names and unknown customers', async () => {
    const { customerId } = await messageWithSubject('Catalogue 2027')
    expect((await fails('customer.update', { customerId })).code).toBe('bad_request')
    expect((await fails('customer.update', { customerId, note: 'bell\u0007' })).code).toBe('bad_request')
    expect((await fails('customer.update', { customerId, name: '   ' })).code).toBe('bad_request')
    expect((await fails('customer.update', { customerId, tags: ['a,b'] })).code).toBe('bad_request')
    expect(
      (await fails('customer.update', { customerId, tags: Array.from({ length: 51 }, (_, i) => `t${i}`) })).code,
    ).toBe('bad_request')
    expect((await fails('customer.update', { customerId, keys: [] })).code).toBe('bad_request')
    expect((await fails('customer.update', { customerId: 'cus_nope', note: 'x' })).code).toBe('not_found')
  })
})

describe('snooze and undo', () => {
  async function conversation(id: string): Promise<ConversationView['conversation']> {
    return ((await call('conversation.get', { conversationId: id })) as ConversationView).conversation
  }

  it('snoozes a conversation out of Waiting into Snoozed until the time given', async () => {
    const { conversationId, customerId } = await messageWithSubject('Our tea club')
    const until = new Date(Date.now() + 2 * HOUR)
    const s = (await call('conversation.snooze', {
      conversationId,
      until: until.toISOString().replace('Z', '+00:00'),
    })) as ConversationSummary
    expect(s).toMatchObject({ id: conversationId, status: 'snoozed', snoozedUntil: until.toISOString() })
    const snoozed = (await call('inbox.list', { view: 'snoozed', limit: 500 })) as InboxPage
    expect(snoozed.rows.find((r) => r.conversationId === conversationId)?.snoozedUntil).toBe(until.toISOString())
    const waiting = (await call('inbox.list', { view: 'waiting', limit: 500 })) as InboxPage
    expect(waiting.rows.some((r) => r.conversationId === conversationId)).toBe(false)
    expect(customerId).toBeTruthy()
  })

  it('refuses a snooze in the past, more than a year ahead, or not a time', async () => {
    const { conversationId } = await messageWithSubject('Our tea club')
    const past = await fails('conversation.snooze', {
      conversationId,
      until: new Date(Date.now() - 1000).toISOString(),
    })
    expect(past).toMatchObject({ code: 'bad_request', issues: [{ path: 'until' }] })
    const far = new Date(Date.now() + 400 * 24 * HOUR).toISOString()
    expect((await fails('conversation.snooze', { conversationId, until: far })).code).toBe('bad_request')
    expect((await fails('conversation.snooze', { conversationId, until: 'tomorrow' })).code).toBe('bad_request')
    expect((await fails('conversation.snooze', { conversationId: 'cnv_nope', until: far })).code).toBe('not_found')
  })

  it('brings a snoozed conversation back to Waiting when the time passes, and says so', async () => {
    const { conversationId, customerId } = await messageWithSubject('Catalogue 2027')
    await call('conversation.snooze', { conversationId, until: new Date(Date.now() + 1500).toISOString() })
    const snoozedAt = Date.now()
    await next('inbox.changed', (p) => p.customerIds?.includes(customerId) ?? false, 10_000)
    expect(Date.now() - snoozedAt).toBeGreaterThanOrEqual(1000)
    expect(Date.now() - snoozedAt).toBeLessThan(1500 + 5000)
    const c = await conversation(conversationId)
    expect(c.status).toBe('open')
    expect(c.snoozedUntil).toBeUndefined()
    const waiting = (await call('inbox.list', { view: 'waiting', limit: 500 })) as InboxPage
    expect(waiting.rows.some((r) => r.customerId === customerId)).toBe(true)
  })

  it('undoes done exactly, snoozed until the same moment if it was, and then undoes the snooze', async () => {
    const { conversationId } = await messageWithSubject('Our tea club')
    const { customerId: _c, accountId: _a, ...before } = await conversation(conversationId)
    expect(before.status).toBe('snoozed')
    const done = (await call('conversation.setStatus', { conversationId, status: 'done' })) as ConversationSummary
    expect(done.status).toBe('done')
    expect(done.snoozedUntil).toBeUndefined()
    const undone = (await call('conversation.setStatus', { conversationId, status: 'open' })) as ConversationSummary
    expect(undone).toEqual(before)
    const reopened = (await call('conversation.setStatus', { conversationId, status: 'open' })) as ConversationSummary
    expect(reopened.status).toBe('open')
    expect(reopened.snoozedUntil).toBeUndefined()
  })

  it('clears the snooze when the customer writes again', async () => {
    const { conversationId } = await messageWithSubject('Photo of the cracked lid')
    await call('conversation.snooze', { conversationId, until: new Date(Date.now() + 24 * HOUR).toISOString() })
    const reply = [
      'From: Jane Doe <jane@jane.example>',
      'To: shop@aiko-teaware.example',
      'Subject: Re: Photo of the cracked lid',
      'Message-ID: <photo2@jane.example>',
      'In-Reply-To: <photo1@jane.example>',
      'References: <photo1@jane.example>',
      `Date: ${date(-60_000)}`,
      '',
      'Any news?',
      '',
    ].join('\r\n')
    const file = join(dir, 'mail', 'reply.eml')
    await fs.writeFile(file, reply)
    await call('import.files', { paths: [file] })
    const c = await conversation(conversationId)
    expect(c).toMatchObject({ status: 'open', messageCount: 2 })
    expect(c.snoozedUntil).toBeUndefined()
  })
})

describe('after a restart', () => {
  it('keeps drafts, remote-image permissions and notes, and wakes snoozes that ended meanwhile', async () => {
    const { conversationId, customerId } = await messageWithSubject('Our tea club')
    await call('conversation.snooze', { conversationId, until: new Date(Date.now() + 300).toISOString() })
    const account = ((await call('account.list', {})) as { id: string }[])[0]!.id
    const saved = (await call('draft.save', { conversationId: 'new', accountId: account, text: 'kept' })) as DraftSaved
    await engine.close()
    await new Promise((r) => setTimeout(r, 400))
    await start()
    expect(((await call('draft.get', { draftId: saved.id })) as SavedDraft).text).toBe('kept')
    const lid = await messageWithSubject('Photo of the cracked lid')
    expect((await body(lid.id)).remoteImagesAllowed).toBe(true)
    expect(((await call('settings.get', {})) as Settings).remoteImagesFrom).toEqual(['jane@jane.example'])
    const bob = await messageWithSubject('Catalogue 2027')
    expect(((await call('customer.get', { customerId: bob.customerId })) as CustomerView).customer.name).toBe(
      'Bob Tanaka',
    )
    const c = ((await call('conversation.get', { conversationId })) as ConversationView).conversation
    expect(c.status).toBe('open')
    const waiting = (await call('inbox.list', { view: 'waiting', limit: 500 })) as InboxPage
    expect(waiting.rows.some((r) => r.customerId === customerId)).toBe(true)
  })
})
