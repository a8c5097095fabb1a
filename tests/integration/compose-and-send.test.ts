// Reply, reply-all, forward and new messages end to end through the engine, against the
// private Dovecot (the seller's mailbox) and the SMTP sink (what actually went out):
// recipients, From, threading headers, attachments byte for byte with Japanese names,
// the 25 MB limit, the undo window and a restart with an attachment waiting.
import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseMail, type ParsedMail } from '../../main/channels/mail/parse'
import type { OutboxItem } from '../../main/core/model'
import { Engine, type EngineOptions } from '../../main/engine/engine'
import {
  MAX_ATTACHMENT_BYTES,
  type AccountView,
  type ApiError,
  type ConversationView,
  type Draft,
  type InboxPage,
  type RequestInput,
} from '../../preload/api'
import { startDovecot, type DovecotRig } from '../rigs/dovecot'
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../rigs/smtp-sink'

const SHOP = 'seller@shop.example'
const PASSWORD = 'correct horse'
const PDF_NAME = '請求書_2026年11月.pdf'
const PNG_NAME = '商品写真_南部鉄器の急須_黒_0.8リットル_正面と側面から撮影.png'
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  Buffer.from('\n%%EOF\n'),
])
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(4000)])

let dir: string
let dataDir: string
let rig: DovecotRig
let sink: SmtpSink
let engine: Engine
let account: AccountView

/** Jane asks a question, copying a colleague and the seller, answers to go to her orders address. */
const QUESTION = [
  'From: "Jane Doe" <jane@jane.example>',
  `To: ${SHOP}, "Ken Sato" <ken@partner.example>`,
  `Cc: "Mia" <mia@partner.example>, Seller@Shop.Example`,
  'Reply-To: "Jane (orders)" <orders@jane.example>',
  'Subject: RE: Where is my teapot?',
  'Message-ID: <q1@jane.example>',
  'In-Reply-To: <q0@jane.example>',
  'References: <q0@jane.example>',
  'Date: Mon, 23 Nov 2026 10:04:00 +0900',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=UTF-8',
  '',
  'It has not arrived yet.',
  '> Your order has shipped.',
  '',
].join('\r\n')

/** Hanako sends an invoice and a photo, both with Japanese names (RFC 2231 and RFC 2047). */
const WITH_FILES = [
  'From: =?UTF-8?B?' + Buffer.from('田中 花子').toString('base64') + '?= <hanako@example.jp>',
  `To: ${SHOP}`,
  'Subject: =?UTF-8?B?' + Buffer.from('破損について').toString('base64') + '?=',
  'Message-ID: <files1@example.jp>',
  'Date: Tue, 24 Nov 2026 09:00:00 +0900',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"',
  '',
  '--b1',
  'Content-Type: text/plain; charset=UTF-8',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('届いた急須が割れていました。写真と請求書を添付します。').toString('base64'),
  '--b1',
  'Content-Type: application/pdf',
  `Content-Disposition: attachment; filename*=UTF-8''${encodeURIComponent(PDF_NAME)}`,
  'Content-Transfer-Encoding: base64',
  '',
  PDF.toString('base64'),
  '--b1',
  `Content-Type: image/png; name="=?UTF-8?B?${Buffer.from(PNG_NAME).toString('base64')}?="`,
  'Content-Disposition: attachment',
  'Content-Transfer-Encoding: base64',
  '',
  PNG.toString('base64').replace(/.{76}/g, '$&\r\n'),
  '--b1--',
  '',
].join('\r\n')

function options(): EngineOptions {
  return { dataDir, keyFile: join(dir, 'config', 'secret.key'), sync: false, log: () => undefined }
}

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await engine.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`)
  return r.value as T
}

async function failure(method: string, input: unknown): Promise<ApiError> {
  const r = await engine.call(method, input)
  if (r.ok) throw new Error(`${method} succeeded; expected it to fail`)
  return r.error
}

/** The draft as a send request: what the composer does when the seller presses Ctrl+Enter. */
function sendable(d: Draft, changes: Partial<RequestInput<'message.send'>> = {}): RequestInput<'message.send'> {
  return {
    accountId: d.accountId,
    conversationId: d.conversationId,
    to: d.to,
    cc: d.cc,
    subject: d.subject,
    text: d.text,
    inReplyTo: d.inReplyTo,
    references: d.references,
    attachments: d.attachments.map(({ fromMessage, index }) => ({ fromMessage, index })),
    ...changes,
  }
}

async function untilSent(id: string): Promise<OutboxItem> {
  for (let i = 0; i < 200; i++) {
    const item = (await call<OutboxItem[]>('outbox.list', {})).find((x) => x.id === id)
    if (item?.state === 'sent') return item
    if (item?.state === 'failed') throw new Error(`sending failed: ${item.lastError}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`${id} was not sent in time`)
}

