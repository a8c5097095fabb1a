// The seller's "done" reaching the mail server, against the private Dovecot: archiving (and
// reopening) moves the customer's messages between INBOX and Archive, 'flag' mode marks them
// instead, and offline the actions wait in the durable queue — across a restart, in order,
// past a message deleted elsewhere — with no duplicate records once Archive is synced too.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ImapFlow } from 'imapflow'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findArchiveFolder, type FolderInfo, type SpecialUse } from '../../main/channels/imap/folders'
import { Engine } from '../../main/engine/engine'
import { uidMapsOf } from '../../main/engine/mail-sync'
import type { ServerLocation } from '../../main/engine/server-actions'
import { Store } from '../../main/store/store'
import type { AccountView, AppInfo, ConversationView, InboxPage, SyncStatus } from '../../preload/api'
import { startDovecot, type DovecotRig } from '../rigs/dovecot'
import { freePort } from '../rigs/free-port'

const SHOP = 'seller@shop.example'
const PASSWORD = 'correct horse'
let dir: string
let rig: DovecotRig
let engine: Engine
let account: AccountView
const logs: string[] = []
/** Customer name → their conversation's id, once the first sync has run. */
const conversations = new Map<string, string>()

function customerMail(n: number, o: { id?: string; subject?: string; inReplyTo?: string } = {}): string {
  return [
    `From: "Customer ${n}" <customer${n}@example.jp>`,
    `To: ${SHOP}`,
    `Subject: ${o.subject ?? `Order ${n} question`}`,
    `Message-ID: <${o.id ?? `c${n}`}@example.jp>`,
    ...(o.inReplyTo ? [`In-Reply-To: <${o.inReplyTo}@example.jp>`] : []),
    `Date: Mon, 16 Nov 2026 0${n}:00:00 +0900`,
    'Content-Type: text/plain; charset=UTF-8',
    '',
    `When will order ${n} arrive?`,
    '',
  ].join('\r\n')
}

