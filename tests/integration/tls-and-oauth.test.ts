// TLS with a self-signed certificate that the seller trusts by its fingerprint, and OAuth2
// sign-in (XOAUTH2), against the private Dovecot (imaps, STARTTLS, the oauth2 passdb asking a
// local token introspection endpoint) and the SMTP sink (implicit TLS, STARTTLS, XOAUTH2).
import { promises as fs } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ImapFlow } from 'imapflow'
import MailComposer from 'nodemailer/lib/mail-composer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testConnection, testSmtp, type ImapLoginConfig } from '../../main/channels/imap/connection-test'
import { CERT_NOT_TRUSTED_ONE, pinnedTlsOptions } from '../../main/channels/mail/certificate'
import { SendError, SmtpSender, type SmtpAccountSettings } from '../../main/channels/smtp/sender'
import type { Account, OutboxItem } from '../../main/core/model'
import { Engine } from '../../main/engine/engine'
import type { AccountTest, AccountView, ConversationView, InboxPage } from '../../preload/api'
import { startDovecot, type DovecotRig } from '../rigs/dovecot'
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from '../rigs/smtp-sink'

const SHOP = 'seller@shop.example'
const PASSWORD = 'correct horse'
const GOOD_TOKEN = 'ya29.a0-good-token-for-the-seller'
const EXPIRED_TOKEN = 'ya29.a0-expired-token'
/** A fingerprint no certificate here has. */
const OTHER_FINGERPRINT = Array.from({ length: 32 }, (_, i) =>
  (i * 7).toString(16).padStart(2, '0').toUpperCase(),
).join(':')

let rig: DovecotRig
let tlsPort: number
let fingerprint: string
/** A Dovecot without any TLS. */
let plainRig: DovecotRig
let introspection: Introspection
const stops: (() => Promise<void>)[] = []

beforeAll(async () => {
  introspection = await startIntrospection(new Map([[GOOD_TOKEN, SHOP]]))
  stops.push(() => introspection.stop())
  rig = await startDovecot({
    users: [{ user: SHOP, password: PASSWORD }],
    tls: true,
    oauth2: { introspectionUrl: introspection.url },
  })
  tlsPort = rig.tls!.port
  fingerprint = rig.tls!.certificate.sha256
  await rig.createFolder(SHOP, 'Sent')
  await rig.seedMaildir(
    SHOP,
    'INBOX',
    [1, 2, 3, 4].map((n) => customerMail(n)),
  )
  plainRig = await startDovecot({ users: [{ user: SHOP, password: PASSWORD }] })
}, 60_000)

afterAll(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
  await plainRig?.stop()
  await rig?.stop()
})

function customerMail(n: number): string {
  return [
    `From: "Customer ${n}" <customer${n}@example.jp>`,
    `To: ${SHOP}`,
    `Subject: Order ${n} question`,
    `Message-ID: <tls-c${n}@example.jp>`,
    `Date: Mon, 16 Nov 2026 0${n}:00:00 +0900`,
    'Content-Type: text/plain; charset=UTF-8',
    '',
    `When will order ${n} arrive?`,
    '',
  ].join('\r\n')
}

function imapLogin(over: Partial<ImapLoginConfig> = {}): ImapLoginConfig {
  return { host: rig.host, port: tlsPort, tls: 'tls', user: SHOP, password: PASSWORD, ...over }
}

async function sink(opts: SmtpSinkOptions): Promise<SmtpSink> {
  const started = await startSmtpSink(opts)
  stops.push(() => started.stop())
  return started
}

// ---------------------------------------------------------------------------------------------
// A tiny OAuth2 token introspection endpoint (RFC 7662), as Dovecot's oauth2 passdb asks it
// ---------------------------------------------------------------------------------------------

interface Introspection {
  url: string
  /** Every token it was asked about, in order. */
  asked: string[]
  stop(): Promise<void>
}