async function arrived(item: OutboxItem): Promise<{ sunk: SinkMessage; mail: ParsedMail }> {
  const sunk = await sink.waitFor((m) => m.raw.includes(item.messageId), 10_000)
  return { sunk, mail: await parseMail(sunk.raw, { attachmentContent: true }) }
}

async function conversationOf(subject: string): Promise<string> {
  const page = await call<InboxPage>('inbox.list', { view: 'all', limit: 50 })
  const row = page.rows.find((r) => r.subject === subject)
  if (!row) throw new Error(`no conversation "${subject}" in ${page.rows.map((r) => r.subject).join(', ')}`)
  return row.conversationId
}

async function exists(path: string): Promise<boolean> {
  return fs.access(path).then(
    () => true,
    () => false,
  )
}

/** Whether `path` is gone within a few seconds: the outbox tidies up just after 'sent'. */
async function removed(path: string): Promise<boolean> {
  for (let i = 0; i < 100 && (await exists(path)); i++) await new Promise((r) => setTimeout(r, 50))
  return !(await exists(path))
}

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'compose-send-'))
  dataDir = join(dir, 'data')
  rig = await startDovecot({ users: [{ user: SHOP, password: PASSWORD }] })
  await rig.createFolder(SHOP, 'Sent')
  await rig.seedMaildir(SHOP, 'INBOX', [QUESTION, WITH_FILES])
  sink = await startSmtpSink()
  engine = await Engine.start(options())
  account = await call<AccountView>('account.add', {
    label: 'Shop mail',
    address: SHOP,
    displayName: "Aiko's Tea Ware",
    imap: { host: rig.host, port: rig.port, tls: 'none', user: SHOP },
    smtp: { host: sink.host, port: sink.port, tls: 'none', user: SHOP },
    password: PASSWORD,
  })
  await call('account.sync', { id: account.id })
  await call('settings.update', { undoSendSeconds: 0 })
}, 60_000)

