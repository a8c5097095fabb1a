// The contract, exercised over the browser-mode WebSocket transport against a real engine
// on a demo workspace.
import { promises as fs } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../main/engine/engine'
import { startWebServer, type WebServer } from '../../main/web/server'
import { connectWs, type WsClient } from '../support/ws-client'

const NOW = new Date('2026-11-20T09:00:00.000Z')
let dir: string
let rendererDir: string
let engine: Engine
let server: WebServer
let client: WsClient

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'contract-'))
  // A stand-in page is enough here: the real renderer is exercised by the e2e tests.
  rendererDir = join(dir, 'renderer')
  await fs.mkdir(rendererDir)
  await fs.writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Seller Inbox</title>')
  engine = await Engine.start({ dataDir: join(dir, 'data'), demo: true, now: () => NOW, log: () => undefined })
  server = await startWebServer({ engine, rendererDir })
  client = await connectWs(server.origin, server.token)
}, 60_000)

afterAll(async () => {
  await client?.close()
  await server?.close()
  await engine?.close()
  await fs.rm(dir, { recursive: true, force: true })
})

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolvePromise, reject) => {
    const req = request(`${server.origin}${path}`, { headers }, (res) => {
      let body = ''
      res.on('data', (d: Buffer) => (body += d.toString()))
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, body, headers: res.headers }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('contract over WebSocket', () => {
  it('describes the workspace', async () => {
    const r = await client.call('app.info', {})
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.demo).toBe(true)
    expect(r.value.counts.customers).toBeGreaterThanOrEqual(200)
    expect(r.value.counts.messages).toBeGreaterThanOrEqual(2000)
    expect(r.value.notices).toEqual([])
  })

  it('lists waiting customers, the most urgent first', async () => {
    const r = await client.call('inbox.list', { view: 'waiting', limit: 50 })
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.total).toBeGreaterThan(10)
    expect(r.value.rows).toHaveLength(50)
    const dues = r.value.rows.map((row) => row.dueAt ?? '')
    expect(dues).toEqual([...dues].sort())
    expect(new Set(r.value.rows.map((row) => row.customerId)).size).toBe(50)
  })

  it('pages through the inbox without overlap', async () => {
    const a = await client.call('inbox.list', { view: 'all', offset: 0, limit: 30 })
    const b = await client.call('inbox.list', { view: 'all', offset: 30, limit: 30 })
    if (!a.ok || !b.ok) throw new Error('list failed')
    const ids = [...a.value.rows, ...b.value.rows].map((r) => r.customerId)
    expect(new Set(ids).size).toBe(60)
  })

  it('opens a customer with every conversation on one timeline and decoded bodies', async () => {
    const list = await client.call('inbox.list', { view: 'all', limit: 500 })
    if (!list.ok) throw new Error(list.error.message)
    const ja = list.value.rows.find((r) => r.language === 'ja')!
    const r = await client.call('customer.get', { customerId: ja.customerId })
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.customer.id).toBe(ja.customerId)
    expect(r.value.timeline.length).toBeGreaterThan(0)
    const dates = r.value.timeline.map((m) => m.date)
    expect(dates).toEqual([...dates].sort())
    expect(r.value.timeline.some((m) => /[\u3040-\u30ff\u4e00-\u9faf]/.test(m.text))).toBe(true)
  })

  it('answers a bad request with a typed error naming the field', async () => {
    const r = await client.call('inbox.list', { limit: -1 } as never)
    expect(r).toMatchObject({ ok: false, error: { code: 'bad_request' } })
    if (r.ok) return
    expect(r.error.issues?.[0]?.path).toBe('limit')
  })

  it('rejects unknown fields, unknown methods and unknown ids without crashing', async () => {
    expect(await client.call('app.info', { extra: 1 } as never)).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    })
    expect(await client.call('no.such' as never, {} as never)).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    })
    expect(await client.call('customer.get', { customerId: 'nobody' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    })
    expect(
      await client.call('message.send', {
        accountId: 'x',
        to: [{ address: 'not an address' }],
        subject: 's',
        text: 't',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    })
    const garbage = await client.raw('{not json')
    expect(garbage).toMatchObject({ id: -1, result: { ok: false, error: { code: 'bad_request' } } })
    expect((await client.call('app.info', {})).ok).toBe(true)
  })

  it('pushes inbox.changed when a conversation is marked done', async () => {
    const list = await client.call('inbox.list', { view: 'waiting', limit: 1 })
    if (!list.ok) throw new Error(list.error.message)
    const row = list.value.rows[0]!
    const event = client.next('inbox.changed')
    const r = await client.call('conversation.setStatus', { conversationId: row.conversationId, status: 'done' })
    expect(r).toMatchObject({ ok: true, value: { status: 'done' } })
    expect((await event).customerIds).toEqual([row.customerId])
    const after = await client.call('inbox.list', { view: 'waiting', limit: 500 })
    if (!after.ok) throw new Error(after.error.message)
    expect(after.value.rows.find((x) => x.conversationId === row.conversationId)).toBeUndefined()
  })

  it('queues a reply, lets it be undone, and sends it once after the undo window', async () => {
    const list = await client.call('inbox.list', { view: 'waiting', limit: 1 })
    if (!list.ok) throw new Error(list.error.message)
    const row = list.value.rows[0]!
    const conv = await client.call('conversation.get', { conversationId: row.conversationId })
    if (!conv.ok) throw new Error(conv.error.message)
    const info = await client.call('sync.status', {})
    if (!info.ok) throw new Error(info.error.message)
    const accountId = conv.value.conversation.accountId
    const last = conv.value.messages.at(-1)!
    const reply = {
      accountId,
      conversationId: row.conversationId,
      to: [last.from],
      subject: `Re: ${last.subject}`,
      text: 'Thank you, it ships today.',
    }

    const undone = await client.call('message.send', reply)
    if (!undone.ok) throw new Error(undone.error.message)
    expect(undone.value.state).toBe('queued')
    expect(await client.call('outbox.cancel', { id: undone.value.id })).toMatchObject({ ok: true })

    expect(await client.call('settings.update', { undoSendSeconds: 0 })).toMatchObject({
      ok: true,
      value: { undoSendSeconds: 0 },
    })
    const sent = await client.call('message.send', reply)
    if (!sent.ok) throw new Error(sent.error.message)
    for (let i = 0; i < 50; i++) {
      const items = await client.call('outbox.list', {})
      if (items.ok && items.value.find((x) => x.id === sent.value.id)?.state === 'sent') break
      await new Promise((r) => setTimeout(r, 50))
    }
    const after = await client.call('conversation.get', { conversationId: row.conversationId })
    if (!after.ok) throw new Error(after.error.message)
    const outs = after.value.messages.filter((m) => m.text.includes('it ships today'))
    expect(outs).toHaveLength(1)
    expect(outs[0]!.direction).toBe('out')
    expect(await client.call('outbox.cancel', { id: sent.value.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
  })
})

describe('browser-mode guard', () => {
  it('serves the page only with the run token', async () => {
    expect((await get('/')).status).toBe(401)
    expect((await get('/?token=wrong')).status).toBe(401)
    const ok = await get(`/?token=${server.token}`)
    expect(ok.status).toBe(200)
    expect(String(ok.headers['content-security-policy'])).toContain("script-src 'self'")
  })

  it('refuses another Host (DNS rebinding) and paths outside the renderer', async () => {
    expect((await get(`/?token=${server.token}`, { host: 'evil.example' })).status).toBe(403)
    expect((await get(`/..%2f..%2fpackage.json?token=${server.token}`)).status).toBe(404)
  })

  it('refuses WebSockets without the token or from another origin', async () => {
    await expect(connectWs(server.origin, 'wrong')).rejects.toThrow(/403/)
    await expect(connectWs(server.origin, '')).rejects.toThrow(/403/)
    await expect(connectWs(server.origin, server.token, { origin: 'http://evil.example' })).rejects.toThrow(/403/)
  })
})
