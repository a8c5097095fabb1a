// The settings screen from the keyboard only, in the real renderer in Chromium against browser
// mode on an empty workspace, with a private Dovecot (implicit TLS, self-signed certificate) and
// an SMTP sink (STARTTLS, its own self-signed certificate, a password required): add an account
// with a wrong password, trust both certificates, see the precise errors, fix the password,
// choose folders, watch it sync; switch to Japanese; change the undo-send window; edit, sync,
// and remove an account; come back with Esc to where the seller was.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDovecot, type DovecotRig } from '../rigs/dovecot'
import { engineValue, isFocused, openApp as openAppIn, shot, tabTo, useE2eApp } from '../rigs/e2e'
import { startSmtpSink, type SmtpSink } from '../rigs/smtp-sink'

const SHOP = 'seller@shop.example'
const PASSWORD = 'tea-ware-2026'

let rig: DovecotRig
let smtp: SmtpSink

beforeAll(async () => {
  rig = await startDovecot({ users: [{ user: SHOP, password: PASSWORD }], tls: true })
  for (const folder of ['Sent', 'Archive', 'Orders']) await rig.createFolder(SHOP, folder)
  await rig.seedMaildir(SHOP, 'INBOX', [customerMail(1), customerMail(2)])
  await rig.seedMaildir(SHOP, 'Orders', [customerMail(3)])
  smtp = await startSmtpSink({ tls: { mode: 'starttls' }, auth: { user: SHOP, password: PASSWORD, required: true } })
}, 60_000)

afterAll(async () => {
  await smtp?.stop()
  await rig?.stop()
})

// An empty workspace; it starts after the servers and stops before them.
const e2e = useE2eApp('settings', () => [])

function customerMail(n: number): string {
  return [
    `From: "Customer ${n}" <customer${n}@example.jp>`,
    `To: ${SHOP}`,
    `Subject: Order ${n} question`,
    `Message-ID: <settings-c${n}@example.jp>`,
    `Date: Mon, 16 Nov 2026 0${n}:00:00 +0900`,
    'Content-Type: text/plain; charset=UTF-8',
    '',
    `When will order ${n} arrive?`,
    '',
  ].join('\r\n')
}

const openApp = () => openAppIn(e2e.browser, e2e.app.url, { viewport: { width: 1280, height: 860 } })

/** Replaces the text of the focused field, as a seller would: select all, type. */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+a')
  await page.keyboard.type(text)
}

