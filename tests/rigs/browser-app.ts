// The built app in browser mode (out/main/web.js), on its own data folder, for end-to-end tests:
// started, its URL read from its first line, and stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { ENGINE_V8_FLAGS, engineEnv } from '../../main/launch/engine-flags'

const root = resolve(import.meta.dirname, '../..')

export interface BrowserApp {
  url: string
  child: ChildProcess
  output(): string
  stop(): Promise<void>
}

/**
 * `via: 'start'` runs out/main/start.js, what `npm start` runs after building (it tries
 * Electron first, then falls back to browser mode); the default runs browser mode directly.
 */
export async function startBrowserApp(
  args: string[],
  { via = 'web' }: { via?: 'web' | 'start' } = {},
): Promise<BrowserApp> {
  const file = `out/main/${via}.js`
  const entry = join(root, file)
  if (!existsSync(entry)) throw new Error(`${file} is missing: run \`npm run build\` (npm test does it first)`)
  let output = ''
  // Browser mode directly gets the engine's V8 flags and environment, as start.js gives them.
  const flags = via === 'web' ? ENGINE_V8_FLAGS : []
  const child = spawn(process.execPath, [...flags, entry, '--no-open', ...args], {
    cwd: root,
    // No display: nothing tries to open a browser window during a test.
    env: { ...(via === 'web' ? engineEnv() : process.env), DISPLAY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const url = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no URL within 60 s; output:\n${output}`)), 60_000)
    const onData = (d: Buffer) => {
      output += d.toString()
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        ok(m[1]!)
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    child.on('exit', (code) => fail(new Error(`app exited with ${code}:\n${output}`)))
  })
  return {
    url,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGTERM')
      await exited
    },
  }
}
