// The fast way to a report (facts and due times saved under reports/, months and due times kept
// in memory, the dashboard prepared after start) gives exactly the report counted from scratch:
// on a fixed workspace, after one message changes, after a restart, and when a saved file is
// damaged, of another version or counted under other clocks (then rebuilt, with a log line).
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildReport,
  lookBackDays,
  orderTotalsOf,
  REPORT_DEFAULTS,
  threadsOf,
  type CustomerScore,
} from '../../main/core/reports/build'
import { factsOf, type MessageFacts } from '../../main/core/reports/facts'
import { compileTopics, DEFAULT_TOPIC_RULES } from '../../main/core/reports/topics'
import { dueTime } from '../../main/core/sla'
import { clocksOf } from '../../main/engine/clocks'
import { Engine } from '../../main/engine/engine'
import { ReportFactFiles } from '../../main/store/report-fact-files'
import { Store } from '../../main/store/store'
import type { ImportReport, Report, RequestInput } from '../../preload/api'

const NOW = new Date('2026-12-03T23:30:00Z')
const DAY = 86_400_000
let dir: string
let dataDir: string
let engine: Engine | undefined
let logs: string[] = []

async function start(data = dataDir, warmUp: number | false = false): Promise<Engine> {
  return Engine.start({
    dataDir: data,
    keyFile: join(dir, 'key'),
    sync: false,
    now: () => NOW,
    reportsWarmUpMs: warmUp,
    log: (line) => logs.push(line),
  })
}

async function get(e: Engine, input: RequestInput<'reports.get'> = {}): Promise<Report> {
  const r = await e.call('reports.get', input)
  if (!r.ok) throw new Error(`reports.get: ${r.error.message}`)
  return r.value as Report
}

async function restart(): Promise<Engine> {
  await engine?.close()
  engine = await start()
  return engine
}

/** The report of a copy of the data folder without reports/, in a fresh engine: nothing saved or remembered. */
async function fromScratch(input: RequestInput<'reports.get'> = {}): Promise<Report> {
  await engine?.close()
  engine = undefined
  const copy = await fs.mkdtemp(join(dir, 'scratch-'))
  await fs.cp(dataDir, copy, { recursive: true })
  await fs.rm(join(copy, 'reports'), { recursive: true, force: true })
  const fresh = await start(copy)
  try {
    return await get(fresh, input)
  } finally {
    await fresh.close()
    await fs.rm(copy, { recursive: true, force: true })
  }
}

/** The same report straight from the store through `buildReport`, with the plain response clocks. */
async function straight(filter: { from: string; to: string }): Promise<Report> {
  await engine?.close()
  engine = undefined
  const store = await Store.open(dataDir)
  try {
    await Promise.all([store.load('orders'), store.load('calls'), store.load('templateReplies')])
    const matcher = compileTopics(DEFAULT_TOPIC_RULES)
    const first = new Date(Date.parse(filter.from) - lookBackDays(REPORT_DEFAULTS) * DAY).toISOString().slice(0, 7)
    const messages: MessageFacts[] = []
    for (const month of await store.months()) {
      if (month < first || month > filter.to.slice(0, 7)) continue
      await store.readMonth(month, (records) => {
        for (const m of Object.values(records)) messages.push(factsOf(m, matcher))
      })
    }
    const scores: CustomerScore[] = []
    for (const call of Object.values(store.docs.calls.data.calls))
      if (typeof call.score === 'number') scores.push({ customerId: call.customerId, score: call.score, at: call.at })
    return buildReport(
      {
        threads: threadsOf(messages),
        conversations: store.conversations,
        customers: store.customers,
        orderTotals: (channel) => orderTotalsOf(store.orders, channel),
        templates: store.templates,
        scores,
        templateReplies: Object.values(store.docs.templateReplies.data.replies),
      },
      filter,
      { ...REPORT_DEFAULTS, now: NOW.getTime(), clocks: clocksOf(store), dueTime, topics: DEFAULT_TOPIC_RULES },
    )
  } finally {
    await store.close()
  }
}

