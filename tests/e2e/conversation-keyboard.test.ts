// The conversation screen and the composer from the keyboard only, in the real renderer in
// Chromium against browser mode: read, reply with Japanese typed through an input method, send,
// undo, send again, done; drafts that survive a reload; and a hostile HTML e-mail that must
// neither run anything nor reach the network until the seller loads its images.
import { promises as fs } from 'node:fs'
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OutboxItem } from '../../main/core/model'
import type { CustomerView } from '../../preload/api'
import { startBrowserApp, type BrowserApp } from '../rigs/browser-app'
import { connectTo, engineValue, focusedRole, openInbox, shot, useE2eApp } from '../rigs/e2e'
import { makeSelfSignedCertificate } from '../rigs/certificate'
import type { WsClient } from '../support/ws-client'

const rig = useE2eApp('conversation')

beforeAll(async () => {
  // A short undo window keeps the test quick; the toast reads it from the outbox item.
  await engineValue(rig.engine.call('settings.update', { undoSendSeconds: 4 }))
})

/** Hostile messages make the policies report what they blocked: that is the point, not an error. */
const openPage = (url: string, options: { ignoreHTTPSErrors?: boolean } = {}) =>
  openInbox(rig.browser, url, { ...options, cspReportsExpected: true })

/** The customer the inbox points at. */
async function selectedCustomer(page: Page): Promise<string | null> {
  const id = await page.getByRole('listbox').getAttribute('aria-activedescendant')
  return id ? page.locator(`#${id}`).getAttribute('data-customer') : null
}

/** The message that has the focus on the conversation screen (its record id). */
function focusedMessage(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.closest('.message')?.getAttribute('data-message') ?? null)
}

async function openSelectedCustomer(page: Page): Promise<string> {
  const customerId = (await selectedCustomer(page))!
  await page.keyboard.press('Enter')
  await expect.poll(() => page.locator('.timeline .message').count(), { timeout: 10_000 }).toBeGreaterThan(0)
  await expect.poll(() => focusedMessage(page)).not.toBeNull()
  return customerId
}

function composerText(page: Page): Promise<string> {
  return page.locator('.composer textarea').inputValue()
}

function focusedIsComposerBody(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement?.classList.contains('composer-body') ?? false)
}

