// Importing the real-world corpus (and an mbox) into a local account through the engine.
import { createHash } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readEmlFiles } from '../../main/channels/import/eml'
import { parseMail } from '../../main/channels/mail/parse'
import { Engine } from '../../main/engine/engine'
import type { ImportReport, InboxPage } from '../../preload/api'
import { corpusDir } from '../rigs/corpus'

let dir: string
let engine: Engine

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await engine.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
  return r.value as T
}

async function countFiles(d: string): Promise<number> {
  let n = 0
  for (const e of await fs.readdir(d, { withFileTypes: true })) {
    if (e.isDirectory()) n += await countFiles(join(d, e.name))
    else if (e.name !== 'LICENSE' && !e.name.startsWith('.')) n++
  }
  return n
}

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'import-'))
  engine = await Engine.start({
    dataDir: join(dir, 'data'),
    keyFile: join(dir, 'key'),
    sync: false,
    log: () => undefined,
  })
})

afterAll(async () => {
  await engine?.close()
  await fs.rm(dir, { recursive: true, force: true })
})

describe('import', () => {
  it('stores every message of the real-world corpus, none dropped, and lists their senders as customers', async () => {
    const report = await call<ImportReport>('import.files', { paths: [corpusDir] })
    const files = await countFiles(corpusDir)
    expect(report.errors).toEqual([])
    // Files sharing a Message-ID are one message: imported + duplicates covers them all.
    expect(report.imported + report.duplicates).toBe(files)
    const distinct = new Set<string>()
    for await (const { raw } of readEmlFiles([corpusDir]))
      distinct.add((await parseMail(raw)).messageId ?? createHash('sha256').update(raw).digest('hex'))
    expect(report.imported).toBe(distinct.size)
    const page = await call<InboxPage>('inbox.list', { view: 'all', limit: 500 })
    expect(page.total).toBeGreaterThan(20)
    const stored = await countFiles(join(dir, 'data', 'mail'))
    expect(stored).toBe(report.imported)
  })

  it('imports the same files again without adding anything', async () => {
    const again = await call<ImportReport>('import.files', { paths: [corpusDir] })
    expect(again.imported).toBe(0)
    expect(again.errors).toEqual([])
  })

  it('imports an mbox export, threading replies into one conversation', async () => {
    const mbox = [
      'From sato@example.jp Mon Nov 16 09:00:00 2026',
      'From: =?UTF-8?B?5L2Q6JekIOWBpQ==?= <sato@example.jp>',
      'To: shop@example.com',
      'Subject: =?UTF-8?B?55m66YCB44Gr44Gk44GE44Gm?=',
      'Message-ID: <q1@example.jp>',
      'Date: Mon, 16 Nov 2026 09:00:00 +0900',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'いつ発送されますか？',
      '>From the shop I expected news.',
      '',
      'From sato@example.jp Tue Nov 17 09:00:00 2026',
      'From: sato@example.jp',
      'To: shop@example.com',
      'Subject: Re: 発送について',
      'Message-ID: <q2@example.jp>',
      'In-Reply-To: <q1@example.jp>',
      'References: <q1@example.jp>',
      'Date: Tue, 17 Nov 2026 09:00:00 +0900',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      'まだでしょうか。',
      '',
    ].join('\n')
    const path = join(dir, 'takeout.mbox')
    await fs.writeFile(path, mbox)
    const report = await call<ImportReport>('import.files', { paths: [path] })
    expect(report).toMatchObject({ imported: 2, duplicates: 0, errors: [] })
    const page = await call<InboxPage>('inbox.list', { view: 'all', limit: 500 })
    const row = page.rows.find((r) => r.name === '佐藤 健')!
    expect(row).toBeDefined()
    expect(row.language).toBe('ja')
    const customer = await call<{ conversations: unknown[]; timeline: { text: string }[] }>('customer.get', {
      customerId: row.customerId,
    })
    expect(customer.conversations).toHaveLength(1)
    expect(customer.timeline.map((m) => m.text.trim())).toEqual([
      'いつ発送されますか？\nFrom the shop I expected news.',
      'まだでしょうか。',
    ])
  })

  it('reports a missing path by name and keeps going', async () => {
    const report = await call<ImportReport>('import.files', { paths: [join(dir, 'nope.mbox')] })
    expect(report.errors).toEqual([{ source: join(dir, 'nope.mbox'), message: 'No such file or folder.' }])
  })
})
