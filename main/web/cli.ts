// Browser mode: the engine and the built renderer on http://127.0.0.1, for any browser.
import { spawn } from 'node:child_process'
import { Engine } from '../engine/engine'
import { parseLaunchOptions, UsageError } from '../launch/options'
import { StoreError } from '../store/errors'
import { startWebServer } from './server'

/**
 * `rendererDir`: the built renderer; `parseWorker`: the built parse-worker.js. Entry files know
 * where they are relative to them.
 */
export async function runBrowserMode(argv: string[], rendererDir: string, parseWorker: URL): Promise<void> {
  let options
  try {
    options = parseLaunchOptions(argv)
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`seller-inbox: ${err.message}`)
      process.exit(2)
    }
    throw err
  }
  let engine: Engine
  try {
    // Launch, not start: the page loads and shows its first rows while the engine finishes starting.
    engine = await Engine.launch({
      dataDir: options.dataDir,
      demo: options.demo,
      demoMessages: options.demoMessages,
      version: process.env.npm_package_version,
      mailSync: { parseWorker },
    })
  } catch (err) {
    if (err instanceof StoreError) {
      console.error(`${err.message} ${err.action}`)
      process.exit(1)
    }
    throw err
  }
  const server = await startWebServer({ engine, rendererDir, port: options.port })
  console.log(`Seller Inbox (browser mode) on ${server.url}`)
  console.log(`Data folder: ${options.dataDir}`)
  if (options.open) openInBrowser(server.url)

  let closing = false
  const shutdown = async () => {
    if (closing) return
    closing = true
    await server.close()
    await engine.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown())
  process.on('SIGTERM', () => void shutdown())
}

/** Best effort: a machine without a desktop simply keeps the printed URL. */
function openInBrowser(url: string): void {
  const command =
    process.platform === 'darwin'
      ? 'open'
      : process.platform === 'win32'
        ? 'explorer'
        : process.env.DISPLAY || process.env.WAYLAND_DISPLAY
          ? 'xdg-open'
          : null
  if (!command) return
  const child = spawn(command, [url], { stdio: 'ignore', detached: true })
  child.on('error', () => undefined)
  child.unref()
}
