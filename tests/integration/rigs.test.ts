// Proves each test rig works on its own, so a failing channel test points at the app,
// not at the private Dovecot, the SMTP sink or the browser.
import fs from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { ImapFlow } from 'imapflow'
import nodemailer from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, screenshotDir } from '../rigs/chromium'
import { readCorpus } from '../rigs/corpus'
import { startDovecot, type DovecotRig } from '../rigs/dovecot'
import { startSmtpSink, type SmtpSink } from '../rigs/smtp-sink'

function imapClient(rig: DovecotRig): ImapFlow {
  return new ImapFlow({
    host: rig.host,
    port: rig.port,
    secure: false,
    auth: { user: rig.user, pass: rig.password },
    logger: false,
  })
}

async function inboxSubjects(rig: DovecotRig): Promise<string[]> {
  const client = imapClient(rig)
  await client.connect()
  try {
    const lock = await client.getMailboxLock('INBOX')
    try {
      const subjects: string[] = []
      for await (const msg of client.fetch('1:*', { envelope: true, uid: true })) {
        subjects.push(msg.envelope?.subject ?? '')
      }
      return subjects
    } finally {
      lock.release()
    }
  } finally {
    await client.logout()
  }
}

describe('private Dovecot rig', () => {
  let rig: DovecotRig

  beforeAll(async () => {
    rig = await startDovecot()
  })
  afterAll(async () => {
    await rig?.stop()
  })

  it('offers IMAP4rev1 with CONDSTORE, QRESYNC and IDLE on a loopback port', async () => {
    const client = imapClient(rig)
    await client.connect()
    try {
      for (const cap of ['IMAP4rev1', 'CONDSTORE', 'QRESYNC', 'IDLE']) {
        expect(client.capabilities.has(cap), `CAPABILITY lacks ${cap}`).toBe(true)
      }
    } finally {
      await client.logout()
    }
  })

  it('serves seeded real-world e-mails in seed order and shows an appended one', async () => {
    const seeds = await readCorpus(
      'plain_emails/basic_email.eml',
      'plain_emails/raw_email_simple.eml',
      'multi_charset/japanese.eml',
    )
    await rig.seedMaildir(rig.user, 'INBOX', seeds)
    expect(await inboxSubjects(rig)).toEqual(['Testing 123', 'Testing outlook', 'まみむめも'])

    const appended =
      'From: Aiko <aiko@example.jp>\r\nTo: seller@example.com\r\nSubject: 発送のお知らせ\r\n\r\nShipped.\r\n'
    await rig.append(rig.user, 'INBOX', appended)
    expect((await inboxSubjects(rig)).at(-1)).toBe('発送のお知らせ')
  })

  it('seeds a folder other than INBOX', async () => {
    await rig.createFolder(rig.user, 'Orders/2024')
    const [raw] = await readCorpus('plain_emails/basic_email.eml')
    await rig.seedMaildir(rig.user, 'Orders/2024', [raw!])
    const client = imapClient(rig)
    await client.connect()
    try {
      expect(await client.status('Orders/2024', { messages: true })).toMatchObject({ messages: 1 })
    } finally {
      await client.logout()
    }
  })
})

describe('SMTP sink rig', () => {
  let rig: DovecotRig
  let sink: SmtpSink

  beforeAll(async () => {
    rig = await startDovecot()
    sink = await startSmtpSink({ deliverTo: { rig, user: rig.user } })
  })
  afterAll(async () => {
    await sink?.stop()
    await rig?.stop()
  })

  it('records a message sent with nodemailer and delivers it to the Dovecot INBOX', async () => {
    const transport = nodemailer.createTransport({
      host: sink.host,
      port: sink.port,
      secure: false,
      ignoreTLS: true,
      auth: { user: 'seller', pass: 'anything' },
    })
    await transport.sendMail({
      from: 'seller@example.com',
      to: ['sato@example.jp', 'cc@example.com'],
      subject: '発送遅延のお詫び',
      text: 'ご注文の商品は明日発送します。',
    })
    transport.close()

    const got = await sink.waitFor((m) => m.to.includes('sato@example.jp'), 5000)
    expect(got.from).toBe('seller@example.com')
    expect(got.to).toEqual(['sato@example.jp', 'cc@example.com'])
    expect(got.authUser).toBe('seller')
    expect(got.raw.toString('utf8')).toMatch(/^Subject: /m)

    expect(await inboxSubjects(rig)).toEqual(['発送遅延のお詫び'])
  })
})

describe('Chromium rig', () => {
  it('renders a local Japanese page and saves a screenshot', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end('<!doctype html><html lang="ja"><body><h1 id="t">ご注文ありがとうございます</h1></body></html>')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const browser = await launchChromium()
    try {
      const page = await browser.newPage()
      await page.goto(`http://127.0.0.1:${port}/`)
      expect(await page.textContent('#t')).toBe('ご注文ありがとうございます')
      const shot = path.join(screenshotDir(), 'rig-chromium.png')
      await page.screenshot({ path: shot })
      expect((await fs.stat(shot)).size).toBeGreaterThan(1000)
    } finally {
      await browser.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
})
