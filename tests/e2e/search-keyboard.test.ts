// Search from the keyboard on the demo workspace: `/` opens it, Japanese typed as an input
// method commits it finds messages, Enter opens the customer at the hit, Esc goes back.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openInbox, shot, useE2eApp } from '../rigs/e2e'

const rig = useE2eApp('search')

const inbox = (locale: string) => openInbox(rig.browser, rig.app.url, { locale, minRows: 6 })
const dialog = (page: Page) => page.locator('dialog.search-dialog')
const hits = (page: Page) => dialog(page).locator('.search-hit')
const activeHit = (page: Page) => dialog(page).locator('.search-hit[aria-selected="true"]')
const focusedClass = (page: Page) => page.evaluate(() => document.activeElement?.className ?? '')

describe('search from the keyboard', () => {
  it('opens with /, finds Japanese typed through an input method, opens the customer and comes back', async () => {
    const page = await inbox('en-US')
    const selectedBefore = await page
      .locator('.content [role="option"][aria-selected="true"]')
      .getAttribute('data-customer')
    await page.keyboard.press('/')
    await expect.poll(() => dialog(page).isVisible()).toBe(true)
    // The empty state teaches the filters.
    expect(await dialog(page).locator('.search-teach').textContent()).toContain('before:2026-04-01')
    await shot(page, 'search-empty-en.png')

    // An IME composing: Enter confirms the conversion and must neither open nor close anything.
    await page.keyboard.insertText('割れ')
    await page.evaluate(() =>
      document.activeElement!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, isComposing: true, bubbles: true }),
      ),
    )
    await page.keyboard.insertText('て')
    await expect.poll(() => hits(page).count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(await dialog(page).isVisible()).toBe(true)
    expect(await hits(page).first().locator('mark').count()).toBeGreaterThan(0)
    expect(await dialog(page).locator('.search-meta').textContent()).toMatch(/messages · [\d.]+ ms/)
    await shot(page, 'search-results-en.png')

    // Arrows move in the field; Tab goes to the list, where j and k move.
    await page.keyboard.press('ArrowDown')
    expect(await activeHit(page).getAttribute('id')).toMatch(/hit-1$/)
    await page.keyboard.press('Tab')
    expect(await focusedClass(page)).toContain('search-list')
    await page.keyboard.press('j')
    expect(await activeHit(page).getAttribute('id')).toMatch(/hit-2$/)
    await page.keyboard.press('k')
    expect(await activeHit(page).getAttribute('id')).toMatch(/hit-1$/)
    const customer = (await activeHit(page).locator('.search-hit-name').textContent())!

    await page.keyboard.press('Enter')
    await expect.poll(() => dialog(page).isVisible()).toBe(false)
    await expect.poll(() => page.locator('.timeline .message').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(await page.locator('.cv-title h1').textContent()).toBe(customer)
    // The message found has the focus.
    expect(await page.evaluate(() => document.activeElement?.closest('.message')?.textContent ?? '')).toMatch(/割れ/)
    await shot(page, 'search-opened-en.png')

    // Esc: back to the same results, on the same hit; Esc again: back to the inbox, focus restored.
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog(page).isVisible()).toBe(true)
    await expect.poll(() => activeHit(page).locator('.search-hit-name').textContent()).toBe(customer)
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog(page).isVisible()).toBe(false)
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox')
    expect(await page.locator('.content [role="option"][aria-selected="true"]').getAttribute('data-customer')).toBe(
      selectedBefore,
    )
    await page.context().close()
  })

  it('says which filter is wrong, and is in the palette and the cheat sheet', async () => {
    const page = await inbox('en-US')
    await page.keyboard.press('/')
    await page.keyboard.insertText('teapot before:yesterdayish')
    await expect
      .poll(() => dialog(page).locator('[role="alert"]').textContent(), { timeout: 10_000 })
      .toMatch(/before:.*YYYY-MM-DD/)
    await page.keyboard.press('Escape')
    await page.keyboard.press('Control+k')
    await page.keyboard.insertText('search all')
    expect(await page.locator('.palette-option.active').textContent()).toContain('Search all messages')
    await page.keyboard.press('Escape')
    await page.keyboard.press('?')
    expect(await page.locator('dialog.cheatsheet').textContent()).toContain('Search all messages')
    await page.context().close()
  })

  it('works in Japanese, from a customer too', async () => {
    const page = await inbox('ja-JP')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.timeline .message').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await page.keyboard.press('/')
    await expect.poll(() => dialog(page).isVisible()).toBe(true)
    expect(await dialog(page).locator('.search-teach').textContent()).toContain('この日より前')
    await shot(page, 'search-empty-ja.png')
    await page.keyboard.insertText('発送が遅れて channel:rakuten')
    await expect.poll(() => hits(page).count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(await dialog(page).locator('.search-meta').textContent()).toMatch(/件/)
    await shot(page, 'search-results-ja.png')
    await page.keyboard.press('Enter')
    await expect.poll(() => dialog(page).isVisible()).toBe(false)
    await expect.poll(() => page.locator('.timeline .message').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await page.context().close()
  })
})
