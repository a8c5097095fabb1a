// Merging, splitting and undoing customers, and importing an order file, from the keyboard only,
// in the real renderer in Chromium against browser mode on the demo workspace; English and
// Japanese screenshots of each dialog.
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { InboxPage, RequestInput, RequestMethod } from '../../preload/api'
import { engineValue, openInbox, shot as shotOf, useE2eApp, type TestPage } from '../rigs/e2e'

const FIXTURES = resolve(import.meta.dirname, '../fixtures/orders')
const rig = useE2eApp('customers')
let page: TestPage

const call = <M extends RequestMethod>(method: M, input: RequestInput<M>) => engineValue(rig.engine.call(method, input))
const shot = (name: string) => shotOf(page, name)

beforeAll(async () => {
  page = await openInbox(rig.browser, rig.app.url)
}, 60_000)

/** Waits until the keyboard is in a field of an open dialog. */
async function focusedIn(selector: string) {
  await expect
    .poll(() => page.evaluate((sel) => !!document.activeElement?.closest(sel), selector), { timeout: 5_000 })
    .toBe(true)
}

/** Runs a command through the palette, by a few words of its label. */
async function palette(words: string) {
  await page.keyboard.press('Control+k')
  await page.keyboard.type(words)
  await expect.poll(() => page.locator('dialog.palette [role=option]').first().textContent()).toContain(words)
  await page.keyboard.press('Enter')
}

describe('customers from the keyboard', () => {
  it('merges another customer into the one open, undoes it, and splits one off', async () => {
    const inbox = await call('inbox.list', { view: 'waiting', limit: 5 })
    const [keep, other] = inbox.rows as [InboxPage['rows'][number], InboxPage['rows'][number]]
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.sidebar #sidebar-identity').count(), { timeout: 10_000 }).toBe(1)

    await palette('Merge with another customer')
    const dialog = page.locator('dialog.identity-dialog[open]')
    await focusedIn('dialog.identity-dialog[open]')
    await page.keyboard.type(other.name)
    await expect.poll(() => dialog.locator('[role=option]').first().textContent()).toContain(other.name)
    await shot('merge-pick-en.png')
    await page.keyboard.press('Enter')
    await expect.poll(() => dialog.textContent()).toContain('move to')
    await shot('merge-confirm-en.png')
    await page.keyboard.press('Enter')
    await expect.poll(() => dialog.count()).toBe(0)
    const merged = await call('customer.get', { customerId: keep.customerId })
    expect(merged.customer.aliases).toContain(other.name)
    expect((await rig.engine.call('customer.get', { customerId: other.customerId })).ok).toBe(false)
    await expect.poll(() => page.locator('.identity-aliases').textContent(), { timeout: 5_000 }).toContain(other.name)
    await shot('merged-sidebar-en.png')

    await palette('Undo the last merge or split')
    await expect
      .poll(async () => (await rig.engine.call('customer.get', { customerId: other.customerId })).ok)
      .toBe(true)

    const view = await call('customer.get', { customerId: keep.customerId })
    await page.waitForTimeout(500)
    await palette('Split this customer')
    await focusedIn('dialog.identity-dialog[open]')
    // The first item (a conversation) goes to someone else, with the first address.
    await page.keyboard.press('Space')
    for (let i = 0; i < view.conversations.length; i++) await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Space')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Partner of the customer')
    await shot('split-en.png')
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => dialog.count()).toBe(0)
    const after = await call('customer.get', { customerId: keep.customerId })
    expect(after.conversations.length).toBe(view.conversations.length - 1)
    expect(after.customer.keys.length).toBe(view.customer.keys.length - 1)
  })

  it('imports an order file typed as a path', async () => {
    await palette('Import orders')
    const dialog = page.locator('dialog.order-import[open]')
    await focusedIn('dialog.order-import[open]')
    await page.keyboard.type(join(FIXTURES, 'generic-ja.csv'))
    await page.keyboard.press('Enter')
    await expect.poll(() => dialog.locator('.order-count').textContent()).toContain('2 orders')
    await shot('order-import-en.png')
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => dialog.locator('.order-done').textContent()).toContain('2 added')
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)

    await palette('Import orders')
    await focusedIn('dialog.order-import[open]')
    await page.keyboard.type(join(FIXTURES, 'bad-amount.csv'))
    await page.keyboard.press('Enter')
    await expect.poll(() => dialog.locator('.order-problems').textContent()).toContain('Line 3')
    await shot('order-import-problem-en.png')
    await page.keyboard.press('Escape')
  })

  it('shows the dialogs in Japanese', async () => {
    await engineValue(rig.engine.call('settings.update', { language: 'ja' }))
    try {
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ja')
      await palette('注文をインポート')
      await focusedIn('dialog.order-import[open]')
      await page.keyboard.type(join(FIXTURES, 'rakuten-sjis.csv'))
      await page.keyboard.press('Enter')
      const dialog = page.locator('dialog.order-import[open]')
      await expect.poll(() => dialog.locator('.order-count').textContent()).toContain('2 件')
      await shot('order-import-ja.png')
      await page.keyboard.press('Escape')
      await palette('別の顧客と統合')
      await focusedIn('dialog.identity-dialog[open]')
      await page.keyboard.type('a')
      await expect.poll(() => page.locator('dialog.identity-dialog[open] [role=option]').count()).toBeGreaterThan(0)
      await shot('merge-pick-ja.png')
      await page.keyboard.press('Escape')
      await palette('この顧客を分割')
      await expect.poll(() => page.locator('dialog.identity-dialog[open]').count()).toBe(1)
      await shot('split-ja.png')
      await page.keyboard.press('Escape')
    } finally {
      await engineValue(rig.engine.call('settings.update', { language: 'en' }))
    }
  })
})