afterAll(async () => {
  await engine?.close()
  await sink?.stop()
  await rig?.stop()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('composing and sending', () => {
  it('replies to the Reply-To from the account it arrived on, threaded under the question', async () => {
    const conversationId = await conversationOf('RE: Where is my teapot?')
    const draft = await call<Draft>('message.compose', { conversationId, mode: 'reply' })
    expect(draft).toMatchObject({
      accountId: account.id,
      conversationId,
      to: [{ name: 'Jane (orders)', address: 'orders@jane.example' }],
      cc: [],
      subject: 'Re: Where is my teapot?',
      inReplyTo: '<q1@jane.example>',
      references: ['<q0@jane.example>', '<q1@jane.example>'],
    })
    expect(draft.text).toMatch(/Jane Doe <jane@jane\.example> wrote:\n> It has not arrived yet\.\n>> Your order/)

    const item = await call<OutboxItem>('message.send', sendable(draft, { text: `It ships today.${draft.text}` }))
    const { sunk, mail } = await arrived(item)
    expect(sunk.from).toBe(SHOP)
    expect(sunk.to).toEqual(['orders@jane.example'])
    expect(mail.from).toEqual({ name: "Aiko's Tea Ware", address: SHOP })
    expect(mail.inReplyTo).toBe('<q1@jane.example>')
    expect(mail.references).toEqual(['<q0@jane.example>', '<q1@jane.example>'])
    expect(mail.subject).toBe('Re: Where is my teapot?')
    expect(mail.text).toContain('> It has not arrived yet.')
    await untilSent(item.id)
  })

  it('replies to all: Jane, her colleagues in To and Cc, never the seller', async () => {
    const conversationId = await conversationOf('RE: Where is my teapot?')
    const conversation = await call<ConversationView>('conversation.get', { conversationId })
    const question = conversation.messages.find((m) => m.direction === 'in')!
    const draft = await call<Draft>('message.compose', { conversationId, messageId: question.id, mode: 'replyAll' })
    expect(draft.to.map((a) => a.address)).toEqual(['orders@jane.example', 'ken@partner.example'])
    expect(draft.cc.map((a) => a.address)).toEqual(['mia@partner.example'])

    const item = await call<OutboxItem>('message.send', sendable(draft))
    const { sunk, mail } = await arrived(item)
    expect([...sunk.to].sort()).toEqual(['ken@partner.example', 'mia@partner.example', 'orders@jane.example'])
    expect(mail.to.map((a) => a.address)).toEqual(['orders@jane.example', 'ken@partner.example'])
    expect(mail.cc.map((a) => a.address)).toEqual(['mia@partner.example'])
    await untilSent(item.id)
  })

  it('replies to its own sent reply by writing to that reply’s recipients', async () => {
    const conversationId = await conversationOf('RE: Where is my teapot?')
    const conversation = await call<ConversationView>('conversation.get', { conversationId })
    const ours = conversation.messages.filter((m) => m.direction === 'out').at(-1)!
    const draft = await call<Draft>('message.compose', { conversationId, messageId: ours.id, mode: 'replyAll' })
    expect(draft.to.map((a) => a.address)).toEqual(['orders@jane.example', 'ken@partner.example'])
    expect(draft.cc.map((a) => a.address)).toEqual(['mia@partner.example'])
  })

  it('forwards the PDF and the photo with their Japanese names and identical bytes', async () => {
    const conversationId = await conversationOf('破損について')
    const draft = await call<Draft>('message.compose', { conversationId, mode: 'forward' })
    expect(draft.subject).toBe('Fwd: 破損について')
    expect(draft.conversationId).toBeUndefined()
    expect(draft.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      [PDF_NAME, 'application/pdf', PDF.length],
      [PNG_NAME, 'image/png', PNG.length],
    ])
    expect(draft.text).toContain('---------- Forwarded message ---------\nFrom: 田中 花子 <hanako@example.jp>')

    const item = await call<OutboxItem>(
      'message.send',
      sendable(draft, { to: [{ name: '倉庫', address: 'warehouse@supplier.example' }] }),
    )
    expect(item.attachments?.map((a) => a.filename)).toEqual([PDF_NAME, PNG_NAME])
    const { sunk, mail } = await arrived(item)
    expect(sunk.to).toEqual(['warehouse@supplier.example'])
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [PDF_NAME, 'application/pdf'],
      [PNG_NAME, 'image/png'],
    ])
    expect(Buffer.from(mail.attachmentContent![0]!).equals(PDF)).toBe(true)
    expect(Buffer.from(mail.attachmentContent![1]!).equals(PNG)).toBe(true)
    // Encoded for the wire, not raw UTF-8 in a header: RFC 2231 (filename*) as nodemailer writes it.
    const headers = sunk.raw.toString('latin1')
    expect(headers).toMatch(/filename\*0\*=utf-8''/i)
    expect(/\P{ASCII}/u.test(headers)).toBe(false)
    await untilSent(item.id)
    expect(await removed(join(dataDir, 'outbox', item.id))).toBe(true)
  })

  it('sends a new message with an uploaded file, and the timeline shows the attachment', async () => {
    const conversationId = await conversationOf('破損について')
    const draft = await call<Draft>('message.compose', { conversationId, mode: 'new' })
    expect(draft).toMatchObject({ to: [{ name: '田中 花子', address: 'hanako@example.jp' }], subject: '', text: '' })
    expect(draft.inReplyTo).toBeUndefined()
    const label = Buffer.from('返品ラベル\n'.repeat(50))
    const item = await call<OutboxItem>(
      'message.send',
      sendable(draft, {
        subject: '返品ラベルをお送りします',
        text: '田中様\n\n返品ラベルを添付いたします。',
        attachments: [{ name: '返品ラベル.txt', contentType: 'text/plain', dataBase64: label.toString('base64') }],
      }),
    )
    const { mail } = await arrived(item)
    expect(mail.attachments[0]).toMatchObject({ filename: '返品ラベル.txt', size: label.length })
    expect(Buffer.from(mail.attachmentContent![0]!).equals(label)).toBe(true)
    await untilSent(item.id)

    const conversation = await call<ConversationView>('conversation.get', { conversationId })
    const sent = conversation.messages.find((m) => m.subject === '返品ラベルをお送りします')!
    expect(sent.direction).toBe('out')
    expect(sent.attachments).toEqual([{ filename: '返品ラベル.txt', contentType: 'text/plain', size: label.length }])
    expect(await removed(join(dataDir, 'outbox', item.id))).toBe(true)
  })

  it('refuses attachments over 25 MB with a clear error, and queues nothing', async () => {
    const before = await call<OutboxItem[]>('outbox.list', {})
    const base = { accountId: account.id, to: [{ address: 'hanako@example.jp' }], subject: 'Big', text: 'Here.' }
    const half = Buffer.alloc(13 * 1024 * 1024, 1).toString('base64')

    const together = await failure('message.send', {
      ...base,
      attachments: [
        { name: 'a.bin', contentType: 'application/octet-stream', dataBase64: half },
        { name: 'b.bin', contentType: 'application/octet-stream', dataBase64: half },
      ],
    })
    expect(together.code).toBe('bad_request')
    expect(together.issues).toEqual([
      { path: 'attachments', message: expect.stringMatching(/26\.0 MB; at most 25 MB can be sent in one message/) },
    ])

    const one = await failure('message.send', {
      ...base,
      attachments: [
        {
          name: 'huge.bin',
          contentType: 'application/octet-stream',
          dataBase64: Buffer.alloc(MAX_ATTACHMENT_BYTES + 3).toString('base64'),
        },
      ],
    })
    expect(one.issues).toContainEqual({
      path: 'attachments.0.dataBase64',
      message: 'An attachment may be at most 25 MB.',
    })

    // Under the limit on its own, over it with the forwarded PDF: the engine counts both.
    const files = await call<ConversationView>('conversation.get', {
      conversationId: await conversationOf('破損について'),
    })
    const withFiles = files.messages.find((m) => m.direction === 'in' && m.attachments.length > 0)!
    const forwarded = await failure('message.send', {
      ...base,
      attachments: [
        {
          name: 'nearly.bin',
          contentType: 'application/octet-stream',
          dataBase64: Buffer.alloc(MAX_ATTACHMENT_BYTES - 100).toString('base64'),
        },
        { fromMessage: withFiles.id, index: 0 },
      ],
    })
    expect(forwarded).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/25\.1 MB; at most 25 MB/) })

    expect(await call<OutboxItem[]>('outbox.list', {})).toEqual(before)
    const left = await fs.readdir(join(dataDir, 'outbox')).catch(() => [])
    expect(left).toEqual([])
  }, 60_000)

  it('says what is wrong with a bad attachment', async () => {
    const base = { accountId: account.id, to: [{ address: 'hanako@example.jp' }], subject: 'x', text: 'x' }
    const named = await failure('message.send', {
      ...base,
      attachments: [{ name: '../../etc/passwd', contentType: 'text/plain', dataBase64: 'AAAA' }],
    })
    expect(named.issues).toEqual([
      { path: 'attachments.0.name', message: 'An attachment name cannot contain "/", "\\" or control characters.' },
    ])
    const typed = await failure('message.send', {
      ...base,
      attachments: [{ name: 'a.pdf', contentType: 'pdf', dataBase64: 'AAAA' }],
    })
    expect(typed.issues).toEqual([
      { path: 'attachments.0.contentType', message: 'Not a content type such as "application/pdf".' },
    ])
    const files = await call<ConversationView>('conversation.get', {
      conversationId: await conversationOf('破損について'),
    })
    const withFiles = files.messages.find((m) => m.direction === 'in' && m.attachments.length > 0)!
    const missing = await failure('message.send', { ...base, attachments: [{ fromMessage: withFiles.id, index: 2 }] })
    expect(missing).toMatchObject({
      code: 'bad_request',
      issues: [
        {
          path: 'attachments.0.index',
          message: 'That message has 2 attachments; there is no attachment 3 to forward.',
        },
      ],
    })
    const gone = await failure('message.send', { ...base, attachments: [{ fromMessage: 'msg_nope', index: 0 }] })
    expect(gone.code).toBe('not_found')
  })

  it('undo within the window cancels the message and removes its stored attachment', async () => {
    await call('settings.update', { undoSendSeconds: 30 })
    const item = await call<OutboxItem>('message.send', {
      accountId: account.id,
      to: [{ address: 'hanako@example.jp' }],
      subject: 'Oops',
      text: 'Wrong photo.',
      attachments: [{ name: 'wrong.png', contentType: 'image/png', dataBase64: PNG.toString('base64') }],
    })
    const stored = join(dataDir, ...item.attachments![0]!.file.split('/'))
    expect(await fs.readFile(stored)).toEqual(PNG)
    await call('outbox.cancel', { id: item.id })
    expect(await exists(join(dataDir, 'outbox', item.id))).toBe(false)
    expect((await call<OutboxItem[]>('outbox.list', {})).some((x) => x.id === item.id)).toBe(false)
    expect(sink.messages.some((m) => m.raw.includes(item.messageId))).toBe(false)
  })

  it('keeps a queued attachment across a restart and sends it once, with the Message-ID it was queued with', async () => {
    await call('settings.update', { undoSendSeconds: 1 })
    const item = await call<OutboxItem>('message.send', {
      accountId: account.id,
      to: [{ address: 'hanako@example.jp' }],
      subject: 'Invoice again',
      text: 'Attached.',
      attachments: [{ name: PDF_NAME, contentType: 'application/pdf', dataBase64: PDF.toString('base64') }],
    })
    await engine.close()
    expect(await exists(join(dataDir, 'outbox', item.id, '0'))).toBe(true)
    engine = await Engine.start(options())
    await untilSent(item.id)
    const { mail } = await arrived(item)
    expect(mail.messageId).toBe(item.messageId)
    expect(mail.attachments[0]?.filename).toBe(PDF_NAME)
    expect(Buffer.from(mail.attachmentContent![0]!).equals(PDF)).toBe(true)
    expect(sink.messages.filter((m) => m.raw.includes(item.messageId))).toHaveLength(1)
    expect(await removed(join(dataDir, 'outbox', item.id))).toBe(true)
  })
})
