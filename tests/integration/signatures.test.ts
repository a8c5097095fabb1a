// Signatures through the engine: a mail account's signature set with account.add / account.update
// is in the draft message.compose offers and in the mail that reaches the SMTP sink; the demo's
// account takes a signature too, but not server settings; saved drafts keep what they held.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseMail } from '../../main/channels/mail/parse'
import type { OutboxItem } from '../../main/core/model'
import { Engine } from '../../main/engine/engine'
import type { AccountView, ApiError, Draft, DraftSaved, InboxPage, SavedDraft } from '../../preload/api'
import { startDovecot, type DovecotRig } from '../rigs/dovecot'
import { startSmtpSink, type SmtpSink } from '../rigs/smtp-sink'

const SHOP = 'seller@shop.example'
const PASSWORD = 'correct horse'
const SIGNATURE = 'アイコ茶器店 岡本 典子\nhttps://aiko-teaware.example'

const QUESTION = [
  'From: "Jane Doe" <jane@jane.example>',
  `To: ${SHOP}`,
  'Subject: Where is my teapot?',
  'Message-ID: <sig-q1@jane.example>',
  'Date: Mon, 23 Nov 2026 10:04:00 +0900',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=UTF-8',
  '',
  'It has not arrived yet.',
  '',
].join('\r\n')

let dir: string
let rig: DovecotRig
let sink: SmtpSink
let engine: Engine
let demo: Engine
let account: AccountView

