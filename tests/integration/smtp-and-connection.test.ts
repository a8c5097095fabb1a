// Sending through SMTP with a Sent copy over IMAP, and the "test connection" diagnosis, against
// the private Dovecot, the SMTP sink and small local servers that misbehave on purpose.
import net from 'node:net'
import { ImapFlow } from 'imapflow'
import MailComposer from 'nodemailer/lib/mail-composer'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testConnection, testSmtp, type ImapLoginConfig } from '../../main/channels/imap/connection-test'
import { SendError, SmtpSender, type SmtpAccountSettings } from '../../main/channels/smtp/sender'
import type { Account, OutboxItem } from '../../main/core/model'
import { startDovecot, type DovecotRig } from '../rigs/dovecot'
import { freePort } from '../rigs/free-port'
import { startSmtpSink, type SmtpSink } from '../rigs/smtp-sink'

const SHOP = 'seller@shop.example'
const PASSWORD = 'correct horse'
/** A second mailbox that starts without a Sent folder. */
const BARE = 'bare@shop.example'

let rig: DovecotRig
const stops: (() => Promise<void>)[] = []

beforeAll(async () => {
  rig = await startDovecot({
    users: [
      { user: SHOP, password: PASSWORD },
      { user: BARE, password: PASSWORD },
    ],
  })
  await rig.createFolder(SHOP, 'Sent')
}, 60_000)

afterAll(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
  await rig?.stop()
})

function imapLogin(over: Partial<ImapLoginConfig> = {}): ImapLoginConfig {
  return { host: rig.host, port: rig.port, tls: 'none', user: SHOP, password: PASSWORD, ...over }
}

// ---------------------------------------------------------------------------------------------
// Misbehaving local servers
// ---------------------------------------------------------------------------------------------

/** A TCP server driven by `onConnection`; closed (with its sockets) after the file. */
async function localServer(onConnection: (socket: net.Socket) => void): Promise<number> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    onConnection(socket)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  stops.push(async () => {
    for (const s of sockets) s.destroy()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  return (server.address() as net.AddressInfo).port
}

/** Greets like an IMAP server and says OK to everything, but its CAPABILITY lacks IMAP4rev1. */
function notImap4(socket: net.Socket): void {
  socket.write('* OK Fake mail service ready\r\n')
  let buffered = ''
  socket.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('latin1')
    let eol: number
    while ((eol = buffered.indexOf('\r\n')) >= 0) {
      const line = buffered.slice(0, eol)
      buffered = buffered.slice(eol + 2)
      const [tag, command = ''] = line.split(' ')
      const verb = command.toUpperCase()
      if (verb === 'CAPABILITY') socket.write(`* CAPABILITY IMAP2 XFAKE\r\n${tag} OK done\r\n`)
      else if (verb === 'LOGOUT') socket.end(`* BYE bye\r\n${tag} OK done\r\n`)
      else socket.write(`${tag} OK done\r\n`)
    }
  })
}

// ---------------------------------------------------------------------------------------------
// testConnection (IMAP)
// ---------------------------------------------------------------------------------------------