describe('the conversation screen from the keyboard', () => {
  it('reads, replies in Japanese through an IME, undoes the send, sends again, and marks done', async () => {
    const page = await openPage(rig.app.url)
    const customerId = await openSelectedCustomer(page)
    const view = await engineValue(rig.engine.call('customer.get', { customerId }))

    // j / k move between messages, and the focus follows.
    const first = await focusedMessage(page)
    await page.keyboard.press('k')
    await expect.poll(() => focusedMessage(page)).not.toBe(first)
    await page.keyboard.press('j')
    await expect.poll(() => focusedMessage(page)).toBe(first)
    expect(await page.locator(`.message[data-message="${first}"]`).getAttribute('class')).toContain('selected')
    expect(await page.locator('.sidebar').isVisible()).toBe(true)
    await shot(page, 'conversation-en.png')

    // r: the composer opens prefilled, the cursor above the quote.
    await page.keyboard.press('r')
    await expect.poll(() => focusedIsComposerBody(page), { timeout: 10_000 }).toBe(true)
    expect(await page.locator('#composer-subject').inputValue()).toMatch(/^Re: /)
    expect(await page.locator('#composer-to').inputValue()).toContain('@')
    expect(await composerText(page)).toMatch(/\n> /)

    await page.keyboard.type('Thank you, ')
    // Japanese through an input method: while it composes, Esc and Ctrl+Enter belong to it.
    const cdp = await page.context().newCDPSession(page)
    await cdp.send('Input.imeSetComposition', { text: 'はっそう', selectionStart: 4, selectionEnd: 4 })
    for (const [key, code] of [
      ['Escape', 27],
      ['Enter', 13],
      ['e', 69],
    ] as const) {
      await cdp.send('Input.dispatchKeyEvent', {
        type: 'rawKeyDown',
        key,
        windowsVirtualKeyCode: 229,
        nativeVirtualKeyCode: code,
        modifiers: key === 'Enter' ? 2 : 0,
      })
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, windowsVirtualKeyCode: 229 })
    }
    expect(await page.locator('.composer').count()).toBe(1)
    await cdp.send('Input.insertText', { text: '発送しました' })
    await page.keyboard.insertText('。ありがとうございます')
    const typed = 'Thank you, 発送しました。ありがとうございます'
    expect(await composerText(page)).toMatch(new RegExp(`^${typed}\n`))

    // Autosaved (debounced) as a draft of the conversation.
    const conversationId = view.timeline.find((m) => m.id === first)!.conversationId
    await expect
      .poll(async () => (await engineValue(rig.engine.call('draft.get', { conversationId })))?.text ?? '', {
        timeout: 5000,
      })
      .toMatch(new RegExp(`^${typed}`))
    await expect.poll(() => page.locator('.composer-status').textContent()).toMatch(/Draft saved/)
    await shot(page, 'composer-en.png')

    // Ctrl+Enter sends; the toast offers undo for the window; u takes it back.
    await page.keyboard.press('Control+Enter')
    const toast = page.locator('.send-toast')
    await expect.poll(() => toast.textContent(), { timeout: 5000 }).toMatch(/Sending to .+ in \d+ s/)
    expect(await page.locator('.composer').count()).toBe(0)
    expect(await page.locator('.message.pending').count()).toBe(1)
    expect(await engineValue(rig.engine.call('draft.get', { conversationId }))).toBeNull()
    await shot(page, 'undo-toast-en.png')
    await page.keyboard.press('u')
    await expect.poll(() => page.locator('.composer').count()).toBe(1)
    expect(await composerText(page)).toMatch(new RegExp(`^${typed}\n`))
    await expect.poll(() => page.locator('.message.pending').count()).toBe(0)
    const outbox = await engineValue(rig.engine.call('outbox.list', {}))
    expect(outbox.filter((o: OutboxItem) => o.conversationId === conversationId && o.state !== 'sent')).toEqual([])
    // The restored draft is saved again at once.
    await expect
      .poll(async () => (await engineValue(rig.engine.call('draft.get', { conversationId })))?.text ?? '', {
        timeout: 5000,
      })
      .toMatch(new RegExp(`^${typed}`))

    // Send again and let the window pass: the reply is on the timeline as sent.
    await page.locator('.composer textarea').focus()
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => toast.textContent(), { timeout: 5000 }).toMatch(/Sending to/)
    await expect
      .poll(() => page.locator('.timeline .message.out:not(.pending) .message-body').allTextContents(), {
        timeout: 20_000,
      })
      .toContainEqual(expect.stringContaining(typed))
    expect(await page.locator('.message.pending').count()).toBe(0)
    await expect.poll(() => toast.textContent(), { timeout: 5000 }).toMatch(/Sent to/)
    const after: CustomerView = await engineValue(rig.engine.call('customer.get', { customerId }))
    expect(after.timeline.at(-1)).toMatchObject({ direction: 'out' })
    expect(after.timeline.at(-1)!.text).toContain(typed)

    // e: done, and the next customer is selected in the inbox.
    await page.keyboard.press('e')
    await expect.poll(() => focusedRole(page)).toBe('listbox')
    await expect.poll(() => selectedCustomer(page)).not.toBe(customerId)
    expect(await page.locator(`[data-customer="${customerId}"]`).count()).toBe(0)
    // The conversation answered is the one marked done, though it had left Waiting already.
    await expect
      .poll(async () => (await engineValue(rig.engine.call('customer.get', { customerId }))).conversations)
      .toContainEqual(expect.objectContaining({ id: conversationId, status: 'done' }))
    expect(page.errors).toEqual([])
    await page.context().close()
  }, 90_000)

  it('keeps a draft through Esc and a reload, and discards it from the keyboard', async () => {
    const page = await openPage(rig.app.url)
    await page.keyboard.press('j')
    const customerId = await openSelectedCustomer(page)
    await page.keyboard.press('r')
    await expect.poll(() => focusedIsComposerBody(page), { timeout: 10_000 }).toBe(true)
    await page.keyboard.type('Draft to keep. ')
    await page.keyboard.insertText('下書きです')
    await expect.poll(() => page.locator('.composer-status').textContent(), { timeout: 5000 }).toMatch(/Draft saved/)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.composer').count()).toBe(0)
    await expect.poll(() => page.locator('.draft-card').textContent()).toContain('Draft to keep. 下書きです')
    // Esc again: back to the inbox, on the same customer.
    await expect.poll(() => focusedMessage(page)).not.toBeNull()
    await page.keyboard.press('Escape')
    await expect.poll(() => selectedCustomer(page)).toBe(customerId)

    // As after a crash: a new page, the customer again, the draft is there and r carries it on.
    await page.reload()
    await expect.poll(() => page.getByRole('option').count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await expect.poll(() => focusedRole(page)).toBe('listbox')
    for (let i = 0; i < 10 && (await selectedCustomer(page)) !== customerId; i++) await page.keyboard.press('j')
    expect(await selectedCustomer(page)).toBe(customerId)
    await openSelectedCustomer(page)
    await expect.poll(() => page.locator('.draft-card').textContent()).toContain('Draft to keep. 下書きです')
    await page.keyboard.press('r')
    await expect.poll(() => focusedIsComposerBody(page), { timeout: 10_000 }).toBe(true)
    expect(await composerText(page)).toMatch(/^Draft to keep\. 下書きです/)
    await page.keyboard.press('Control+Shift+Backspace')
    await expect.poll(() => page.locator('.composer').count()).toBe(0)
    await expect.poll(() => page.locator('.draft-card').count()).toBe(0)
    const drafts = await engineValue(rig.engine.call('draft.list', {}))
    expect(drafts.filter((d) => d.snippet.includes('下書きです'))).toEqual([])
    expect(page.errors).toEqual([])
    await page.context().close()
  }, 60_000)

  it('edits the private note and tags from the keyboard', async () => {
    const page = await openPage(rig.app.url)
    const customerId = await openSelectedCustomer(page)
    await page.keyboard.press('n')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sidebar-note-input')
    await page.keyboard.type('Prefers ')
    await page.keyboard.insertText('午前中の配達')
    await page.keyboard.press('Escape')
    await expect.poll(() => focusedMessage(page)).not.toBeNull()
    await page.keyboard.press('#')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sidebar-tag-input')
    await page.keyboard.type('vip')
    await page.keyboard.press('Enter')
    await page.keyboard.insertText('リピーター')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Escape')
    await expect
      .poll(async () => {
        const c = (await engineValue(rig.engine.call('customer.get', { customerId }))).customer
        return { note: c.note, tags: c.tags }
      })
      .toEqual({ note: 'Prefers 午前中の配達', tags: ['vip', 'リピーター'] })
    expect(await page.locator('.tag').allTextContents()).toEqual(['vip×', 'リピーター×'])
    expect(page.errors).toEqual([])
    await page.context().close()
  })

  it('shows the conversation and the composer in Japanese', async () => {
    await engineValue(rig.engine.call('settings.update', { language: 'ja' }))
    try {
      const page = await openPage(rig.app.url)
      await expect.poll(() => page.locator('.screen-title').first().textContent()).toMatch(/対応待ちのお客様/)
      // A Japanese customer.
      const names = await page.locator('[role="option"] .name').allTextContents()
      const index = names.findIndex((n) => /[\u3040-\u30ff\u4e00-\u9faf]/.test(n))
      for (let i = 0; i < index; i++) await page.keyboard.press('j')
      await openSelectedCustomer(page)
      // Who they are first: how to reach them, since when, in which language they are answered.
      const profile = page.locator('.sidebar .profile')
      expect(await page.locator('.sidebar h2').first().textContent()).toBe('お客様情報')
      expect(await profile.textContent()).toContain('初回の連絡')
      expect(await profile.locator('dd').last().textContent()).toBe('日本語')
      expect(await page.locator('#sidebar-orders').textContent()).toBe('注文')
      await shot(page, 'conversation-ja.png')
      await page.keyboard.press('r')
      await expect.poll(() => focusedIsComposerBody(page), { timeout: 10_000 }).toBe(true)
      expect(await page.locator('.composer-head').textContent()).toContain('返信')
      await page.keyboard.insertText('ご連絡ありがとうございます。本日発送いたしました。')
      await expect.poll(() => page.locator('.composer-status').textContent()).toMatch(/下書きを保存/)
      await shot(page, 'composer-ja.png')
      await page.keyboard.press('Control+Shift+Backspace')
      await expect.poll(() => page.locator('.composer').count()).toBe(0)
      expect(page.errors).toEqual([])
      await page.context().close()
    } finally {
      await engineValue(rig.engine.call('settings.update', { language: 'en' }))
    }
  })
})

