import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../main/engine/engine'
import type { InboxPage, RequestInput, RequestMethod, TagCount } from '../../preload/api'

// The tag filter through the engine: it combines with views and channels, and a tag added or
// removed in the sidebar shows in the very next page (the view cache is keyed by tag too).
let dir: string
let engine: Engine
const clock = Date.parse('2026-11-23T09:00:00.000Z')

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'inbox-tags-'))
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
const ids = async (input: RequestInput<'inbox.list'>) =>
  (await list({ offset: 0, limit: 500, ...input })).rows.map((r) => r.customerId)
const tags = async () => (await call('customer.tags', {})) as TagCount[]

describe('inbox by tag', () => {
  it('shows only the customers tagged, in every view, and follows tags added and removed', async () => {
    const waiting = (await list({ view: 'waiting', offset: 0, limit: 3 })).rows
    const [a, b] = [waiting[0]!, waiting[1]!]
    // Asked once before tagging: a cached empty view must not survive the change.
    expect(await ids({ view: 'waiting', tag: 'Tag Filter Test' })).toEqual([])

    await call('customer.update', { customerId: a.customerId, tags: ['Tag Filter Test'] })
    await call('customer.update', { customerId: b.customerId, tags: ['tag filter test'] })
    expect((await ids({ view: 'waiting', tag: 'TAG FILTER TEST' })).sort()).toEqual([a.customerId, b.customerId].sort())
    expect((await ids({ view: 'all', tag: 'tag filter test' })).sort()).toEqual([a.customerId, b.customerId].sort())
    expect(await list({ view: 'waiting', tag: 'tag filter test', offset: 0, limit: 1 })).toMatchObject({ total: 2 })

    // Combined with a channel: only those with a conversation on it.
    const channel = a.channels[0]!
    const onChannel = await ids({ view: 'all', channel, tag: 'tag filter test' })
    expect(onChannel).toContain(a.customerId)
    expect(onChannel.includes(b.customerId)).toBe(b.channels.includes(channel))

    // Done leaves Waiting but stays findable by tag in Done.
    await call('conversation.setStatus', { conversationId: a.conversationId, status: 'done' })
    expect(await ids({ view: 'waiting', tag: 'tag filter test' })).not.toContain(a.customerId)
    expect(await ids({ view: 'done', tag: 'tag filter test' })).toContain(a.customerId)
    await call('conversation.setStatus', { conversationId: a.conversationId, status: 'open' })

    expect((await tags()).find((t) => t.tag.toLowerCase() === 'tag filter test')?.customers).toBe(2)

    await call('customer.update', { customerId: b.customerId, tags: [] })
    expect(await ids({ view: 'waiting', tag: 'tag filter test' })).toEqual([a.customerId])
    expect((await tags()).find((t) => t.tag.toLowerCase() === 'tag filter test')?.customers).toBe(1)
  })

  it('refuses a tag it cannot filter by, with a message the seller can act on', async () => {
    for (const tag of ['', '   ', 'x'.repeat(61)]) {
      const r = await engine.call('inbox.list', { view: 'all', tag })
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.error.code).toBe('bad_request')
        expect(r.error.issues).toEqual([{ path: 'tag', message: expect.stringMatching(/tag to filter by/) }])
      }
    }
  })
})
