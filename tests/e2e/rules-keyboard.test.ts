// Rules from the keyboard only, in the real renderer in Chromium against browser mode on the
// demo workspace: `g u` lists the default rules, `n` starts a rule, saving it half-filled shows
// what to fix by the field, then it is filled in and saved (Ctrl+S); it fires at once on the demo's
// answers left unanswered, the log (`2`) says why, Enter opens the customer, whose sidebar names
// the rule. Screens in English and Japanese.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { keys, openInbox, shot, useE2eApp, type TestPage } from '../rigs/e2e'

const rig = useE2eApp('rules')

const openApp = (locale: string): Promise<TestPage> =>
  openInbox(rig.browser, rig.app.url, { locale, viewport: { width: 1280, height: 860 }, minRows: 6 })
/** Tab (only the keyboard) until the field with this id has the focus. */
async function tabTo(page: Page, id: string) {
  for (let i = 0; i < 60; i++) {
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) return
    await keys(page, 'Tab')
  }
  throw new Error(`never reached #${id} with Tab`)
}

describe('rules from the keyboard', () => {
  it('makes a rule, is told what to fix, saves it, and reads in the log why it fired', async () => {
    const page = await openApp('en-US')
    // The default clock rule marks rows whose answer is due within 2 hours.
    await shot(page, 'rules-inbox-en.png')
    await keys(page, 'g', 'u')
    const screen = page.locator('dialog.rules-screen[open]')
    await expect.poll(() => screen.count()).toBe(1)
    const options = screen.locator('.rules-option')
    await expect.poll(() => options.count()).toBe(3)
    expect(await options.first().textContent()).toMatch(/Bad review → call today/)
    await shot(page, 'rules-list-en.png')

    // A new rule saved half-filled: each problem under its field, nothing saved.
    await keys(page, 'n')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('rule-name')
    await keys(page, 'ControlOrMeta+s')
    await expect
      .poll(() => screen.locator('.rule-issue').allTextContents())
      .toEqual(
        expect.arrayContaining([
          'Give the rule a name, e.g. "Bad review → call".',
          'A tag cannot be empty.',
          'Could not save the rule: Fix what is marked, then save again.',
        ]),
      )
    await shot(page, 'rules-editor-problems-en.png')
    expect(await options.count()).toBe(3)

    // Filled in: no reply a day after our answer → tag "chase".
    await page.keyboard.type('Unanswered a day → chase')
    await tabTo(page, 'rule-trigger')
    await keys(page, 'ArrowDown', 'ArrowDown')
    expect(await page.locator('#rule-trigger').inputValue()).toBe('noReply')
    await tabTo(page, 'rule-amount')
    await keys(page, 'ControlOrMeta+a')
    await page.keyboard.type('1')
    await tabTo(page, 'rule-action-0-tag')
    await page.keyboard.type('chase')
    await shot(page, 'rules-editor-en.png')
    await keys(page, 'ControlOrMeta+s')
    await expect.poll(() => options.count()).toBe(4)
    await expect.poll(() => screen.locator('.rules-option.active').textContent()).toMatch(/Unanswered a day → chase/)
    // It looked at the demo's answers at once: it fired on those unanswered for a day or more.
    await expect
      .poll(() => screen.locator('.rules-option.active .rules-count').textContent(), { timeout: 10_000 })
      .toMatch(/fired (once|\d+ times)/)

    // Off and on again with x.
    await keys(page, 'x')
    await expect.poll(() => screen.locator('.rules-option.active .rules-state').textContent()).toBe('Off')
    await keys(page, 'x')
    await expect.poll(() => screen.locator('.rules-option.active .rules-state').textContent()).toBe('On')

    // The log: why it fired and what it did.
    await keys(page, '2')
    const firings = screen.locator('.rules-firing')
    await expect.poll(() => firings.count()).toBeGreaterThan(0)
    const ours = screen.locator('.rules-firing', { hasText: 'Unanswered a day → chase' })
    await expect.poll(() => ours.count()).toBeGreaterThan(0)
    await expect
      .poll(() => ours.first().textContent())
      .toMatch(/no reply for 1 day after our answer of .*tagged “chase”/)
    await shot(page, 'rules-log-en.png')

    // Enter opens the customer it fired on; the sidebar names the rule.
    const texts = await firings.allTextContents()
    const index = texts.findIndex((t) => t.includes('Unanswered a day → chase'))
    for (let i = 0; i < index; i++) await keys(page, 'j')
    await keys(page, 'Enter')
    await expect.poll(() => screen.count()).toBe(0)
    const sidebar = page.locator('.customer-rules')
    await expect.poll(() => sidebar.count(), { timeout: 10_000 }).toBe(1)
    expect(await sidebar.textContent()).toMatch(/Unanswered a day → chase.*tagged “chase”/)
    await shot(page, 'rules-customer-en.png')
    expect(page.errors).toEqual([])
  }, 90_000)

  it('shows the rules, the editor and the log in Japanese', async () => {
    const page = await openApp('ja-JP')
    await keys(page, 'g', 'u')
    const screen = page.locator('dialog.rules-screen[open]')
    await expect.poll(() => screen.count()).toBe(1)
    await expect.poll(() => screen.locator('.rules-option').count()).toBe(4)
    expect(await screen.locator('h1').textContent()).toBe('ルール')
    expect(await screen.locator('.rules-option').first().textContent()).toMatch(/低評価・否定的なフィードバック/)
    await shot(page, 'rules-list-ja.png')
    await keys(page, 'Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('rule-name')
    await shot(page, 'rules-editor-ja.png')
    await keys(page, 'Escape', '2')
    await expect.poll(() => screen.locator('.rules-firing').count()).toBeGreaterThan(0)
    expect(await screen.locator('.rules-firing').first().textContent()).toMatch(/回答から|返信期限|タグ/)
    await shot(page, 'rules-log-ja.png')
    await keys(page, 'Escape')
    await expect.poll(() => screen.count()).toBe(0)
    expect(page.errors).toEqual([])
  }, 60_000)
})