// ── Hostile HTML ─────────────────────────────────────────────────────────────────────────

interface Recorded {
  path: string
  dest: string | undefined
  referer: string | undefined
}

async function recordingServer(kind: 'http' | 'https', certDir: string): Promise<{ server: Server; log: Recorded[] }> {
  const log: Recorded[] = []
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    log.push({
      path: req.url ?? '',
      dest: req.headers['sec-fetch-dest'] as string | undefined,
      referer: req.headers.referer,
    })
    if (req.url?.startsWith('/img') || req.url?.startsWith('/css')) {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.end(Buffer.from(PNG_1x1, 'base64'))
    } else {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<p>outside</p>')
    }
  }
  let server: Server
  if (kind === 'https') {
    const cert = await makeSelfSignedCertificate(certDir, { name: 'images' })
    server = createHttpsServer({ cert: cert.cert, key: cert.key }, handler)
  } else {
    server = createHttpServer(handler)
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, log }
}

const PNG_1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=='

function hostileEml(http: string, https: string): string {
  const html = `<html><head>
<meta http-equiv="refresh" content="0;url=${http}/refresh">
<base href="${http}/base/">
<link rel="stylesheet" href="${http}/link.css">
<style>
@import url(${http}/import.css);
.bg { background: url(${http}/css-http) }
.bgs { background-image: url(${https}/css-https) }
.esc { background: \\75 rl(${http}/css-escaped) }
.bgq { background-image: url( '${https}/css-quoted' ) }
</style>
<script>window.top.pwned = 'head'; document.title = 'pwned'; fetch('${http}/script')</script>
<script src="${http}/script.js"></script>
</head><body onload="window.top.pwned='onload'">
<p class="bg bgs esc">Hello <b>friend</b>, this is our newsletter.</p>
<div class="bgq">Autumn sale</div>
<img src="${http}/img-http" alt="http image" width="40" height="40">
<img src="${https}/img" alt="https image" width="40" height="40">
<img src="x" onerror="window.top.pwned='onerror'; new Image().src='${http}/onerror'">
<img src="cid:logo@hostile" alt="inline logo" width="16" height="16">
<img srcset="${http}/srcset 2x" alt="sizes">
<a href="javascript:window.top.pwned='js-link'" id="js">javascript link</a>
<a href="${https}/link-target" id="outside">our shop</a>
<form action="${http}/form" method="post"><input name="q" value="x"><button>Go</button></form>
<svg><script>window.top.pwned='svg'</script><image href="${http}/svg-image"/></svg>
<iframe src="${http}/iframe"></iframe>
<object data="${http}/object"></object>
<video poster="${http}/poster"></video>
<table background="${http}/table-bg"><tr><td style="background-image:url('${http}/inline-style')">cell</td></tr></table>
<blockquote type="cite">What you wrote us last week</blockquote>
</body></html>`
  return [
    'From: Mallory Example <mallory@hostile.example>',
    'To: shop@example.com',
    'Subject: Our autumn newsletter',
    `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
    'Message-ID: <hostile-1@hostile.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: multipart/related; boundary="rel"',
    '',
    '--rel',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    html,
    '--rel',
    'Content-Type: image/png',
    'Content-ID: <logo@hostile>',
    'Content-Disposition: inline; filename="logo.png"',
    'Content-Transfer-Encoding: base64',
    '',
    PNG_1x1,
    '--rel--',
    '--outer',
    'Content-Type: text/plain; charset=utf-8; name="price-list.txt"',
    'Content-Disposition: attachment; filename="price-list.txt"',
    '',
    'Sencha 100g: 1,200 yen',
    '--outer--',
    '',
  ].join('\r\n')
}

describe('a hostile HTML e-mail', () => {
  let hostileApp: BrowserApp
  let hostileClient: WsClient
  let http: { server: Server; log: Recorded[] }
  let https: { server: Server; log: Recorded[] }

  beforeAll(async () => {
    const certDir = join(rig.dir, 'cert')
    await fs.mkdir(certDir)
    http = await recordingServer('http', certDir)
    https = await recordingServer('https', certDir)
    const httpBase = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`
    const httpsBase = `https://127.0.0.1:${(https.server.address() as AddressInfo).port}`
    const eml = join(rig.dir, 'hostile.eml')
    await fs.writeFile(eml, hostileEml(httpBase, httpsBase))
    hostileApp = await startBrowserApp(['--data-dir', join(rig.dir, 'hostile-data')])
    hostileClient = await connectTo(hostileApp)
    const report = await engineValue(hostileClient.call('import.files', { paths: [eml] }))
    expect(report).toMatchObject({ imported: 1, errors: [] })
  }, 120_000)

  afterAll(async () => {
    await hostileClient?.close()
    await hostileApp?.stop()
    await new Promise((r) => http?.server.close(r))
    await new Promise((r) => https?.server.close(r))
  })

  it('runs nothing and fetches nothing until its images are loaded, and then only https images', async () => {
    const page = await openPage(hostileApp.url, { ignoreHTTPSErrors: true })
    await openSelectedCustomer(page)
    const frame = page.locator('.message-html iframe')
    await expect.poll(() => frame.count(), { timeout: 10_000 }).toBe(1)
    await expect.poll(() => page.locator('.remote-bar').textContent()).toContain('Remote images are blocked')

    // The frame: sandboxed without scripts or an origin of the app's, under its own policy.
    const sandbox = (await frame.getAttribute('sandbox')) ?? ''
    expect(sandbox.split(/\s+/)).not.toContain('allow-scripts')
    expect(sandbox.split(/\s+/)).not.toContain('allow-same-origin')
    const srcdoc = (await frame.getAttribute('srcdoc')) ?? ''
    expect(srcdoc).toMatch(
      /^<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'/,
    )
    for (const gone of [
      /<script/i,
      /onerror|onload/i,
      /javascript:/i,
      /<form|<input|<button/i,
      /http-equiv="refresh"/i,
      /<base|<link|<iframe|<object|<video|<svg/i,
      /url\(\s*['"]?http/i,
      /@import/i,
      /srcset|poster/i,
      /src="http/i,
      /background="http/i,
    ]) {
      expect(srcdoc).not.toMatch(gone)
    }
    // The inline image came from the message itself, as a data: URL.
    expect(srcdoc).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="inline logo"/)
    // Links open outside, without the app as opener or referrer.
    expect(srcdoc).toMatch(
      /<a href="https:\/\/127\.0\.0\.1:\d+\/link-target" id="outside" target="_blank" rel="noopener noreferrer">/,
    )
    // Quoted text is folded until asked for.
    expect(srcdoc).not.toContain('What you wrote us last week')

    // Nothing ran, nothing was fetched — give it time to try.
    await page.waitForTimeout(1500)
    expect(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned)).toBeUndefined()
    expect(await page.title()).toBe('Seller Inbox')
    expect(http.log).toEqual([])
    expect(https.log).toEqual([])
    await shot(page, 'hostile-html-blocked-en.png')

    // The quoted text, then the attachment saved from the keyboard.
    await page.keyboard.press('q')
    await expect.poll(async () => (await frame.getAttribute('srcdoc')) ?? '').toContain('What you wrote us last week')
    let tabs = 0
    while ((await page.evaluate(() => document.activeElement?.textContent)) !== 'Save' && tabs++ < 30) {
      await page.keyboard.press('Tab')
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])
    expect(download.suggestedFilename()).toBe('price-list.txt')
    expect((await fs.readFile((await download.path())!, 'utf8')).trimEnd()).toBe('Sencha 100g: 1,200 yen')
    expect(http.log).toEqual([])
    expect(https.log).toEqual([])

    // i: load remote images. Only images, only over https; the http ones stay out.
    await page.keyboard.press('k') // the focus goes back from the button to the message
    await page.keyboard.press('i')
    await expect.poll(() => page.locator('.remote-bar').count()).toBe(0)
    await expect
      .poll(() => https.log.map((r) => r.path).sort(), { timeout: 10_000 })
      .toEqual(['/css-https', '/css-quoted', '/img'])
    await page.waitForTimeout(1000)
    expect(https.log.every((r) => r.dest === 'image' && r.referer === undefined)).toBe(true)
    expect(http.log).toEqual([])
    expect(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned)).toBeUndefined()
    await shot(page, 'hostile-html-loaded-en.png')

    // A link opens outside the app, with no opener and no referrer.
    const inner = page.frameLocator('.message-html iframe')
    const [popup] = await Promise.all([page.context().waitForEvent('page'), inner.locator('#outside').click()])
    await popup.waitForLoadState()
    expect(popup.url()).toMatch(/\/link-target$/)
    expect(await popup.evaluate(() => window.opener)).toBeNull()
    expect(https.log.find((r) => r.path === '/link-target')).toMatchObject({ dest: 'document', referer: undefined })
    expect(page.url()).toBe(hostileApp.url)
    expect(page.errors).toEqual([])
    await page.context().close()
  }, 60_000)
})
