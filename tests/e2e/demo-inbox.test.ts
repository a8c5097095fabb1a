// `npm start -- --demo` where Electron cannot start: it says so, serves browser mode, and
// the page in Chromium shows the demo inbox, used with the keyboard only.
import { spawn } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBrowserApp, type BrowserApp } from '../rigs/browser-app'
import { launchChromium, screenshotDir } from '../rigs/chromium'

const root = resolve(import.meta.dirname, '../..')
let dir: string
let app: BrowserApp
let url: string
let browser: Browser

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'e2e-demo-'))
  app = await startBrowserApp(['--demo', '--data-dir', join(dir, 'data')], { via: 'start' })
  url = app.url
  browser = await launchChromium()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await app?.stop()
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
    expect(app.output()).toMatch(/^The desktop app cannot start here \(.+\); running in browser mode instead\.$/m)
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
    const empty = await startBrowserApp(['--data-dir', join(dir, 'empty')], { via: 'start' })
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
      await empty.stop()
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
