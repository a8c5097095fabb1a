// What `npm start` starts where Electron cannot run (and `npm run web` everywhere): browser mode
// in a process of its own, with the engine's V8 flags and environment (main/launch/engine-flags.ts).
import { promises as fs, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ENGINE_ENV, ENGINE_V8_FLAGS } from '../../main/launch/engine-flags'
import { startBrowserApp, type BrowserApp } from '../rigs/browser-app'

let app: BrowserApp | undefined
let dir: string | undefined

afterEach(async () => {
  await app?.stop()
  app = undefined
  if (dir) await fs.rm(dir, { recursive: true, force: true })
})

/** The children of `parent`, from each process's stat line (field 4 is its parent). */
function childrenOf(parent: number): string[] {
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] === String(parent)
    } catch {
      return false // ended meanwhile
    }
  })
}

/** The process start.js started: its only child. */
function engineProcess(parent: number): { argv: string[]; env: Record<string, string> } {
  const [pid, ...more] = childrenOf(parent)
  if (!pid || more.length) throw new Error(`start.js has ${more.length + (pid ? 1 : 0)} child processes, not one`)
  const split = (file: string) => readFileSync(`/proc/${pid}/${file}`, 'utf8').split('\0').filter(Boolean)
  const env = Object.fromEntries(
    split('environ').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  )
  return { argv: split('cmdline'), env }
}

describe.skipIf(process.platform !== 'linux')('start.js', () => {
  it('starts browser mode with the engine V8 flags and environment', async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'launch-'))
    app = await startBrowserApp(['--data-dir', dir], { via: 'start' })
    const engine = engineProcess(app.child.pid!)
    expect(engine.argv.some((a) => a.endsWith('out/main/web.js'))).toBe(true)
    expect(engine.argv).toEqual(expect.arrayContaining([...ENGINE_V8_FLAGS]))
    expect(engine.env).toMatchObject(ENGINE_ENV)
  })

  it('goes straight to browser mode when asked with --browser, as `npm run web` does', async () => {
    dir = await fs.mkdtemp(join(tmpdir(), 'launch-'))
    app = await startBrowserApp(['--browser', '--data-dir', dir], { via: 'start' })
    expect(app.output()).not.toMatch(/desktop app cannot start/)
    expect(engineProcess(app.child.pid!).env).toMatchObject(ENGINE_ENV)
  })
})
