// Callbacks from the keyboard only, in the real renderer in Chromium against browser mode on the
// demo workspace: `c` on a customer plans a callback, `g c` shows it among the others, `e` marks
// it done; the weekly call-five plan (`2`) takes a logged call, which shows in the voice of the
// customer (`3`). Screens in English and Japanese.
import { describe, expect, it } from 'vitest'
import { keys, openInbox, shot, useE2eApp, type TestPage } from '../rigs/e2e'

const rig = useE2eApp('callbacks')

const openApp = (locale: string): Promise<TestPage> =>
  openInbox(rig.browser, rig.app.url, { locale, viewport: { width: 1280, height: 860 }, minRows: 6 })

describe('callbacks from the keyboard', () => {
  it('plans a callback with c, finds it with g c, and marks it done with e', async () => {
    const page = await openApp('en-US')
    await keys(page, 'j')
    await keys(page, 'c')
    const dialog = page.locator('dialog.callback-dialog[open]')
    await expect.poll(() => dialog.count()).toBe(1)
    // The quick times have the focus: 2 is tomorrow morning, and the reason field takes over.
    await keys(page, '2')
    const reason = dialog.getByLabel('Reason')
    await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await reason.inputValue()).toMatch(/^Call back about “.+”$/)
    await keys(page, 'ControlOrMeta+a')
    await page.keyboard.type('Ask whether the teapot lid fits now')
    await keys(page, 'Tab', 'ControlOrMeta+a')
    await page.keyboard.type('090-1234-5678')
    await keys(page, 'Tab')
    await page.keyboard.type('Have the spare lids ready')
    await shot(page, 'callbacks-dialog-en.png')
    await keys(page, 'ControlOrMeta+Enter')
    await expect.poll(() => dialog.count()).toBe(0)
    await expect.poll(() => page.locator('.statusbar, footer').first().textContent()).toMatch(/Callback planned/)

    await keys(page, 'g', 'c')
    const screen = page.locator('dialog.callbacks-screen[open]')
    await expect.poll(() => screen.count()).toBe(1)
    const rows = screen.locator('.cb-row')
    await expect.poll(() => rows.count()).toBeGreaterThan(3)
    await expect.poll(() => screen.locator('.cb-upcoming').textContent()).toMatch(/teapot lid fits/)
    expect(await screen.locator('.cb-row.overdue').count()).toBeGreaterThan(0)
    await shot(page, 'callbacks-list-en.png')

    // Walk down to it and mark it done.
    const texts = await rows.allTextContents()
    const index = texts.findIndex((t) => t.includes('teapot lid fits'))
    expect(index).toBeGreaterThanOrEqual(0)
    for (let i = 0; i < index; i++) await keys(page, 'j')
    expect(await screen.locator('.cb-row.selected').textContent()).toMatch(/teapot lid fits/)
    expect(await screen.locator('.cb-row.selected').textContent()).toMatch(/090-1234-5678/)
    const before = await rows.count()
    await keys(page, 'e')
    await expect.poll(() => rows.count()).toBe(before - 1)
    expect((await rows.allTextContents()).some((t) => t.includes('teapot lid fits'))).toBe(false)
    await expect.poll(() => screen.locator('.callbacks-foot').textContent()).toMatch(/^Done: call with/)

    // Home goes to the first row, an overdue one; snoozed an hour, it leaves Overdue.
    await keys(page, 'Home')
    await expect.poll(() => rows.first().getAttribute('class')).toMatch(/\bselected\b/)
    const overdue = screen.locator('.cb-row.overdue')
    const overdueBefore = await overdue.count()
    await keys(page, 'k', 'k', 'k', 's')
    await expect.poll(() => overdue.count()).toBe(overdueBefore - 1)

    // Enter opens the customer behind the selected callback.
    await keys(page, 'Enter')
    await expect.poll(() => screen.count()).toBe(0)
    await expect.poll(() => page.locator('.timeline .message').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    // The customer's screen lists their callback beside the timeline.
    await expect.poll(() => page.locator('.customer-calls').count()).toBe(1)
    await shot(page, 'callbacks-customer-en.png')
    expect(page.errors).toEqual([])
  }, 90_000)

  it('logs a call-five answer and reads it in the voice of the customer', async () => {
    const page = await openApp('en-US')
    await keys(page, 'g', 'f')
    const screen = page.locator('dialog.callbacks-screen[open]')
    const picks = screen.locator('.five-pick')
    await expect.poll(() => picks.count(), { timeout: 10_000 }).toBe(5)
    expect(await screen.locator('.five-script').textContent()).toMatch(/What did you (like|dislike)|良かった点/)
    await keys(page, 'j')
    const name = (await screen.locator('.five-pick.selected .cb-who').textContent())!.trim()
    await shot(page, 'callbacks-five-en.png')

    await keys(page, 'l')
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type))
      .toBe('radio')
    await keys(page, 'Tab')
    await page.keyboard.type('9')
    await keys(page, 'Tab')
    await page.keyboard.type('The celadon glaze')
    await keys(page, 'Tab')
    await page.keyboard.type('The box was far too big')
    await keys(page, 'Tab')
    await page.keyboard.type('Smaller boxes, less tape')
    await shot(page, 'callbacks-log-en.png')
    await keys(page, 'ControlOrMeta+Enter')
    await expect.poll(() => screen.locator('.callbacks-foot').textContent()).toMatch(/logged/)
    await expect.poll(() => screen.locator('.five-pick.selected .five-called').count()).toBe(1)

    await keys(page, '3')
    const voice = screen.locator('.voice-entry')
    await expect.poll(() => voice.count()).toBe(1)
    expect(await voice.first().textContent()).toContain(name)
    expect(await voice.first().textContent()).toContain('The box was far too big')
    expect(await voice.first().textContent()).toContain('9/10')
    await shot(page, 'callbacks-voice-en.png')
    await keys(page, 'Escape')
    await expect.poll(() => screen.count()).toBe(0)
    expect(page.errors).toEqual([])
  }, 90_000)

  it('speaks Japanese', async () => {
    const page = await openApp('ja-JP')
    await keys(page, 'c')
    const dialog = page.locator('dialog.callback-dialog[open]')
    await expect.poll(() => dialog.count()).toBe(1)
    await expect.poll(() => dialog.textContent()).toMatch(/折り返し電話を予定する/)
    await shot(page, 'callbacks-dialog-ja.png')
    await keys(page, 'Escape')
    await expect.poll(() => dialog.count()).toBe(0)

    await keys(page, 'g', 'c')
    const screen = page.locator('dialog.callbacks-screen[open]')
    await expect.poll(() => screen.textContent()).toMatch(/期限切れ/)
    await shot(page, 'callbacks-list-ja.png')
    await keys(page, '2')
    await expect.poll(() => screen.locator('.five-pick').count()).toBe(5)
    await expect.poll(() => screen.textContent()).toMatch(/電話の台本/)
    await shot(page, 'callbacks-five-ja.png')
    await keys(page, '3')
    await expect.poll(() => screen.textContent()).toMatch(/お客様の声/)
    await shot(page, 'callbacks-voice-ja.png')
    expect(page.errors).toEqual([])
  }, 90_000)
})
