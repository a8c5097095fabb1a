// kill -9 the engine right after a draft save returned: the draft is there after the restart,
// with at least what that save held.
import { spawn } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StoreNotice } from '../../main/store/json-document'
import { Store } from '../../main/store/store'

const cwd = resolve(import.meta.dirname, '../..')
let dir: string

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'kill-draft-'))
})

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true })
})

/** Runs the autosaving child and SIGKILLs it as soon as it reports save number `target`. */
function saveThenKill(target: number): Promise<{ conversationId: string; saved: number }> {
  // One process (not the tsx wrapper, which would leave its child running after the kill).
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures/draft-child.ts'), join(dir, 'data'), join(dir, 'key')],
    { cwd, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let out = ''
  let first: number | undefined
  return new Promise((done, fail) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      const saves = [...out.matchAll(/^saved (\d+)$/gm)].map((m) => Number(m[1]))
      if (saves.length === 0) return
      first ??= saves[0]!
      // Killed the moment the report arrives: whatever was saved by then must survive.
      if (saves.length > target && child.exitCode === null && !child.killed) child.kill('SIGKILL')
    })
    child.on('exit', (code, signal) => {
      const conversationId = /^ready (\S+)$/m.exec(out)?.[1]
      const saves = [...out.matchAll(/^saved (\d+)$/gm)].map((m) => Number(m[1]))
      if (signal !== 'SIGKILL' || !conversationId || saves.length === 0) {
        fail(new Error(`draft child exited with ${code ?? signal}: ${out.slice(-500)}`))
      } else done({ conversationId, saved: saves[saves.length - 1]! })
    })
  })
}

describe('kill -9 while the composer autosaves', () => {
  it('keeps every draft a save returned for, with at least what that save held', async () => {
    let previous = 0
    for (const target of [0, 3, 17, 60]) {
      const { conversationId, saved } = await saveThenKill(target)
      const notices: StoreNotice[] = []
      const store = await Store.open(join(dir, 'data'), { notify: (n) => notices.push(n) })
      try {
        expect(notices, `after the kill at save ${target}`).toEqual([])
        const drafts = Object.values(store.drafts)
        const reply = drafts.find((d) => d.conversationId === conversationId)
        const fresh = drafts.filter((d) => d.conversationId === undefined)
        expect(reply, `reply draft after save ${saved}`).toBeDefined()
        expect(fresh, 'one new-message draft, saved again and again under its id').toHaveLength(1)
        const version = (text: string) => Number(/^version (\d+)/.exec(text)?.[1])
        expect(version(reply!.text)).toBeGreaterThanOrEqual(saved)
        expect(version(fresh[0]!.text)).toBeGreaterThanOrEqual(saved)
        expect(fresh[0]!.to).toEqual([{ address: 'supplier@exa' }])
        expect(saved).toBeGreaterThan(previous)
        previous = saved
      } finally {
        await store.close()
      }
    }
  }, 180_000)
})
