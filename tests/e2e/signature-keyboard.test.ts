// Signatures from the keyboard only, in the real renderer in Chromium against browser mode on
// the demo: set the demo account's signature in Settings › Accounts, see its one-line preview,
// reply and find it in the composer between the cursor and the quote; the editor in Japanese.
import { describe, expect, it } from 'vitest'
import { engineValue, isFocused, openInbox, shot, tabTo, useE2eApp } from '../rigs/e2e'

const SIGNATURE = 'アイコ茶器店 岡本 典子\nhttps://aiko-teaware.example'
/** The demo's English account (it also has a Japanese one, left without a signature). */
const ENGLISH = 'Shop mail (English)'

const rig = useE2eApp('signature')

const openPage = () => openInbox(rig.browser, rig.app.url, { cspReportsExpected: true })

describe('signatures from the keyboard', () => {
  it('sets the demo account signature in Settings and finds it in a reply, below the cursor and above the quote', async () => {
    const page = await openPage()
    await page.keyboard.press('Control+,')
    const settings = page.getByRole('dialog', { name: 'Settings' })
    await expect.poll(() => settings.isVisible()).toBe(true)
    const english = settings.getByRole('listitem', { name: ENGLISH })
    await expect.poll(() => english.getByText('No signature').isVisible()).toBe(true)

    await tabTo(page, english.getByRole('button', { name: 'Signature' }))
    await page.keyboard.press('Enter')
    const field = settings.getByLabel('Signature (plain text)')
    await expect.poll(() => isFocused(field)).toBe(true)
    const [first, second] = SIGNATURE.split('\n')
    await page.keyboard.insertText(first!)
    await page.keyboard.press('Enter')
    await page.keyboard.type(second!)
    await expect.poll(() => settings.getByText(`-- ${first} · ${second}`).isVisible()).toBe(true)
    await shot(page, 'signature-editor-en.png')
    await page.keyboard.press('Control+Enter')

    // Back on the list, on the button it was opened from, the signature previewed on one line.
    await expect.poll(() => english.getByText(`Signature: ${first} · ${second}`).isVisible()).toBe(true)
    await expect.poll(() => isFocused(english.getByRole('button', { name: 'Signature' }))).toBe(true)
    const accounts = await engineValue(rig.engine.call('account.list', {}))
    const account = accounts.find((a) => a.label === ENGLISH)!
    const other = accounts.find((a) => a.label !== ENGLISH)!
    expect(account.signature).toBe(SIGNATURE)
    await shot(page, 'signature-accounts-en.png')

    await page.keyboard.press('Escape')
    await expect.poll(() => settings.isVisible()).toBe(false)
    await page.getByRole('listbox').focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.timeline .message').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await page.keyboard.press('r')
    const body = page.locator('.composer textarea.composer-body')
    await expect.poll(() => isFocused(body), { timeout: 10_000 }).toBe(true)
    // The reply leaves from the account the customer wrote to: with the signature or without.
    const from = page.locator('#composer-from')
    const opened = await body.inputValue()
    const withSignature = (await from.inputValue()) === account.id
    expect(opened.includes(`\n\n-- \n${SIGNATURE}\n\n`)).toBe(withSignature)
    await page.keyboard.type('Thank you!')

    // Changing From (arrow keys on the list) brings the new account's signature, or takes it away.
    await tabTo(page, from, 'Shift+Tab')
    await page.keyboard.press(withSignature ? 'ArrowDown' : 'ArrowUp')
    if ((await from.inputValue()) === (withSignature ? account.id : other.id)) {
      await page.keyboard.press(withSignature ? 'ArrowUp' : 'ArrowDown')
    }
    await expect.poll(() => from.inputValue()).toBe(withSignature ? other.id : account.id)
    const swapped = await body.inputValue()
    expect(swapped.startsWith('Thank you!')).toBe(true)
    expect(swapped.includes(`-- \n${SIGNATURE}`)).toBe(!withSignature)
    if (withSignature) {
      await page.keyboard.press('ArrowUp')
      await expect.poll(() => from.inputValue()).toBe(account.id)
    }
    const text = await body.inputValue()
    expect(text.startsWith(`Thank you!\n\n-- \n${SIGNATURE}\n\n`)).toBe(true)
    expect(text.indexOf('-- \n')).toBeLessThan(text.indexOf('\n> '))
    await shot(page, 'signature-reply-en.png')

    // A template goes in at the cursor (after "Thank you!"), above the signature.
    await tabTo(page, body)
    await page.keyboard.press('Control+Home')
    await page.keyboard.press('End')
    await page.keyboard.press('Alt+t')
    const picker = page.getByRole('dialog', { name: 'Insert a template' })
    await expect.poll(() => picker.isVisible()).toBe(true)
    await expect.poll(() => picker.getByRole('option').count()).toBeGreaterThan(0)
    await page.keyboard.press('Enter')
    await expect.poll(() => picker.isVisible()).toBe(false)
    const withTemplate = await body.inputValue()
    expect(withTemplate.length).toBeGreaterThan(text.length)
    expect(withTemplate.startsWith('Thank you!')).toBe(true)
    expect(withTemplate.endsWith(text.slice('Thank you!'.length))).toBe(true)
    // A signature is not a server setting: saving one starts no sync of the demo's accounts.
    const status = await engineValue(rig.engine.call('sync.status', {}))
    expect(status.accounts.filter((a) => a.lastError)).toEqual([])
    expect(page.errors).toEqual([])
  })

  it('shows the signature editor in Japanese', async () => {
    await engineValue(rig.engine.call('settings.update', { language: 'ja' }))
    try {
      const page = await openPage()
      await page.keyboard.press('Control+,')
      const settings = page.getByRole('dialog', { name: '設定' })
      await expect.poll(() => settings.isVisible()).toBe(true)
      await tabTo(page, settings.getByRole('listitem', { name: ENGLISH }).getByRole('button', { name: '署名' }))
      await page.keyboard.press('Enter')
      const field = settings.getByLabel('署名（テキスト）')
      await expect.poll(() => isFocused(field)).toBe(true)
      await expect.poll(() => field.inputValue()).toBe(SIGNATURE)
      expect(await settings.getByText(/文字$/).first().textContent()).toMatch(/ \/ 2,000 文字/)
      await shot(page, 'signature-editor-ja.png')
      // Esc goes back without saving.
      await page.keyboard.press('Control+a')
      await page.keyboard.press('Delete')
      await page.keyboard.press('Escape')
      await expect.poll(() => settings.getByText(/^署名: /).isVisible()).toBe(true)
      expect(await settings.getByText('署名なし').isVisible()).toBe(true)
      await shot(page, 'signature-accounts-ja.png')
      const accounts = await engineValue(rig.engine.call('account.list', {}))
      expect(accounts.find((a) => a.label === ENGLISH)!.signature).toBe(SIGNATURE)
      expect(page.errors).toEqual([])
    } finally {
      await engineValue(rig.engine.call('settings.update', { language: 'en' }))
    }
  })
})