/** The facts files, read and written as the engine does. */
const factFiles = () => new ReportFactFiles(dataDir)

/** The month facts files saved under reports/. */
async function savedFiles(): Promise<string[]> {
  return (await fs.readdir(join(dataDir, 'reports'))).filter((f) => /^\d{4}-\d{2}\.facts$/.test(f)).sort()
}

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'reports-fast-'))
  dataDir = join(dir, 'data')
  engine = await Engine.start({
    dataDir,
    keyFile: join(dir, 'key'),
    demo: true,
    sync: false,
    now: () => NOW,
    reportsWarmUpMs: false,
    log: () => undefined,
  })
  await engine.close()
  engine = undefined
})

afterAll(async () => {
  await engine?.close()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('reports from saved facts and remembered due times', () => {
  it('are the reports counted from scratch, before and after a restart', async () => {
    const e = await restart()
    const first = await get(e)
    const email = await get(e, { channel: 'email' })
    expect(first.kpis.withinPolicy.due).toBeGreaterThan(50)
    expect(first.kpis.breaches).toBeGreaterThan(0)
    // Served from saved facts and due times after a restart.
    const again = await restart()
    expect(await savedFiles()).not.toEqual([])
    expect(await get(again)).toEqual(first)
    expect(await get(again, { channel: 'email' })).toEqual(email)
    expect(await fromScratch()).toEqual(first)
    expect(await straight(first.filter)).toEqual(first)
  })

  it('count a changed message like a report from scratch, and so after a restart', async () => {
    const e = await restart()
    const before = await get(e)
    const arrive = async (n: number, from: string, subject: string, text: string) => {
      const eml = join(dir, `new-${n}.eml`)
      await fs.writeFile(
        eml,
        [
          `From: ${from}`,
          'To: shop@example.com',
          `Subject: ${subject}`,
          'Date: Thu, 03 Dec 2026 09:00:00 +0900',
          `Message-ID: <reports-fast-${n}@example.jp>`,
          'Content-Type: text/plain; charset=utf-8',
          '',
          text,
          '',
        ].join('\r\n'),
      )
      const imported = (await e.call('import.files', { paths: [eml] })) as { ok: true; value: ImportReport }
      expect(imported.value.imported).toBe(1)
    }
    await arrive(1, 'Hana Mori <hana.mori@example.jp>', '返金について', '割れていたので返金をお願いします。')
    const between = await get(e)
    expect(between.kpis.messagesIn).toBe(before.kpis.messagesIn + 1)
    // A second change to the same month: its other records keep the facts taken from them.
    await arrive(
      2,
      'Ken Ito <ken.ito@example.jp>',
      'Where is my order?',
      'It has not arrived yet, please send tracking.',
    )
    const after = await get(e)
    expect(after.kpis.messagesIn).toBe(before.kpis.messagesIn + 2)
    expect(await fromScratch()).toEqual(after)
    expect(await get(await restart())).toEqual(after)
    expect(await straight(after.filter)).toEqual(after)
  })

  it('rebuild a damaged file, with a log line, and give the right report', async () => {
    const e = await restart()
    const right = await get(e)
    await e.close()
    engine = undefined
    const files = await savedFiles()
    const torn = files[files.length - 1]!
    const garbage = files[files.length - 2]!
    await fs.truncate(join(dataDir, 'reports', torn), (await fs.stat(join(dataDir, 'reports', torn))).size - 5)
    await fs.writeFile(join(dataDir, 'reports', garbage), '"not a facts file"\n')
    logs = []
    expect(await get(await restart())).toEqual(right)
    expect(logs.some((l) => l.includes(`reports/${torn} is damaged`))).toBe(true)
    expect(logs.some((l) => l.includes(`reports/${garbage} is not a facts file`))).toBe(true)
    // Rewritten whole once the report is out.
    await restart()
    for (const f of [torn, garbage]) {
      const saved = await factFiles().readFacts(f.slice(0, 7))
      expect(saved!.header).toMatchObject({ v: 3 })
      expect(saved!.rows.length % 8).toBe(0)
    }
    logs = []
    expect(await get(engine!)).toEqual(right)
    expect(logs).toEqual([])
  })

  it('never misread a file of another version, or due times counted under other clocks', async () => {
    const e = await restart()
    const right = await get(e)
    await e.close()
    engine = undefined
    const files = await savedFiles()
    const old = files[files.length - 1]!
    const otherClocks = files[files.length - 2]!
    type Header = { v: number; clocks: string }
    const read = async (f: string) => {
      const saved = (await factFiles().readFacts(f.slice(0, 7)))!
      return { header: saved.header as Header, rows: saved.rows }
    }
    // A version with seven numbers a row: read as this one it would shift every column.
    const v2 = await read(old)
    await factFiles().writeFacts(
      old.slice(0, 7),
      { ...v2.header, v: 2 },
      v2.rows.filter((_, i) => i % 8 !== 7),
    )
    // Due times of other clocks, all wrong: they must not be used.
    const other = await read(otherClocks)
    await factFiles().writeFacts(
      otherClocks.slice(0, 7),
      { ...other.header, clocks: '{"other":true}' },
      other.rows.map((x, i) => (i % 8 === 7 && x > 0 ? 1 : x)),
    )
    expect(await get(await restart())).toEqual(right)
    await restart()
    expect((await read(old)).header.v).toBe(3)
    expect((await read(otherClocks)).header.clocks).not.toBe('{"other":true}')
    expect(await get(engine!)).toEqual(right)
  })

  it('count customers’ orders from the saved totals while the orders are unchanged, else again', async () => {
    const e = await restart()
    const right = await get(e)
    expect(right.topCustomers.length).toBeGreaterThan(0)
    await e.close()
    engine = undefined
    const file = join(dataDir, 'reports', 'order-totals.json')
    const saved = JSON.parse(await fs.readFile(file, 'utf8')) as { signature: string; rows: unknown[] }
    expect(saved.signature).toMatch(/^\d+:/)
    expect(saved.rows.length).toBeGreaterThan(0)

    // A damaged file is logged, counted again and rewritten; the report is the same.
    await fs.writeFile(file, '{"v":2,"signature":"')
    logs = []
    expect(await get(await restart())).toEqual(right)
    expect(logs.some((l) => l.includes('reports/order-totals.json is damaged'))).toBe(true)
    logs = []
    expect(await get(await restart())).toEqual(right)
    expect(logs).toEqual([])

    // Totals of orders as they were are never used once the orders change, before or after a restart.
    const csv = join(dir, 'big-order.csv')
    const order = {
      Name: '#9001',
      Email: 'mei.sato@example.jp',
      'Financial Status': 'paid',
      'Fulfillment Status': 'fulfilled',
      'Created at': '2026-11-20 10:00:00 +0900',
      'Billing Name': 'Mei Sato',
      'Lineitem name': 'Arita porcelain tea set',
      'Lineitem quantity': '1',
      'Lineitem price': '9999999',
      Total: '9999999',
      Currency: 'JPY',
    }
    await fs.writeFile(csv, `${Object.keys(order).join(',')}\n${Object.values(order).join(',')}\n`)
    const imported = await engine!.call('orders.import', { path: csv, format: 'shopify' })
    expect(imported).toMatchObject({ ok: true, value: { added: 1 } })
    const after = await get(engine!)
    expect(after.topCustomers[0]).toMatchObject({ name: 'Mei Sato', orders: 1, total: 9999999, currency: 'JPY' })
    expect(await get(await restart())).toEqual(after)
    expect(await straight(after.filter)).toEqual(after)
  })

  it('prepare the default dashboard in the background after start', async () => {
    await engine?.close()
    const right = await straight({ from: '2026-09-04T23:30:00.000Z', to: NOW.toISOString() })
    engine = await start(dataDir, 0)
    await engine.reportsWarmedUp()
    // Answered from what the warm-up left: the same report as counted straight from the store.
    expect(await get(engine)).toEqual(right)
  })
})
