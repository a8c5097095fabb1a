// The tag filter from the keyboard only, in the real renderer in Chromium against browser mode
// on a demo workspace: tag a customer in the sidebar, filter the inbox by that tag from the
// palette, see only them; `#` reaches the picker; an empty tagged view says how to get out;
// the same in Japanese.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { openInbox as openApp, shot, useE2eApp } from '../rigs/e2e'

const rig = useE2eApp('tags')

const openInbox = () => openApp(rig.browser, rig.app.url, { minRows: 11 })

/** The focused element: its role, else its tag name. */
function focused(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName ?? null)
}

async function selected(page: Page): Promise<string | null> {
  const id = await page.getByRole('listbox').getAttribute('aria-activedescendant')
  return id ? page.locator(`#${id}`).getAttribute('data-customer') : null
}

const title = (page: Page) => page.locator('.screen-title').first().textContent()
const rows = (page: Page) => page.getByRole('listbox').locator('[role="option"]')

/** Opens the palette, types `query` and runs the first command it finds, which must match `expected`. */
async function fromPalette(page: Page, dialogName: string, query: string, expected: RegExp): Promise<void> {
  await page.keyboard.press('Control+k')
  const palette = page.getByRole('dialog', { name: dialogName })
  await expect.poll(() => palette.isVisible()).toBe(true)
  await page.keyboard.type(query)
  await expect.poll(() => palette.getByRole('option').first().textContent()).toMatch(expected)
  await page.keyboard.press('Enter')
  await expect.poll(() => palette.isVisible()).toBe(false)
}

const TAG = 'Trade fair 2026'

describe('inbox by tag from the keyboard', () => {
  it('tags a customer in the sidebar, then shows only them from the palette, in English and Japanese', async () => {
    const page = await openInbox()
    await page.keyboard.press('j')
    const tagged = await selected(page)
    expect(tagged).not.toBeNull()

    // Tag them on their screen: `#` goes to the tag field, Enter adds, Esc leaves, Esc goes back.
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.timeline .message').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await page.keyboard.press('#')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sidebar-tag-input')
    await page.keyboard.type(TAG)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.tag').allTextContents()).toContain(`${TAG}×`)
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await expect.poll(() => focused(page)).toBe('listbox')
    // The tags in use are re-read a moment after the edit (debounced): wait for the picker to list it.
    await expect
      .poll(() => page.locator('.tag-pick select option').allTextContents(), { timeout: 10_000 })
      .toContainEqual(expect.stringContaining(TAG))

    // The palette offers the new tag (found by part of its name) and shows only that customer.
    await fromPalette(page, 'Commands', 'tagged trade', new RegExp(`Show customers tagged ${TAG}`))
    await expect.poll(() => title(page)).toMatch(new RegExp(`customers? waiting · #${TAG}`))
    await expect.poll(() => rows(page).count()).toBe(1)
    expect(await rows(page).first().getAttribute('data-customer')).toBe(tagged)
    await expect.poll(() => focused(page)).toBe('listbox')
    expect(await page.locator('.tag-pick select').inputValue()).toBe(TAG)
    await shot(page, 'inbox-tag-en.png')

    // `#` in the inbox reaches the picker; Esc hands the focus back to the list.
    await page.keyboard.press('#')
    await expect.poll(() => focused(page)).toBe('SELECT')
    await page.keyboard.press('Escape')
    await expect.poll(() => focused(page)).toBe('listbox')

    // Done empties the tagged Waiting view: the empty state says why and how to get out.
    await page.keyboard.press('e')
    await expect.poll(() => page.locator('.empty-title').textContent()).toBe(`Nobody tagged ${TAG} here.`)
    expect(await page.locator('.empty').textContent()).toMatch(/pick another tag or “All tags”/)
    await shot(page, 'inbox-tag-empty-en.png')
    await page.keyboard.press('u')
    await expect.poll(() => rows(page).count()).toBe(1)
    await expect.poll(() => focused(page)).toBe('listbox')

    // In Japanese: the title keeps the tag, and the palette names the command in Japanese.
    await fromPalette(page, 'Commands', 'switch lang', /Switch language/)
    await expect.poll(() => title(page)).toMatch(new RegExp(`対応待ちのお客様.*#${TAG}`))
    await page.keyboard.press('Control+k')
    const paletteJa = page.getByRole('dialog', { name: 'コマンド' })
    await expect.poll(() => paletteJa.isVisible()).toBe(true)
    await page.keyboard.type('タグ')
    await expect
      .poll(() => paletteJa.getByRole('option').allTextContents())
      .toEqual(
        expect.arrayContaining([expect.stringMatching(/タグで絞り込む…/), expect.stringMatching(/タグ: すべて/)]),
      )
    await shot(page, 'palette-tag-ja.png')
    await page.keyboard.press('Escape')
    await expect.poll(() => paletteJa.isVisible()).toBe(false)
    await shot(page, 'inbox-tag-ja.png')

    // "All tags" brings everyone back.
    await fromPalette(page, 'コマンド', 'タグ: すべて', /タグ: すべて/)
    await expect.poll(() => rows(page).count()).toBeGreaterThan(10)
    expect(await title(page)).not.toMatch(/#/)
    await fromPalette(page, 'コマンド', 'switch lang', /Switch language|言語/)
    await expect.poll(() => title(page)).toMatch(/customers waiting/)
    expect(page.errors).toEqual([])
    await page.context().close()
  }, 90_000)
})
