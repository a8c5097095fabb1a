// What every end-to-end test file needs around its keyboard steps: the built app in browser mode
// on a data folder of its own (the demo workspace unless told otherwise), Debian's Chromium, a
// WebSocket client on the same engine for setup and checks, a page that collects the errors the
// app shows the console, and the inbox loaded *and holding the focus* before the first key —
// a key pressed before that lands nowhere, which made tests fail now and then.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { connectWs, type WsClient } from '../support/ws-client'
import { startBrowserApp, type BrowserApp } from './browser-app'
import { launchChromium, screenshotDir } from './chromium'

export type TestPage = Page & { errors: string[] }

export interface E2eRig {
  /** The test's own temporary folder; the app's data is in `data/` under it. */
  dir: string
  app: BrowserApp
  browser: Browser
  /** The same engine the page talks to, for setting up and checking what the keys did. */
  engine: WsClient
}

/**
 * Starts the app and Chromium before the file's tests and stops them after. `args` are the app's
 * (the data folder is added); by default the demo workspace. Earlier `beforeAll`s of the file run
 * first, so `args` may use what they started (a Dovecot rig, an SMTP sink).
 */
export function useE2eApp(name: string, args: () => string[] = () => ['--demo']): E2eRig {
  const rig = {} as E2eRig
  beforeAll(async () => {
    rig.dir = await fs.mkdtemp(join(tmpdir(), `e2e-${name}-`))
    rig.app = await startBrowserApp([...args(), '--data-dir', join(rig.dir, 'data')])
    rig.engine = await connectTo(rig.app)
    rig.browser = await launchChromium()
  }, 120_000)
  afterAll(async () => {
    await rig.browser?.close()
    await rig.engine?.close()
    await rig.app?.stop()
    if (rig.dir) await fs.rm(rig.dir, { recursive: true, force: true })
  })
  return rig
}

/** A WebSocket client on the engine of an app started in browser mode. */
export function connectTo(app: BrowserApp): Promise<WsClient> {
  const url = new URL(app.url)
  return connectWs(url.origin, url.searchParams.get('token')!)
}

export interface PageOptions extends Pick<
  BrowserContextOptions,
  'deviceScaleFactor' | 'ignoreHTTPSErrors' | 'acceptDownloads'
> {
  locale?: string
  viewport?: { width: number; height: number }
  /**
   * Content-Security-Policy reports are what a hostile message is meant to cause (the frame's
   * policy, and the page's while DOMPurify parses it inertly): not errors for those tests.
   */
  cspReportsExpected?: boolean
}

/** A fresh browser context and page that keeps every page error and console error in `errors`. */
export async function newTestPage(browser: Browser, options: PageOptions = {}): Promise<TestPage> {
  const { locale = 'en-US', viewport = { width: 1280, height: 800 }, cspReportsExpected, ...rest } = options
  const context = await browser.newContext({ locale, viewport, ...rest })
  const page = (await context.newPage()) as TestPage
  page.errors = []
  page.on('pageerror', (e) => page.errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() !== 'error') return
    if (cspReportsExpected && /Content Security Policy/.test(m.text())) return
    page.errors.push(m.text())
  })
  return page
}

/**
 * Opens the app and waits until it has mounted, which it shows by putting the focus somewhere
 * (the welcome screen's button, or the inbox list): keys go nowhere before that.
 */
export async function openApp(browser: Browser, url: string, options: PageOptions = {}): Promise<TestPage> {
  const page = await newTestPage(browser, options)
  await page.goto(url)
  await until(
    () => page.evaluate(() => document.activeElement !== null && document.activeElement !== document.body),
    'the app to take the focus',
    20_000,
  )
  return page
}

/**
 * Opens the app and waits until the inbox lists more than `minRows - 1` customers and its list
 * has the focus, so the keys that follow reach it.
 */
export async function openInbox(
  browser: Browser,
  url: string,
  options: PageOptions & { minRows?: number; beforeLoad?(page: Page): Promise<unknown> } = {},
): Promise<TestPage> {
  const { minRows = 1, beforeLoad, ...pageOptions } = options
  const page = await newTestPage(browser, pageOptions)
  await beforeLoad?.(page)
  await page.goto(url)
  const rows = page.locator('.inbox [role="option"]')
  await until(async () => (await rows.count()) >= minRows, `${minRows} customers in the inbox`, 20_000)
  await until(async () => (await focusedRole(page)) === 'listbox', 'the inbox holding the focus', 10_000)
  return page
}

/** Waits for `ready` (also outside a test, where expect.poll cannot run); throws naming `what`. */
export async function until(ready: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await ready())) {
    if (Date.now() > end) throw new Error(`waited ${timeoutMs} ms for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

export function focusedRole(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('role') ?? null)
}

export function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement).catch(() => false)
}

/** Presses each key in turn, as a person types them. */
export async function keys(page: Page, ...presses: string[]): Promise<void> {
  for (const k of presses) await page.keyboard.press(k)
}

/** Tab (only the keyboard) until `target` has the focus. */
export async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await isFocused(target)) return
    await page.keyboard.press(key)
  }
  const focused = await target.page().evaluate(() => document.activeElement?.outerHTML.slice(0, 200))
  throw new Error(`${String(target)} is not reachable with ${key}; the focus is on ${focused}`)
}

/** Saves a screenshot under test-results/screenshots to look at. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDir(), name) })
}

/** The value of an engine call, or its error thrown. */
export async function engineValue<T>(
  call: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
): Promise<T> {
  const result = await call
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}
