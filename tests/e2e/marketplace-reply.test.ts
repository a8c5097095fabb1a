// Site-only marketplace conversations from the keyboard, in the real renderer in Chromium:
// an Etsy conversation shows "Open in Etsy" where the reply box would be, `o` opens the
// conversation on Etsy, and `r` explains why there is no reply box. English and Japanese.
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { InboxPage } from '../../preload/api'
import { engineValue, openInbox, shot, useE2eApp, type TestPage } from '../rigs/e2e'

const FIXTURES = join(__dirname, '../fixtures/marketplaces')

const rig = useE2eApp('marketplace', () => [])

beforeAll(async () => {
  const files = (await fs.readdir(FIXTURES)).filter((f) => f.endsWith('.eml')).map((f) => join(FIXTURES, f))
  await engineValue(rig.engine.call('import.files', { paths: files }))
})

/** Opens the app and moves with `j` to the customer, then opens them with Enter. */
async function openCustomer(name: string, locale: string): Promise<TestPage> {
  const page = await openInbox(rig.browser, rig.app.url, {
    locale,
    // The marketplace is not reached from a test: answer for it.
    beforeLoad: (p) =>
      p
        .context()
        .route(/^https:\/\/(www\.)?etsy\.com\//, (route) => route.fulfill({ body: 'Etsy', contentType: 'text/plain' })),
  })
  // The inbox orders by urgency, which moves with the clock: walk down until the customer is selected.
  const selectedName = () => page.locator('[role="option"][aria-selected="true"] .name').textContent()
  const total = ((await engineValue(rig.engine.call('inbox.list', { view: 'waiting', limit: 200 }))) as InboxPage).total
  for (let i = 0; i < total && (await selectedName()) !== name; i++) await page.keyboard.press('j')
  expect(await selectedName()).toBe(name)
  await page.keyboard.press('Enter')
  await expect.poll(() => page.locator('.timeline .message').count(), { timeout: 10_000 }).toBeGreaterThan(0)
  return page
}

describe('a conversation answered only on the marketplace', () => {
  it('shows Open in Etsy instead of a reply box; o opens it, r says why', async () => {
    const page = await openCustomer('Hannah Brooks', 'en-US')
    const bar = page.locator('.site-only')
    await expect.poll(() => bar.count()).toBe(1)
    expect(await bar.textContent()).toMatch(
      /Etsy buyers are answered on Etsy, not by e-mail\. Press o to answer on Etsy\./,
    )
    const facts = await page.locator('.marketplace-facts').allTextContents()
    expect(facts).toEqual([expect.stringMatching(/^Question/), expect.stringMatching(/^Review★★☆☆☆/)])
    await shot(page, 'marketplace-site-only-en.png')

    await page.keyboard.press('r')
    await expect.poll(() => page.locator('.send-toast').textContent()).toMatch(/can only be written on Etsy/)
    expect(await page.locator('.composer').count()).toBe(0)

    const opened = page.context().waitForEvent('page')
    await page.keyboard.press('o')
    const etsy = await opened
    await etsy.waitForLoadState()
    expect(etsy.url()).toMatch(/^https:\/\/www\.etsy\.com\/your\/(reviews|conversations\/1598237741)/)
    expect(page.errors).toEqual([])
    await page.context().close()
  })

  it('keeps the reply box for a relay marketplace (Amazon)', async () => {
    const page = await openCustomer('Emily', 'en-US')
    expect(await page.locator('.site-only').count()).toBe(0)
    await page.keyboard.press('r')
    await expect.poll(() => page.locator('.composer').count(), { timeout: 10_000 }).toBe(1)
    expect(await page.locator('.composer textarea').inputValue()).toContain('[commMgrTok:')
    await shot(page, 'marketplace-relay-en.png')
    await page.keyboard.press('Control+Shift+Backspace')
    await page.context().close()
  })

  it('says it in Japanese', async () => {
    await engineValue(rig.engine.call('settings.update', { language: 'ja' }))
    try {
      const page = await openCustomer('さくら', 'ja-JP')
      await expect.poll(() => page.locator('.site-only').textContent()).toMatch(/メルカリ.*で開く/)
      await shot(page, 'marketplace-site-only-ja.png')
      await page.keyboard.press('r')
      await expect.poll(() => page.locator('.send-toast').textContent()).toMatch(/上でのみ行えます/)
      await page.context().close()
    } finally {
      await engineValue(rig.engine.call('settings.update', { language: 'en' }))
    }
  })
})
