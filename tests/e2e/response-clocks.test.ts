// Response clocks from the keyboard, in the real renderer in Chromium against browser mode on a
// demo workspace: `g o` shows the customers whose clock ran out, longest overdue first; `s` can
// snooze until the customer replies; Settings › Response times (key 5) changes a channel's
// policy and the shop's hours, in English and Japanese.
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { engineValue, isFocused, openInbox as openApp, shot, useE2eApp } from '../rigs/e2e'

const rig = useE2eApp('clocks')

const openInbox = () => openApp(rig.browser, rig.app.url, { minRows: 11 })
const title = (page: Page) => page.locator('.screen-title').first().textContent()

/**
 * Types into a focused en-US datetime-local field as a person does: each part's digits, moving on
 * with → where the field does not (after the year, which takes up to six digits).
 */
async function typeDateTime(
  page: Page,
  at: { month: string; day: string; year: string; time: string; half: 'A' | 'P' },
) {
  await page.keyboard.type(at.month + at.day + at.year)
  await page.keyboard.press('ArrowRight')
  await page.keyboard.type(at.time)
  await page.keyboard.type(at.half)
}

async function selectedCustomer(page: Page): Promise<string | null> {
  const id = await page.getByRole('listbox').getAttribute('aria-activedescendant')
  return id ? page.locator(`#${id}`).getAttribute('data-customer') : null
}

