// Canned replies from the keyboard only, in the real renderer in Chromium against browser mode, on
// a workspace with a mail account against the private Dovecot and the SMTP sink (demo accounts
// only send locally): open the customer, `t` replies with a template, search, Enter inserts it
// filled in for this customer, the blank left is refused at send, Tab selects it, type it, and
// Ctrl+Enter sends it to the sink. Then the templates manager (`g t`): write a template with a
// mistake, see where it is, fix it, save it; in English and Japanese.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseMail } from '../../main/channels/mail/parse'
import type { TemplateView } from '../../preload/api'
import { startDovecot, type DovecotRig } from '../rigs/dovecot'
import { engineValue, newTestPage, shot, useE2eApp, type TestPage } from '../rigs/e2e'
import { startSmtpSink, type SmtpSink } from '../rigs/smtp-sink'

const SHOP = 'seller@shop.example'
const PASSWORD = 'tea-ware-2026'

let rig: DovecotRig
let smtp: SmtpSink

const QUESTION = [
  '"Emma Wilson" <emma@example.com>',
  'My teapot still has not shipped: why the delay? When will it ship?',
]

beforeAll(async () => {
  rig = await startDovecot({ users: [{ user: SHOP, password: PASSWORD }] })
  await rig.createFolder(SHOP, 'Sent')
  await rig.seedMaildir(SHOP, 'INBOX', [
    [
      `From: ${QUESTION[0]}`,
      `To: ${SHOP}`,
      'Subject: Where is my teapot?',
      'Message-ID: <delay-1@example.com>',
      `Date: ${new Date(Date.now() - 3_600_000).toUTCString().replace('GMT', '+0000')}`,
      'Content-Type: text/plain; charset=UTF-8',
      '',
      QUESTION[1],
      '',
    ].join('\r\n'),
    // A Japanese customer, later (so Emma, waiting longer, comes first in Waiting).
    [
      `From: =?UTF-8?B?${Buffer.from('岡本 典子').toString('base64')}?= <noriko@example.jp>`,
      `To: ${SHOP}`,
      `Subject: =?UTF-8?B?${Buffer.from('返品について').toString('base64')}?=`,
      'Message-ID: <return-1@example.jp>',
      `Date: ${new Date(Date.now() - 1_800_000).toUTCString().replace('GMT', '+0000')}`,
      'Content-Type: text/plain; charset=UTF-8',
      '',
      '届いた湯呑みを返品したいのですが、どうすればよいですか。',
      '',
    ].join('\r\n'),
  ])
  smtp = await startSmtpSink({ auth: { user: SHOP, password: PASSWORD } })
}, 60_000)

afterAll(async () => {
  await smtp?.stop()
  await rig?.stop()
})

// The app starts after the servers (hooks run in order) and stops before them (in reverse).
const e2e = useE2eApp('templates', () => [])

beforeAll(async () => {
  await engineValue(e2e.engine.call('settings.update', { undoSendSeconds: 0 }))
  await engineValue(
    e2e.engine.call('account.add', {
      label: 'Shop mail',
      address: SHOP,
      displayName: "Aiko's Tea Ware",
      password: PASSWORD,
      imap: { host: '127.0.0.1', port: rig.port, tls: 'none', user: SHOP },
      smtp: { host: '127.0.0.1', port: smtp.port, tls: 'none', user: SHOP },
    }),
  )
})

async function openApp(locale = 'en-US'): Promise<TestPage> {
  const page = await newTestPage(e2e.browser, { locale, viewport: { width: 1280, height: 860 } })
  await page.goto(e2e.app.url).catch((e: Error) => {
    throw new Error(`${e.message}\napp output:\n${e2e.app.output().slice(-3000)}`)
  })
  return page
}

function activeInfo(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLTextAreaElement | null
    return {
      cls: el?.className ?? '',
      selected:
        el && typeof el.selectionStart === 'number' ? el.value.slice(el.selectionStart, el.selectionEnd) : undefined,
    }
  })
}

