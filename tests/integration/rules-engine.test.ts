import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Engine } from '../../main/engine/engine'
import type { Alert, EventName, RequestInput, RequestMethod, Responses, RuleLogView } from '../../preload/api'

// Rules through the whole engine, on a fake clock: a bad Amazon review imported as mail fires the
// default rule (a callback, and the callback's alert), a response clock coming close fires once
// the clock moves, the seller's own rule acts on words, and a restart fires nothing twice.
const FIXTURES = join(__dirname, '..', 'fixtures', 'marketplaces')
let dir: string
let engine: Engine
const clock = { now: new Date('2026-11-20T04:00:00.000Z') }
const alerts: Alert[] = []
const events: { event: EventName; payload: unknown }[] = []

async function start(): Promise<Engine> {
  const e = await Engine.start({
    dataDir: join(dir, 'data'),
    keyFile: join(dir, 'key'),
    sync: false,
    now: () => clock.now,
    log: () => undefined,
    // The timer stays out of the way: the tests move the clock and ask for a check.
    rules: { checkEveryMs: 3_600_000, startupDelayMs: 3_600_000 },
  })
  e.on((event, payload) => {
    events.push({ event, payload })
    if (event === 'alert') alerts.push(payload as Alert)
  })
  return e
}

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'rules-'))
  engine = await start()
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
async function refused(method: RequestMethod, input: unknown) {
  const r = await engine.call(method, input)
  if (r.ok) throw new Error(`${method} was accepted`)
  return r.error
}
const waitFor = async (what: () => boolean, ms = 5000) => {
  const end = Date.now() + ms
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}
async function importFixture(name: string) {
  const report = await call('import.files', { paths: [join(FIXTURES, name)] })
  await engine.rulesSettled()
  return report
}