describe('response clocks from the keyboard', () => {
  it('shows the overdue customers with g o, the longest overdue first, and g i goes back', async () => {
    const page = await openInbox()
    await page.keyboard.press('g')
    await page.keyboard.press('o')
    await expect.poll(() => title(page)).toMatch(/customers? overdue/)
    expect(await page.locator('.view-tab.current').textContent()).toMatch(/^Overdue/)
    await expect.poll(() => page.getByRole('listbox').getByRole('option').count()).toBeGreaterThan(0)
    // Every clock shown has run out, and the first ran out longest ago.
    const rows = await engineValue(rig.engine.call('inbox.list', { view: 'overdue', limit: 500 }))
    expect(rows.total).toBeGreaterThan(0)
    const dues = rows.rows.map((r) => r.dueAt!)
    expect(dues).toEqual([...dues].sort())
    expect(dues.every((d) => Date.parse(d) < Date.now())).toBe(true)
    const clocks = await page.locator('.row-clock.clock').evaluateAll((els) => els.map((e) => e.className))
    expect(clocks.length).toBeGreaterThan(0)
    expect(clocks.every((c) => c.includes('late'))).toBe(true)
    expect(await selectedCustomer(page)).toBe(rows.rows[0]!.customerId)
    await shot(page, 'overdue-en.png')

    await page.keyboard.press('g')
    await page.keyboard.press('i')
    await expect.poll(() => title(page)).toMatch(/customers waiting/)
    expect(page.errors).toEqual([])
    await page.context().close()
  })

  it('snoozes until the customer replies: no time, listed under Snoozed as waiting for the reply', async () => {
    const page = await openInbox()
    const customer = await selectedCustomer(page)
    await page.keyboard.press('s')
    const picker = page.getByRole('dialog', { name: 'Snooze until…' })
    await expect.poll(() => picker.isVisible()).toBe(true)
    const options = picker.getByRole('option')
    await expect.poll(() => options.last().textContent()).toContain('Until they reply')
    expect(await picker.textContent()).toContain('Next business morning')
    await shot(page, 'snooze-reply-en.png')
    // The last choice, by its number.
    await page.keyboard.press(String(await options.count()))
    await expect.poll(() => picker.isVisible()).toBe(false)
    await expect.poll(() => page.locator('.status-message').textContent()).toContain('until they reply')

    const view = await engineValue(rig.engine.call('customer.get', { customerId: customer! }))
    expect(view.conversations.some((c) => c.status === 'snoozed' && c.snoozedUntilReply === true)).toBe(true)
    await page.keyboard.press('g')
    await page.keyboard.press('s')
    await expect.poll(() => title(page)).toMatch(/snoozed/)
    const row = page.locator(`[data-customer="${customer}"]`)
    await expect.poll(() => row.locator('.row-clock').textContent()).toBe('until they reply')
    // u brings them back.
    await page.keyboard.press('g')
    await page.keyboard.press('i')
    await page.keyboard.press('u')
    await expect.poll(() => selectedCustomer(page)).toBe(customer)
    expect(page.errors).toEqual([])
    await page.context().close()
  })

  it('snoozes until a date and time typed into the picker, refusing one in the past', async () => {
    const page = await openInbox()
    const customer = await selectedCustomer(page)
    await page.keyboard.press('s')
    const picker = page.getByRole('dialog', { name: 'Snooze until…' })
    await expect.poll(() => picker.isVisible()).toBe(true)
    await page.keyboard.press('Tab')
    const field = picker.locator('input[type="datetime-local"]')
    await expect.poll(() => isFocused(field)).toBe(true)
    // Chromium's en-US field takes month, day, year, hour, minute, AM/PM as typed digits.
    await typeDateTime(page, { month: '01', day: '02', year: '2020', time: '0930', half: 'A' })
    await page.keyboard.press('Enter')
    await expect.poll(() => picker.getByRole('alert').textContent()).toContain('still to come')
    const year = new Date().getFullYear() + 1
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft')
    await typeDateTime(page, { month: '03', day: '05', year: String(year), time: '0415', half: 'P' })
    expect(await field.inputValue()).toBe(`${year}-03-05T16:15`)
    await page.keyboard.press('Enter')
    await expect.poll(() => picker.isVisible()).toBe(false)
    // The picker closes as the snooze is asked for; the engine has it a moment later.
    const snoozedOf = async () =>
      (await engineValue(rig.engine.call('customer.get', { customerId: customer! }))).conversations.find(
        (c) => c.status === 'snoozed',
      )
    await expect.poll(async () => (await snoozedOf())?.snoozedUntil).toBeDefined()
    const snoozed = await snoozedOf()
    // The seller's zone is this machine's (settings say "system"), as the browser's is.
    expect(new Date(snoozed!.snoozedUntil!).getTime()).toBe(new Date(year, 2, 5, 16, 15).getTime())
    await page.keyboard.press('u')
    await expect.poll(() => selectedCustomer(page)).toBe(customer)
    expect(page.errors).toEqual([])
    await page.context().close()
  })

  it('changes response times in Settings (key 5), in English and Japanese', async () => {
    const page = await openInbox()
    await page.keyboard.press('Control+,')
    const settings = page.getByRole('dialog', { name: 'Settings' })
    await expect.poll(() => settings.isVisible()).toBe(true)
    await page.keyboard.press('5')
    await expect.poll(() => settings.getByRole('heading', { name: 'Response times' }).isVisible()).toBe(true)
    // The focus lands on the first field: e-mail's response time. Type 12 and leave the field.
    const email = settings.getByLabel('E-mail: response time')
    await expect.poll(() => isFocused(email)).toBe(true)
    await page.keyboard.press('Control+a')
    await page.keyboard.type('12')
    await page.keyboard.press('Tab')
    await expect
      .poll(async () => (await engineValue(rig.engine.call('settings.get', {}))).responsePolicies?.email)
      .toEqual({ amount: 12, unit: 'hours' })
    // Its unit, from the keyboard: business hours.
    await page.keyboard.press('ArrowDown')
    await expect
      .poll(async () => (await engineValue(rig.engine.call('settings.get', {}))).responsePolicies?.email)
      .toEqual({ amount: 12, unit: 'businessHours' })
    // A bad number is refused where it is typed, and nothing is saved.
    const rakuten = settings.getByLabel('Rakuten: response time')
    for (let i = 0; i < 20 && !(await isFocused(rakuten)); i++) await page.keyboard.press('Tab')
    await page.keyboard.press('Control+a')
    await page.keyboard.type('0')
    await expect.poll(() => settings.getByText('A number above zero.').isVisible()).toBe(true)
    await page.keyboard.press('Control+a')
    await page.keyboard.type('2')
    await page.keyboard.press('Tab')
    await expect
      .poll(async () => (await engineValue(rig.engine.call('settings.get', {}))).responsePolicies?.rakuten)
      .toEqual({ amount: 2, unit: 'businessDays' })
    // Saturday becomes an open day: Tab to its checkbox, Space.
    const saturday = settings.getByRole('checkbox', { name: 'Sat' })
    for (let i = 0; i < 40 && !(await isFocused(saturday)); i++) await page.keyboard.press('Tab')
    await page.keyboard.press('Space')
    await expect
      .poll(async () => (await engineValue(rig.engine.call('settings.get', {}))).businessHours?.days)
      .toEqual([1, 2, 3, 4, 5, 6])
    await expect.poll(() => saturday.isChecked(), { timeout: 5000 }).toBe(true)
    await shot(page, 'settings-response-times-en.png')

    await engineValue(rig.engine.call('settings.update', { language: 'ja' }))
    const settingsJa = page.getByRole('dialog', { name: '設定' })
    await expect.poll(() => settingsJa.getByRole('heading', { name: '返信期限' }).isVisible()).toBe(true)
    await shot(page, 'settings-response-times-ja.png')
    await page.keyboard.press('Escape')
    await page.keyboard.press('g')
    await page.keyboard.press('o')
    await expect.poll(() => title(page)).toMatch(/返信期限を過ぎたお客様/)
    await shot(page, 'overdue-ja.png')
    await page.keyboard.press('s')
    const pickerJa = page.getByRole('dialog', { name: 'スヌーズの終了日時' })
    await expect.poll(() => pickerJa.isVisible()).toBe(true)
    expect(await pickerJa.textContent()).toContain('お客様から返信があるまで')
    expect(await pickerJa.textContent()).toContain('翌営業日の朝')
    await shot(page, 'snooze-reply-ja.png')
    await page.keyboard.press('Escape')
    await engineValue(rig.engine.call('settings.update', { language: 'en' }))
    expect(page.errors).toEqual([])
    await page.context().close()
  })
})
