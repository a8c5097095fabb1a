// Canned replies through the contract on a real engine and data folder: the starter set in a new
// workspace (once: deleted starters stay deleted), the demo's own templates, saving with errors
// that name the problem, rendering for a conversation's customer and order in their language,
// usage counts and suggestions that learn from what the seller chose.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Engine } from '../../main/engine/engine'
import type {
  ApiError,
  InboxPage,
  RequestInput,
  RequestMethod,
  Responses,
  TemplateRendering,
  TemplateView,
} from '../../preload/api'

let dir: string
let engine: Engine | undefined

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'templates-engine-'))
})
afterEach(async () => {
  await engine?.close()
  engine = undefined
  await fs.rm(dir, { recursive: true, force: true })
})

// 23:30 UTC on 3 December: already 4 December in Tokyo.
const NOW = new Date('2026-12-03T23:30:00Z')

async function start(demo = false): Promise<Engine> {
  await engine?.close()
  engine = await Engine.start({
    dataDir: join(dir, 'data'),
    keyFile: join(dir, 'key'),
    demo,
    demoMessages: 150,
    sync: false,
    now: () => NOW,
    log: () => undefined,
  })
  return engine
}

async function call<M extends RequestMethod>(method: M, input: RequestInput<M>): Promise<Responses[M]> {
  const r = await engine!.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.message} ${JSON.stringify(r.error.issues ?? [])}`)
  return r.value as Responses[M]
}

async function fails(method: RequestMethod, input: unknown): Promise<ApiError> {
  const r = await engine!.call(method, input)
  if (r.ok) throw new Error(`${method} should have failed`)
  return r.error
}

const base = {
  name: 'Gift wrap',
  shortcut: 'gift',
  language: 'en' as const,
  folder: 'Orders',
  body: 'Hi {{customer.first_name | "there"}}, wrapped!',
}

describe('the starter templates', () => {
  it('are in every new workspace, in English and Japanese, and stay deleted once deleted', async () => {
    await start()
    const starters = await call('template.list', {})
    expect(starters).toHaveLength(12)
    expect(new Set(starters.map((t) => t.group))).toEqual(
      new Set(['ship-delay', 'tracking', 'return', 'refund', 'review-thanks', 'feedback']),
    )
    expect(starters.filter((t) => t.language === 'ja')).toHaveLength(6)

    await call('template.delete', { id: starters[0]!.id })
    await start()
    expect(await call('template.list', {})).toHaveLength(11)
    for (const t of await call('template.list', {})) await call('template.delete', { id: t.id })
    await start()
    expect(await call('template.list', {})).toEqual([])
  })

  it('make way for the demo’s own versions when the demo is opened in a new workspace', async () => {
    await start()
    await call('demo.open', {})
    const list = await call('template.list', {})
    expect(list).toHaveLength(12)
    expect(list.some((t) => t.id.startsWith('tpl_starter_'))).toBe(false)
    expect(list.find((t) => t.shortcut === 'ship-delay-ja')!.group).toBe('ship-delay')
  })

  it('are not added to the demo workspace, which has its own', async () => {
    await start(true)
    const list = await call('template.list', {})
    expect(list).toHaveLength(12)
    expect(list.every((t) => !t.id.startsWith('tpl_starter_'))).toBe(true)
  })
})

describe('saving a template', () => {
  it('creates, edits and keeps the usage count', async () => {
    await start()
    const created = await call('template.save', base)
    expect(created).toMatchObject({ ...base, usage: 0, group: 'gift' })
    await call('template.used', { templateId: created.id })
    const edited = await call('template.save', { ...base, id: created.id, name: 'Gift wrapping' })
    expect(edited).toMatchObject({ id: created.id, name: 'Gift wrapping', usage: 1 })
    const ja = await call('template.save', {
      ...base,
      shortcut: 'gift-ja',
      language: 'ja',
      body: 'ラッピングしました。',
    })
    expect(ja.group).toBe('gift')
  })

  it('refuses a broken body, naming the line and column of each problem', async () => {
    await start()
    const error = await fails('template.save', { ...base, body: 'Hi\n{{order.numbr}} and {{#if order.number}}' })
    expect(error.code).toBe('bad_request')
    expect(error.issues).toEqual([
      {
        path: 'body',
        message: expect.stringMatching(
          /^Line 2, column 1: "order.numbr" is not a template variable. Did you mean order.number\?/,
        ),
      },
      {
        path: 'body',
        message: expect.stringMatching(/^Line 2, column 21: This \{\{#if order.number\}\} is never closed/),
      },
    ])
  })

  it('refuses a shortcut in use, a second variant in one language, and bad fields', async () => {
    await start()
    const shortcut = await fails('template.save', { ...base, shortcut: 'refund' })
    expect(shortcut.issues).toEqual([
      { path: 'shortcut', message: 'The shortcut "refund" is already used by "Refund issued".' },
    ])
    const twin = await fails('template.save', { ...base, shortcut: 'refund-2', group: 'refund' })
    expect(twin.issues![0]!.path).toBe('language')
    expect(twin.message).toMatch(/already the English version/)
    const bad = await fails('template.save', { ...base, name: ' ', shortcut: 'has space', body: '' })
    expect(bad.issues!.map((i) => i.path).sort()).toEqual(['body', 'name', 'shortcut'])
    expect(await fails('template.delete', { id: 'tpl_nope' })).toMatchObject({ code: 'not_found' })
    expect(await fails('template.used', { templateId: 'tpl_nope' })).toMatchObject({ code: 'not_found' })
    expect(await fails('template.suggest', { conversationId: 'conv_nope' })).toMatchObject({ code: 'not_found' })
    expect((await fails('template.save', { ...base, body: 'x'.repeat(20_001) })).issues![0]!.message).toMatch(
      /at most 20,000 characters/,
    )
    expect((await fails('template.save', { ...base, language: 'fr' })).issues![0]!.path).toBe('language')
    expect(await call('template.list', {})).toHaveLength(12)
  })
})

describe('rendering for a conversation', () => {
  async function customerWithOrder(language: 'en' | 'ja') {
    await start(true)
    const page: InboxPage = await call('inbox.list', { view: 'all', limit: 500 })
    for (const row of page.rows.filter((r) => r.language === language)) {
      const view = await call('customer.get', { customerId: row.customerId })
      const c = view.conversations.find(
        (x) => x.orderNumber && view.orders.some((o) => o.orderNumber === x.orderNumber),
      )
      if (c) return { view, conversation: c, order: view.orders.find((o) => o.orderNumber === c.orderNumber)! }
    }
    throw new Error(`no ${language} customer with an order`)
  }

  it("fills in the customer, their order and the shop, in the customer's language", async () => {
    const { view, conversation, order } = await customerWithOrder('ja')
    const list: TemplateView[] = await call('template.list', {})
    const english = list.find((t) => t.shortcut === 'ship-delay')!
    const r: TemplateRendering = await call('template.render', {
      templateId: english.id,
      conversationId: conversation.id,
    })
    expect(r.language).toBe('ja')
    expect(r.templateId).toBe(list.find((t) => t.shortcut === 'ship-delay-ja')!.id)
    expect(r.text.startsWith(`${view.customer.name}様`)).toBe(true)
    expect(r.text).toContain(`注文番号：${order.orderNumber}`)
    expect(r.text).not.toContain('{{')
    expect(r.problems.filter((p) => p.kind !== 'missing_value')).toEqual([])
    // The seller may still ask for the other language.
    const en = await call('template.render', {
      templateId: english.id,
      conversationId: conversation.id,
      language: 'en',
    })
    expect(en.language).toBe('en')
    expect(en.text).toContain(order.orderNumber)
  })

  it('refuses to send a reply that still has a blank to fill in, and queues nothing', async () => {
    await start(true)
    const page: InboxPage = await call('inbox.list', { view: 'all', limit: 1 })
    const row = page.rows[0]!
    const draft = await call('message.compose', { conversationId: row.conversationId, mode: 'reply' })
    const error = await fails('message.send', {
      accountId: draft.accountId,
      conversationId: row.conversationId,
      to: draft.to,
      cc: [],
      subject: draft.subject,
      text: 'Your parcel leaves on ⟦new date⟧.',
      attachments: [],
    })
    expect(error.code).toBe('bad_request')
    expect(error.message).toContain('"new date"')
    expect(await call('outbox.list', {})).toEqual([])
  })

  it("writes today's date in the seller's time zone, and previews unsaved text with sample data", async () => {
    await start()
    const tokyo = await call('template.render', {
      body: '{{today}} · {{customer.first_name}}',
      language: 'ja',
      timeZone: 'Asia/Tokyo',
    })
    expect(tokyo.text).toBe('2026年12月4日 · 典子')
    const ny = await call('template.render', { body: '{{today}}', timeZone: 'America/New_York' })
    expect(ny.text).toBe('December 3, 2026')
    const broken = await call('template.render', { body: 'x {{order.numbr}}' })
    expect(broken.problems).toMatchObject([{ kind: 'unknown_variable', line: 1, column: 3 }])
    expect((await fails('template.render', { body: 'x', timeZone: 'Mars/Olympus' })).issues![0]!.path).toBe('timeZone')
    expect((await fails('template.render', {})).code).toBe('bad_request')
    expect((await fails('template.render', { templateId: 'nope' })).code).toBe('not_found')
  })

  it('counts uses, and suggests for similar messages what the seller chose before', async () => {
    await start(true)
    const page: InboxPage = await call('inbox.list', { view: 'all', limit: 500 })
    const rows = page.rows.filter((r) => r.language === 'en')
    const [first, second] = [rows[0]!, rows[1]!]
    const before = await call('template.suggest', { conversationId: first.conversationId })
    expect(before.length).toBeGreaterThan(0)
    const list = await call('template.list', {})
    // A template the words alone would not suggest for this message.
    const unusual = list.find((t) => t.language === 'en' && !before.some((s) => s.group === t.group))!
    for (let i = 0; i < 3; i++)
      await call('template.used', { templateId: unusual.id, conversationId: first.conversationId })
    expect((await call('template.list', {})).find((t) => t.id === unusual.id)!.usage).toBe(unusual.usage + 3)
    const after = await call('template.suggest', { conversationId: first.conversationId })
    expect(after[0]).toMatchObject({ group: unusual.group, templateId: unusual.id })
    expect(after[0]!.reasons[0]).toBe('learned')
    // What is learned is kept.
    await start(true)
    expect((await call('template.suggest', { conversationId: first.conversationId }))[0]!.group).toBe(unusual.group)
    expect(await call('template.suggest', { conversationId: second.conversationId })).toBeInstanceOf(Array)
  })
})
