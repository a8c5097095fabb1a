// Response clocks through the engine on a demo workspace with a fixed clock: the Overdue view
// follows the clock and the settings without any other change, a snooze until the reply never
// wakes by itself, and bad clock settings are refused with the field named.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../main/engine/engine'
import type { ApiError, InboxPage, RequestInput, RequestMethod, Responses } from '../../preload/api'

let dir: string
let engine: Engine
let clock = Date.parse('2026-11-27T03:00:00.000Z')

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'clocks-'))
  engine = await Engine.start({
    dataDir: join(dir, 'data'),
    keyFile: join(dir, 'key'),
    demo: true,
    demoMessages: 600,
    sync: false,
    now: () => new Date(clock),
    log: () => undefined,
  })
  await call('settings.update', { timeZone: 'Asia/Tokyo' })
})
afterAll(async () => {
  await engine.close()
  await fs.rm(dir, { recursive: true, force: true })
})

async function call<M extends RequestMethod>(method: M, input: RequestInput<M>): Promise<Responses[M]> {
  const r = await engine.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
  return r.value as Responses[M]
}
async function refused<M extends RequestMethod>(method: M, input: unknown): Promise<ApiError> {
  const r = await engine.call(method, input)
  if (r.ok) throw new Error(`${method} was accepted`)
  return r.error
}
const list = (input: RequestInput<'inbox.list'>): Promise<InboxPage> => call('inbox.list', { limit: 500, ...input })

describe('response clocks through the engine', () => {
  it('lists in Overdue exactly the waiting customers whose clock ran out, longest overdue first', async () => {
    const now = new Date(clock).toISOString()
    const waiting = await list({ view: 'waiting' })
    const overdue = await list({ view: 'overdue' })
    const late = waiting.rows.filter((r) => r.dueAt !== undefined && r.dueAt <= now)
    expect(overdue.total).toBeGreaterThan(0)
    expect(overdue.rows.map((r) => r.customerId).sort()).toEqual(late.map((r) => r.customerId).sort())
    const dues = overdue.rows.map((r) => r.dueAt!)
    expect(dues).toEqual([...dues].sort())
  })

  it('adds a customer to Overdue once their clock runs out, with no other change', async () => {
    const before = await list({ view: 'overdue' })
    const now = new Date(clock).toISOString()
    const next = (await list({ view: 'waiting' })).rows
      .map((r) => r.dueAt)
      .filter((d): d is string => d !== undefined && d > now)
      .sort()[0]!
    clock = Date.parse(next) + 1
    const after = await list({ view: 'overdue' })
    expect(after.total).toBeGreaterThan(before.total)
  })

  it('moves due times when the settings change: Rakuten on ten business days is no longer late', async () => {
    const lateOnRakuten = async () => (await list({ view: 'overdue', channel: 'rakuten' })).total
    const before = await lateOnRakuten()
    const rakutenWaiting = (await list({ view: 'waiting', channel: 'rakuten' })).rows
    await call('settings.update', { responsePolicies: { rakuten: { amount: 10, unit: 'businessDays' } } })
    const settings = await call('settings.get', {})
    // One channel changed; the others kept theirs.
    expect(settings.responsePolicies?.amazon).toEqual({ amount: 24, unit: 'hours' })
    const after = await lateOnRakuten()
    expect(after).toBeLessThanOrEqual(before)
    const moved = (await list({ view: 'waiting', channel: 'rakuten' })).rows
    if (rakutenWaiting.length > 0) expect(moved[0]!.dueAt! > rakutenWaiting[0]!.dueAt!).toBe(true)
    await call('settings.update', { responsePolicies: { rakuten: { amount: 1, unit: 'businessDays' } } })
    expect(await lateOnRakuten()).toBe(before)
  })

  it('keeps a customer snoozed until they reply, however long, and undoes it', async () => {
    // A customer with one open conversation: snoozing it takes the whole row out of Waiting.
    const row = (await list({ view: 'waiting' })).rows.find((r) => r.openCount === 1)!
    const summary = await call('conversation.snooze', { conversationId: row.conversationId, until: 'reply' })
    expect(summary).toMatchObject({ status: 'snoozed', snoozedUntilReply: true })
    expect(summary.snoozedUntil).toBeUndefined()
    const snoozed = await list({ view: 'snoozed' })
    expect(snoozed.rows.find((r) => r.customerId === row.customerId)).toMatchObject({ snoozedUntilReply: true })
    clock += 300 * 24 * 3_600_000
    const waiting = await list({ view: 'waiting' })
    expect(waiting.rows.some((r) => r.customerId === row.customerId)).toBe(false)
    await call('conversation.setStatus', { conversationId: row.conversationId, status: 'open' })
    expect((await list({ view: 'waiting' })).rows.some((r) => r.customerId === row.customerId)).toBe(true)
  })

  it('refuses bad clock settings and snoozes, naming the field, and changes nothing', async () => {
    const before = await call('settings.get', {})
    const days = await refused('settings.update', { businessHours: { days: [], start: '09:00', end: '18:00' } })
    expect(days.code).toBe('bad_request')
    expect(days.issues?.[0]?.path).toMatch(/^businessHours/)
    const zone = await refused('settings.update', { timeZone: 'Asia/Atlantis' })
    expect(zone.issues?.[0]?.message).toMatch(/time zone/)
    const unit = await refused('settings.update', { responsePolicies: { ebay: { amount: 1, unit: 'weeks' } } })
    expect(unit.code).toBe('bad_request')
    expect(await call('settings.get', {})).toEqual(before)
    const row = (await list({ view: 'waiting' })).rows[0]!
    const snooze = await refused('conversation.snooze', { conversationId: row.conversationId, until: 'someday' })
    expect(snooze.issues?.[0]?.path).toBe('until')
  })
})
