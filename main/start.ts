// `npm start`: the desktop app where Electron can start, browser mode where it cannot.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runBrowserMode } from './web/cli'

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
const electron = electronBinary()
if ('path' in electron) {
  const child = spawn(electron.path, [join(here, 'index.js'), ...args], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log(`The desktop app cannot start here (${electron.reason}); running in browser mode instead.`)
  void runBrowserMode(args, join(here, '../renderer'))
}
