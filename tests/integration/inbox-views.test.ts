import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../main/engine/engine'
import type { InboxPage, RequestInput, RequestMethod } from '../../preload/api'

// inbox.list builds a view once and pages from it: every change, and every snooze that runs
// out, must show in the very next page asked for.
let dir: string
let engine: Engine
let clock = Date.parse('2026-11-23T09:00:00.000Z')

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'inbox-views-'))
  engine = await Engine.start({
    dataDir: join(dir, 'data'),
    keyFile: join(dir, 'key'),
    demo: true,
    demoMessages: 300,
    sync: false,
    now: () => new Date(clock),
    log: () => undefined,
  })
})
afterAll(async () => {
  await engine.close()
  await fs.rm(dir, { recursive: true, force: true })
})

async function call<M extends RequestMethod>(method: M, input: RequestInput<M>): Promise<unknown> {
  const r = await engine.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
  return r.value
}
const list = async (input: RequestInput<'inbox.list'>) => (await call('inbox.list', input)) as InboxPage

describe('inbox views', () => {
  it('pages through one consistent view and shows a change in the next page asked for', async () => {
    const first = await list({ view: 'all', offset: 0, limit: 5 })
    const second = await list({ view: 'all', offset: 5, limit: 5 })
    expect(first.total).toBeGreaterThan(10)
    expect(second.total).toBe(first.total)
    const ids = [...first.rows, ...second.rows].map((r) => r.customerId)
    expect(new Set(ids).size).toBe(10)

    const top = (await list({ view: 'waiting', offset: 0, limit: 5 })).rows[0]!
    await call('conversation.setStatus', { conversationId: top.conversationId, status: 'done' })
    const after = await list({ view: 'waiting', offset: 0, limit: 5 })
    expect(after.rows.some((r) => r.conversationId === top.conversationId)).toBe(false)
    const done = await list({ view: 'done', offset: 0, limit: 500 })
    expect(done.rows.some((r) => r.conversationId === top.conversationId)).toBe(true)
    await call('conversation.setStatus', { conversationId: top.conversationId, status: 'open' })
    const back = await list({ view: 'waiting', offset: 0, limit: 500 })
    expect(back.rows.map((r) => r.conversationId)).toContain(top.conversationId)
  })

  it('brings a snoozed customer back when the snooze runs out, with no other change', async () => {
    const { rows } = await list({ view: 'waiting', offset: 0, limit: 1 })
    const row = rows[0]!
    const until = new Date(clock + 60 * 60_000).toISOString()
    await call('conversation.snooze', { conversationId: row.conversationId, until })
    expect((await list({ view: 'snoozed', offset: 0, limit: 500 })).rows.map((r) => r.conversationId)).toContain(
      row.conversationId,
    )
    expect((await list({ view: 'waiting', offset: 0, limit: 1 })).rows[0]!.conversationId).not.toBe(row.conversationId)
    clock += 61 * 60_000
    const waiting = await list({ view: 'waiting', offset: 0, limit: 500 })
    expect(waiting.rows.map((r) => r.conversationId)).toContain(row.conversationId)
    expect((await list({ view: 'snoozed', offset: 0, limit: 500 })).rows.map((r) => r.conversationId)).not.toContain(
      row.conversationId,
    )
  })
})