function startEngine(sync: boolean): Promise<Engine> {
  return Engine.start({
    dataDir: join(dir, 'data'),
    keyFile: join(dir, 'config', 'secret.key'),
    sync,
    log: (line) => logs.push(line),
  })
}

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await engine.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`)
  return r.value as T
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value !== undefined && value !== false) return value
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${logs.slice(-10).join('\n')}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Message-ID → UID and flags in a folder, as another mail app sees it; empty when the folder does not exist. */
async function onServer(folder: string): Promise<Map<string, { uid: number; flags: string[] }>> {
  const client = new ImapFlow({
    host: rig.host,
    port: rig.port,
    secure: false,
    auth: { user: SHOP, pass: PASSWORD },
    logger: false,
  })
  await client.connect()
  const out = new Map<string, { uid: number; flags: string[] }>()
  try {
    const lock = await client.getMailboxLock(folder).catch(() => undefined)
    if (!lock) return out
    try {
      if (client.mailbox !== false && client.mailbox.exists > 0) {
        for (const m of await client.fetchAll('1:*', { envelope: true, flags: true }, { uid: true })) {
          out.set(m.envelope?.messageId ?? '?', { uid: m.uid, flags: [...(m.flags ?? [])] })
        }
      }
    } finally {
      lock.release()
    }
  } finally {
    await client.logout()
  }
  return out
}

async function deleteOnServer(folder: string, messageId: string): Promise<void> {
  const uid = (await onServer(folder)).get(messageId)?.uid
  if (uid === undefined) throw new Error(`${messageId} is not in ${folder}`)
  const client = new ImapFlow({
    host: rig.host,
    port: rig.port,
    secure: false,
    auth: { user: SHOP, pass: PASSWORD },
    logger: false,
  })
  await client.connect()
  const lock = await client.getMailboxLock(folder)
  try {
    await client.messageDelete(String(uid), { uid: true })
  } finally {
    lock.release()
    await client.logout()
  }
}

/** Where the engine's UID maps put a conversation's messages, read through the function the queue uses. */
async function mapped(conversationId: string): Promise<ServerLocation[][]> {
  // The UID maps are not part of the contract; the engine's store is reached around it here.
  const store = (engine as unknown as { store: Store }).store
  const view = await call<ConversationView>('conversation.get', { conversationId })
  const ids = view.messages.map((m) => m.id)
  const found = await uidMapsOf(store).locate(account.id, ids)
  return ids.map((id) => found.get(id) ?? [])
}

async function setStatus(customer: string, status: 'open' | 'done'): Promise<void> {
  await call('conversation.setStatus', { conversationId: conversations.get(customer)!, status })
}

/** The engine's queue of server actions. */
function pending(): unknown[] {
  return (engine as unknown as { store: Store }).store.docs.syncState.data.pending ?? []
}

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'done-on-server-'))
  rig = await startDovecot({ users: [{ user: SHOP, password: PASSWORD }] })
  await rig.createFolder(SHOP, 'Sent')
  await rig.seedMaildir(SHOP, 'INBOX', [
    customerMail(1),
    customerMail(1, { id: 'c1b', subject: 'Re: Order 1 question', inReplyTo: 'c1' }),
    ...[2, 3, 4, 5, 6].map((n) => customerMail(n)),
  ])
  engine = await startEngine(true)
  account = await call<AccountView>('account.add', {
    label: 'Shop mail',
    address: SHOP,
    imap: { host: rig.host, port: rig.port, tls: 'none', user: SHOP },
    smtp: { host: rig.host, port: 1, tls: 'none', user: SHOP },
    password: PASSWORD,
  })
  await waitFor('the first sync', async () => {
    const status = await call<SyncStatus>('sync.status', {})
    return status.accounts.find((a) => a.accountId === account.id)?.lastSyncAt
  })
  const page = await call<InboxPage>('inbox.list', { view: 'all', limit: 50 })
  for (const row of page.rows) conversations.set(row.name, row.conversationId)
  expect(conversations.size).toBe(6)
}, 60_000)

afterAll(async () => {
  await engine?.close()
  await rig?.stop()
  await fs.rm(dir, { recursive: true, force: true })
})

describe("the seller's done on the mail server", () => {
  it('archives a done conversation: its messages move from INBOX to Archive, and the UID map follows', async () => {
    await setStatus('Customer 1', 'done')
    const archive = await waitFor('both messages in Archive', async () => {
      const box = await onServer('Archive')
      return box.has('<c1@example.jp>') && box.has('<c1b@example.jp>') && box
    })
    const inbox = await onServer('INBOX')
    expect(inbox.has('<c1@example.jp>')).toBe(false)
    expect(inbox.has('<c1b@example.jp>')).toBe(false)
    expect(inbox.has('<c2@example.jp>')).toBe(true)
    // Archive is not synced yet (it did not exist at the first pass): the map follows from COPYUID.
    const where = await waitFor('the map to follow', async () => {
      const at = await mapped(conversations.get('Customer 1')!)
      return at.every((l) => l.some((x) => x.folder === 'Archive')) && at
    })
    expect(where.flat().map((l) => l.folder)).toEqual(['Archive', 'Archive'])
    expect(
      where
        .flat()
        .map((l) => l.uid)
        .sort(),
    ).toEqual([archive.get('<c1@example.jp>')!.uid, archive.get('<c1b@example.jp>')!.uid].sort())
  })

  it('reopening brings them back to INBOX', async () => {
    await setStatus('Customer 1', 'open')
    const inbox = await waitFor('both back in INBOX', async () => {
      const box = await onServer('INBOX')
      return box.has('<c1@example.jp>') && box.has('<c1b@example.jp>') && box
    })
    expect((await onServer('Archive')).size).toBe(0)
    const where = await waitFor('the map to follow', async () => {
      const at = await mapped(conversations.get('Customer 1')!)
      return at.every((l) => l.length === 1 && l[0]!.folder === 'INBOX') && at
    })
    expect(
      where
        .flat()
        .map((l) => l.uid)
        .sort(),
    ).toEqual([inbox.get('<c1@example.jp>')!.uid, inbox.get('<c1b@example.jp>')!.uid].sort())
  })

  it("in 'flag' mode marks the message handled ($Done and \\Seen) and leaves it in INBOX", async () => {
    await call('settings.update', { doneAction: 'flag' })
    await setStatus('Customer 2', 'done')
    const flags = await waitFor('$Done on the server', async () => {
      const m = (await onServer('INBOX')).get('<c2@example.jp>')
      return m?.flags.includes('$Done') && m.flags
    })
    expect(flags).toContain('\\Seen')
    expect(flags).not.toContain('\\Flagged')
    await setStatus('Customer 2', 'open')
    const after = await waitFor('$Done removed', async () => {
      const m = (await onServer('INBOX')).get('<c2@example.jp>')
      return m && !m.flags.includes('$Done') && m.flags
    })
    // Reopening does not make it unread: the seller has read it.
    expect(after).toContain('\\Seen')
    await call('settings.update', { doneAction: 'archive' })
  })

  it('offline, the actions wait in the queue across a restart and are applied in order once back', async () => {
    const closed = await freePort()
    await call('account.update', { id: account.id, imap: { host: rig.host, port: closed, tls: 'none', user: SHOP } })
    await setStatus('Customer 3', 'done')
    await setStatus('Customer 4', 'done')
    await setStatus('Customer 3', 'open')
    await setStatus('Customer 5', 'done')
    // Nothing reached the server: the actions wait (on disk, as the restart below shows).
    expect((await onServer('INBOX')).size).toBe(7)
    expect(pending()).toHaveLength(4)
    // Meanwhile order 4's message is deleted in another mail app.
    await deleteOnServer('INBOX', '<c4@example.jp>')

    await engine.close()
    // A queue written before moves existed: a bare flag change, still replayed.
    const c6 = (await onServer('INBOX')).get('<c6@example.jp>')!
    const store = await Store.open(join(dir, 'data'))
    store.docs.syncState.data.pending!.push({
      accountId: account.id,
      folder: 'INBOX',
      uid: c6.uid,
      add: ['\\Flagged'],
      remove: [],
      at: '2026-11-16T00:00:00.000Z',
    })
    store.docs.syncState.changed('pending')
    await store.close()

    engine = await startEngine(true)
    await call('account.update', { id: account.id, imap: { host: rig.host, port: rig.port, tls: 'none', user: SHOP } })
    await waitFor('the queue to empty', async () => pending().length === 0, 30_000)

    const inbox = await onServer('INBOX')
    const archive = await onServer('Archive')
    // Order 3 went to Archive and back: applied in the order the seller acted.
    expect(inbox.has('<c3@example.jp>')).toBe(true)
    expect(archive.has('<c3@example.jp>')).toBe(false)
    // The deleted message did not hold up the queue.
    expect(logs.some((l) => l.includes('server action dropped') && l.includes('<c4@example.jp>'))).toBe(true)
    expect(archive.has('<c5@example.jp>')).toBe(true)
    expect(inbox.has('<c5@example.jp>')).toBe(false)
    expect(inbox.get('<c6@example.jp>')?.flags).toContain('\\Flagged')
  }, 60_000)

  it('a sync of INBOX and Archive afterwards duplicates nothing and reopens nothing', async () => {
    await call('account.sync', { id: account.id })
    const info = await call<AppInfo>('app.info', {})
    expect(info.counts).toMatchObject({ customers: 6, conversations: 6, messages: 7 })
    const page = await call<InboxPage>('inbox.list', { view: 'all', limit: 50 })
    const status = Object.fromEntries(page.rows.map((r) => [r.name, r.status]))
    expect(status).toEqual({
      'Customer 1': 'open',
      'Customer 2': 'open',
      'Customer 3': 'open',
      'Customer 4': 'done',
      'Customer 5': 'done',
      'Customer 6': 'open',
    })
    // Order 5's message is known in Archive (from the sync now as well) and nowhere else.
    const [where] = await mapped(conversations.get('Customer 5')!)
    expect(where!.map((l) => l.folder)).toEqual(['Archive'])
    expect(where![0]!.uid).toBe((await onServer('Archive')).get('<c5@example.jp>')!.uid)
  }, 60_000)

  it('queues nothing for imported mail: a local account has no server', async () => {
    const file = join(dir, 'imported.eml')
    await fs.writeFile(file, customerMail(7))
    await call('import.files', { paths: [file] })
    const page = await call<InboxPage>('inbox.list', { view: 'all', limit: 50 })
    const row = page.rows.find((r) => r.name === 'Customer 7')!
    await call('conversation.setStatus', { conversationId: row.conversationId, status: 'done' })
    expect(pending()).toEqual([])
  })
})

describe('where archived mail goes', () => {
  const folder = (path: string, specialUse?: SpecialUse): FolderInfo => ({
    path,
    name: path.split('/').at(-1)!,
    ...(specialUse ? { specialUse } : {}),
  })

  it("prefers the \\Archive folder, then Gmail's \\All, then a folder named like an archive", () => {
    const named = [folder('INBOX', '\\Inbox'), folder('Lists/アーカイブ'), folder('Old')]
    expect(findArchiveFolder(named)?.path).toBe('Lists/アーカイブ')
    const gmail = [...named, folder('[Gmail]/All Mail', '\\All')]
    expect(findArchiveFolder(gmail)?.path).toBe('[Gmail]/All Mail')
    expect(findArchiveFolder([...gmail, folder('Done', '\\Archive')])?.path).toBe('Done')
    expect(findArchiveFolder([folder('INBOX', '\\Inbox'), folder('Old')])).toBeUndefined()
  })
})
