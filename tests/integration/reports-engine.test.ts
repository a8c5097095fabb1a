// `reports.get` on a real engine and data folder: the demo workspace's figures agree with a
// count made straight from the month shards, filters split them consistently, a new message
// shows up in the next report (only its month is read again), and bad input is refused.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../main/engine/engine'
import { Store } from '../../main/store/store'
import type { ApiError, ImportReport, Report, RequestInput } from '../../preload/api'

const NOW = new Date('2026-12-03T23:30:00Z')
let dir: string
let engine: Engine

async function get(input: RequestInput<'reports.get'> = {}): Promise<Report> {
  const r = await engine.call('reports.get', input)
  if (!r.ok) throw new Error(`reports.get: ${r.error.message}`)
  return r.value as Report
}

async function refused(input: unknown): Promise<ApiError> {
  const r = await engine.call('reports.get', input)
  if (r.ok) throw new Error('accepted')
  return r.error
}

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'reports-engine-'))
  engine = await Engine.start({
    dataDir: join(dir, 'data'),
    keyFile: join(dir, 'key'),
    demo: true,
    sync: false,
    now: () => NOW,
    log: () => undefined,
  })
})

afterAll(async () => {
  await engine?.close()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('reports.get', () => {
  it('covers the last 90 days by default, and its totals add up', async () => {
    const r = await get()
    expect(r.filter).toEqual({ from: '2026-09-04T23:30:00.000Z', to: NOW.toISOString() })
    expect(r.kpis.messagesIn).toBeGreaterThan(100)
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
    expect(sum(r.volume.days.map((d) => d.in))).toBe(r.kpis.messagesIn)
    expect(sum(r.volume.weeks.map((d) => d.out))).toBe(r.kpis.messagesOut)
    expect(sum(r.busyHours.flat())).toBe(r.kpis.messagesIn)
    expect(r.kpis.resolved + r.kpis.open + r.kpis.snoozed).toBe(r.kpis.conversations)
    expect(r.kpis.withinPolicy.onTime + r.kpis.breaches).toBe(r.kpis.withinPolicy.due)
    expect(r.kpis.firstResponse.median).toBeGreaterThan(0)
    expect(r.topics.some((t) => t.conversations > 0)).toBe(true)
    expect(r.templates.length).toBeGreaterThan(0)
  })

  it('splits into channels that add up to the whole', async () => {
    const all = await get()
    const parts = await Promise.all(all.byChannel.map((c) => get({ channel: c.channel })))
    expect(parts.reduce((n, p) => n + p.kpis.messagesIn, 0)).toBe(all.kpis.messagesIn)
    expect(parts.reduce((n, p) => n + p.kpis.breaches, 0)).toBe(all.kpis.breaches)
  })

  it('answers a repeated call from its cache', async () => {
    const first = await get({ channel: 'amazon' })
    expect(await get({ channel: 'amazon' })).toBe(first)
  })

  it('counts a message that arrives after the last report', async () => {
    const before = await get()
    const eml = join(dir, 'new.eml')
    await fs.writeFile(
      eml,
      [
        'From: Hana Mori <hana.mori@example.jp>',
        'To: shop@example.com',
        'Subject: 返金について',
        'Date: Thu, 03 Dec 2026 09:00:00 +0900',
        'Message-ID: <reports-test-1@example.jp>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        '割れていたので返金をお願いします。',
        '',
      ].join('\r\n'),
    )
    const imported = (await engine.call('import.files', { paths: [eml] })) as { ok: true; value: ImportReport }
    expect(imported.value.imported).toBe(1)
    const after = await get()
    expect(after.kpis.messagesIn).toBe(before.kpis.messagesIn + 1)
    expect(after.kpis.newConversations).toBe(before.kpis.newConversations + 1)
    const refund = (r: Report) => r.topics.find((t) => t.id === 'refund')!.conversations
    expect(refund(after)).toBe(refund(before) + 1)
  })

  it('refuses a period that ends before it starts, an unknown channel and unknown fields', async () => {
    const backwards = await refused({ from: '2026-12-01T00:00:00Z', to: '2026-11-01T00:00:00Z' })
    expect(backwards.code).toBe('bad_request')
    expect(backwards.issues).toEqual([{ path: 'to', message: 'The period has to end after it starts.' }])
    expect((await refused({ from: '2027-01-01T00:00:00Z' })).issues?.[0]?.path).toBe('from')
    expect((await refused({ channel: 'fax' })).issues?.[0]?.path).toBe('channel')
    expect((await refused({ from: 'yesterday' })).issues?.[0]?.message).toMatch(/ISO 8601/)
    expect((await refused({ period: 'week' })).code).toBe('bad_request')
    expect((await refused({ from: '2000-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).issues?.[0]?.path).toBe('from')
  })

  it('after a restart reads the facts it saved under reports/, and rebuilds a damaged file', async () => {
    const before = await get({ channel: 'email' })
    await engine.close()
    const saved = (await fs.readdir(join(dir, 'data', 'reports'))).filter((f) => f.endsWith('.facts')).sort()
    expect(saved.length).toBeGreaterThan(2)
    await fs.writeFile(join(dir, 'data', 'reports', saved[saved.length - 1]!), '{"v":3,"rows":16}\n\u0001\u0002')
    engine = await Engine.start({
      dataDir: join(dir, 'data'),
      keyFile: join(dir, 'key'),
      sync: false,
      now: () => NOW,
      log: () => undefined,
    })
    expect(await get({ channel: 'email' })).toEqual(before)
  })

  it('agrees with a count made straight from the month shards', async () => {
    const r = await get()
    await engine.close()
    const store = await Store.open(join(dir, 'data'))
    try {
      const from = Date.parse(r.filter.from)
      const to = Date.parse(r.filter.to)
      let inbound = 0
      let outbound = 0
      const conversations = new Set<string>()
      for (const month of await store.months()) {
        await store.readMonth(month, (records) => {
          for (const m of Object.values(records)) {
            const at = Date.parse(m.date)
            if (at < from || at >= to) continue
            if (m.direction === 'in') inbound++
            else outbound++
            conversations.add(m.conversationId)
          }
        })
      }
      expect(r.kpis.messagesIn).toBe(inbound)
      expect(r.kpis.messagesOut).toBe(outbound)
      expect(r.kpis.conversations).toBe(conversations.size)
    } finally {
      await store.close()
      engine = await Engine.start({
        dataDir: join(dir, 'data'),
        keyFile: join(dir, 'key'),
        sync: false,
        now: () => NOW,
        log: () => undefined,
      })
    }
  })
})