describe('testConnection', () => {
  it('logs in to Dovecot and lists its capabilities', async () => {
    const result = await testConnection(imapLogin())
    expect(result.ok).toBe(true)
    if (result.ok) expect(result.capabilities).toEqual(expect.arrayContaining(['IMAP4rev1', 'IDLE']))
  })

  it('says "wrong password" for the account and server, with the app-password hint', async () => {
    // Its own Dovecot: after a failed login Dovecot delays the next login from the same IP by
    // seconds (anvil's auth penalty), which would slow every later test on the shared rig.
    const other = await startDovecot({ users: [{ user: SHOP, password: PASSWORD }] })
    stops.push(() => other.stop())
    const result = await testConnection({ ...imapLogin({ password: 'wrong' }), port: other.port })
    expect(result).toEqual({
      ok: false,
      code: 'auth_failed',
      message: `Wrong password for ${SHOP} on ${other.host}. Check the password; Gmail and iCloud need an app password.`,
      action: expect.stringMatching(/user name and password/),
    })
  })

  it('says "no password saved" rather than "wrong password" when there is none', async () => {
    const result = await testConnection(imapLogin({ password: undefined }))
    expect(result).toMatchObject({ ok: false, code: 'auth_failed' })
    if (!result.ok) expect(result.message).toMatch(/no password/i)
  })

  it('reports a closed port as port_closed', async () => {
    const port = await freePort() // bound, then closed: nothing listens there now
    const result = await testConnection(imapLogin({ port }))
    expect(result).toMatchObject({ ok: false, code: 'port_closed' })
    if (!result.ok) expect(result.action).toMatch(/993|143/)
  })

  it('reports an unknown host name as host_not_found', async () => {
    const result = await testConnection(imapLogin({ host: 'nonexistent.invalid' }))
    expect(result).toMatchObject({ ok: false, code: 'host_not_found' })
    if (!result.ok) expect(result.message).toContain('nonexistent.invalid')
  })

  it('gives up on a server that accepts but never greets, within the timeout', async () => {
    const port = await localServer(() => undefined)
    const started = Date.now()
    const result = await testConnection(imapLogin({ port }), { timeoutMs: 300 })
    expect(result).toMatchObject({ ok: false, code: 'timeout' })
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('reports TLS asked of a plaintext port as tls_error', async () => {
    const result = await testConnection(imapLogin({ tls: 'tls' }), { timeoutMs: 3000 })
    expect(result).toMatchObject({ ok: false, code: 'tls_error' })
  })

  it('refuses to log in without encryption when STARTTLS was asked for and is not offered', async () => {
    const result = await testConnection(imapLogin({ tls: 'starttls' }), { timeoutMs: 3000 })
    expect(result).toMatchObject({ ok: false, code: 'tls_error' })
  })

  it('reports a server that greets but does not offer IMAP4rev1 as no_imap4rev1', async () => {
    const port = await localServer(notImap4)
    const result = await testConnection(imapLogin({ port, user: 'a', password: 'b' }), { timeoutMs: 3000 })
    expect(result).toMatchObject({ ok: false, code: 'no_imap4rev1' })
  })
})

// ---------------------------------------------------------------------------------------------
// testSmtp
// ---------------------------------------------------------------------------------------------

describe('testSmtp', () => {
  it('logs in to the SMTP sink, and names the account and the server when the password is wrong', async () => {
    const sink = await startSmtpSink({ auth: { user: SHOP, password: PASSWORD, required: true } })
    stops.push(() => sink.stop())
    const login = { host: sink.host, port: sink.port, tls: 'none' as const, user: SHOP, password: PASSWORD }
    expect(await testSmtp(login)).toEqual({ ok: true, capabilities: [] })
    const wrong = await testSmtp({ ...login, password: 'wrong' })
    expect(wrong).toMatchObject({ ok: false, code: 'auth_failed' })
    if (!wrong.ok) expect(wrong.message).toContain('Invalid username or password')
  })

  it('reports a closed port as port_closed', async () => {
    const port = await freePort()
    const result = await testSmtp({ host: '127.0.0.1', port, tls: 'none', user: SHOP, password: PASSWORD })
    expect(result).toMatchObject({ ok: false, code: 'port_closed' })
  })
})

// ---------------------------------------------------------------------------------------------
// SmtpSender
// ---------------------------------------------------------------------------------------------

function account(address = SHOP): Account {
  return {
    id: 'acc_shop',
    label: 'Shop mail',
    kind: 'imap',
    address,
    displayName: "Aiko's Tea Ware",
    createdAt: '2026-11-23T00:00:00.000Z',
  }
}

let seq = 0
function outboxItem(over: Partial<OutboxItem> = {}): OutboxItem {
  seq++
  return {
    id: `out_${seq}`,
    accountId: 'acc_shop',
    messageId: `<test-${seq}-${Date.now()}@shop.example>`,
    to: [{ name: '田中 花子', address: 'hanako@example.jp' }],
    cc: [{ address: 'orders@example.jp' }],
    subject: `ご注文の発送について (${seq})`,
    text: 'いつもありがとうございます。本日発送しました。',
    queuedAt: '2026-11-23T09:00:00.000Z',
    sendAfter: '2026-11-23T09:00:10.000Z',
    state: 'sending',
    attempts: 1,
    ...over,
  }
}

/** Builds the raw message the way the outbox does. */
function compose(item: OutboxItem, from: Account): Promise<Buffer> {
  const mail = new MailComposer({
    from: { name: from.displayName ?? '', address: from.address },
    to: item.to.map((a) => ({ name: a.name ?? '', address: a.address })),
    cc: item.cc.map((a) => ({ name: a.name ?? '', address: a.address })),
    subject: item.subject,
    text: item.text,
    messageId: item.messageId,
    date: new Date(item.queuedAt),
  })
  return new Promise((resolve, reject) => mail.compile().build((err, buf) => (err ? reject(err) : resolve(buf))))
}

async function folderMessages(user: string, folder: string): Promise<{ messageId?: string; seen: boolean }[]> {
  const client = new ImapFlow({
    host: rig.host,
    port: rig.port,
    secure: false,
    auth: { user, pass: PASSWORD },
    logger: false,
  })
  await client.connect()
  try {
    const lock = await client.getMailboxLock(folder)
    try {
      const out: { messageId?: string; seen: boolean }[] = []
      if (client.mailbox && client.mailbox.exists === 0) return out
      for await (const msg of client.fetch('1:*', { envelope: true, flags: true })) {
        out.push({ messageId: msg.envelope?.messageId, seen: msg.flags?.has('\\Seen') ?? false })
      }
      return out
    } finally {
      lock.release()
    }
  } finally {
    await client.logout()
  }
}

function sender(
  smtp: Omit<SmtpAccountSettings, 'user'> & { user?: string },
  user = SHOP,
  log: string[] = [],
): SmtpSender {
  return new SmtpSender(async () => ({ user, password: PASSWORD, ...smtp }), {
    imap: async () => imapLogin({ user }),
    timeoutMs: 3000,
    log: (line) => log.push(line),
  })
}

async function sendError(work: Promise<unknown>): Promise<SendError> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(SendError)
  return err as SendError
}

describe('SmtpSender', () => {
  let sink: SmtpSink
  beforeAll(async () => {
    sink = await startSmtpSink({ deliverTo: { rig, user: SHOP } })
    stops.push(() => sink.stop())
  })

  it('delivers the exact message to every recipient and files a read copy in Sent', async () => {
    const item = outboxItem()
    const from = account()
    const raw = await compose(item, from)
    await sender({ host: sink.host, port: sink.port, tls: 'none' }).deliver(item, from, raw)

    const received = await sink.waitFor((m) => m.raw.includes(item.messageId))
    expect(received.from).toBe(SHOP)
    expect(received.to.sort()).toEqual(['hanako@example.jp', 'orders@example.jp'])
    expect(received.raw.toString('utf8')).toMatch(new RegExp(`^Message-ID: ${item.messageId}\\r$`, 'mi'))
    expect(received.authUser).toBe(SHOP)

    const sent = await folderMessages(SHOP, 'Sent')
    expect(sent.filter((m) => m.messageId === item.messageId)).toEqual([{ messageId: item.messageId, seen: true }])
    // The sink also handed it to Dovecot's INBOX: the path mail takes to a real mailbox.
    expect((await folderMessages(SHOP, 'INBOX')).some((m) => m.messageId === item.messageId)).toBe(true)
  })

  it('after a crash, recognises a sent message by its Message-ID and an unsent one as not delivered', async () => {
    const item = outboxItem()
    const from = account()
    const s = sender({ host: sink.host, port: sink.port, tls: 'none' })
    await s.deliver(item, from, await compose(item, from))
    expect(await s.wasDelivered(item, from)).toBe(true)
    expect(await s.wasDelivered(outboxItem(), from)).toBe(false)
    // SEARCH HEADER matches substrings: a Message-ID inside the sent one is still not that message.
    const inner = outboxItem({ messageId: item.messageId.replace('<test-', '<') })
    expect(item.messageId).toContain(inner.messageId.slice(1, -1))
    expect(await s.wasDelivered(inner, from)).toBe(false)
  })

  it('answers "not delivered" (so the outbox sends again) when it has no IMAP login to check with', async () => {
    const item = outboxItem()
    const noImap = new SmtpSender(async () => ({ host: sink.host, port: sink.port, tls: 'none', user: SHOP }))
    expect(await noImap.wasDelivered(item, account())).toBe(false)
  })

  it('creates the Sent folder when the mailbox has none, and skips the copy when the server files its own', async () => {
    const item = outboxItem()
    const from = account(BARE)
    await sender({ host: sink.host, port: sink.port, tls: 'none' }, BARE).deliver(item, from, await compose(item, from))
    expect((await folderMessages(BARE, 'Sent')).map((m) => m.messageId)).toEqual([item.messageId])

    const second = outboxItem()
    const autoSaving = sender({ host: sink.host, port: sink.port, tls: 'none', saveSentCopy: false }, BARE)
    await autoSaving.deliver(second, from, await compose(second, from))
    await sink.waitFor((m) => m.raw.includes(second.messageId))
    expect((await folderMessages(BARE, 'Sent')).map((m) => m.messageId)).toEqual([item.messageId])
  })

  it('still counts the message as sent when the Sent copy cannot be saved', async () => {
    const item = outboxItem()
    const from = account()
    const log: string[] = []
    const imapDown = await freePort()
    const s = new SmtpSender(async () => ({ host: sink.host, port: sink.port, tls: 'none', user: SHOP }), {
      imap: async () => imapLogin({ port: imapDown }),
      timeoutMs: 3000,
      log: (line) => log.push(line),
    })
    await s.deliver(item, from, await compose(item, from))
    await sink.waitFor((m) => m.raw.includes(item.messageId))
    expect(log.join('\n')).toMatch(/was sent, but saving a copy in Sent/)
  })

  it('fails temporarily when the SMTP server is down', async () => {
    const down = await startSmtpSink()
    const port = down.port
    await down.stop()
    const item = outboxItem()
    const err = await sendError(
      sender({ host: '127.0.0.1', port, tls: 'none' }).deliver(item, account(), await compose(item, account())),
    )
    expect(err).toMatchObject({ temporary: true, kind: 'connection' })
    expect(err.message).toContain(`127.0.0.1:${port}`)
  })

  it('fails permanently when the server refuses the login, quoting its reason', async () => {
    const strict = await startSmtpSink({ auth: { user: SHOP, password: PASSWORD, required: true } })
    stops.push(() => strict.stop())
    const item = outboxItem()
    const s = new SmtpSender(async () => ({
      host: strict.host,
      port: strict.port,
      tls: 'none',
      user: SHOP,
      password: 'wrong',
    }))
    const err = await sendError(s.deliver(item, account(), await compose(item, account())))
    expect(err).toMatchObject({ temporary: false, kind: 'auth', responseCode: 535 })
    expect(err.message).toContain('Invalid username or password')
    expect(err.message).toContain(SHOP)
    expect(strict.messages).toHaveLength(0)
  })

  it('fails permanently on a 5xx refusal and temporarily on a 4xx, quoting the server', async () => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const error = (text: string, responseCode: number): Error => Object.assign(new Error(text), { responseCode })
        if (address.address.startsWith('gone@')) callback(error('5.1.1 <gone@example.jp>: no such user here', 550))
        else if (address.address.startsWith('busy@')) callback(error('4.2.2 mailbox full, try later', 452))
        else callback()
      },
      onData(stream, _session, callback) {
        stream.resume()
        stream.on('end', () => callback())
      },
    })
    server.on('error', () => undefined)
    const port = await freePort()
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
    const s = new SmtpSender(async () => ({ host: '127.0.0.1', port, tls: 'none', user: SHOP }))

    const gone = outboxItem({ to: [{ address: 'gone@example.jp' }], cc: [] })
    const rejected = await sendError(s.deliver(gone, account(), await compose(gone, account())))
    expect(rejected).toMatchObject({ temporary: false, kind: 'rejected', responseCode: 550 })
    expect(rejected.message).toContain('no such user here')

    const busy = outboxItem({ to: [{ address: 'busy@example.jp' }], cc: [] })
    const deferred = await sendError(s.deliver(busy, account(), await compose(busy, account())))
    expect(deferred).toMatchObject({ temporary: true, kind: 'deferred', responseCode: 452 })
    expect(deferred.message).toContain('mailbox full')
  })

  it('reports an account without outgoing server settings without trying to connect', async () => {
    const item = outboxItem()
    const s = new SmtpSender(async () => ({ host: '', port: 0, tls: 'none', user: SHOP }))
    const err = await sendError(s.deliver(item, account(), await compose(item, account())))
    expect(err).toMatchObject({ temporary: false, kind: 'settings' })
    expect(err.message).toContain('Shop mail')
  })
})
