// The newer parts of the reports through the engine on a demo workspace: the seller's topic rules
// read, refused field by field when wrong, saved and counted; groups of similar messages no rule
// names, and a topic made from one; NPS from a logged call; and a sent reply's templates reaching
// "which templates shorten response time".
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Conversation, Customer, MessageRecord, Template } from '../../main/core/model'
import { Engine } from '../../main/engine/engine'
import { ReportTopics } from '../../main/engine/report-topics'
import { Reports } from '../../main/engine/reports'
import { recordTemplateReply } from '../../main/engine/template-replies'
import { Store } from '../../main/store/store'
import type { ApiError, CustomerView, RequestInput, RequestMethod, Responses } from '../../preload/api'

let dir: string
let engine: Engine

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'report-insights-'))
  engine = await Engine.start({
    dataDir: join(dir, 'data'),
    keyFile: join(dir, 'key'),
    demo: true,
    demoMessages: 1500,
    sync: false,
    log: () => undefined,
  })
}, 120_000)
afterAll(async () => {
  await engine?.close()
  if (dir) await fs.rm(dir, { recursive: true, force: true })
})

async function call<M extends RequestMethod>(method: M, input: RequestInput<M>): Promise<Responses[M]> {
  const r = await engine.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
  return r.value as Responses[M]
}
async function refused(method: RequestMethod, input: unknown): Promise<ApiError> {
  const r = await engine.call(method, input)
  if (r.ok) throw new Error(`${method} was accepted`)
  return r.error
}

describe('topic rules the seller edits', () => {
  it('starts from the built-in rules', async () => {
    const topics = await call('reports.topics', {})
    expect(topics.custom).toBe(false)
    expect(topics.rules.map((r) => r.id)).toEqual(topics.defaults.map((r) => r.id))
  })

  it('refuses bad rules with the field at fault and keeps the ones in use', async () => {
    const { rules } = await call('reports.topics', {})
    const error = await refused('reports.topics.save', {
      rules: [...rules, { id: 'gift', label: { en: '', ja: '' }, en: ['gift', '*'], ja: [] }],
    })
    expect(error.code).toBe('bad_request')
    expect(error.issues).toEqual(
      expect.arrayContaining([
        { path: `rules.${rules.length}.en.1`, message: 'A keyword needs letters before its *.' },
        { path: `rules.${rules.length}.label.en`, message: 'Give the topic a name, in English or Japanese.' },
      ]),
    )
    expect((await refused('reports.topics.save', { rules: [] })).issues).toEqual([
      { path: 'rules', message: 'Keep at least one topic.' },
    ])
    expect((await call('reports.topics', {})).custom).toBe(false)
  })

  it('uses the built-in rules, for the dashboard and the editor alike, when settings.json holds bad ones, and logs it once', async () => {
    const store = await Store.open(join(dir, 'bad-topics'), { flush: { debounceMs: 5, maxDelayMs: 50 } })
    try {
      // Hand-edited: an id the editor would refuse (capitals, a space).
      ;(store.settings as { reportTopics?: unknown }).reportTopics = [
        { id: 'Gift Wrap', label: { en: 'Gift wrap', ja: '' }, en: ['gift'], ja: [] },
      ]
      store.docs.settings.changed()
      const lines: string[] = []
      const topics = new ReportTopics(store, (line) => lines.push(line))
      const reports = new Reports(
        store,
        () => new Date('2026-11-20T00:00:00Z'),
        () => undefined,
        topics,
      )
      expect(topics.get()).toMatchObject({ custom: false })
      expect(topics.get().rules).toEqual(topics.get().defaults)
      await reports.get({})
      await reports.get({ channel: 'email' })
      expect(topics.matcher().key).toBe('default')
      expect(lines.filter((l) => /topic rules in settings\.json are not valid/.test(l))).toHaveLength(1)
    } finally {
      await store.close()
    }
  })

  it('groups unmatched messages, and a topic made from a group takes its messages in the next report', async () => {
    const before = await call('reports.clusters', {})
    expect(before.sampled).toBeGreaterThan(0)
    expect(before.clusters.length).toBeGreaterThan(0)
    const group = before.clusters[0]!
    expect(group.count).toBeGreaterThanOrEqual(3)
    expect(group.words.length).toBeGreaterThan(0)
    // Its messages are real ones of real customers.
    const latest = group.messages[0]!
    const customer = await call('customer.get', { customerId: latest.customerId })
    expect((customer as CustomerView).conversations.some((c) => c.id === latest.conversationId)).toBe(true)

    const { rules } = await call('reports.topics', {})
    const made = {
      id: 'from-group',
      label: { en: group.words.slice(0, 2).join(' '), ja: '' },
      en: group.keywords.en,
      ja: group.keywords.ja,
    }
    const saved = await call('reports.topics.save', { rules: [...rules, made] })
    expect(saved.custom).toBe(true)
    expect(saved.rules.at(-1)).toEqual(made)

    const report = await call('reports.get', {})
    expect(report.topics.find((t) => t.id === 'from-group')?.conversations).toBeGreaterThan(0)
    const after = await call('reports.clusters', {})
    const stillThere = after.clusters.flatMap((g) => g.messages.map((m) => m.id))
    expect(stillThere).not.toContain(latest.id)
  })
})