describe('templates from the keyboard', () => {
  it('replies with a template: search, insert, refuse the blank, Tab to it, type, send to the SMTP sink', async () => {
    const page = await openApp()
    // The mail syncs in; the customer waits in the inbox. If not, what the sync and the app said.
    await expect
      .poll(() => page.getByRole('option').count(), { timeout: 60_000 })
      .toBeGreaterThan(0)
      .catch(async (e: Error) => {
        const status = JSON.stringify(await engineValue(e2e.engine.call('sync.status', {})))
        throw new Error(`${e.message}\nsync: ${status}\napp output:\n${e2e.app.output().slice(-3000)}`)
      })
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.timeline .message').count(), { timeout: 10_000 }).toBeGreaterThan(0)

    // t on the conversation: a reply opens with the picker over it, suggestions first.
    await page.keyboard.press('t')
    const picker = page.getByRole('dialog', { name: 'Insert a template' })
    await expect.poll(() => picker.isVisible()).toBe(true)
    const search = picker.getByRole('combobox', { name: 'Search templates' })
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true)
    await expect.poll(() => picker.getByRole('option').count()).toBe(6)
    const first = picker.getByRole('option').first()
    // Suggestions arrive after the list: the first row becomes the suggested one.
    await expect.poll(() => first.textContent()).toContain('Shipping delay')
    expect(await first.textContent()).toContain('Suggested')
    await expect.poll(() => picker.locator('.template-preview').textContent()).toContain('Hi Emma,')
    await shot(page, 'templates-picker-en.png')

    // Fuzzy search: a few letters find it.
    await page.keyboard.type('shpdel')
    await expect.poll(() => picker.getByRole('option').first().textContent()).toContain('Shipping delay')
    await page.keyboard.press('Enter')
    await expect.poll(() => picker.isVisible()).toBe(false)

    // Inserted at the cursor, filled in for Emma, the blank selected.
    const body = page.locator('.composer textarea')
    await expect.poll(() => body.inputValue()).toContain('Hi Emma,')
    expect(await body.inputValue()).toContain("Best regards,\nAiko's Tea Ware")
    expect(await body.inputValue()).not.toContain('{{')
    await expect.poll(() => activeInfo(page)).toEqual({ cls: 'composer-body', selected: '⟦new ship date⟧' })

    // Moving away and sending: refused, the blank named and selected again.
    await page.keyboard.press('Control+Home')
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => page.locator('.composer-error').textContent()).toContain('Fill in “new ship date”')
    await expect.poll(() => activeInfo(page)).toEqual({ cls: 'composer-body', selected: '⟦new ship date⟧' })
    expect(smtp.messages).toHaveLength(0)
    await page.keyboard.press('Control+Home')
    // Tab goes to the blank.
    await page.keyboard.press('Tab')
    await expect.poll(() => activeInfo(page)).toEqual({ cls: 'composer-body', selected: '⟦new ship date⟧' })
    await page.keyboard.type('Friday, December 11')
    expect(await body.inputValue()).toContain('It will now ship by Friday, December 11, and')
    await shot(page, 'templates-inserted-en.png')

    await page.keyboard.press('Control+Enter')
    const sent = await smtp.waitFor((m) => m.to.includes('emma@example.com'), 20_000)
    const mail = await parseMail(sent.raw)
    expect(mail.text).toContain('Hi Emma,')
    expect(mail.text).toContain('It will now ship by Friday, December 11')
    expect(mail.text).not.toMatch(/⟦|\{\{/)

    // Counted, and learned for the next similar message.
    const list: TemplateView[] = await engineValue(e2e.engine.call('template.list', {}))
    expect(list.find((t) => t.shortcut === 'ship-delay')!.usage).toBe(1)
    expect(page.errors).toEqual([])
  }, 90_000)

  it('manages templates: g t, write one with a mistake, see where it is, fix it, save; in Japanese too', async () => {
    const page = await openApp()
    // Emma was answered: she is in All, no longer in Waiting; Noriko still waits.
    await expect.poll(() => page.getByRole('option').count(), { timeout: 60_000 }).toBeGreaterThan(0)
    await page.keyboard.press('g')
    await page.keyboard.press('a')
    await expect.poll(() => page.getByRole('option').count(), { timeout: 60_000 }).toBeGreaterThan(0)
    await page.keyboard.press('g')
    await page.keyboard.press('t')
    const manager = page.getByRole('dialog', { name: 'Templates' })
    await expect.poll(() => manager.isVisible()).toBe(true)
    await expect.poll(() => manager.getByRole('listbox').getByRole('option').count()).toBe(12)
    await page.keyboard.press('j')
    await expect.poll(() => manager.locator('.templates-preview .template-rendered').textContent()).toMatch(/Emma|典子/)
    await shot(page, 'templates-manager-en.png')

    // n: a new template; Tab from field to field.
    await page.keyboard.press('n')
    await expect.poll(() => manager.getByLabel('Name').evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.type('Gift wrapping')
    await page.keyboard.press('Tab')
    await page.keyboard.type('gift')
    await manager.getByLabel('Text').focus()
    await page.keyboard.type('Hi {{customer.first_name}}, order {{order.numbr}} is gift-wrapped.')
    await expect
      .poll(() => manager.getByRole('status', { name: 'Problems' }).textContent())
      .toContain('Line 1, column 35')
    await expect
      .poll(() => manager.getByRole('status', { name: 'Problems' }).textContent())
      .toContain('Did you mean order.number?')
    await page.keyboard.press('Control+s')
    await expect.poll(() => manager.getByRole('alert').first().textContent()).toContain('Could not save')
    await shot(page, 'templates-manager-problem-en.png')
    // Fix it: the problem goes, the preview fills in, Ctrl+S saves.
    await page.keyboard.press('Control+a')
    await page.keyboard.type('Hi {{customer.first_name}}, order {{order.number}} is gift-wrapped.')
    await expect.poll(() => manager.getByRole('status', { name: 'Problems' }).textContent()).toContain('No problems')
    await page.keyboard.press('Control+s')
    await expect.poll(async () => (await engineValue(e2e.engine.call('template.list', {}))).length).toBe(13)
    await expect.poll(() => manager.getByRole('option', { name: /Gift wrapping/ }).count()).toBe(1)

    // Esc leaves the editor, Esc again closes the manager.
    await page.keyboard.press('Escape')
    await page.keyboard.press('Escape')
    await expect.poll(() => manager.isVisible()).toBe(false)

    // Japanese: the manager and the picker.
    await engineValue(e2e.engine.call('settings.update', { language: 'ja' }))
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ja')
    await page.keyboard.press('g')
    await page.keyboard.press('t')
    const managerJa = page.getByRole('dialog', { name: 'テンプレート' })
    await expect.poll(() => managerJa.isVisible()).toBe(true)
    const listJa = managerJa.getByRole('listbox')
    await expect.poll(() => listJa.getByRole('option').count()).toBe(13)
    const selectedTemplate = () => listJa.locator('[aria-selected="true"]').textContent()
    for (let i = 0; i < 12 && !(await selectedTemplate())?.includes('レビューへのお礼'); i++)
      await page.keyboard.press('j')
    await expect
      .poll(() => managerJa.locator('.templates-preview .template-rendered').textContent())
      .toContain('岡本 典子様')
    await shot(page, 'templates-manager-ja.png')
    await page.keyboard.press('Escape')
    await expect.poll(() => managerJa.isVisible()).toBe(false)

    // Noriko, who writes in Japanese: j until she is selected, Enter.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox')
    const selectedName = () =>
      page.evaluate(() => {
        const id = document.activeElement?.getAttribute('aria-activedescendant')
        return id ? (document.getElementById(id)?.textContent ?? '') : ''
      })
    for (let i = 0; i < 3 && !(await selectedName()).includes('岡本'); i++) await page.keyboard.press('j')
    expect(await selectedName()).toContain('岡本 典子')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.timeline .message').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    await page.keyboard.press('r')
    await expect.poll(() => activeInfo(page).then((a) => a.cls)).toBe('composer-body')
    // From the text, Alt+T.
    await page.keyboard.press('Alt+t')
    const pickerJa = page.getByRole('dialog', { name: 'テンプレートを挿入' })
    await expect.poll(() => pickerJa.isVisible()).toBe(true)
    // Suggested for her message, and offered in her language.
    const firstJa = pickerJa.getByRole('option').first()
    await expect.poll(() => firstJa.textContent()).toContain('返品のご案内')
    expect(await firstJa.textContent()).toContain('おすすめ')
    await expect.poll(() => pickerJa.locator('.template-preview').textContent()).toContain('岡本 典子様')
    await page.keyboard.type('返品')
    await expect.poll(() => pickerJa.getByRole('option').first().textContent()).toContain('返品のご案内')
    await shot(page, 'templates-picker-ja.png')
    await page.keyboard.press('Escape')
    await expect.poll(() => pickerJa.isVisible()).toBe(false)
    expect(page.errors).toEqual([])
  }, 90_000)

  it('inserts the template highlighted when Enter was pressed, even if suggestions reorder the list before its text comes back', async () => {
    // The engine's answers to the suggestions and the filled-in text are held back, then let go:
    // the slow machine the seller may be on, made certain.
    await engineValue(e2e.engine.call('settings.update', { language: 'en' }))
    const page = await newTestPage(e2e.browser, { viewport: { width: 1280, height: 860 } })
    const methods = new Map<number, string>()
    const held: { method: string; deliver(): void }[] = []
    let holding = false
    await page.routeWebSocket(/./, (ws) => {
      const server = ws.connectToServer()
      ws.onMessage((m) => {
        const frame = JSON.parse(String(m)) as { id: number; method: string }
        methods.set(frame.id, frame.method)
        server.send(m)
      })
      server.onMessage((m) => {
        const frame = JSON.parse(String(m)) as { id?: number }
        const method = frame.id === undefined ? undefined : methods.get(frame.id)
        if (holding && (method === 'template.suggest' || method === 'template.render')) {
          held.push({ method, deliver: () => ws.send(m) })
        } else ws.send(m)
      })
    })
    await page.goto(e2e.app.url)
    await expect.poll(() => page.getByRole('option').count(), { timeout: 60_000 }).toBeGreaterThan(0)
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.timeline .message').count(), { timeout: 10_000 }).toBeGreaterThan(0)

    holding = true
    await page.keyboard.press('t')
    const picker = page.getByRole('dialog', { name: 'Insert a template' })
    await expect.poll(() => picker.getByRole('option').count()).toBeGreaterThan(1)
    const highlighted = picker.locator('[role="option"][aria-selected="true"] .palette-label')
    await expect.poll(() => highlighted.count()).toBe(1)
    const name = (await highlighted.evaluate((el) => el.firstChild?.textContent ?? '')).trim()
    await page.keyboard.press('Enter')
    // The suggestions come back first and put another template on top, then the texts.
    await expect.poll(() => held.some((h) => h.method === 'template.suggest')).toBe(true)
    for (const h of held.filter((h) => h.method === 'template.suggest')) h.deliver()
    await expect.poll(() => picker.getByRole('option').first().textContent()).toContain('Suggested')
    expect(await picker.getByRole('option').first().textContent()).not.toContain(name)
    holding = false
    for (const h of held.filter((h) => h.method === 'template.render')) h.deliver()
    await expect.poll(() => picker.isVisible()).toBe(false)
    const templates = await engineValue<TemplateView[]>(e2e.engine.call('template.list', {}))
    const chosen = templates.find((t) => t.name === name)!
    const body = page.locator('.composer textarea')
    // Its own words: the longest piece of its text outside any {{…}}.
    const words = chosen.body
      .split(/\{\{[^}]*\}\}|\n/)
      .reduce((a, b) => (b.trim().length > a.length ? b.trim() : a), '')
    await expect.poll(() => body.inputValue()).toContain(words)
    expect(page.errors).toEqual([])
  }, 90_000)
})
