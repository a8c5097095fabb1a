import { spawn } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { StoreNotice } from '../../main/store/json-document'
import { Store } from '../../main/store/store'

// One process (not the tsx wrapper, which would leave its child running after the kill).
const cwd = resolve(import.meta.dirname, '../..')
const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true })
})

/** Starts the write burst, lets it run for `ms` after it is ready, then SIGKILLs it. */
async function burstThenKill(dir: string, ms: number): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures/write-burst.ts'), dir],
    { cwd, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((ready, fail) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('ready') && ready())
    child.on('exit', (code) => fail(new Error(`burst exited early with ${code}`)))
  })
  await new Promise((r) => setTimeout(r, ms))
  const exited = new Promise((r) => child.on('exit', r))
  child.kill('SIGKILL')
  await exited
}

describe('kill -9 during a burst of writes', () => {
  it('leaves every document loadable, at every kill point', async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'kill-test-'))
    dirs.push(dir)
    let previous = 0
    for (const ms of [5, 40, 90, 150, 230, 310, 420, 530]) {
      await burstThenKill(dir, ms)
      const notices: StoreNotice[] = []
      const store = await Store.open(dir, { notify: (n) => notices.push(n) })
      expect(notices, `after a kill at ${ms} ms`).toEqual([])
      const count = Object.keys(store.customers).length
      expect(count).toBeGreaterThanOrEqual(previous)
      previous = count
      for (const file of await fs.readdir(join(dir, 'messages'))) {
        if (file.endsWith('.json')) await store.shardInfo(file.slice(0, 7))
      }
      expect(notices).toEqual([])
      // Temp files of writes cut short are cleared when the folder is opened.
      expect((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([])
      await store.close()
    }
    expect(previous).toBeGreaterThan(0)
  }, 120_000)
})
