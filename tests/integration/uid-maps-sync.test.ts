// The sync's UID → record maps on disk (store/uid-maps.ts), against the private Dovecot: kept
// out of sync-state.json, moved out of it when found there, and rebuilt by walking the folder
// again when their file is damaged or lost, without storing any message twice.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ImapFlow } from 'imapflow'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../main/engine/engine'
import type { AccountView, InboxPage } from '../../preload/api'
import { startDovecot, type DovecotRig } from '../rigs/dovecot'

const SHOP = 'seller@shop.example'
const PASSWORD = 'correct horse'
let dir: string
let rig: DovecotRig
let engine: Engine | undefined
let account: AccountView
let logLines: string[] = []

function customerMail(n: number): string {
  return [
    `From: "Customer ${n}" <customer${n}@example.jp>`,
    `To: ${SHOP}`,
    `Subject: Order ${n} question`,
    `Message-ID: <u${n}@example.jp>`,
    `Date: Mon, 16 Nov 2026 0${n % 10}:00:00 +0900`,
    'Content-Type: text/plain; charset=UTF-8',
    '',
    `When will order ${n} arrive?`,
    '',
  ].join('\r\n')
}

async function start(): Promise<Engine> {
  logLines = []
  engine = await Engine.start({
    dataDir: join(dir, 'data'),
    keyFile: join(dir, 'secret.key'),
    sync: false,
    log: (line) => logLines.push(line),
  })
  return engine
}

async function restart(between?: () => Promise<void>): Promise<void> {
  await engine?.close()
  engine = undefined
  await between?.()
  await start()
}

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await engine!.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`)
  return r.value as T
}

async function messageCount(): Promise<number> {
  return (await call<{ counts: { messages: number } }>('app.info', {})).counts.messages
}

async function unreadOf(subject: string): Promise<number | undefined> {
  const page = await call<InboxPage>('inbox.list', { view: 'waiting', limit: 50 })
  return page.rows.find((r) => r.subject === subject)?.unreadCount
}

/** Marks a message read on the server, as a phone or webmail would. */
async function readElsewhere(messageId: string): Promise<void> {
  const client = new ImapFlow({
    host: rig.host,
    port: rig.port,
    secure: false,
    auth: { user: SHOP, pass: PASSWORD },
    logger: false,
  })
  await client.connect()
  const lock = await client.getMailboxLock('INBOX')
  try {
    const [uid] = (await client.search({ header: { 'message-id': messageId } }, { uid: true })) || []
    await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true })
  } finally {
    lock.release()
    await client.logout()
  }
}

const syncStatePath = (): string => join(dir, 'data', 'sync-state.json')
const uidLogPath = (): string => join(dir, 'data', 'uid-maps', `${account.id}.log`)

async function syncStateText(): Promise<string> {
  // The document and its journal of changes since it was last written whole.
  const parts = await Promise.all(
    [syncStatePath(), `${syncStatePath()}.journal`].map((f) => fs.readFile(f, 'utf8').catch(() => '')),
  )
  return parts.join('\n')
}

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'uid-maps-sync-'))
  rig = await startDovecot({ users: [{ user: SHOP, password: PASSWORD }] })
  await rig.seedMaildir(
    SHOP,
    'INBOX',
    [1, 2, 3, 4, 5, 6].map((n) => customerMail(n)),
  )
  await start()
  const server = { host: rig.host, port: rig.port, tls: 'none', user: SHOP }
  account = await call<AccountView>('account.add', {
    label: 'Shop',
    address: SHOP,
    imap: server,
    smtp: server,
    password: PASSWORD,
    folders: ['INBOX'],
  })
}, 60_000)

afterAll(async () => {
  await engine?.close()
  await rig?.stop()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('UID maps of a synced account', () => {
  it('are kept in their own file, not in sync-state.json', async () => {
    await call('account.sync', { id: account.id })
    expect(await messageCount()).toBe(6)
    const lines = (await fs.readFile(uidLogPath(), 'utf8')).trim().split('\n')
    expect(lines).toHaveLength(7) // the header and one line per message
    expect(await syncStateText()).not.toContain('"uids"')
  })

  it('are moved out of sync-state.json where an older version kept them', async () => {
    await restart(async () => {
      // As an older version left it: the UID map inside the folder's record, no file.
      const lines = (await fs.readFile(uidLogPath(), 'utf8')).trim().split('\n').slice(1)
      const uids = Object.fromEntries(
        lines.map((l) => JSON.parse(l) as [string, number, string, string]).map(([, uid, id, m]) => [uid, [id, m]]),
      )
      const state = JSON.parse(await fs.readFile(syncStatePath(), 'utf8')) as {
        accounts: Record<string, Record<string, { uids?: unknown }>>
      }
      state.accounts[account.id]!.INBOX!.uids = uids
      await fs.writeFile(syncStatePath(), JSON.stringify(state))
      await fs.rm(`${syncStatePath()}.journal`, { force: true })
      await fs.rm(join(dir, 'data', 'uid-maps'), { recursive: true })
    })
    await readElsewhere('<u1@example.jp>')
    await call('account.sync', { id: account.id })
    // The flag change reached the right record: the map was found where it was.
    expect(await unreadOf('Order 1 question')).toBe(0)
    expect(await messageCount()).toBe(6)
    expect((await fs.readFile(uidLogPath(), 'utf8')).trim().split('\n')).toHaveLength(7)
    await engine!.close()
    engine = undefined
    expect(await syncStateText()).not.toContain('"uids"')
    await start()
  })

  it('are rebuilt from the stored messages when their file is damaged, with nothing stored twice', async () => {
    await restart(async () => {
      await fs.writeFile(uidLogPath(), 'garbage\n["INBOX",1,')
    })
    await readElsewhere('<u2@example.jp>')
    await call('account.sync', { id: account.id })
    expect(logLines.some((l) => /damaged.*nothing is lost/.test(l))).toBe(true)
    expect(logLines.some((l) => /"INBOX" will be walked again/.test(l))).toBe(true)
    expect(await messageCount()).toBe(6)
    expect(await unreadOf('Order 2 question')).toBe(0)
    // Every UID is mapped again: a read elsewhere after the rebuild is mirrored too.
    await readElsewhere('<u3@example.jp>')
    await call('account.sync', { id: account.id })
    expect(await unreadOf('Order 3 question')).toBe(0)
    const files = await fs.readdir(join(dir, 'data', 'uid-maps'))
    expect(files.some((f) => f.includes('.damaged-'))).toBe(true)
  })

  it('are rebuilt the same way when their file is gone', async () => {
    await restart(async () => {
      await fs.rm(join(dir, 'data', 'uid-maps'), { recursive: true })
    })
    await call('account.sync', { id: account.id })
    expect(logLines.some((l) => /were missing; "INBOX" will be walked again/.test(l))).toBe(true)
    expect(await messageCount()).toBe(6)
    await readElsewhere('<u4@example.jp>')
    await call('account.sync', { id: account.id })
    expect(await unreadOf('Order 4 question')).toBe(0)
    // Made ready once: the next start reads the file, walks nothing again.
    await restart()
    await call('account.sync', { id: account.id })
    expect(logLines.some((l) => /walked again/.test(l))).toBe(false)
  })
})
