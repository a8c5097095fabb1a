// Changing keys in Settings › Keyboard, keyboard only, in the real renderer in Chromium against
// browser mode on a demo workspace: a key already used is refused (naming who has it), `e`
// becomes `x` and works at once, survives a reload (settings.json, read back by the engine),
// shows the same in the cheat sheet, and every key goes back to its default; in English and in
// Japanese. Also: keys an earlier version kept in localStorage move into settings.json once.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Settings } from '../../main/core/model'
import { engineValue, focusedRole, openInbox as openApp, shot, useE2eApp } from '../rigs/e2e'

const rig = useE2eApp('keys-settings')

const openInbox = () => openApp(rig.browser, rig.app.url, { minRows: 11 })

/** After a reload: the inbox is back and holds the focus. */
async function inboxShown(page: Page): Promise<void> {
  await expect
    .poll(() => page.getByRole('listbox').getByRole('option').count(), { timeout: 15_000 })
    .toBeGreaterThan(10)
  await expect.poll(() => focusedRole(page)).toBe('listbox')
}

const settings = (): Promise<Settings> => engineValue(rig.engine.call('settings.get', {}))

/** The number in "N customers waiting" (or its Japanese). */
async function waitingCount(page: Page): Promise<number> {
  const text = (await page.locator('.screen-title').first().textContent()) ?? ''
  return Number(/([\d,]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN)
}

const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '')

/** Moves down the list of commands with j until the one whose label starts with `label` has the focus. */
async function focusCommand(page: Page, label: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await focusedText(page)).startsWith(label)) return
    await page.keyboard.press('j')
  }
  throw new Error(`"${label}" is not in the list; the focus is on "${await focusedText(page)}"`)
}

describe('keys in settings, from the keyboard', () => {
  it('moves the keys an earlier version kept in localStorage into settings.json, once', async () => {
    const page = await openInbox()
    expect((await settings()).keyBindings).toBeUndefined()
    await page.evaluate(() => localStorage.setItem('seller-inbox.keys', JSON.stringify({ 'inbox.done': ['y'] })))
    await page.reload()
    await inboxShown(page)
    await expect.poll(async () => (await settings()).keyBindings).toEqual({ 'inbox.done': ['y'] })
    await expect.poll(() => page.evaluate(() => localStorage.getItem('seller-inbox.keys'))).toBeNull()
    // And the moved key works.
    const before = await waitingCount(page)
    await page.keyboard.press('y')
    await expect.poll(() => waitingCount(page)).toBe(before - 1)
    await page.keyboard.press('u')
    await expect.poll(() => waitingCount(page)).toBe(before)
    expect(page.errors).toEqual([])
    await page.context().close()
  })

  it('refuses a taken key, rebinds e to x, keeps it after a reload, and resets every key', async () => {
    const page = await openInbox()
    await page.keyboard.press('g')
    await page.keyboard.press(',')
    const dialog = page.getByRole('dialog', { name: 'Settings' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    await page.keyboard.press('6')
    await expect.poll(() => dialog.getByRole('tab', { name: /Keyboard/ }).getAttribute('aria-selected')).toBe('true')
    // The section's first command has the focus; j moves down to "Mark done".
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('rebind')
    await focusCommand(page, 'Mark done')
    const status = dialog.getByRole('tabpanel').locator('.cheatsheet-message')

    // j is "Next customer"'s: refused, with its name.
    await page.keyboard.press('Enter')
    await expect.poll(() => status.textContent()).toMatch(/Press the new key/)
    await page.keyboard.press('j')
    await expect.poll(() => status.textContent(), { timeout: 3000 }).toMatch(/already used by “Next customer”/)
    await shot(page, 'settings-keyboard-taken-en.png')

    await page.keyboard.press('Enter')
    await page.keyboard.press('x')
    await expect.poll(() => status.textContent(), { timeout: 3000 }).toMatch(/New key saved for “Mark done”/)
    expect(await focusedText(page)).toMatch(/^Mark done\s*x$/i)
    await shot(page, 'settings-keyboard-en.png')
    await expect.poll(async () => (await settings()).keyBindings).toEqual({ 'inbox.done': ['x'] })

    // Back in the inbox: e does nothing now, x marks done (and u undoes it).
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.isVisible()).toBe(false)
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox')
    const before = await waitingCount(page)
    await page.keyboard.press('e')
    await page.waitForTimeout(300)
    expect(await waitingCount(page)).toBe(before)
    await page.keyboard.press('x')
    await expect.poll(() => waitingCount(page)).toBe(before - 1)
    await page.keyboard.press('u')
    await expect.poll(() => waitingCount(page)).toBe(before)

    // A reload (a restart of the window) reads the key back from settings.json; the cheat sheet
    // shows it too.
    await page.reload()
    await inboxShown(page)
    await page.keyboard.press('?')
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect.poll(() => sheet.isVisible()).toBe(true)
    await expect.poll(() => sheet.locator('[data-command="inbox.done"]').textContent()).toMatch(/^Mark done\s*x$/i)
    await page.keyboard.press('Escape')
    await expect.poll(() => sheet.isVisible()).toBe(false)
    const again = await waitingCount(page)
    await page.keyboard.press('x')
    await expect.poll(() => waitingCount(page)).toBe(again - 1)
    await page.keyboard.press('u')
    await expect.poll(() => waitingCount(page)).toBe(again)

    // In Japanese: the same section, then every key back to its default.
    await page.keyboard.press('Control+k')
    const palette = page.getByRole('dialog', { name: 'Commands' })
    await expect.poll(() => palette.isVisible()).toBe(true)
    await page.keyboard.type('switch lang')
    await expect.poll(() => palette.getByRole('option').first().textContent()).toMatch(/Switch language/)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ja')
    await page.keyboard.press('g')
    await page.keyboard.press(',')
    const dialogJa = page.getByRole('dialog', { name: '設定' })
    await expect.poll(() => dialogJa.isVisible()).toBe(true)
    await page.keyboard.press('6')
    await expect
      .poll(() => dialogJa.getByRole('tab', { name: /キーボード/ }).getAttribute('aria-selected'))
      .toBe('true')
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('rebind')
    await focusCommand(page, '対応済みにする')
    expect(await focusedText(page)).toMatch(/x$/i)
    await shot(page, 'settings-keyboard-ja.png')
    const resetAll = dialogJa.getByRole('button', { name: 'すべてのキーを既定に戻す' })
    for (let i = 0; i < 200 && !(await resetAll.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => dialogJa.getByRole('tabpanel').locator('.cheatsheet-message').textContent())
      .toMatch(/既定に戻しました/)
    await expect.poll(async () => (await settings()).keyBindings).toEqual({})
    await shot(page, 'settings-keyboard-reset-ja.png')
    await page.keyboard.press('Escape')
    await expect.poll(() => dialogJa.isVisible()).toBe(false)
    const last = await waitingCount(page)
    await page.keyboard.press('e')
    await expect.poll(() => waitingCount(page)).toBe(last - 1)
    await page.keyboard.press('u')
    await expect.poll(() => waitingCount(page)).toBe(last)
    expect(page.errors).toEqual([])
    await page.context().close()
  })
})
