// Debian's Chromium driven by playwright-core for browser-mode end-to-end tests. We use the
// system browser rather than a downloaded one: CI has no access to Playwright's CDN.
import { existsSync, mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM_PATH = '/usr/bin/chromium'

/** `extraArgs`: switches a caller needs on top of ours (the UI benchmark unthrottles frames). */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`end-to-end tests need Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium fonts-noto-cjk`)
  }
  return await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Root in a container has no user namespaces for the sandbox; the rest keeps the browser
    // from reaching the network or spending CPU on background services during tests.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  })
}

/** test-results/screenshots at the repo root, created if missing. */
export function screenshotDir(): string {
  const dir = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url))
  mkdirSync(dir, { recursive: true })
  return dir
}
