// What reports ask of the store: which months hold messages (journal-only months included), a
// version per month that moves with every change, and a signature of the shard on disk that is
// absent while changes wait to be written.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MessageRecord } from '../../main/core/model'
import { Store } from '../../main/store/store'

let dir: string
let store: Store

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'report-store-'))
  store = await Store.open(dir, { flush: { debounceMs: 10, maxDelayMs: 100 } })
})
afterEach(async () => {
  await store.close()
  await fs.rm(dir, { recursive: true, force: true })
})

const record = (id: string, date: string): MessageRecord => ({
  id,
  conversationId: 'c1',
  customerId: 'u1',
  accountId: 'a1',
  channel: 'email',
  direction: 'in',
  from: { address: 'x@example.com' },
  to: [],
  subject: 'Hello',
  date,
  snippet: '',
  seen: false,
  attachments: [],
  emlPath: '',
})

describe('the store for reports', () => {
  it('lists the months with messages, oldest first, before and after they are written', async () => {
    await store.putMessages([record('m1', '2026-11-02T00:00:00Z'), record('m2', '2026-09-30T23:59:00Z')])
    expect(await store.months()).toEqual(['2026-09', '2026-11'])
    await store.flush()
    await store.close()
    store = await Store.open(dir)
    expect(await store.months()).toEqual(['2026-09', '2026-11'])
    expect(await store.readMonth('2026-11', (r) => Object.keys(r))).toEqual(['m1'])
  })

  it('moves a month’s version with each change, and signs the shard only once it is written', async () => {
    expect(store.monthVersion('2026-11')).toBe(0)
    await store.putMessages([record('m1', '2026-11-02T00:00:00Z')])
    expect(store.monthVersion('2026-11')).toBe(1)
    expect(await store.monthSignature('2026-11')).toBeUndefined()
    await store.flush()
    const first = await store.monthSignature('2026-11')
    expect(first).toBeDefined()
    await store.updateMessages([{ id: 'm1', month: '2026-11' }], (m) => ({ ...m, seen: true }))
    expect(store.monthVersion('2026-11')).toBe(2)
    expect(store.monthVersion('2026-10')).toBe(0)
    await store.flush()
    const second = await store.monthSignature('2026-11')
    expect(second).toBeDefined()
    expect(second).not.toBe(first)
  })
})