/** Answers `active: true` with the user name for the tokens in `tokens`, `active: false` for any other. */
async function startIntrospection(tokens: Map<string, string>): Promise<Introspection> {
  const asked: string[] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      const token = new URLSearchParams(body).get('token') ?? ''
      asked.push(token)
      const user = req.method === 'POST' ? tokens.get(token) : undefined
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(user === undefined ? { active: false } : { active: true, username: user, scope: 'mail' }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/introspect`,
    asked,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

// ---------------------------------------------------------------------------------------------
// IMAP over TLS
// ---------------------------------------------------------------------------------------------

describe('IMAP over TLS with a self-signed certificate', () => {
  it('refuses the certificate until it is trusted, showing its fingerprint, names, issuer and validity', async () => {
    const result = await testConnection(imapLogin())
    expect(result).toMatchObject({
      ok: false,
      code: 'tls_error',
      certificate: {
        sha256: fingerprint,
        subject: 'CN=127.0.0.1',
        issuer: 'CN=127.0.0.1',
        altNames: ['IP:127.0.0.1', 'DNS:localhost'],
        selfSigned: true,
      },
    })
    if (result.ok || !result.certificate) return
    expect(result.message).toContain(fingerprint)
    expect(result.message).toMatch(/self-signed/)
    expect(result.action).toMatch(/fingerprint/)
    const now = Date.now()
    expect(Date.parse(result.certificate.validFrom)).toBeLessThanOrEqual(now)
    expect(Date.parse(result.certificate.validTo)).toBeGreaterThan(now)
  })

  it('connects over implicit TLS once that fingerprint is trusted', async () => {
    const result = await testConnection(imapLogin({ trustedCertSha256: fingerprint }))
    expect(result).toMatchObject({ ok: true, capabilities: expect.arrayContaining(['IMAP4rev1']) })
  })

  it('refuses a server whose certificate is not the trusted one, naming the one it showed', async () => {
    const result = await testConnection(imapLogin({ trustedCertSha256: OTHER_FINGERPRINT }))
    expect(result).toMatchObject({ ok: false, code: 'tls_error', certificate: { sha256: fingerprint } })
    if (!result.ok) expect(result.message).toMatch(/changed/)
  })

  it('accepts the trusted certificate only as the server’s own: a chain that verifies is not enough', async () => {
    // The server's certificate is the trust anchor here, but the fingerprint names another one.
    const client = new ImapFlow({
      host: rig.host,
      port: tlsPort,
      secure: true,
      auth: { user: SHOP, pass: PASSWORD },
      logger: false,
      tls: pinnedTlsOptions(rig.tls!.certificate.cert, OTHER_FINGERPRINT),
    })
    client.on('error', () => undefined)
    await expect(client.connect()).rejects.toMatchObject({ code: CERT_NOT_TRUSTED_ONE })
    client.close()
  })

  it('upgrades with STARTTLS on the plain port: refused untrusted, accepted with the fingerprint', async () => {
    const untrusted = await testConnection(imapLogin({ port: rig.port, tls: 'starttls' }))
    expect(untrusted).toMatchObject({ ok: false, code: 'tls_error', certificate: { sha256: fingerprint } })
    const trusted = await testConnection(imapLogin({ port: rig.port, tls: 'starttls', trustedCertSha256: fingerprint }))
    expect(trusted).toMatchObject({ ok: true })
  })

  it('still fails with tls_error when STARTTLS is asked of a server that does not offer it, trusted or not', async () => {
    const login = imapLogin({ port: plainRig.port, tls: 'starttls' })
    expect(await testConnection(login, { timeoutMs: 3000 })).toMatchObject({ ok: false, code: 'tls_error' })
    const trusted = await testConnection({ ...login, trustedCertSha256: fingerprint }, { timeoutMs: 3000 })
    expect(trusted).toMatchObject({ ok: false, code: 'tls_error' })
    if (!trusted.ok) expect(trusted.message).toMatch(/STARTTLS/)
  })
})

// ---------------------------------------------------------------------------------------------
// SMTP over TLS
// ---------------------------------------------------------------------------------------------

let seq = 0
function outboxItem(subject: string): OutboxItem {
  seq++
  return {
    id: `out_${seq}`,
    accountId: ACCOUNT.id,
    messageId: `<tls-${seq}-${Date.now()}@shop.example>`,
    to: [{ address: 'customer@example.jp' }],
    cc: [],
    subject,
    text: 'It ships tomorrow.',
    queuedAt: '2026-11-23T09:00:00.000Z',
    sendAfter: '2026-11-23T09:00:10.000Z',
    state: 'sending',
    attempts: 1,
  }
}

async function rawMessage(item: OutboxItem): Promise<Buffer> {
  const mail = new MailComposer({
    from: SHOP,
    to: item.to.map((a) => a.address),
    subject: item.subject,
    text: item.text,
    messageId: item.messageId,
  })
  return await new Promise((resolve, reject) => mail.compile().build((err, buf) => (err ? reject(err) : resolve(buf))))
}

const ACCOUNT: Account = {
  id: 'acc_tls',
  label: 'Shop mail',
  kind: 'imap',
  address: SHOP,
  createdAt: '2026-11-23T00:00:00.000Z',
}

async function send(settings: SmtpAccountSettings, subject: string): Promise<OutboxItem> {
  const sender = new SmtpSender(async () => ({ saveSentCopy: false, ...settings }), { timeoutMs: 5000 })
  const item = outboxItem(subject)
  await sender.deliver(item, ACCOUNT, await rawMessage(item))
  return item
}

describe('SMTP over TLS with a self-signed certificate', () => {
  for (const mode of ['implicit', 'starttls'] as const) {
    it(`refuses the untrusted certificate over ${mode} TLS, and delivers once its fingerprint is trusted`, async () => {
      const server = await sink({ tls: { mode }, auth: { user: SHOP, password: PASSWORD, required: true } })
      const certificate = server.certificate!
      const login = {
        host: server.host,
        port: server.port,
        tls: mode === 'implicit' ? ('tls' as const) : ('starttls' as const),
        user: SHOP,
        password: PASSWORD,
      }
      const untrusted = await testSmtp(login, { timeoutMs: 5000 })
      expect(untrusted).toMatchObject({ ok: false, code: 'tls_error', certificate: { sha256: certificate.sha256 } })
      await expect(send(login, `Untrusted ${mode}`)).rejects.toMatchObject({ kind: 'tls', temporary: false })

      const trusted = { ...login, trustedCertSha256: certificate.sha256 }
      expect(await testSmtp(trusted, { timeoutMs: 5000 })).toEqual({ ok: true, capabilities: [] })
      const item = await send(trusted, `Trusted ${mode}`)
      const arrived = await server.waitFor((m) => m.raw.includes(item.messageId))
      expect(arrived).toMatchObject({ authUser: SHOP, to: ['customer@example.jp'] })
      expect(server.messages.some((m) => m.raw.includes('Untrusted'))).toBe(false)
    })
  }

  it('accepts a trusted certificate whatever names it carries, and refuses a wrong fingerprint', async () => {
    const server = await sink({ tls: { mode: 'implicit', names: ['mail.other.example'] } })
    const login = { host: server.host, port: server.port, tls: 'tls' as const, user: SHOP, password: PASSWORD }
    const item = await send({ ...login, trustedCertSha256: server.certificate!.sha256 }, 'Other name')
    await server.waitFor((m) => m.raw.includes(item.messageId))
    const wrong = await testSmtp({ ...login, trustedCertSha256: OTHER_FINGERPRINT }, { timeoutMs: 5000 })
    expect(wrong).toMatchObject({ ok: false, code: 'tls_error', certificate: { altNames: ['DNS:mail.other.example'] } })
  })
})

// ---------------------------------------------------------------------------------------------
// Through the engine: the seller trusts the certificate the connection test showed
// ---------------------------------------------------------------------------------------------

async function startEngine(): Promise<{ engine: Engine; call: <T>(method: string, input: unknown) => Promise<T> }> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'tls-and-oauth-'))
  const engine = await Engine.start({
    dataDir: join(dir, 'data'),
    keyFile: join(dir, 'config', 'secret.key'),
    sync: false,
    log: () => undefined,
  })
  stops.push(async () => {
    await engine.close()
    await fs.rm(dir, { recursive: true, force: true })
  })
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await engine.call(method, input)
    if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`)
    return r.value as T
  }
  return { engine, call }
}

