// Triage from the keyboard only, in the real renderer in Chromium against browser mode on a
// demo workspace: move, open, back, done and undo, the palette, the cheat sheet, switching to
// Japanese, and Japanese input that never triggers a shortcut.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { focusedRole, openInbox as openApp, shot, useE2eApp } from '../rigs/e2e'

const rig = useE2eApp('keys')

const openInbox = (viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1) =>
  openApp(rig.browser, rig.app.url, { viewport, deviceScaleFactor, minRows: 11 })

/** The customer the inbox points at: the listbox's active descendant. */
async function selected(page: Page): Promise<string | null> {
  const id = await page.getByRole('listbox').getAttribute('aria-activedescendant')
  if (!id) return null
  return page.locator(`#${id}`).getAttribute('data-customer')
}

async function selectedName(page: Page): Promise<string> {
  const id = await page.getByRole('listbox').getAttribute('aria-activedescendant')
  return (await page.locator(`#${id} .name`).textContent()) ?? ''
}

function title(page: Page): Promise<string | null> {
  return page.locator('.screen-title').first().textContent()
}

/** The number in "N customers waiting". */
async function waitingCount(page: Page): Promise<number> {
  const text = (await title(page)) ?? ''
  return Number(/([\d,]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN)
}

describe('inbox from the keyboard', () => {
  it('moves with j / k, opens with Enter and comes back with Esc on the same customer', async () => {
    const page = await openInbox()
    await shot(page, 'inbox-en.png')
    const first = await selected(page)
    await page.keyboard.press('j')
    await page.keyboard.press('j')
    const third = await selected(page)
    expect(third).not.toBe(first)
    await page.keyboard.press('k')
    const second = await selected(page)
    expect(second).not.toBe(third)
    expect(second).not.toBe(first)
    // The selected row is the one that shows the focus, and the list keeps it.
    expect(await focusedRole(page)).toBe('listbox')
    expect(await page.locator(`[data-customer="${second}"]`).getAttribute('aria-selected')).toBe('true')

    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.timeline .message').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await page.keyboard.press('Escape')
    await expect.poll(() => selected(page)).toBe(second)
    await expect.poll(() => focusedRole(page)).toBe('listbox')
    expect(page.errors).toEqual([])
    await page.context().close()
  })

  it('marks done with e, selects the next customer, and u brings the customer back', async () => {
    const page = await openInbox()
    await page.keyboard.press('j')
    const before = await waitingCount(page)
    const done = await selected(page)
    const doneName = await selectedName(page)
    await page.keyboard.press('j')
    const next = await selected(page)
    await page.keyboard.press('k')

    await page.keyboard.press('e')
    await expect.poll(() => selected(page)).toBe(next)
    await expect.poll(() => page.locator(`[data-customer="${done}"]`).count()).toBe(0)
    await expect.poll(() => waitingCount(page)).toBe(before - 1)
    expect(await page.locator('.status-message').textContent()).toContain(`Marked done: ${doneName}`)
    // Still done once the engine's live update has been applied.
    await page.waitForTimeout(800)
    expect(await page.locator(`[data-customer="${done}"]`).count()).toBe(0)
    expect(await selected(page)).toBe(next)

    await page.keyboard.press('u')
    await expect.poll(() => selected(page)).toBe(done)
    await expect.poll(() => waitingCount(page)).toBe(before)
    await page.waitForTimeout(800)
    expect(await selected(page)).toBe(done)

    // Done from inside a customer: back to the inbox on the next one.
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.timeline .message').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await page.keyboard.press('e')
    await expect.poll(() => selected(page)).toBe(next)
    await expect.poll(() => focusedRole(page)).toBe('listbox')
    await page.keyboard.press('u')
    await expect.poll(() => selected(page)).toBe(done)
    expect(page.errors).toEqual([])
    await page.context().close()
  })

  it('snoozes with s and a number, lists the customer under Snoozed, and u brings them back', async () => {
    const page = await openInbox()
    await page.keyboard.press('g')
    await page.keyboard.press('s')
    await expect.poll(() => title(page)).toMatch(/snoozed/)
    const snoozedBefore = await waitingCount(page)
    await page.keyboard.press('g')
    await page.keyboard.press('i')
    await expect.poll(() => title(page)).toMatch(/waiting/)
    await expect.poll(() => page.getByRole('listbox').getByRole('option').count()).toBeGreaterThan(10)

    const before = await waitingCount(page)
    const snoozed = await selected(page)
    const name = await selectedName(page)
    await page.keyboard.press('j')
    const next = await selected(page)
    await page.keyboard.press('k')
    await page.keyboard.press('s')
    const picker = page.getByRole('dialog', { name: 'Snooze until…' })
    await expect.poll(() => picker.isVisible()).toBe(true)
    expect(await picker.getByRole('option').count()).toBeGreaterThanOrEqual(4)
    await shot(page, 'snooze-en.png')
    await page.keyboard.press('2')
    await expect.poll(() => picker.isVisible()).toBe(false)
    await expect.poll(() => selected(page)).toBe(next)
    await expect.poll(() => waitingCount(page)).toBe(before - 1)
    expect(await page.locator('.status-message').textContent()).toContain(`Snoozed ${name} until`)

    await page.keyboard.press('g')
    await page.keyboard.press('s')
    await expect.poll(() => waitingCount(page)).toBe(snoozedBefore + 1)
    await page.keyboard.press('g')
    await page.keyboard.press('i')
    await expect.poll(() => title(page)).toMatch(/waiting/)
    await page.keyboard.press('u')
    await expect.poll(() => selected(page)).toBe(snoozed)
    await expect.poll(() => waitingCount(page)).toBe(before)
    expect(page.errors).toEqual([])
    await page.context().close()
  })

  it('goes to another view with g a and back with g i, showing the first key while waiting', async () => {
    const page = await openInbox()
    await page.keyboard.press('g')
    await expect.poll(() => page.locator('.status-keys').textContent()).toContain('g …')
    await page.keyboard.press('a')
    await expect.poll(() => title(page)).toMatch(/^\d[\d,]* customers$/)
    expect(await page.locator('.view-tab.current').textContent()).toMatch(/^All/)
    await page.keyboard.press('g')
    await page.keyboard.press('i')
    await expect.poll(() => title(page)).toMatch(/customers waiting/)
    await expect.poll(() => focusedRole(page)).toBe('listbox')
    await page.context().close()
  })

  it('shows the cheat sheet with ? and closes it with Esc', async () => {
    const page = await openInbox()
    await page.keyboard.press('?')
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect.poll(() => sheet.isVisible()).toBe(true)
    for (const group of ['Move', 'Triage', 'Go to', 'App']) {
      expect(await sheet.getByRole('heading', { name: group, exact: true }).isVisible()).toBe(true)
    }
    expect(await sheet.getByText('Mark done', { exact: true }).isVisible()).toBe(true)
    await shot(page, 'cheatsheet-en.png')
    await page.keyboard.press('Escape')
    await expect.poll(() => sheet.isVisible()).toBe(false)
    await expect.poll(() => focusedRole(page)).toBe('listbox')
    await page.context().close()
  })

  it('rebinds a key in the cheat sheet, and the new key works after a reload', async () => {
    const page = await openInbox()
    await page.keyboard.press('?')
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect.poll(() => sheet.isVisible()).toBe(true)
    // The first entry is "Next customer": Enter records, n is the new key.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Next customer/)
    await page.keyboard.press('Enter')
    await page.keyboard.press('n')
    await expect
      .poll(() => sheet.locator('.cheatsheet-message').textContent(), { timeout: 3000 })
      .toMatch(/New key saved/)
    await page.keyboard.press('Escape')
    await page.reload()
    await expect
      .poll(() => page.getByRole('listbox').getByRole('option').count(), { timeout: 15_000 })
      .toBeGreaterThan(10)
    const first = await selected(page)
    await page.keyboard.press('j')
    expect(await selected(page)).toBe(first)
    await page.keyboard.press('n')
    await expect.poll(() => selected(page)).not.toBe(first)
    // Back to the default with Delete.
    await page.keyboard.press('?')
    await expect.poll(() => sheet.isVisible()).toBe(true)
    await page.keyboard.press('Delete')
    await expect.poll(() => sheet.locator('.cheatsheet-message').textContent()).toMatch(/default key/)
    await page.keyboard.press('Escape')
    const second = await selected(page)
    await page.keyboard.press('j')
    await expect.poll(() => selected(page)).not.toBe(second)
    await page.context().close()
  })

  it('never triggers a shortcut while Japanese is typed, in a field or through the IME', async () => {
    const page = await openInbox()
    const start = await selected(page)
    const count = await waitingCount(page)
    const cdp = await page.context().newCDPSession(page)

    // Keys the IME takes arrive as keyCode 229: j and e must not move or mark done.
    for (const key of ['j', 'e', 'g', 'i']) {
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, windowsVirtualKeyCode: 229 })
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, windowsVirtualKeyCode: 229 })
    }
    expect(await selected(page)).toBe(start)

    // A text field (as the search and the composer will have): typing never reaches the keymap.
    await page.evaluate(() => {
      const field = document.createElement('input')
      field.id = 'probe'
      field.setAttribute('aria-label', 'probe')
      document.querySelector('.topbar')!.append(field)
      field.focus()
    })
    await cdp.send('Input.imeSetComposition', { text: 'にほん', selectionStart: 3, selectionEnd: 3 })
    await cdp.send('Input.insertText', { text: '日本' })
    await page.keyboard.type('jjeu?')
    expect(await page.locator('#probe').inputValue()).toBe('日本jjeu?')
    expect(await page.getByRole('dialog').count()).toBe(0)

    // In the palette, Enter that commits a composition does not run a command.
    await page.keyboard.press('Control+k')
    const palette = page.getByRole('dialog', { name: 'Commands' })
    await expect.poll(() => palette.isVisible()).toBe(true)
    await cdp.send('Input.imeSetComposition', { text: 'げんご', selectionStart: 3, selectionEnd: 3 })
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', windowsVirtualKeyCode: 229 })
    expect(await palette.isVisible()).toBe(true)
    await cdp.send('Input.insertText', { text: '言語' })
    await page.keyboard.press('Escape')
    await expect.poll(() => palette.isVisible()).toBe(false)

    await page.waitForTimeout(500)
    expect(await selected(page)).toBe(start)
    expect(await waitingCount(page)).toBe(count)
    expect(await title(page)).toMatch(/customers waiting/) // still English
    expect(page.errors).toEqual([])
    await page.context().close()
  })

  it('switches to Japanese from the palette, and everything follows', async () => {
    const page = await openInbox()
    await page.keyboard.press('Control+k')
    const palette = page.getByRole('dialog', { name: 'Commands' })
    await expect.poll(() => palette.isVisible()).toBe(true)
    const combobox = palette.getByRole('combobox')
    expect(await combobox.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await palette.getByRole('listbox').getByRole('option').count()).toBeGreaterThan(5)
    await shot(page, 'palette-en.png')
    await page.keyboard.type('switch lang')
    await expect.poll(() => palette.getByRole('option').first().textContent()).toMatch(/Switch language/)
    expect(await combobox.getAttribute('aria-activedescendant')).toBe(
      await palette.getByRole('option').first().getAttribute('id'),
    )
    await page.keyboard.press('Enter')
    await expect.poll(() => palette.isVisible()).toBe(false)
    await expect.poll(() => title(page)).toMatch(/対応待ちのお客様/)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja')
    expect(await page.locator('.view-tab.current').textContent()).toMatch(/対応待ち/)
    await expect.poll(() => focusedRole(page)).toBe('listbox')
    await shot(page, 'inbox-ja.png')

    // The palette finds commands by their Japanese names, and by English ones too.
    await page.keyboard.press('Control+k')
    const paletteJa = page.getByRole('dialog', { name: 'コマンド' })
    await expect.poll(() => paletteJa.isVisible()).toBe(true)
    await shot(page, 'palette-ja.png')
    await page.keyboard.type('対応済み')
    await expect.poll(() => paletteJa.getByRole('option').first().textContent()).toMatch(/対応済みにする/)
    await page.keyboard.press('Escape')
    await expect.poll(() => paletteJa.isVisible()).toBe(false)

    await page.keyboard.press('?')
    const sheet = page.getByRole('dialog', { name: 'キーボードショートカット' })
    await expect.poll(() => sheet.isVisible()).toBe(true)
    expect(await sheet.getByRole('heading', { name: '移動' }).isVisible()).toBe(true)
    await shot(page, 'cheatsheet-ja.png')
    await page.keyboard.press('Escape')

    // The choice is a setting: a new window opens in Japanese.
    const again = await openInbox({ width: 1920, height: 1080 }, 2)
    await expect.poll(() => title(again)).toMatch(/対応待ちのお客様/)
    await shot(again, 'inbox-ja-4k.png')
    await again.context().close()

    // And back to English, from the palette again.
    await page.keyboard.press('Control+k')
    await page.keyboard.type('switch')
    await page.keyboard.press('Enter')
    await expect.poll(() => title(page)).toMatch(/customers waiting/)
    expect(page.errors).toEqual([])
    await page.context().close()
  })
})
