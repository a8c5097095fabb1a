// The inbox snapshot (store/inbox-snapshot-file.ts, engine/first-page.ts): a cold start shows the
// first inbox page from it before reading conversations and customers, but only while it still
// describes the data folder — never a missing, damaged or stale one.
import { spawn } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Engine, type EngineOptions } from '../../main/engine/engine'
import { BIG_DOCUMENTS, FirstPage } from '../../main/engine/first-page'
import { INBOX_SNAPSHOT_FILE, InboxSnapshotFile } from '../../main/store/inbox-snapshot-file'
import { Store } from '../../main/store/store'
import type { AppInfo, InboxPage } from '../../preload/api'

const cwd = resolve(import.meta.dirname, '../..')
const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true })
})

async function workspace(): Promise<{ dir: string; options: EngineOptions }> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'inbox-snapshot-'))
  dirs.push(dir)
  const options: EngineOptions = {
    dataDir: join(dir, 'data'),
    keyFile: join(dir, 'key'),
    sync: false,
    log: () => undefined,
  }
  const engine = await Engine.start({ ...options, demo: true, demoMessages: 400 })
  await engine.close()
  return { dir, options }
}

async function call<T>(engine: Engine, method: string, input: unknown): Promise<T> {
  const r = await engine.call(method, input)
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`)
  return r.value as T
}

const FIRST_PAGE = { view: 'waiting', offset: 0, limit: 500 }

/** The first page a fully started engine builds from the documents themselves. */
async function builtPage(options: EngineOptions): Promise<InboxPage> {
  const engine = await Engine.start(options)
  try {
    return await call<InboxPage>(engine, 'inbox.list', FIRST_PAGE)
  } finally {
    await engine.close()
  }
}

/** Whether a cold start would answer from the snapshot (checked the way Engine.launch does). */
async function snapshotHolds(dataDir: string, now = new Date()): Promise<boolean> {
  const store = await Store.open(dataDir, { defer: BIG_DOCUMENTS })
  try {
    return (await FirstPage.read(store, new InboxSnapshotFile(dataDir), now.toISOString())) !== undefined
  } finally {
    await store.close()
  }
}

/** A cold start's first page and app info, then the same once it has read everything. */
async function coldStart(options: EngineOptions): Promise<{ early: InboxPage; info: AppInfo; full: InboxPage }> {
  const engine = await Engine.launch(options)
  try {
    const [early, info] = await Promise.all([
      call<InboxPage>(engine, 'inbox.list', FIRST_PAGE),
      call<AppInfo>(engine, 'app.info', {}),
    ])
    await engine.ready()
    return { early, info, full: await call<InboxPage>(engine, 'inbox.list', FIRST_PAGE) }
  } finally {
    await engine.close()
  }
}

describe('the inbox snapshot', () => {
  it('gives a cold start the same first page and counts as reading every document would', async () => {
    const { options } = await workspace()
    expect(await snapshotHolds(options.dataDir)).toBe(true)
    const { early, info, full } = await coldStart(options)
    expect(early.rows.length).toBeGreaterThan(0)
    expect(early).toEqual(full)
    const engine = await Engine.start(options)
    expect(info.counts).toEqual((await call<AppInfo>(engine, 'app.info', {})).counts)
    await engine.close()
  }, 60_000)

  it('is rebuilt when missing', async () => {
    const { options } = await workspace()
    await fs.rm(join(options.dataDir, INBOX_SNAPSHOT_FILE))
    expect(await snapshotHolds(options.dataDir)).toBe(false)
    const { early, full } = await coldStart(options)
    expect(early).toEqual(full)
    // Written again once everything was read.
    expect(await snapshotHolds(options.dataDir)).toBe(true)
  }, 60_000)

  it.each([
    ['cut short', (text: string) => text.slice(0, text.length / 2)],
    ['not JSON', () => 'garbage'],
    ['of another shape', () => JSON.stringify({ format: 1, rows: 'none' })],
    ['of a future format', (text: string) => JSON.stringify({ ...JSON.parse(text), format: 99 })],
    ['naming a row badly', (text: string) => text.replace('"unreadCount":', '"unreadCount":-1,"x":')],
  ])(
    'is not used when %s, and the inbox is built from the documents',
    async (_, damage) => {
      const { options } = await workspace()
      const file = join(options.dataDir, INBOX_SNAPSHOT_FILE)
      await fs.writeFile(file, damage(await fs.readFile(file, 'utf8')))
      expect(await snapshotHolds(options.dataDir)).toBe(false)
      const { early, full } = await coldStart(options)
      expect(early).toEqual(full)
      expect(await snapshotHolds(options.dataDir)).toBe(true)
    },
    60_000,
  )

  it('is not used once the documents changed after it was written', async () => {
    const { options } = await workspace()
    const file = join(options.dataDir, INBOX_SNAPSHOT_FILE)
    const before = await fs.readFile(file)
    const engine = await Engine.start(options)
    const top = (await call<InboxPage>(engine, 'inbox.list', FIRST_PAGE)).rows[0]!
    await call(engine, 'conversation.setStatus', { conversationId: top.conversationId, status: 'done' })
    await engine.close()
    // The snapshot written at close knows the change…
    const { early } = await coldStart(options)
    expect(early.rows.map((r) => r.customerId)).not.toContain(top.customerId)
    // …and the one from before it, put back, no longer describes the folder.
    await fs.writeFile(file, before)
    expect(await snapshotHolds(options.dataDir)).toBe(false)
    const again = await coldStart(options)
    expect(again.early.rows.map((r) => r.customerId)).not.toContain(top.customerId)
    expect(again.early).toEqual(again.full)
  }, 60_000)

  it('is not used once a snooze in it ended', async () => {
    const { options } = await workspace()
    const engine = await Engine.start(options)
    const top = (await call<InboxPage>(engine, 'inbox.list', FIRST_PAGE)).rows[0]!
    const until = new Date(Date.now() + 60 * 60_000).toISOString()
    await call(engine, 'conversation.snooze', { conversationId: top.conversationId, until })
    await engine.close()
    expect(await snapshotHolds(options.dataDir)).toBe(true)
    const later = new Date(Date.parse(until) + 60_000)
    expect(await snapshotHolds(options.dataDir, later)).toBe(false)
    const { early, full } = await coldStart({ ...options, now: () => later })
    expect(early.rows.map((r) => r.customerId)).toContain(top.customerId)
    expect(early).toEqual(full)
  }, 60_000)

  it('is not used after a kill -9 that left a change it does not know', async () => {
    const { dir, options } = await workspace()
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'fixtures/snapshot-child.ts'), options.dataDir, join(dir, 'key')],
      { cwd, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const customerId = await new Promise<string>((ok, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        const m = /changed (\S+)/.exec(d.toString())
        if (m) ok(m[1]!)
      })
      child.on('exit', (code) => fail(new Error(`child exited early with ${code}`)))
    })
    const exited = new Promise((r) => child.on('exit', r))
    child.kill('SIGKILL')
    await exited
    await fs.rm(join(options.dataDir, '.lock'), { force: true })
    expect(await snapshotHolds(options.dataDir)).toBe(false)
    const { early, full } = await coldStart(options)
    expect(early.rows.map((r) => r.customerId)).not.toContain(customerId)
    expect(early).toEqual(full)
    expect(early).toEqual(await builtPage(options))
  }, 60_000)
})
