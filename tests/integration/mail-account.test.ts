// A seller's IMAP/SMTP account end to end through the engine, against the private Dovecot
// and the SMTP sink: add (secrets sealed), test, sync, reply (sent once, saved to Sent),
// re-sync without duplicates, flags from the server.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ImapFlow } from 'imapflow'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../main/engine/engine'
import type { OutboxItem } from '../../main/core/model'
import type { AccountTest, AccountView, ConversationView, InboxPage } from '../../preload/api'
import { startDovecot, type DovecotRig } from '../rigs/dovecot'
import { startSmtpSink, type SmtpSink } from '../rigs/smtp-sink'

const SHOP = 'seller@shop.example'
let dir: string
let rig: DovecotRig
let sink: SmtpSink
let engine: Engine
let account: AccountView

function customerMail(n: number, extra = ''): string {
  return [
    `From: ${n % 2 ? '"田中 花子"' : '"Jane Doe"'} <customer${n}@example.jp>`,
    `To: ${SHOP}`,
    `Subject: ${n % 2 ? '=?UTF-8?B?' + Buffer.from(`注文${n}の発送について`).toString('base64') + '?=' : `Order ${n} question`}`,
    `Message-ID: <c${n}@example.jp>`,
    `Date: Mon, 16 Nov 2026 0${n % 10}:00:00 +0900`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    extra,
    '',
    Buffer.from(n % 2 ? `いつ届きますか？ (${n})` : `When will it arrive? (${n})`).toString('base64'),
    '',
  ]
    .filter((l) => l !== undefined)
    .join('\r\n')
}

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await engine.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`)
  return r.value as T
}

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'mail-account-'))
  rig = await startDovecot({ users: [{ user: SHOP, password: 'correct horse' }] })
  await rig.createFolder(SHOP, 'Sent')
  await rig.seedMaildir(
    SHOP,
    'INBOX',
    [1, 2, 3, 4, 5, 6].map((n) => customerMail(n)),
  )
  sink = await startSmtpSink()
  engine = await Engine.start({
    dataDir: join(dir, 'data'),
    keyFile: join(dir, 'config', 'secret.key'),
    sync: false,
    log: () => undefined,
  })
}, 60_000)

afterAll(async () => {
  await engine?.close()
  await sink?.stop()
  await rig?.stop()
  await fs.rm(dir, { recursive: true, force: true })
})

async function allFiles(d: string): Promise<string[]> {
  const out: string[] = []
  for (const e of await fs.readdir(d, { withFileTypes: true })) {
    const p = join(d, e.name)
    if (e.isDirectory()) out.push(...(await allFiles(p)))
    else out.push(p)
  }
  return out
}

describe('a mail account', () => {
  it('is added with its password sealed: nothing in the data folder holds it in plain text', async () => {
    account = await call<AccountView>('account.add', {
      label: 'Shop mail',
      address: SHOP,
      displayName: "Aiko's Tea Ware",
      imap: { host: rig.host, port: rig.port, tls: 'none', user: SHOP },
      smtp: { host: sink.host, port: sink.port, tls: 'none', user: SHOP },
      password: 'correct horse',
    })
    expect(account).toMatchObject({ label: 'Shop mail', hasSecret: true })
    expect(JSON.stringify(account)).not.toContain('correct horse')
    // Let batched writes land (the longest debounce is 500 ms), then read every file.
    await new Promise((r) => setTimeout(r, 700))
    for (const file of await allFiles(join(dir, 'data'))) {
      const bytes = await fs.readFile(file).catch(() => Buffer.alloc(0)) // a temp file renamed meanwhile
      expect(bytes.includes('correct horse'), file).toBe(false)
    }
  })

  it('passes the connection test, and a wrong password is named as such', async () => {
    const ok = await call<AccountTest>('account.test', { id: account.id })
    expect(ok.imap).toMatchObject({ ok: true })
    expect(ok.smtp).toMatchObject({ ok: true })
    const wrong = await call<AccountTest>('account.test', {
      draft: {
        label: 'x',
        address: SHOP,
        imap: { host: rig.host, port: rig.port, tls: 'none', user: SHOP },
        smtp: { host: sink.host, port: sink.port, tls: 'none', user: SHOP },
        password: 'wrong',
      },
    })
    expect(wrong.imap).toMatchObject({ ok: false, code: 'auth_failed' })
  })

  it('syncs the inbox into customers, decoding Japanese', async () => {
    await call('account.sync', { id: account.id })
    const page = await call<InboxPage>('inbox.list', { view: 'waiting', limit: 50 })
    expect(page.total).toBe(6)
    expect(page.rows.map((r) => r.subject)).toContain('注文1の発送について')
    const hanako = page.rows.find((r) => r.subject === '注文1の発送について')!
    expect(hanako).toMatchObject({ name: '田中 花子', language: 'ja', unreadCount: 1 })
  })

  it('sends a reply once, threaded, from the account address, and keeps a copy in Sent', async () => {
    await call('settings.update', { undoSendSeconds: 0 })
    const page = await call<InboxPage>('inbox.list', { view: 'waiting', limit: 50 })
    const row = page.rows.find((r) => r.subject === 'Order 2 question')!
    const conv = await call<ConversationView>('conversation.get', { conversationId: row.conversationId })
    const question = conv.messages[0]!
    const item = await call<OutboxItem>('message.send', {
      accountId: account.id,
      conversationId: row.conversationId,
      to: [question.from],
      subject: 'Re: Order 2 question',
      text: 'It ships tomorrow.',
      inReplyTo: '<c2@example.jp>',
      references: ['<c2@example.jp>'],
    })
    const arrived = await sink.waitFor((m) => m.raw.includes(item.messageId), 10_000)
    expect(arrived.from).toBe(SHOP)
    expect(arrived.to).toEqual(['customer2@example.jp'])
    expect(arrived.raw.toString()).toMatch(/In-Reply-To: <c2@example\.jp>/)
    // The Sent copy is appended after SMTP accepted the message: wait for the outbox to finish.
    for (let i = 0; i < 100; i++) {
      const items = await call<OutboxItem[]>('outbox.list', {})
      if (items.find((x) => x.id === item.id)?.state === 'sent') break
      await new Promise((r) => setTimeout(r, 50))
    }

    await inMailbox('Sent', async (client) => {
      const found = await client.search({ header: { 'message-id': item.messageId } }, { uid: true })
      expect(found).toHaveLength(1)
    })

    // The Sent copy comes back with the next sync and is recognised, not doubled.
    await call('account.sync', { id: account.id })
    const after = await call<ConversationView>('conversation.get', { conversationId: row.conversationId })
    expect(after.messages.filter((m) => m.text.includes('It ships tomorrow'))).toHaveLength(1)
    expect(sink.messages.filter((m) => m.raw.includes(item.messageId))).toHaveLength(1)
    const waiting = await call<InboxPage>('inbox.list', { view: 'waiting', limit: 50 })
    expect(waiting.rows.find((r) => r.conversationId === row.conversationId)).toBeUndefined()
  })

  it('picks up new mail and read flags set elsewhere', async () => {
    await rig.append(SHOP, 'INBOX', customerMail(7))
    await inMailbox('INBOX', async (client) => {
      const [uid] = (await client.search({ header: { 'message-id': '<c1@example.jp>' } }, { uid: true })) || []
      await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true })
    })
    const changed: string[][] = []
    const off = engine.on((event, payload) => {
      if (event === 'inbox.changed') changed.push((payload as { customerIds?: string[] }).customerIds ?? [])
    })
    await call('account.sync', { id: account.id })
    off()
    const page = await call<InboxPage>('inbox.list', { view: 'waiting', limit: 50 })
    expect(page.rows.some((r) => r.subject === '注文7の発送について')).toBe(true)
    const read = page.rows.find((r) => r.subject === '注文1の発送について')!
    expect(read.unreadCount).toBe(0)
    // The open inbox hears of it, so its unread count changes without a reload.
    expect(changed.flat()).toContain(read.customerId)
  })

  it('marks a conversation read on the server too, queued until the account is reachable', async () => {
    const page = await call<InboxPage>('inbox.list', { view: 'waiting', limit: 50 })
    const row = page.rows.find((r) => r.subject === '注文3の発送について')!
    expect(row.unreadCount).toBe(1)
    // Nothing syncs in this engine (sync: false), as if offline: the change waits in the queue.
    await call('conversation.markSeen', { conversationId: row.conversationId })
    const after = await call<InboxPage>('inbox.list', { view: 'waiting', limit: 50 })
    expect(after.rows.find((r) => r.conversationId === row.conversationId)?.unreadCount).toBe(0)
    expect(await serverFlags('<c3@example.jp>')).not.toContain('\\Seen')
    await call('account.sync', { id: account.id })
    expect(await serverFlags('<c3@example.jp>')).toContain('\\Seen')
    // And the sync that followed did not flip it back.
    const again = await call<InboxPage>('inbox.list', { view: 'waiting', limit: 50 })
    expect(again.rows.find((r) => r.conversationId === row.conversationId)?.unreadCount).toBe(0)
  })

  it('finishes a send under way before closing, so the reply is sent once and recorded', async () => {
    const slow = await startSmtpSink({ acceptDelayMs: 1500 })
    try {
      await call('account.update', {
        id: account.id,
        smtp: { host: slow.host, port: slow.port, tls: 'none', user: SHOP },
      })
      await call('settings.update', { undoSendSeconds: 0 })
      const page = await call<InboxPage>('inbox.list', { view: 'waiting', limit: 50 })
      const row = page.rows.find((r) => r.subject === 'Order 4 question')!
      const item = await call<OutboxItem>('message.send', {
        accountId: account.id,
        conversationId: row.conversationId,
        to: [{ address: 'customer4@example.jp' }],
        subject: 'Re: Order 4 question',
        text: 'On its way.',
      })
      for (let i = 0; i < 100; i++) {
        const items = await call<OutboxItem[]>('outbox.list', {})
        if (items.find((x) => x.id === item.id)?.state !== 'queued') break
        await new Promise((r) => setTimeout(r, 20))
      }
      await engine.close() // the seller quits while the server is still taking the message
      engine = await Engine.start({
        dataDir: join(dir, 'data'),
        keyFile: join(dir, 'config', 'secret.key'),
        sync: false,
        log: () => undefined,
      })
      const after = (await call<OutboxItem[]>('outbox.list', {})).find((x) => x.id === item.id)
      expect(after?.state).toBe('sent')
      await new Promise((r) => setTimeout(r, 500)) // a second send would have started by now
      expect(slow.messages.filter((m) => m.raw.toString().includes(item.messageId))).toHaveLength(1)
    } finally {
      await slow.stop()
    }
  }, 30_000)
})

async function serverFlags(messageId: string): Promise<string[]> {
  return inMailbox('INBOX', async (client) => {
    const [uid] = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || []
    const msg = await client.fetchOne(String(uid), { flags: true }, { uid: true })
    return msg ? [...(msg.flags ?? [])] : []
  })
}

/** Looks at the seller's mailbox on the server directly, as another mail client would. */
async function inMailbox<T>(folder: string, look: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: rig.host,
    port: rig.port,
    secure: false,
    auth: { user: SHOP, pass: 'correct horse' },
    logger: false,
  })
  await client.connect()
  const lock = await client.getMailboxLock(folder)
  try {
    return await look(client)
  } finally {
    lock.release()
    await client.logout()
  }
}
