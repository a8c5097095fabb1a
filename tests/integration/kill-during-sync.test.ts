// kill -9 the engine at many moments of a first sync: the next start continues, and in the
// end every message is there exactly once.
import { spawn } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateDemo } from '../../main/demo/generate'
import { Engine } from '../../main/engine/engine'
import type { InboxPage } from '../../preload/api'
import { startDovecot, type DovecotRig } from '../rigs/dovecot'

const USER = 'shop@aiko-teaware.example'
const PASSWORD = 'kill-test'
const N = 1500
const cwd = resolve(import.meta.dirname, '../..')
let dir: string
let rig: DovecotRig
let raws: string[]

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'kill-sync-'))
  rig = await startDovecot({ users: [{ user: USER, password: PASSWORD }] })
  // Realistic mail: the demo's incoming messages (the seller's own replies would be outgoing).
  raws = generateDemo({ now: new Date('2026-11-20T00:00:00Z'), messages: N * 2 })
    .messages.filter((m) => m.record.direction === 'in')
    .slice(0, N)
    .map((m) => m.raw)
  await rig.seedMaildir(USER, 'INBOX', raws)
}, 120_000)

afterAll(async () => {
  await rig?.stop()
  await fs.rm(dir, { recursive: true, force: true })
})

function runChild(killAfterMs: number | null): Promise<'killed' | 'done'> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(import.meta.dirname, 'fixtures/sync-child.ts'),
      join(dir, 'data'),
      join(dir, 'key'),
      rig.host,
      String(rig.port),
      USER,
      PASSWORD,
    ],
    { cwd, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  return new Promise((done, fail) => {
    let out = ''
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (killAfterMs !== null && out.includes('ready')) setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    })
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') done('killed')
      else if (code === 0 && out.includes('done')) done('done')
      else fail(new Error(`sync child exited with ${code ?? signal}`))
    })
  })
}

describe('kill -9 during a first sync', () => {
  it('resumes after every kill and ends with each message exactly once', async () => {
    const outcomes: string[] = []
    for (const ms of [50, 300, 700, 1200, 1800]) {
      const outcome = await runChild(ms)
      outcomes.push(outcome)
      if (outcome === 'done') break
    }
    // The kills must land inside the sync, or this test proves nothing.
    expect(outcomes.filter((o) => o === 'killed').length).toBeGreaterThanOrEqual(3)
    expect(await runChild(null)).toBe('done')

    const engine = await Engine.start({
      dataDir: join(dir, 'data'),
      keyFile: join(dir, 'key'),
      sync: false,
      log: () => undefined,
    })
    try {
      const info = await engine.call('app.info', {})
      if (!info.ok) throw new Error(info.error.message)
      expect((info.value as { counts: { messages: number } }).counts.messages).toBe(N)
      expect((info.value as { notices: unknown[] }).notices).toEqual([])
      const page = await engine.call('inbox.list', { view: 'all', limit: 500 })
      expect(page.ok && (page.value as InboxPage).total).toBeGreaterThan(100)
    } finally {
      await engine.close()
    }
    const emls: string[] = []
    const walk = async (d: string) => {
      for (const e of await fs.readdir(d, { withFileTypes: true })) {
        if (e.isDirectory()) await walk(join(d, e.name))
        else emls.push(e.name)
      }
    }
    await walk(join(dir, 'data', 'mail'))
    expect(emls.filter((f) => f.endsWith('.eml'))).toHaveLength(N)
  }, 180_000)
})
