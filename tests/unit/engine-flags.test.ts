// The engine's process is started with the same V8 flags however the app is launched.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ENGINE_V8_FLAGS, electronJsFlags } from '../../main/launch/engine-flags'

const root = resolve(import.meta.dirname, '../..')

describe('engine V8 flags', () => {
  it('are the ones `npm run web` starts browser mode with', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    expect(pkg.scripts.web).toContain(`node ${ENGINE_V8_FLAGS.join(' ')} out/main/web.js`)
  })

  it('are passed to Electron as one --js-flags switch, which its main process reads at start', () => {
    expect(electronJsFlags()).toBe(`--js-flags=${ENGINE_V8_FLAGS.join(' ')}`)
  })

  it('are flags this Node accepts, and cap the heap at 1 GB', () => {
    const limit = execFileSync(process.execPath, [
      ...ENGINE_V8_FLAGS,
      '-e',
      'process.stdout.write(String(require("v8").getHeapStatistics().heap_size_limit))',
    ]).toString()
    expect(Number(limit) / 2 ** 20).toBeGreaterThan(1000)
    expect(Number(limit) / 2 ** 20).toBeLessThan(1100)
  })
})