describe('settings from the keyboard', () => {
  it('adds an account: wrong password and untrusted certificates, then fixed; folders; Japanese; undo-send', async () => {
    const page = await openApp()
    await expect.poll(() => page.getByRole('heading', { name: 'Welcome to Seller Inbox' }).isVisible()).toBe(true)

    // Open with Ctrl+, from the welcome screen: the Accounts tab has the focus.
    await page.keyboard.press('Control+,')
    const settings = page.getByRole('dialog', { name: 'Settings' })
    // The section shown (the others are hidden, not gone: a half-typed form survives a look elsewhere).
    const panel = settings.getByRole('tabpanel')
    await expect.poll(() => settings.isVisible()).toBe(true)
    await expect.poll(() => isFocused(settings.getByRole('tab', { name: /Accounts/ }))).toBe(true)
    expect(await settings.getByText('No mail accounts yet.').isVisible()).toBe(true)

    await tabTo(page, settings.getByRole('button', { name: 'Add a mail account' }))
    await page.keyboard.press('Enter')
    const address = panel.getByLabel('E-mail address')
    await expect.poll(() => isFocused(address)).toBe(true)
    await page.keyboard.type(SHOP)
    // No provider knows shop.example: the form says so.
    await expect.poll(() => settings.getByText(/No known settings for shop\.example/).isVisible()).toBe(true)
    await tabTo(page, panel.getByLabel('Name in Seller Inbox'))
    await page.keyboard.type('Shop mail')
    await tabTo(page, panel.getByLabel('Your name on sent mail'))
    await page.keyboard.type('Aiko · Tea Ware')
    await tabTo(page, panel.getByLabel('Password or app password'))
    await page.keyboard.type('wrong-password')
    expect(await panel.getByLabel('Password or app password').getAttribute('type')).toBe('password')

    const incoming = panel.getByRole('group', { name: 'Incoming mail (IMAP)' })
    const outgoing = panel.getByRole('group', { name: 'Outgoing mail (SMTP)' })
    await tabTo(page, incoming.getByLabel('Server'))
    await page.keyboard.type('127.0.0.1')
    await tabTo(page, incoming.getByLabel('Port'))
    await retype(page, String(rig.tls!.port))
    // The user name followed the address.
    expect(await incoming.getByLabel('User name').inputValue()).toBe(SHOP)
    await tabTo(page, outgoing.getByLabel('Server'))
    await page.keyboard.type('127.0.0.1')
    await tabTo(page, outgoing.getByLabel('Port'))
    await retype(page, String(smtp.port))
    await tabTo(page, outgoing.getByLabel('Security'))
    await page.keyboard.press('ArrowDown')
    expect(await outgoing.getByLabel('Security').inputValue()).toBe('starttls')
    expect(await outgoing.getByLabel('Port').inputValue()).toBe(String(smtp.port))
    await tabTo(page, outgoing.getByLabel('User name'))

    // Enter saves, which tests first. Both certificates are self-signed: the focus goes to the
    // first Trust button, with the certificate shown beside it.
    await page.keyboard.press('Enter')
    const results = settings.locator('.test-results')
    await expect.poll(() => results.textContent(), { timeout: 40_000 }).toMatch(/Outgoing mail \(SMTP\)Failed/)
    const imapCheck = results.locator('.check').nth(0)
    const smtpCheck = results.locator('.check').nth(1)
    expect(await imapCheck.textContent()).toContain('The security certificate of 127.0.0.1 is not trusted')
    expect(await imapCheck.locator('.fingerprint').textContent()).toBe(rig.tls!.certificate.sha256)
    expect(await imapCheck.textContent()).toMatch(/Issued to.*CN=127\.0\.0\.1/)
    expect(await smtpCheck.locator('.fingerprint').textContent()).toBe(smtp.certificate!.sha256)
    await expect.poll(() => isFocused(imapCheck.getByRole('button', { name: 'Trust this certificate' }))).toBe(true)
    await shot(page, 'settings-add-account-certificate-en.png')

    // Trust the IMAP server's certificate: re-tested at once; next, the SMTP server's.
    await page.keyboard.press('Enter')
    await expect
      .poll(() => imapCheck.textContent(), { timeout: 40_000 })
      .toContain(`Wrong password for ${SHOP} on 127.0.0.1`)
    await expect.poll(() => isFocused(smtpCheck.getByRole('button', { name: 'Trust this certificate' }))).toBe(true)
    expect(await incoming.textContent()).toContain(rig.tls!.certificate.sha256)
    await page.keyboard.press('Enter')
    await expect.poll(() => smtpCheck.textContent(), { timeout: 40_000 }).toContain(`Wrong password for ${SHOP}`)

    // The precise auth error with what to do, and the focus in the password field to fix it.
    expect(await imapCheck.textContent()).toContain('What to do: Check the user name and password')
    const password = panel.getByLabel('Password or app password')
    await expect.poll(() => isFocused(password)).toBe(true)
    // …said under the field too, where the focus is.
    const describedBy = await password.evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' '),
    )
    expect(describedBy).toContain(`Incoming mail (IMAP): Wrong password for ${SHOP} on 127.0.0.1`)
    expect(describedBy).toContain(`Outgoing mail (SMTP): Wrong password for ${SHOP}`)
    expect(await settings.getByRole('button', { name: 'Save anyway' }).isVisible()).toBe(true)
    await shot(page, 'settings-add-account-auth-error-en.png')

    await retype(page, PASSWORD)
    await page.keyboard.press('Enter')

    // Saved: the folders on the server, the default ones ticked, the inbox always.
    const folders = settings.getByRole('heading', { name: 'Folders to sync for “Shop mail”' })
    await expect.poll(() => folders.isVisible(), { timeout: 40_000 }).toBe(true)
    await expect.poll(() => panel.getByLabel(/^INBOX/).isChecked()).toBe(true)
    expect(await panel.getByLabel(/^INBOX/).isDisabled()).toBe(true)
    expect(await panel.getByLabel(/^Sent/).isChecked()).toBe(true)
    expect(await panel.getByLabel(/^Archive/).isChecked()).toBe(true)
    expect(await panel.getByLabel(/^Orders/).isChecked()).toBe(false)
    await shot(page, 'settings-folders-en.png')
    await tabTo(page, panel.getByLabel(/^Orders/))
    await page.keyboard.press('Space')
    expect(await panel.getByLabel(/^Orders/).isChecked()).toBe(true)
    await tabTo(page, settings.getByRole('button', { name: 'Save folders' }))
    await page.keyboard.press('Enter')

    // The account in the list, with its sync state; the focus on it.
    const row = settings.getByRole('listitem').filter({ hasText: 'Shop mail' })
    await expect.poll(() => row.isVisible()).toBe(true)
    await expect.poll(() => isFocused(row.getByRole('button', { name: 'Sync now' }))).toBe(true)
    await expect.poll(() => row.textContent(), { timeout: 30_000 }).toMatch(/Up to date.*Synced \d/)
    expect(await row.textContent()).toContain('4 folders chosen')
    const [account] = await engineValue(e2e.engine.call('account.list', {}))
    expect(account).toMatchObject({
      label: 'Shop mail',
      address: SHOP,
      displayName: 'Aiko · Tea Ware',
      hasSecret: true,
    })
    expect(account!.folders).toEqual(expect.arrayContaining(['INBOX', 'Sent', 'Archive', 'Orders']))
    expect(account!.imap!.trustedCertSha256).toBe(rig.tls!.certificate.sha256)
    expect(account!.smtp!.trustedCertSha256).toBe(smtp.certificate!.sha256)
    expect(JSON.stringify(account)).not.toContain(PASSWORD)
    await shot(page, 'settings-accounts-en.png')

    // Language, by its key: the chosen radio has the focus; ↑ picks 日本語 and everything follows.
    await page.keyboard.press('3')
    const system = settings.getByLabel(/Same as this computer/)
    await expect.poll(() => isFocused(system)).toBe(true)
    expect(await system.isChecked()).toBe(true)
    await page.keyboard.press('ArrowUp')
    const settingsJa = page.getByRole('dialog', { name: '設定' })
    await expect.poll(() => settingsJa.isVisible()).toBe(true)
    expect(await settingsJa.getByRole('tab', { name: /アカウント/ }).isVisible()).toBe(true)
    expect(await settingsJa.getByRole('heading', { name: '言語', exact: true }).isVisible()).toBe(true)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja')
    expect((await engineValue(e2e.engine.call('settings.get', {}))).language).toBe('ja')
    await shot(page, 'settings-language-ja.png')
    await page.keyboard.press('1')
    await expect
      .poll(() => settingsJa.getByRole('listitem').filter({ hasText: 'Shop mail' }).textContent())
      .toMatch(/最新の状態です/)
    await shot(page, 'settings-accounts-ja.png')

    // Sending & triage: the undo-send window, saved as typed, and kept by the engine.
    await page.keyboard.press('2')
    const seconds = settingsJa.getByLabel('送信を取り消せる秒数')
    await expect.poll(() => isFocused(seconds)).toBe(true)
    await retype(page, '30')
    await page.keyboard.press('Tab')
    await expect.poll(() => settingsJa.getByText('保存しました。').isVisible()).toBe(true)
    await expect.poll(async () => (await engineValue(e2e.engine.call('settings.get', {}))).undoSendSeconds).toBe(30)
    // Out of range: said in the seller's language, and not saved.
    await tabTo(page, seconds, 'Shift+Tab')
    await retype(page, '500')
    await expect.poll(() => settingsJa.getByText('0 から 120 までの整数で入力してください。').isVisible()).toBe(true)
    await shot(page, 'settings-sending-ja.png')
    await retype(page, '30')

    // Data: the folder, and how to back it up.
    await tabTo(page, settingsJa.getByRole('tab', { name: /送信と対応/ }), 'Shift+Tab')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Tab')
    const folder = settingsJa.getByLabel('データフォルダー')
    await expect.poll(() => isFocused(folder)).toBe(true)
    expect(await folder.inputValue()).toBe(join(e2e.dir, 'data'))
    expect(await settingsJa.getByText(/フォルダーごとコピー/).isVisible()).toBe(true)
    await shot(page, 'settings-data-ja.png')

    // Esc: back to the inbox, which now has the synced customers (Orders too).
    await page.keyboard.press('Escape')
    await expect.poll(() => settingsJa.count()).toBe(0)
    await expect.poll(() => page.getByRole('listbox').getByRole('option').count(), { timeout: 30_000 }).toBe(3)
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox')
    expect((await engineValue(e2e.engine.call('settings.get', {}))).undoSendSeconds).toBe(30)
    expect(page.errors).toEqual([])
    await page.context().close()
  })

  it('edits, syncs and removes an account, and Esc goes back to the open customer', async () => {
    await engineValue(e2e.engine.call('settings.update', { language: 'en' }))
    const page = await openApp()
    await expect.poll(() => page.getByRole('listbox').getByRole('option').count(), { timeout: 15_000 }).toBe(3)
    await page.keyboard.press('Enter')
    const message = page.locator('.timeline .message')
    await expect.poll(() => message.count(), { timeout: 10_000 }).toBeGreaterThan(0)
    const focusedBefore = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))

    // `g ,` from the customer; Esc comes back to the same place, the focus where it was.
    await page.keyboard.press('g')
    await page.keyboard.press(',')
    const settings = page.getByRole('dialog', { name: 'Settings' })
    await expect.poll(() => settings.isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => settings.count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))).toBe(focusedBefore)

    await page.keyboard.press('Control+,')
    await expect.poll(() => settings.isVisible()).toBe(true)
    const row = settings.getByRole('listitem').filter({ hasText: 'Shop mail' })

    // Edit: the password is never shown back; left blank it stays as it is.
    await tabTo(page, row.getByRole('button', { name: 'Edit' }))
    await page.keyboard.press('Enter')
    await expect.poll(() => settings.getByRole('heading', { name: 'Edit “Shop mail”' }).isVisible()).toBe(true)
    expect(await settings.getByLabel('Password or app password').inputValue()).toBe('')
    expect(await settings.getByText('Leave blank to keep the saved password.').isVisible()).toBe(true)
    await tabTo(page, settings.getByLabel('Name in Seller Inbox'))
    await retype(page, 'Tea shop mail')
    await page.keyboard.press('Enter')
    const renamed = settings.getByRole('listitem').filter({ hasText: 'Tea shop mail' })
    await expect.poll(() => renamed.isVisible(), { timeout: 40_000 }).toBe(true)
    await expect.poll(() => isFocused(renamed.getByRole('button', { name: 'Sync now' }))).toBe(true)

    // Sync now, from the focused button; the saved password still works.
    await page.keyboard.press('Enter')
    await expect.poll(() => renamed.textContent(), { timeout: 30_000 }).toMatch(/Up to date.*Synced \d/)
    expect(await renamed.locator('.account-error').count()).toBe(0)

    // Remove asks first; Esc keeps the account, the confirmation removes it.
    await tabTo(page, renamed.getByRole('button', { name: 'Remove' }))
    await page.keyboard.press('Enter')
    const confirm = page.getByRole('dialog', { name: 'Remove “Tea shop mail”?' })
    await expect.poll(() => confirm.isVisible()).toBe(true)
    await expect.poll(() => isFocused(confirm.getByRole('button', { name: 'Cancel' }))).toBe(true)
    await shot(page, 'settings-remove-en.png')
    await page.keyboard.press('Escape')
    await expect.poll(() => confirm.isVisible()).toBe(false)
    expect(await settings.isVisible()).toBe(true)
    expect(await renamed.isVisible()).toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(() => confirm.isVisible()).toBe(true)
    await tabTo(page, confirm.getByRole('button', { name: 'Remove the account' }))
    await page.keyboard.press('Enter')
    await expect.poll(() => settings.getByText('No mail accounts yet.').isVisible()).toBe(true)
    await expect.poll(() => isFocused(settings.getByRole('button', { name: 'Add a mail account' }))).toBe(true)
    expect(await engineValue(e2e.engine.call('account.list', {}))).toEqual([])
    expect(page.errors).toEqual([])
    await page.context().close()
  })
})
