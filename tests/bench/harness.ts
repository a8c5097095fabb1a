// The benchmark harness: each measurement prints one `BENCH {json}` line with the value
// and, where one was measured in the same run, a baseline and the ratio ours / baseline.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { basename, join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'

const root = resolve(import.meta.dirname, '../..')

export interface BenchLine {
  name: string
  n: number
  value: number
  unit: string
  baseline?: string
  baseline_value?: number
  ratio?: number
  [extra: string]: unknown
}

export function report(line: BenchLine): void {
  if (line.baseline_value !== undefined && line.baseline_value > 0)
    line.ratio = round(line.value / line.baseline_value, 3)
  console.log(`BENCH ${JSON.stringify(line)}`)
}

export async function timeMs<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now()
  const result = await fn()
  return { ms: round(performance.now() - start, 2), result }
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export type Bench = (opts: { n?: number }) => Promise<void>

/**
 * A benchmark child as the app runs: one bundled JavaScript file, not TypeScript through tsx's
 * loader (which alone adds about 40 MB of RSS and start-up time the app does not have).
 * Kept under node_modules so the bundle's bare imports resolve to the installed packages.
 */
export async function bundled(entry: string): Promise<string> {
  const { build } = await import('esbuild')
  const outfile = join(root, 'node_modules/.cache/seller-inbox-bench', `${basename(entry, '.ts')}.mjs`)
  await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  })
  return outfile
}

/**
 * Rebuilds out/ when any source is newer than it, as `npm start` would (without, a bench measures
 * old code): the UI bench runs browser mode, the sync bench the built parsing thread.
 */
export function ensureBuilt(): void {
  const outputs = ['out/main/web.js', 'out/main/parse-worker.js', 'out/renderer/index.html'].map((p) => join(root, p))
  const built = Math.min(...outputs.map((p) => (existsSync(p) ? statSync(p).mtimeMs : 0)))
  const newest = (path: string): number => {
    const s = statSync(path)
    if (!s.isDirectory()) return s.mtimeMs
    return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))))
  }
  const sources = ['main', 'preload', 'renderer', 'electron.vite.config.ts', 'package.json', 'package-lock.json']
  if (Math.max(...sources.map((s) => newest(join(root, s)))) <= built) return
  console.error('bench: out/ is older than the sources: electron-vite build (not timed)')
  const r = spawnSync(join(root, 'node_modules/.bin/electron-vite'), ['build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (r.status !== 0) throw new Error('electron-vite build failed')
}
