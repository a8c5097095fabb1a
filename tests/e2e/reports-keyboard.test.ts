// The reports dashboard from the keyboard only, in the real renderer in Chromium against browser
// mode on the demo workspace: `g r` opens it, its figures match `reports.get` from the engine,
// period and channel change from the keyboard, tables move with j / k and open a customer with
// Enter, a table exports as CSV (a download), and everything reads in Japanese too.
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { screenshotDir } from '../rigs/chromium'
import { engineValue, openInbox, useE2eApp } from '../rigs/e2e'
import { kpi, openReports } from '../support/reports-screen'

const rig = useE2eApp('reports')

const openApp = (locale: string) =>
  openInbox(rig.browser, rig.app.url, {
    locale,
    viewport: { width: 1360, height: 1000 },
    acceptDownloads: true,
    minRows: 6,
  })

const en = (n: number) => new Intl.NumberFormat('en-GB').format(n)

describe('reports from the keyboard', () => {
  it('opens with g r and shows what reports.get computes', async () => {
    const page = await openApp('en-US')
    await openReports(page)
    const report = await engineValue(rig.engine.call('reports.get', {}))
    expect(await kpi(page, 'messagesIn')).toBe(en(report.kpis.messagesIn))
    expect(await kpi(page, 'breaches')).toBe(en(report.kpis.breaches))
    expect(await kpi(page, 'conversations')).toBe(en(report.kpis.conversations))
    expect(await kpi(page, 'withinPolicy')).toBe(
      new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(
        report.kpis.withinPolicy.share!,
      ),
    )
    // The busy-hours grid holds every incoming message once.
    const cells = await page
      .locator('.busy-hours td')
      .evaluateAll((tds) => tds.reduce((n, td) => n + Number((td.textContent ?? '').replace(/,/g, '') || 0), 0))
    expect(cells).toBe(report.kpis.messagesIn)
    // The breaches table, first: one row per late answer (up to 50 shown).
    const rows = page.locator('.report-table[data-table="breaches"] tbody tr')
    expect(await rows.count()).toBe(Math.min(50, report.breaches.length))
    expect(await rows.first().locator('td').first().textContent()).toBe(report.breaches[0]!.customerName)
    await page.screenshot({ path: join(screenshotDir(), 'reports-en.png'), fullPage: true })

    // Period: 2 is the last 30 days, fewer messages than 90; 3 goes back to 90.
    await page.keyboard.press('2')
    await expect.poll(() => page.locator('.chip[aria-pressed="true"]').textContent()).toMatch(/Last 30 days/)
    await expect
      .poll(async () => Number((await kpi(page, 'messagesIn'))!.replace(/,/g, '')))
      .toBeLessThan(report.kpis.messagesIn)
    await page.keyboard.press('3')
    await expect.poll(() => kpi(page, 'messagesIn')).toBe(en(report.kpis.messagesIn))

    // Channel: c goes to the busiest channel, and the figures are that channel's.
    const busiest = report.byChannel[0]!.channel
    await page.keyboard.press('c')
    const one = await engineValue(rig.engine.call('reports.get', { channel: busiest }))
    await expect.poll(() => kpi(page, 'messagesIn')).toBe(en(one.kpis.messagesIn))
    expect(one.kpis.messagesIn).toBeLessThan(report.kpis.messagesIn)
    await page.keyboard.press('Shift+C')
    await expect.poll(() => page.getByTestId('report-channel').textContent()).toBe('All channels')
    expect(page.errors).toEqual([])
    await page.context().close()
  })

  it('walks a table with j and k, exports it as CSV and opens the customer with Enter', async () => {
    const page = await openApp('en-US')
    await openReports(page)
    const report = await engineValue(rig.engine.call('reports.get', {}))
    const selected = () => page.locator('.report-table tbody tr[aria-selected="true"]').getAttribute('id')
    expect(await selected()).toBe('report-row-0')
    await page.keyboard.press('j')
    await page.keyboard.press('j')
    await page.keyboard.press('k')
    expect(await selected()).toBe('report-row-1')

    const download = page.waitForEvent('download')
    await page.keyboard.press('x')
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^breaches-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/)
    const csv = await fs.readFile((await file.path())!, 'utf8')
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
    expect(lines[0]).toBe('Customer,Channel,Subject,Waiting since,Due,Answered,Late by (h)')
    expect(lines).toHaveLength(report.breaches.length + 1)
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).count()).toBe(1)

    // ] goes to the customers at risk; Enter opens the selected one.
    await page.keyboard.press(']')
    await expect.poll(() => page.locator('.report-table').getAttribute('data-table')).toBe('atRisk')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('dialog.reports-screen').count()).toBe(0)
    await expect.poll(() => page.locator('.timeline .message').count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect(page.errors).toEqual([])
    await page.context().close()
  })

  it('reads in Japanese: words, numbers and weekday names', async () => {
    const page = await openApp('en-US')
    // The language switch is a command: the palette finds it.
    await page.keyboard.press('Control+K')
    await page.keyboard.type('Switch language')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ja')
    await openReports(page)
    const report = await engineValue(rig.engine.call('reports.get', {}))
    expect(await page.locator('#reports-title').textContent()).toBe('レポート')
    expect(await page.locator('[data-kpi="messagesIn"] .kpi-label').textContent()).toBe('お客様からのメッセージ')
    expect(await kpi(page, 'messagesIn')).toBe(new Intl.NumberFormat('ja-JP').format(report.kpis.messagesIn))
    expect(await page.locator('.busy-hours tbody th').allTextContents()).toEqual([
      '月',
      '火',
      '水',
      '木',
      '金',
      '土',
      '日',
    ])
    expect(await page.locator('.report-table thead th').first().textContent()).toBe('お客様')
    await page.screenshot({ path: join(screenshotDir(), 'reports-ja.png'), fullPage: true })
    await page.keyboard.press(']')
    await page.keyboard.press(']')
    await page.screenshot({ path: join(screenshotDir(), 'reports-topics-ja.png') })
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('dialog.reports-screen').count()).toBe(0)
    expect(page.errors).toEqual([])
    await engineValue(rig.engine.call('settings.update', { language: 'en' }))
    await page.context().close()
  })
})