async function untilSent(call: <T>(method: string, input: unknown) => Promise<T>, id: string): Promise<OutboxItem> {
  for (let i = 0; i < 200; i++) {
    const item = (await call<OutboxItem[]>('outbox.list', {})).find((x) => x.id === id)
    if (item?.state === 'sent' || item?.state === 'failed') return item
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`outbox item ${id} was not sent in time`)
}

async function replyToFirst(
  call: <T>(method: string, input: unknown) => Promise<T>,
  accountId: string,
  text: string,
): Promise<OutboxItem> {
  // 'all': an earlier test in this file may have answered it already (its reply is in Sent).
  const page = await call<InboxPage>('inbox.list', { view: 'all', limit: 50 })
  const row = page.rows.find((r) => r.subject === 'Order 1 question')!
  const conv = await call<ConversationView>('conversation.get', { conversationId: row.conversationId })
  return await call<OutboxItem>('message.send', {
    accountId,
    conversationId: row.conversationId,
    to: [conv.messages[0]!.from],
    subject: 'Re: Order 1 question',
    text,
  })
}

/** Message-IDs in the seller's Sent folder, looked at as another mail client would. */
async function sentMessageIds(): Promise<string[]> {
  const client = new ImapFlow({
    host: rig.host,
    port: rig.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: SHOP, pass: PASSWORD },
    logger: false,
  })
  await client.connect()
  const lock = await client.getMailboxLock('Sent')
  try {
    const ids: string[] = []
    for await (const msg of client.fetch('1:*', { envelope: true })) ids.push(msg.envelope?.messageId ?? '')
    return ids
  } finally {
    lock.release()
    await client.logout()
  }
}

