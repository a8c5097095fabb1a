// Command-line and environment options shared by the desktop app and browser mode.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export interface LaunchOptions {
  dataDir: string
  demo: boolean
  demoMessages?: number
  port?: number
  open: boolean
}

export class UsageError extends Error {}

export function parseLaunchOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): LaunchOptions {
  let dataDir: string | undefined
  let demo = false
  let demoMessages: number | undefined
  let port: number | undefined
  let open = true
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined]
    const value = (): string => {
      const v = inline ?? argv[++i]
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`)
      return v
    }
    switch (flag) {
      case '--data-dir':
        dataDir = resolve(value())
        break
      case '--demo':
        demo = true
        break
      case '--demo-messages':
        demoMessages = positiveInt(flag, value())
        break
      case '--port':
        port = positiveInt(flag, value())
        if (port > 65535) throw new UsageError('--port must be at most 65535')
        break
      case '--no-open':
        open = false
        break
      case '--browser':
        // start.js's choice of browser mode over the desktop app: nothing to do past it.
        break
      default:
        // Electron and Chromium pass switches of their own: leave them alone.
        break
    }
  }
  dataDir ??= env.SELLER_INBOX_DATA ? resolve(env.SELLER_INBOX_DATA) : defaultDataDir(demo, env)
  return { dataDir, demo, demoMessages, port, open }
}

/** The OS convention for application data; the demo gets a folder of its own. */
export function defaultDataDir(
  demo: boolean,
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  const name = demo ? 'Seller Inbox Demo' : 'Seller Inbox'
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name)
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name)
  const base = env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share')
  return join(base, demo ? 'seller-inbox-demo' : 'seller-inbox')
}

function positiveInt(flag: string, v: string): number {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a whole number, got "${v}"`)
  return n
}
