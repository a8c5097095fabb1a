// `npm start -- --demo` where Electron cannot start: it says so, serves browser mode, and
// the page in Chromium shows the demo inbox, used with the keyboard only.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, screenshotDir } from '../rigs/chromium'

const root = resolve(import.meta.dirname, '../..')
let dir: string
let app: ChildProcess
let output: () => string
let url: string
let browser: Browser

/** Starts the built app the way `npm start` does after building, and waits for its URL. */
async function startApp(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  let output = ''
  const entry = join(root, 'out/main/start.js')
  if (!existsSync(entry)) throw new Error('out/main/start.js is missing: run `npm run build` (npm test does it first)')
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: root,
    env: { ...process.env, DISPLAY: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const found = await new Promise<string>((ok, fail) => {
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
  return { child, url: found, output: () => output }
}

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'e2e-demo-'))
  ;({ child: app, url, output } = await startApp(['--demo', '--data-dir', join(dir, 'data'), '--no-open']))
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  if (app && app.exitCode === null) {
    const exited = new Promise((r) => app.once('exit', r))
    app.kill('SIGTERM')
    await exited
  }
  await fs.rm(dir, { recursive: true, force: true })
})

async function newPage(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  ;(page as Page & { errors?: string[] }).errors = errors
  return page
}

describe('demo workspace in browser mode', () => {
  it('says in one line that the desktop app cannot start here, and prints the URL', () => {
    expect(output()).toMatch(/^The desktop app cannot start here \(.+\); running in browser mode instead\.$/m)
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/)
  })

  it('shows the waiting customers and walks them with the keyboard only', async () => {
    const page = await newPage('en-US')
    await page.goto(url)
    const rows = page.getByRole('listbox').getByRole('option')
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(10)
    await expect.poll(() => page.locator('.screen-title').textContent()).toMatch(/customers waiting/)
    await page.screenshot({ path: join(screenshotDir(), 'foundation-inbox-en.png') })

    const selected = () => page.locator('[role="option"][aria-selected="true"]').getAttribute('data-customer')
    const first = await selected()
    await page.keyboard.press('j')
    await page.keyboard.press('j')
    const third = await selected()
    expect(third).not.toBe(first)
    // The list keeps the focus and points at the selected row (aria-activedescendant).
    expect(
      await page.evaluate(() => {
        const id = document.activeElement?.getAttribute('aria-activedescendant')
        return id ? document.getElementById(id)?.getAttribute('aria-selected') : null
      }),
    ).toBe('true')
    await page.keyboard.press('k')
    const second = await selected()
    expect(second).not.toBe(third)

    await page.keyboard.press('Enter')
    const timeline = page.locator('.timeline .message')
    await expect.poll(() => timeline.count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(await page.locator('.sidebar').isVisible()).toBe(true)
    await page.screenshot({ path: join(screenshotDir(), 'foundation-customer-en.png') })

    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('listbox').getByRole('option').count()).toBeGreaterThan(10)
    expect(await selected()).toBe(second)
    expect((page as Page & { errors?: string[] }).errors).toEqual([])
    await page.context().close()
  })

  it('marks a customer read when opened', async () => {
    const page = await newPage('en-US')
    await page.goto(url)
    await expect
      .poll(() => page.getByRole('listbox').getByRole('option').count(), { timeout: 15_000 })
      .toBeGreaterThan(10)
    const unread = await page
      .locator('[role="option"]')
      .evaluateAll((rows) => rows.findIndex((r) => r.querySelector('.unread')))
    expect(unread).toBeGreaterThanOrEqual(0)
    for (let i = 0; i < unread; i++) await page.keyboard.press('j')
    const id = await page.locator('[role="option"][aria-selected="true"]').getAttribute('data-customer')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.timeline .message').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator(`[data-customer="${id}"] .unread`).count(), { timeout: 10_000 }).toBe(0)
    await page.context().close()
  })

  it('shows Japanese customers readably in a Japanese browser', async () => {
    const page = await newPage('ja-JP')
    await page.goto(url)
    await expect
      .poll(() => page.locator('.screen-title').textContent(), { timeout: 15_000 })
      .toMatch(/対応待ちのお客様/)
    // Open the first customer whose name is in Japanese script.
    const names = await page.locator('[role="option"] .name').allTextContents()
    const index = names.findIndex((n) => /[\u3040-\u30ff\u4e00-\u9faf]/.test(n))
    expect(index).toBeGreaterThanOrEqual(0)
    for (let i = 0; i < index; i++) await page.keyboard.press('j')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.locator('.timeline .message-body').first().textContent(), { timeout: 10_000 })
      .toMatch(/[\u3040-\u30ff\u4e00-\u9faf]/)
    await page.screenshot({ path: join(screenshotDir(), 'foundation-customer-ja.png') })
    await page.context().close()
  })

  it('offers the demo on a first start with no accounts, and opens it with Enter', async () => {
    const empty = await startApp(['--data-dir', join(dir, 'empty'), '--no-open'])
    try {
      const page = await newPage('en-US')
      await page.goto(empty.url)
      await expect
        .poll(() => page.getByRole('heading', { name: 'Welcome to Seller Inbox' }).isVisible(), { timeout: 15_000 })
        .toBe(true)
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Open the demo workspace')
      await page.screenshot({ path: join(screenshotDir(), 'foundation-welcome-en.png') })
      await page.keyboard.press('Enter')
      await expect
        .poll(() => page.getByRole('listbox').getByRole('option').count(), { timeout: 30_000 })
        .toBeGreaterThan(10)
      expect(await page.getByText('Demo workspace').isVisible()).toBe(true)
      await page.context().close()
    } finally {
      const exited = new Promise((r) => empty.child.once('exit', r))
      empty.child.kill('SIGTERM')
      await exited
    }
  }, 60_000)

  it('refuses to open a second app on the same data folder, with a clear message', async () => {
    const child = spawn(
      process.execPath,
      [join(root, 'out/main/start.js'), '--data-dir', join(dir, 'data'), '--no-open'],
      { cwd: root, env: { ...process.env, DISPLAY: '' } },
    )
    let text = ''
    child.stdout.on('data', (d: Buffer) => (text += d.toString()))
    child.stderr.on('data', (d: Buffer) => (text += d.toString()))
    const code = await new Promise((r) => child.on('exit', r))
    expect(code).toBe(1)
    expect(text).toMatch(/already open on this data folder/)
  })
})
