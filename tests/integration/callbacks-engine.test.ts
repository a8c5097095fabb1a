import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../main/engine/engine'
import type {
  Alert,
  CallbackList,
  CallPlanView,
  CustomerView,
  RequestInput,
  RequestMethod,
  Responses,
} from '../../preload/api'

// Callbacks through the whole engine on a demo workspace: created, listed, coming due with an
// alert (also when they came due while the app was closed), and the weekly call-five plan with
// its logged answers reaching the customer and the voice-of-the-customer list.
let dir: string
let engine: Engine
const alerts: Alert[] = []
const changes: unknown[] = []

function start(): Promise<Engine> {
  return Engine.start({
    dataDir: join(dir, 'data'),
    keyFile: join(dir, 'key'),
    demo: true,
    demoMessages: 300,
    sync: false,
    log: () => undefined,
  })
}
function listen(e: Engine): void {
  e.on((event, payload) => {
    if (event === 'alert') alerts.push(payload as Alert)
    if (event === 'callbacks.changed') changes.push(payload)
  })
}

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'callbacks-'))
  engine = await start()
  listen(engine)
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
async function refused(method: RequestMethod, input: unknown) {
  const r = await engine.call(method, input)
  if (r.ok) throw new Error(`${method} was accepted`)
  return r.error
}
const waitFor = async (what: () => boolean, ms = 8000) => {
  const end = Date.now() + ms
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('callbacks in the engine', () => {
  it('lists the demo’s callbacks grouped, with a number to call', async () => {
    const list = await call('callback.list', {})
    expect(list.overdue.length).toBeGreaterThan(0)
    expect(list.upcoming.length).toBeGreaterThan(0)
    const first = list.overdue[0]!
    expect(first.customerName).not.toBe('')
    expect(first.callPhone).toBeTruthy()
    expect(first.openConversationId).toBeTruthy()
  })

  it('alerts when a callback it was given comes due, once', async () => {
    const inbox = await call('inbox.list', { view: 'all', limit: 1 })
    const row = inbox.rows[0]!
    const dueAt = new Date(Date.now() + 1200).toISOString()
    const created = await call('callback.create', {
      customerId: row.customerId,
      conversationId: row.conversationId,
      dueAt,
      reason: 'Ask whether the replacement arrived',
      phone: '090-1234-5678',
    })
    expect(changes.length).toBeGreaterThan(0)
    const before = await call('callback.list', {})
    expect(before.today.concat(before.upcoming).map((r) => r.id)).toContain(created.id)
    await waitFor(() => alerts.some((a) => a.reminderId === created.id))
    const alert = alerts.find((a) => a.reminderId === created.id)!
    expect(alert).toMatchObject({ kind: 'callback', customerId: row.customerId, phone: '090-1234-5678' })
    const after = await call('callback.list', {})
    expect(after.overdue.map((r) => r.id)).toContain(created.id)
    // Marked done, it leaves the list; no second alert came meanwhile.
    await call('callback.update', { id: created.id, done: true })
    const done = await call('callback.list', {})
    expect([...done.overdue, ...done.today, ...done.upcoming].map((r) => r.id)).not.toContain(created.id)
    expect(alerts.filter((a) => a.reminderId === created.id)).toHaveLength(1)
  })

  it('snoozes and reschedules, and refuses a time that has passed', async () => {
    const { overdue } = await call('callback.list', {})
    const r = overdue[0]!
    const snoozed = await call('callback.update', { id: r.id, reschedule: 'hour' })
    expect(Date.parse(snoozed.dueAt) - Date.now()).toBeGreaterThan(59 * 60_000)
    const moved = await call('callback.update', { id: r.id, reschedule: 'nextBusinessDay' })
    expect(new Date(moved.dueAt).getUTCDay()).not.toBe(0)
    // A minute ago is still "now" when typed; the callback is overdue at once.
    const late = await call('callback.create', {
      customerId: r.customerId,
      dueAt: new Date(Date.now() - 60_000).toISOString(),
      reason: 'Call now',
    })
    expect((await call('callback.list', {})).overdue.map((x) => x.id)).toContain(late.id)
    // Editing an overdue callback's words sends its time back unchanged: that is no move.
    const edited = await call('callback.update', { id: late.id, dueAt: late.dueAt, reason: 'Edited' })
    expect(edited).toMatchObject({ dueAt: late.dueAt, reason: 'Edited' })
    await call('callback.delete', { id: late.id })
    const past = await refused('callback.update', { id: r.id, dueAt: '2020-01-01T09:00:00Z' })
    expect(past.code).toBe('bad_request')
    expect(past.message).toMatch(/passed/)
  })

  it('refuses bad callbacks with a reason the seller can act on', async () => {
    const { rows } = await call('inbox.list', { view: 'all', limit: 2 })
    const [a, b] = [rows[0]!, rows[1]!]
    const soon = new Date(Date.now() + 3_600_000).toISOString()
    const base = { customerId: a.customerId, dueAt: soon, reason: 'Call' }
    expect((await refused('callback.create', { ...base, dueAt: 'tomorrow' })).issues?.[0]?.path).toBe('dueAt')
    expect((await refused('callback.create', { ...base, reason: '   ' })).issues?.[0]?.path).toBe('reason')
    expect((await refused('callback.create', { ...base, phone: 'call me' })).issues?.[0]?.path).toBe('phone')
    expect((await refused('callback.create', { ...base, customerId: 'nobody' })).code).toBe('not_found')
    expect((await refused('callback.create', { ...base, conversationId: b.conversationId })).message).toMatch(
      /another customer/,
    )
    expect((await refused('callback.update', { id: 'rem_gone', done: true })).code).toBe('not_found')
    expect((await refused('callback.update', { id: 'rem_01' })).issues?.[0]?.message).toMatch(/Nothing to change/)
    expect((await refused('callFive.log', { customerId: a.customerId, outcome: 'reached', score: 11 })).code).toBe(
      'bad_request',
    )
    expect((await refused('callFive.log', { customerId: a.customerId, outcome: 'maybe' })).code).toBe('bad_request')
  })

  it('plans five calls once a week and keeps what customers said on the customer and in the voice list', async () => {
    const plan: CallPlanView = await call('callFive.plan', {})
    expect(plan.picks).toHaveLength(5)
    expect(plan.picks.every((p) => p.reasons.length > 0 && p.customerName)).toBe(true)
    expect(plan.picks.filter((p) => p.phone).length).toBeGreaterThanOrEqual(4)
    const again = await call('callFive.plan', {})
    expect(again.picks.map((p) => p.customerId)).toEqual(plan.picks.map((p) => p.customerId))

    const pick = plan.picks[0]!
    const logged = await call('callFive.log', {
      customerId: pick.customerId,
      planId: plan.id,
      outcome: 'reached',
      score: 9,
      liked: 'The glaze',
      disliked: 'The box was too big',
      better: 'Ship in smaller boxes',
    })
    const voice = await call('voice.list', {})
    expect(voice[0]).toMatchObject({ id: logged.id, customerName: pick.customerName, liked: 'The glaze' })
    const view: CustomerView = await call('customer.get', { customerId: pick.customerId })
    expect(view.calls?.[0]).toMatchObject({ id: logged.id, better: 'Ship in smaller boxes', score: 9 })
    const after = await call('callFive.plan', {})
    expect(after.picks[0]!.calls.map((c) => c.id)).toEqual([logged.id])

    // "Call back later" puts the call on the callback list.
    await call('callFive.log', { customerId: plan.picks[1]!.customerId, outcome: 'callBack' })
    const list: CallbackList = await call('callback.list', {})
    expect([...list.today, ...list.upcoming].some((r) => r.customerId === plan.picks[1]!.customerId)).toBe(true)
  })

  it('alerts after a restart for a callback that came due while the app was closed, and not twice', async () => {
    const { rows } = await call('inbox.list', { view: 'all', limit: 3 })
    const row = rows[2]!
    const created = await call('callback.create', {
      customerId: row.customerId,
      dueAt: new Date(Date.now() + 500).toISOString(),
      reason: 'Confirm the return arrived',
    })
    await engine.close()
    await new Promise((r) => setTimeout(r, 800))
    engine = await start()
    listen(engine)
    await waitFor(() => alerts.some((a) => a.reminderId === created.id))
    // A second restart finds it already announced.
    await engine.close()
    engine = await start()
    listen(engine)
    await new Promise((r) => setTimeout(r, 3500))
    expect(alerts.filter((a) => a.reminderId === created.id)).toHaveLength(1)
  }, 20_000)
})