async function call<T>(on: Engine, method: string, input: unknown): Promise<T> {
  const r = await on.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`)
  return r.value as T
}

async function failure(on: Engine, method: string, input: unknown): Promise<ApiError> {
  const r = await on.call(method, input)
  if (r.ok) throw new Error(`${method} succeeded; expected it to fail`)
  return r.error
}

async function question(): Promise<string> {
  const page = await call<InboxPage>(engine, 'inbox.list', { view: 'all', limit: 50 })
  const row = page.rows.find((r) => r.subject === 'Where is my teapot?')
  if (!row) throw new Error('the question did not arrive')
  return row.conversationId
}

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'signatures-'))
  rig = await startDovecot({ users: [{ user: SHOP, password: PASSWORD }] })
  await rig.createFolder(SHOP, 'Sent')
  await rig.seedMaildir(SHOP, 'INBOX', [QUESTION])
  sink = await startSmtpSink()
  engine = await Engine.start({
    dataDir: join(dir, 'data'),
    keyFile: join(dir, 'config', 'secret.key'),
    sync: false,
    log: () => undefined,
  })
  account = await call<AccountView>(engine, 'account.add', {
    label: 'Shop mail',
    address: SHOP,
    imap: { host: rig.host, port: rig.port, tls: 'none', user: SHOP },
    smtp: { host: sink.host, port: sink.port, tls: 'none', user: SHOP },
    password: PASSWORD,
    signature: `${SIGNATURE}\r\n\r\n`,
  })
  await call(engine, 'account.sync', { id: account.id })
  await call(engine, 'settings.update', { undoSendSeconds: 0 })
  demo = await Engine.start({
    dataDir: join(dir, 'demo'),
    keyFile: join(dir, 'demo-key'),
    demo: true,
    demoMessages: 20,
    sync: false,
    log: () => undefined,
  })
}, 60_000)

afterAll(async () => {
  await engine?.close()
  await demo?.close()
  await sink?.stop()
  await rig?.stop()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('an account with a signature', () => {
  it('keeps the signature tidied, and shows it in the account list', async () => {
    expect(account.signature).toBe(SIGNATURE)
    const [listed] = await call<AccountView[]>(engine, 'account.list', {})
    expect(listed?.signature).toBe(SIGNATURE)
  })

  it('offers a reply with the signature between the room to write and the quote, and sends it', async () => {
    const conversationId = await question()
    const draft = await call<Draft>(engine, 'message.compose', { conversationId, mode: 'reply' })
    expect(draft.text).toMatch(new RegExp(`^\\n\\n-- \\n${SIGNATURE}\\n\\nOn .* wrote:\\n> It has not arrived yet\\.`))

    const item = await call<OutboxItem>(engine, 'message.send', {
      accountId: draft.accountId,
      conversationId,
      to: draft.to,
      cc: draft.cc,
      subject: draft.subject,
      text: `It left our shop today.${draft.text}`,
      inReplyTo: draft.inReplyTo,
      references: draft.references,
      attachments: [],
    })
    const sunk = await sink.waitFor((m) => m.raw.includes(item.messageId), 10_000)
    const mail = await parseMail(sunk.raw)
    expect(mail.text).toContain(`It left our shop today.\n\n-- \n${SIGNATURE}\n\n`)
  })

  it('offers a new message and a forward with the signature too', async () => {
    const conversationId = await question()
    const fresh = await call<Draft>(engine, 'message.compose', { mode: 'new' })
    expect(fresh.text).toBe(`\n\n-- \n${SIGNATURE}`)
    const forward = await call<Draft>(engine, 'message.compose', { conversationId, mode: 'forward' })
    expect(forward.text).toMatch(new RegExp(`^\\n\\n-- \\n${SIGNATURE}\\n\\n---------- Forwarded message`))
  })

  it('leaves drafts saved before a change of signature as they were', async () => {
    const conversationId = await question()
    const draft = await call<Draft>(engine, 'message.compose', { conversationId, mode: 'reply' })
    const saved = await call<DraftSaved>(engine, 'draft.save', {
      conversationId,
      accountId: draft.accountId,
      mode: 'reply',
      to: draft.to,
      cc: draft.cc,
      subject: draft.subject,
      text: `Soon!${draft.text}`,
      attachments: [],
    })
    await call(engine, 'account.update', { id: account.id, signature: 'Aiko Teaware' })
    const again = await call<SavedDraft>(engine, 'draft.get', { draftId: saved.id })
    expect(again.text).toContain(SIGNATURE)
    const next = await call<Draft>(engine, 'message.compose', { conversationId, mode: 'reply' })
    expect(next.text.startsWith('\n\n-- \nAiko Teaware\n\n')).toBe(true)
  })

  it('drops the signature when it is cleared', async () => {
    const cleared = await call<AccountView>(engine, 'account.update', { id: account.id, signature: '  \n' })
    expect(cleared.signature).toBeUndefined()
    const fresh = await call<Draft>(engine, 'message.compose', { mode: 'new' })
    expect(fresh.text).toBe('')
  })

  it('refuses a signature over 2,000 characters and keeps the one saved', async () => {
    await call(engine, 'account.update', { id: account.id, signature: 'Aiko Teaware' })
    const error = await failure(engine, 'account.update', { id: account.id, signature: 'x'.repeat(2001) })
    expect(error.code).toBe('bad_request')
    expect(error.issues).toEqual([{ path: 'signature', message: 'A signature can be at most 2000 characters long.' }])
    const [listed] = await call<AccountView[]>(engine, 'account.list', {})
    expect(listed?.signature).toBe('Aiko Teaware')
  })
})

describe("the demo's account", () => {
  it('takes a signature, a name and a display name, and replies carry the signature', async () => {
    const [account] = await call<AccountView[]>(demo, 'account.list', {})
    const updated = await call<AccountView>(demo, 'account.update', {
      id: account!.id,
      label: 'My demo shop',
      displayName: 'Aiko',
      signature: SIGNATURE,
    })
    expect(updated).toMatchObject({ label: 'My demo shop', displayName: 'Aiko', signature: SIGNATURE })
    const page = await call<InboxPage>(demo, 'inbox.list', { view: 'all', limit: 5 })
    const draft = await call<Draft>(demo, 'message.compose', {
      conversationId: page.rows[0]!.conversationId,
      mode: 'reply',
    })
    expect(draft.text).toContain(`\n\n-- \n${SIGNATURE}\n\n`)
  })

  it('refuses server settings, saying what can be changed', async () => {
    const [account] = await call<AccountView[]>(demo, 'account.list', {})
    const error = await failure(demo, 'account.update', { id: account!.id, address: 'me@shop.example' })
    expect(error.code).toBe('bad_request')
    expect(error.message).toMatch(/only its name, display name and signature can be changed/)
  })
})
