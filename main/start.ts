// `npm start`: the desktop app where Electron can start, browser mode where it cannot (or when
// asked with `--browser`: `npm run web`).
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ENGINE_V8_FLAGS, electronJsFlags, engineEnv } from './launch/engine-flags'

const here = dirname(fileURLToPath(import.meta.url))

/** The Electron binary, or why it cannot run here. */
function electronBinary(): { path: string } | { reason: string } {
  let path: unknown
  try {
    // The electron package's main export is the path of its downloaded binary.
    path = createRequire(import.meta.url)('electron')
  } catch (err) {
    const msg = (err as Error).message
    return {
      reason: /Cannot find module/.test(msg)
        ? 'Electron is not installed'
        : `Electron is not usable (${msg.split('\n')[0]})`,
    }
  }
  if (typeof path !== 'string') return { reason: 'Electron is not installed' }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display' }
  }
  return { path }
}

const args = process.argv.slice(2)
const electron = args.includes('--browser') ? undefined : electronBinary()
// Either way the engine runs in a process of its own, started with the engine's V8 flags and environment.
const options = { stdio: 'inherit', env: engineEnv() } as const
let child
if (electron && 'path' in electron) {
  child = spawn(electron.path, [electronJsFlags(), join(here, 'index.js'), ...args], options)
} else {
  if (electron) console.log(`The desktop app cannot start here (${electron.reason}); running in browser mode instead.`)
  child = spawn(process.execPath, [...ENGINE_V8_FLAGS, join(here, 'web.js'), ...args], options)
}
// Closing this process (Ctrl+C, a service manager) closes the app the same way.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
