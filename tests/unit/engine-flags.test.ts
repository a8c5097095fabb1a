// The engine's process is started with the same V8 flags and environment however the app is
// launched (tests/integration/launch.test.ts checks the process start.js starts).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ENGINE_ENV, ENGINE_V8_FLAGS, electronJsFlags, engineEnv } from '../../main/launch/engine-flags'

const root = resolve(import.meta.dirname, '../..')

describe('engine V8 flags', () => {
  it('reach browser mode through start.js, as `npm run web` starts it', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    expect(pkg.scripts.web).toMatch(/&& node out\/main\/start\.js --browser$/)
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

describe('engine environment', () => {
  it('adds the malloc settings to the environment, leaving any the user set', () => {
    expect(engineEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', ...ENGINE_ENV })
    expect(engineEnv({ MALLOC_MMAP_THRESHOLD_: '65536' }).MALLOC_MMAP_THRESHOLD_).toBe('65536')
  })

  it('fixes both glibc thresholds, as whole numbers of bytes', () => {
    expect(Object.keys(ENGINE_ENV).sort()).toEqual(['MALLOC_MMAP_THRESHOLD_', 'MALLOC_TRIM_THRESHOLD_'])
    for (const v of Object.values(ENGINE_ENV)) expect(v).toMatch(/^[1-9]\d*$/)
  })
})