describe('NPS', () => {
  it('counts a call logged with a score', async () => {
    const before = await call('reports.get', {})
    const page = await call('inbox.list', { view: 'all', limit: 5 })
    const customerId = page.rows[0]!.customerId
    await call('callFive.log', { customerId, outcome: 'reached', score: 10 })
    const after = await call('reports.get', {})
    expect(after.nps.total.responses).toBe(before.nps.total.responses + 1)
    expect(after.nps.total.promoters).toBe(before.nps.total.promoters + 1)
    expect(after.nps.points.reduce((n, p) => n + p.promoters, 0)).toBeGreaterThanOrEqual(1)
  })
})

describe('templates and response time', () => {
  it('compares conversations first answered with a template sent in the reply', async () => {
    const storeDir = join(dir, 'store')
    const store = await Store.open(storeDir, { flush: { debounceMs: 5, maxDelayMs: 50 } })
    try {
      const now = Date.parse('2026-11-20T00:00:00Z')
      const template: Template = {
        id: 't1',
        name: 'Shipped',
        shortcut: 'ship',
        language: 'en',
        folder: '',
        body: '',
        usage: 3,
      }
      store.templates.t1 = template
      const customer: Customer = {
        id: 'u1',
        name: 'U',
        language: 'en',
        keys: [],
        tags: [],
        note: '',
        createdAt: '2026-01-01T00:00:00Z',
      }
      store.customers.u1 = customer
      const records: MessageRecord[] = []
      // Three conversations answered with the template in 1 h, three without in 5 h.
      for (let i = 0; i < 6; i++) {
        const id = `k${i}`
        const start = Date.parse(`2026-11-0${i + 2}T01:00:00Z`)
        const answer = start + (i < 3 ? 1 : 5) * 3_600_000
        const conversation: Conversation = {
          id,
          customerId: 'u1',
          accountId: 'a1',
          channel: 'email',
          subject: id,
          status: 'done',
          lastMessageAt: new Date(answer).toISOString(),
          lastSnippet: '',
          lastFrom: 'seller',
          messageCount: 2,
          unreadCount: 0,
          shards: ['2026-11'],
        }
        store.conversations[id] = conversation
        const base = {
          conversationId: id,
          customerId: 'u1',
          accountId: 'a1',
          channel: 'email' as const,
          from: { address: 'x@example.com' },
          to: [],
          subject: id,
          snippet: '',
          seen: true,
          attachments: [],
          emlPath: '',
        }
        records.push({ ...base, id: `${id}-in`, direction: 'in', date: new Date(start).toISOString() })
        const out: MessageRecord = {
          ...base,
          id: `${id}-out`,
          direction: 'out',
          date: new Date(answer).toISOString(),
          ...(i < 3 ? { templateIds: ['t1'] } : {}),
        }
        records.push(out)
        await recordTemplateReply(store, out)
      }
      await store.putMessages(records)
      const reports = new Reports(
        store,
        () => new Date(now),
        () => undefined,
      )
      const report = await reports.get({ from: '2026-11-01T00:00:00Z', to: '2026-11-15T00:00:00Z' })
      expect(report.templateEffects).toEqual([
        {
          templateId: 't1',
          name: 'Shipped',
          channel: 'email',
          with: { count: 3, median: 3_600_000 },
          without: { count: 3, median: 5 * 3_600_000 },
          differenceMs: -4 * 3_600_000,
          enough: false,
        },
      ])
      await reports.close()
    } finally {
      await store.close()
    }
  })
})
