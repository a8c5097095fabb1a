// Connecting an eBay account from the keyboard, in the real renderer in Chromium against browser
// mode and the eBay API emulator: a refused token says what to do, the right one connects, the
// account syncs and its buyer is in the inbox. The form in Japanese too.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isFocused, openApp as openAppIn, shot, tabTo, useE2eApp } from '../rigs/e2e'
import { startEbayEmulator, type EbayEmulator } from '../rigs/ebay-emulator'

let ebay: EbayEmulator

beforeAll(async () => {
  ebay = await startEbayEmulator({ seller: 'kotoha_tea', token: 'v^1.1#right-token' })
  ebay.buyerWrites({
    buyer: 'teapot_fan42',
    itemId: '186231452690',
    title: 'Cast Iron Tetsubin Kettle 0.8L',
    text: 'Does the kettle come with the trivet?',
  })
})

afterAll(async () => {
  await ebay?.stop()
})

// An empty workspace; it starts after the emulator and stops before it.
const e2e = useE2eApp('marketplace-accounts', () => [])

const openApp = (locale = 'en-US') =>
  openAppIn(e2e.browser, e2e.app.url, { locale, viewport: { width: 1280, height: 860 } })

async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+a')
  await page.keyboard.type(text)
}

describe('marketplace API accounts from the keyboard', () => {
  it('connects an eBay account: a refused token, then the right one; it syncs', async () => {
    const page = await openApp()
    await page.keyboard.press('Control+,')
    const settings = page.getByRole('dialog', { name: 'Settings' })
    await expect.poll(() => settings.isVisible()).toBe(true)
    await tabTo(page, settings.getByRole('button', { name: 'Add an eBay or Rakuten account' }))
    await page.keyboard.press('Enter')
    await expect.poll(() => settings.getByRole('heading', { name: 'Connect a marketplace' }).isVisible()).toBe(true)
    // The marketplace choice has the focus: eBay is chosen; Tab goes on to its fields.
    await expect.poll(() => isFocused(settings.getByRole('radio', { name: /eBay/ }))).toBe(true)
    await page.keyboard.press('Tab')
    await page.keyboard.type('eBay shop')
    await page.keyboard.press('Tab')
    await page.keyboard.type('kotoha_tea')
    await page.keyboard.press('Tab')
    await page.keyboard.type('v^1.1#stale-token')
    await page.keyboard.press('Tab')
    await retype(page, ebay.url)
    await page.keyboard.press('Enter')
    const result = settings.locator('.test-result')
    await expect
      .poll(() => result.textContent(), { timeout: 15_000 })
      .toMatch(/did not accept.*Reconnect your eBay account/)
    await shot(page, 'marketplace-account-refused-en.png')

    const token = settings.getByLabel('User access token')
    await tabTo(page, token, 'Shift+Tab')
    await retype(page, 'v^1.1#right-token')
    await page.keyboard.press('Enter')
    await expect.poll(() => settings.getByText('eBay shop').isVisible(), { timeout: 15_000 }).toBe(true)
    // Back in the list, on the new account, which syncs by itself.
    await expect.poll(() => settings.locator('.account').textContent(), { timeout: 20_000 }).toMatch(/Synced/)
    await shot(page, 'marketplace-account-list-en.png')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByText('teapot_fan42').first().isVisible(), { timeout: 15_000 }).toBe(true)
    await shot(page, 'marketplace-account-inbox-en.png')
    expect(page.errors).toEqual([])
  }, 90_000)

  it('shows the form in Japanese, and Esc leaves it', async () => {
    const page = await openApp('ja-JP')
    // The account added above has synced: the inbox is up before the keys go to it.
    await expect.poll(() => page.getByText('teapot_fan42').first().isVisible(), { timeout: 15_000 }).toBe(true)
    await page.keyboard.press('Control+,')
    const settings = page.getByRole('dialog', { name: '設定' })
    await expect.poll(() => settings.isVisible()).toBe(true)
    await tabTo(page, settings.getByRole('button', { name: 'eBay・楽天のアカウントを追加' }))
    await page.keyboard.press('Enter')
    await expect.poll(() => settings.getByRole('heading', { name: 'マーケットプレイスに接続' }).isVisible()).toBe(true)
    // Rakuten: arrow keys move within the marketplace choice.
    await page.keyboard.press('ArrowDown')
    await expect.poll(() => settings.getByLabel('店舗 ID').isVisible()).toBe(true)
    await shot(page, 'marketplace-account-form-ja.png')
    await page.keyboard.press('Escape')
    await expect
      .poll(() => isFocused(settings.getByRole('button', { name: 'eBay・楽天のアカウントを追加' })))
      .toBe(true)
    expect(page.errors).toEqual([])
  }, 60_000)
})