describe('an account on a server with a self-signed certificate', () => {
  it('syncs and sends over TLS after the seller trusts the certificate the connection test showed', async () => {
    const smtp = await sink({ tls: { mode: 'implicit' }, auth: { user: SHOP, password: PASSWORD, required: true } })
    const { call } = await startEngine()
    const draft = {
      label: 'Own server',
      address: SHOP,
      imap: { host: rig.host, port: tlsPort, tls: 'tls', user: SHOP },
      smtp: { host: smtp.host, port: smtp.port, tls: 'tls', user: SHOP },
      password: PASSWORD,
    }
    const first = await call<AccountTest>('account.test', { draft })
    expect(first.imap).toMatchObject({ ok: false, code: 'tls_error', certificate: { sha256: fingerprint } })
    expect(first.smtp).toMatchObject({ ok: false, code: 'tls_error' })
    if (first.imap.ok || first.smtp.ok) return

    // "Trust it?" — yes. A fingerprint pasted in another form (lower case, no colons) is the same one.
    const account = await call<AccountView>('account.add', {
      ...draft,
      imap: { ...draft.imap, trustedCertSha256: first.imap.certificate!.sha256.replace(/:/g, '').toLowerCase() },
      smtp: { ...draft.smtp, trustedCertSha256: first.smtp.certificate!.sha256 },
    })
    expect(account.imap?.trustedCertSha256).toBe(fingerprint)
    const second = await call<AccountTest>('account.test', { id: account.id })
    expect(second).toEqual({
      imap: { ok: true, capabilities: expect.any(Array) },
      smtp: { ok: true, capabilities: [] },
    })

    await call('account.sync', { id: account.id })
    const page = await call<InboxPage>('inbox.list', { view: 'all', limit: 50 })
    expect(page.rows.map((r) => r.subject).sort()).toEqual([1, 2, 3, 4].map((n) => `Order ${n} question`))

    await call('settings.update', { undoSendSeconds: 0 })
    const item = await replyToFirst(call, account.id, 'Sent over TLS.')
    await smtp.waitFor((m) => m.raw.includes(item.messageId), 10_000)
    expect(await untilSent(call, item.id)).toMatchObject({ state: 'sent' })
    // The Sent copy went over IMAP with the same trusted certificate.
    expect(await sentMessageIds()).toContain(item.messageId)
  })

  it('refuses to save a trusted fingerprint that is not one', async () => {
    const { engine } = await startEngine()
    const r = await engine.call('account.add', {
      label: 'x',
      address: SHOP,
      imap: { host: rig.host, port: tlsPort, tls: 'tls', user: SHOP, trustedCertSha256: 'AB:CD' },
      smtp: { host: rig.host, port: 25, tls: 'tls', user: SHOP },
      password: PASSWORD,
    })
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    if (!r.ok) {
      expect(r.error.issues).toEqual([
        { path: 'imap.trustedCertSha256', message: expect.stringMatching(/SHA-256 certificate fingerprint/) },
      ])
    }
  })
})