describe('rules in the engine', () => {
  it('starts a new workspace with the three default rules, on', async () => {
    const rules = await call('rules.list', {})
    expect(rules.map((r) => [r.trigger.kind, r.enabled, r.fired])).toEqual([
      ['lowRating', true, 0],
      ['clock', true, 0],
      ['noReply', true, 0],
    ])
  })

  it('a negative review arrives → a callback exists → the notification fires', async () => {
    expect((await importFixture('amazon-feedback-en.eml')).imported).toBe(1)
    const list = await call('callback.list', {})
    const callbacks = [...list.overdue, ...list.today, ...list.upcoming]
    expect(callbacks).toHaveLength(1)
    const callback = callbacks[0]!
    expect(callback).toMatchObject({ customerName: 'Grace Turner', reason: 'Call Grace Turner about their review' })
    // 13:00 in Tokyo: "today" is now.
    expect(callback.dueAt).toBe(clock.now.toISOString())
    await waitFor(() => alerts.some((a) => a.kind === 'callback'))
    expect(alerts.find((a) => a.kind === 'callback')).toMatchObject({
      customerName: 'Grace Turner',
      subject: 'Call Grace Turner about their review',
      reminderId: callback.id,
    })
    const [entry, ...rest] = await call('rules.log', {})
    expect(rest).toEqual([])
    expect(entry).toMatchObject({
      ruleId: 'rule_default_bad_review',
      customerId: callback.customerId,
      customerName: 'Grace Turner',
      at: clock.now.toISOString(),
      why: { trigger: 'lowRating', rating: 2, maxRating: 2 },
      outcomes: [{ kind: 'callback', ok: true, detail: callback.dueAt }],
    })
    expect(events.some((e) => e.event === 'rules.changed')).toBe(true)
  })

  it('fires a time trigger once the clock moves: a response clock close to running out', async () => {
    const [conversation] = (await call('inbox.list', { view: 'waiting' })).rows
    expect(conversation).toBeDefined()
    await engine.checkRules()
    expect((await call('rules.log', {})).map((e) => e.ruleId)).toEqual(['rule_default_bad_review'])
    // Amazon's 24 hours from 03:30 run out at 03:30 the next day: at 02:00 an hour and a half is left.
    clock.now = new Date('2026-11-21T02:00:00.000Z')
    await engine.checkRules()
    const log = await call('rules.log', {})
    expect(log[0]).toMatchObject({
      ruleId: 'rule_default_clock',
      conversationId: conversation!.conversationId,
      why: { trigger: 'clock', hours: 2, dueAt: '2026-11-21T03:30:00.000Z' },
      outcomes: [{ kind: 'priority', ok: true, detail: 'high' }],
    })
    const customer = await call('customer.get', { customerId: conversation!.customerId })
    expect(customer.conversations[0]!.id).toBe(conversation!.conversationId)
    await engine.checkRules()
    expect(await call('rules.log', {})).toHaveLength(2)
  })

  it('runs the seller’s own rule on words: tags the customer, marks the conversation as needing a reply, suggests a template', async () => {
    const template = (await call('template.list', {})).find((x) => x.language === 'ja')!
    const saved = await call('rules.save', {
      name: '破損・返品 → タグ',
      trigger: { kind: 'message' },
      conditions: { words: ['返品', 'damaged'] },
      actions: [{ kind: 'tag', tag: '返品' }, { kind: 'needsReply' }, { kind: 'template', templateId: template.id }],
    })
    expect(saved).toMatchObject({ enabled: true, fired: 0 })
    clock.now = new Date('2026-11-21T03:00:00.000Z')
    await importFixture('amazon-ja-return-jis.eml')
    const entry = (await call('rules.log', { ruleId: saved.id }))[0]
    expect(entry).toMatchObject({ why: { trigger: 'message', words: ['返品'] } })
    expect(entry!.outcomes).toEqual([
      { kind: 'tag', ok: true, detail: '返品' },
      { kind: 'needsReply', ok: true },
      { kind: 'template', ok: true, detail: template.id },
    ])
    const suggested = await call('template.suggest', { conversationId: entry!.conversationId! })
    expect(suggested[0]).toMatchObject({ templateId: template.id, reasons: expect.arrayContaining(['rule']) })
    const customer = await call('customer.get', { customerId: entry!.customerId })
    expect(customer.customer.tags).toEqual(['返品'])
    expect((await call('rules.log', { customerId: entry!.customerId })).map((e) => e.ruleName)).toContain(
      '破損・返品 → タグ',
    )
  })

  it('snoozes a conversation through the engine’s own path', async () => {
    const saved = await call('rules.save', {
      name: 'Rakuten → snooze a day',
      trigger: { kind: 'message' },
      conditions: { channels: ['rakuten'] },
      actions: [{ kind: 'snooze', hours: 24 }],
    })
    // Read the log all the while: a firing whose actions are still being applied reads "applying",
    // never like one a crash interrupted.
    const seen: RuleLogView[] = []
    let importing = true
    const watching = (async () => {
      while (importing) {
        seen.push(...(await call('rules.log', { ruleId: saved.id })))
        await new Promise((r) => setImmediate(r))
      }
    })()
    await importFixture('rakuten-inquiry-jis.eml')
    importing = false
    await watching
    expect(seen.filter((e) => !e.outcomes && !e.applying)).toEqual([])
    const [entry] = await call('rules.log', { ruleId: saved.id })
    expect(entry!.applying).toBeUndefined()
    const until = new Date(clock.now.getTime() + 24 * 3_600_000).toISOString()
    expect(entry!.outcomes).toEqual([{ kind: 'snooze', ok: true, detail: until }])
    const view = await call('customer.get', { customerId: entry!.customerId })
    expect(view.conversations.find((c) => c.id === entry!.conversationId)).toMatchObject({
      status: 'snoozed',
      snoozedUntil: until,
    })
  })

  it('fires N days after an order is seen delivered, once the clock gets there', async () => {
    const saved = await call('rules.save', {
      name: 'Delivered 2 days → ask how it arrived',
      trigger: { kind: 'delivered', days: 2 },
      conditions: { words: ['teapot'] },
      actions: [{ kind: 'callback', when: 'tomorrowMorning', reason: 'Ask {name} how the teapot arrived' }],
    })
    const csv = join(dir, 'orders.csv')
    await fs.writeFile(
      csv,
      [
        'Order No.,Date,Customer Name,E-mail,Product,Qty,Unit Price,Order Total,Status',
        'W-7001,2026-11-18,Nora Fielding,nora.fielding@example.com,Tokoname teapot,1,80.00,80.00,Delivered',
        'W-7002,2026-11-18,Ben Ode,ben@example.com,Tea towel,1,9.00,9.00,Delivered',
      ].join('\n'),
    )
    const preview = await call('orders.preview', { path: csv })
    await call('orders.import', { path: csv, format: 'generic', mapping: preview.mapping })
    // Seen delivered now: nothing yet.
    await engine.checkRules()
    expect(await call('rules.log', { ruleId: saved.id })).toEqual([])
    clock.now = new Date(clock.now.getTime() + 2 * 86_400_000 + 60_000)
    await engine.checkRules()
    await engine.checkRules()
    const log = await call('rules.log', { ruleId: saved.id })
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({
      customerName: 'Nora Fielding',
      why: { trigger: 'delivered', days: 2, orderNumber: 'W-7001', words: ['teapot'] },
      outcomes: [{ kind: 'callback', ok: true }],
    })
  })

  it('refuses a bad rule with the field and what to do, and loses nothing', async () => {
    const before = await call('rules.list', {})
    const error = await refused('rules.save', { name: 'x', trigger: { kind: 'noReply', days: 0 }, actions: [] })
    expect(error.code).toBe('bad_request')
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: 'trigger.days', message: 'The number of days must be at least 1.' },
        { path: 'actions', message: 'A rule needs at least one action.' },
      ]),
    )
    const template = await refused('rules.save', {
      name: 'x',
      trigger: { kind: 'message' },
      actions: [{ kind: 'template', templateId: 'tpl_gone' }],
    })
    expect(template.issues).toEqual([{ path: 'actions.0.templateId', message: 'That template no longer exists.' }])
    expect((await refused('rules.delete', { id: 'rule_gone' })).code).toBe('not_found')
    expect(
      (
        await refused('rules.save', {
          id: 'rule_gone',
          name: 'x',
          trigger: { kind: 'message' },
          actions: [{ kind: 'needsReply' }],
        })
      ).code,
    ).toBe('not_found')
    expect(await call('rules.list', {})).toEqual(before)
  })

  it('fires nothing twice after a restart, a re-import or another check', async () => {
    const log = await call('rules.log', {})
    const callbacks = await call('callback.list', {})
    await engine.close()
    engine = await start()
    await engine.checkRules()
    expect((await importFixture('amazon-feedback-en.eml')).imported).toBe(0)
    await engine.checkRules()
    expect(await call('rules.log', {})).toEqual(log)
    expect(await call('callback.list', {})).toEqual(callbacks)
    // The defaults are not given again either, and one the seller deleted stays deleted.
    await call('rules.delete', { id: 'rule_default_follow_up' })
    await engine.close()
    engine = await start()
    expect((await call('rules.list', {})).map((r) => r.id)).not.toContain('rule_default_follow_up')
  })

  it('skips a rule edited by hand into nonsense, names it and the field, and keeps the others', async () => {
    const before = (await call('rules.list', {})).map((r) => r.id)
    await engine.close()
    const file = join(dir, 'data', 'rules.json')
    const doc = JSON.parse(await fs.readFile(file, 'utf8'))
    doc.rules.rule_by_hand = {
      ...doc.rules.rule_default_clock,
      id: 'rule_by_hand',
      trigger: { kind: 'clock', hours: -3 },
    }
    await fs.writeFile(file, JSON.stringify(doc))
    engine = await start()
    expect((await call('rules.list', {})).map((r) => r.id)).toEqual(before)
    const notices = (await call('app.info', {})).notices
    expect(notices.map((n) => n.message)).toContain(
      'The rule rule_by_hand in rules.json cannot be used (trigger.hours: The number of hours must be at least 1.); it is skipped.',
    )
    // Still on disk, for the seller to fix.
    expect(JSON.parse(await fs.readFile(file, 'utf8')).rules.rule_by_hand).toBeDefined()
  })
})