// ---------------------------------------------------------------------------------------------
// OAuth2 sign-in (XOAUTH2)
// ---------------------------------------------------------------------------------------------

describe('an account that signs in with an OAuth2 access token (XOAUTH2)', () => {
  it('syncs over IMAP and sends over SMTP with the token and no password', async () => {
    const smtp = await sink({ auth: { user: SHOP, accessToken: GOOD_TOKEN, required: true } })
    const { call } = await startEngine()
    const account = await call<AccountView>('account.add', {
      label: 'Provider mail',
      address: SHOP,
      imap: { host: rig.host, port: rig.port, tls: 'none', user: SHOP },
      smtp: { host: smtp.host, port: smtp.port, tls: 'none', user: SHOP },
      accessToken: GOOD_TOKEN,
    })
    expect(await call<AccountTest>('account.test', { id: account.id })).toMatchObject({
      imap: { ok: true },
      smtp: { ok: true },
    })

    await call('account.sync', { id: account.id })
    const page = await call<InboxPage>('inbox.list', { view: 'all', limit: 50 })
    expect(page.rows.map((r) => r.subject).sort()).toEqual([1, 2, 3, 4].map((n) => `Order ${n} question`))
    // Dovecot asked the introspection endpoint about exactly this token, and logged the mechanism.
    expect(introspection.asked).toContain(GOOD_TOKEN)
    expect(await rig.readLog()).toMatch(new RegExp(`Login: user=<${SHOP}>, method=XOAUTH2`))

    await call('settings.update', { undoSendSeconds: 0 })
    const item = await replyToFirst(call, account.id, 'Sent with a token.')
    const arrived = await smtp.waitFor((m) => m.raw.includes(item.messageId), 10_000)
    expect(arrived.authUser).toBe(SHOP)
    expect(await untilSent(call, item.id)).toMatchObject({ state: 'sent' })
  })

  it('says to sign in again when the token expired, for IMAP, SMTP, sync and sending', async () => {
    const smtp = await sink({ auth: { user: SHOP, accessToken: GOOD_TOKEN, required: true } })
    const imap = { host: rig.host, port: rig.port, tls: 'none' as const, user: SHOP, accessToken: EXPIRED_TOKEN }
    const smtpLogin = { host: smtp.host, port: smtp.port, tls: 'none' as const, user: SHOP, accessToken: EXPIRED_TOKEN }

    const imapResult = await testConnection(imap, { timeoutMs: 5000 })
    expect(imapResult).toMatchObject({ ok: false, code: 'auth_failed', action: expect.stringMatching(/sign in/i) })
    if (!imapResult.ok) expect(imapResult.message).toMatch(/expired or was revoked/)
    expect(await testSmtp(smtpLogin, { timeoutMs: 5000 })).toMatchObject({
      ok: false,
      code: 'auth_failed',
      action: expect.stringMatching(/sign in/i),
    })

    const sending = send(smtpLogin, 'Expired token')
    await expect(sending).rejects.toBeInstanceOf(SendError)
    await expect(sending).rejects.toMatchObject({
      kind: 'auth',
      message: expect.stringMatching(/Sign in to the account again/),
    })

    const { engine, call } = await startEngine()
    const account = await call<AccountView>('account.add', {
      label: 'Provider mail',
      address: SHOP,
      imap: { host: rig.host, port: rig.port, tls: 'none', user: SHOP },
      smtp: { host: smtp.host, port: smtp.port, tls: 'none', user: SHOP },
      accessToken: EXPIRED_TOKEN,
    })
    const sync = await engine.call('account.sync', { id: account.id })
    expect(sync).toMatchObject({ ok: false, error: { code: 'unavailable' } })
    if (!sync.ok) expect(sync.error.message).toMatch(/Sign in to .* again/)
  })
})
