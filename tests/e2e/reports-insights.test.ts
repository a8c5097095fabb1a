// The reports dashboard's NPS, template and "other" figures, its tag filter and the topic editor,
// keyboard only, in the real renderer in Chromium against browser mode on the demo workspace:
// what is shown matches what the engine computes, bad topic rules get a message under the field,
// a saved topic changes the dashboard, and a group of similar messages becomes a topic with `n`.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import type { InboxPage } from '../../preload/api'
import { screenshotDir } from '../rigs/chromium'
import { engineValue, openInbox, useE2eApp } from '../rigs/e2e'
import { kpi, openReports } from '../support/reports-screen'

const rig = useE2eApp('report-insights')

beforeAll(async () => {
  // Scores from calls: two promoters, a passive and a detractor (NPS 25).
  const page = (await engineValue(rig.engine.call('inbox.list', { view: 'all', limit: 10 }))) as InboxPage
  const scores = [10, 9, 8, 3]
  for (const [i, score] of scores.entries())
    await engineValue(
      rig.engine.call('callFive.log', { customerId: page.rows[i]!.customerId, outcome: 'reached', score }),
    )
})

const openApp = (locale: string) =>
  openInbox(rig.browser, rig.app.url, {
    locale,
    viewport: { width: 1360, height: 1000 },
    acceptDownloads: true,
    minRows: 6,
  })

async function goToTable(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 10 && (await page.locator(`.report-table[data-table="${id}"]`).count()) === 0; i++) {
    await page.keyboard.press(']')
    await page.waitForTimeout(50)
  }
  await expect.poll(() => page.locator(`.report-table[data-table="${id}"]`).count()).toBe(1)
}

describe('NPS, templates and similar messages on the dashboard', () => {
  it('shows the NPS, its table and the groups of similar messages as the engine computes them', async () => {
    const page = await openApp('en-US')
    await openReports(page)
    const report = await engineValue(rig.engine.call('reports.get', {}))
    expect(report.nps.total).toMatchObject({ promoters: 2, passives: 1, detractors: 1, responses: 4, nps: 25 })
    expect(await kpi(page, 'nps')).toBe('25')
    expect(await page.locator('[data-kpi="nps"] .kpi-note').textContent()).toMatch(/^4 answered · fewer than 10/)
    expect(await page.locator('#chart-nps').textContent()).toBe('NPS by week (customers who answered)')
    expect(await page.locator('#chart-nps-help').textContent()).toContain('(stars − 1) × 2.5')

    await goToTable(page, 'clusters')
    const clusters = await engineValue(rig.engine.call('reports.clusters', {}))
    const rows = page.locator('.report-table[data-table="clusters"] tbody tr')
    await expect.poll(() => rows.count()).toBe(Math.min(50, clusters.clusters.length))
    expect(await rows.first().locator('td').nth(0).textContent()).toBe(clusters.clusters[0]!.words.join(' · '))
    expect(await rows.first().locator('td').nth(1).textContent()).toBe(String(clusters.clusters[0]!.count))
    expect(await page.getByTestId('clusters-help').textContent()).toContain(String(clusters.sampled))
    await page.screenshot({ path: join(screenshotDir(), 'reports-clusters-en.png') })

    await goToTable(page, 'nps')
    const npsRows = page.locator('.report-table[data-table="nps"] tbody tr')
    expect(await npsRows.count()).toBe(report.nps.points.length)
    const answered = await npsRows.evaluateAll((trs) =>
      trs.reduce((n, tr) => n + Number(tr.querySelectorAll('td')[4]?.textContent ?? 0), 0),
    )
    expect(answered).toBe(report.nps.points.reduce((n, p) => n + p.responses, 0))

    // The demo's replies record no templates: the table says nothing is there rather than guessing.
    await page.keyboard.press(']')
    await expect
      .poll(() => page.locator('.report-table-wrap').getAttribute('aria-label'))
      .toBe('Templates and response time')
    expect(report.templateEffects).toEqual([])
    expect(await page.locator('.report-table-wrap .report-help').textContent()).toContain('at least 5 conversations')
    await page.screenshot({ path: join(screenshotDir(), 'reports-nps-en.png'), fullPage: true })
    expect(page.errors).toEqual([])
    await page.context().close()
  })

  it('filters by a customer tag with f', async () => {
    const page = await openApp('en-US')
    await openReports(page)
    const tags = await engineValue(rig.engine.call('customer.tags', {}))
    expect(tags.length).toBeGreaterThan(0)
    await page.keyboard.press('f')
    await expect.poll(() => page.getByTestId('report-tag').textContent()).toBe(tags[0]!.tag)
    const tagged = await engineValue(rig.engine.call('reports.get', { tag: tags[0]!.tag }))
    await expect.poll(() => kpi(page, 'messagesIn')).toBe(new Intl.NumberFormat('en-GB').format(tagged.kpis.messagesIn))
    await page.keyboard.press('Shift+F')
    await expect.poll(() => page.getByTestId('report-tag').textContent()).toBe('All customers')
    expect(page.errors).toEqual([])
    await page.context().close()
  })

  it('edits the topics: a message under a bad field, then saved and counted', async () => {
    const page = await openApp('en-US')
    await openReports(page)
    await page.keyboard.press('e')
    await expect.poll(() => page.locator('.topic-editor').count()).toBe(1)
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('topic-0-labelEn')
    // Empty both names of the first topic: the message is under the field and nothing is saved.
    await page.keyboard.press('Control+A')
    await page.keyboard.press('Backspace')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Control+A')
    await page.keyboard.press('Backspace')
    await page.keyboard.press('Control+Enter')
    await expect
      .poll(() => page.locator('#topic-0-labelEn-error').textContent())
      .toBe('Give the topic a name, in English or Japanese.')
    expect((await engineValue(rig.engine.call('reports.topics', {}))).custom).toBe(false)
    await page.keyboard.type('配送の遅れ')
    await page.screenshot({ path: join(screenshotDir(), 'reports-topic-editor-en.png') })
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.topic-editor').count()).toBe(0)
    await expect.poll(() => page.locator('dialog.reports-screen[open]').count()).toBe(1)

    // From a group of similar messages: n opens the editor with a new topic filled in; saved, the
    // dashboard counts it.
    await goToTable(page, 'clusters')
    const clusters = await engineValue(rig.engine.call('reports.clusters', {}))
    const group = clusters.clusters[0]!
    await page.keyboard.press('n')
    await expect.poll(() => page.locator('.topic-editor').count()).toBe(1)
    const last = (await page.locator('.topic-rule').count()) - 1
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`topic-${last}-labelEn`)
    expect(await page.locator(`#topic-${last}-en`).inputValue()).toBe(group.keywords.en.join(', '))
    expect(await page.locator(`#topic-${last}-ja`).inputValue()).toBe(group.keywords.ja.join('、'))
    await page.keyboard.press('Control+A')
    await page.keyboard.type('Recurring question')
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => page.locator('.topic-editor').count()).toBe(0)
    const saved = await engineValue(rig.engine.call('reports.topics', {}))
    expect(saved.custom).toBe(true)
    const made = saved.rules.at(-1)!
    expect(made.label.en).toBe('Recurring question')
    const report = await engineValue(rig.engine.call('reports.get', {}))
    const count = report.topics.find((t) => t.id === made.id)!.conversations
    expect(count).toBeGreaterThan(0)
    await goToTable(page, 'topics')
    await expect
      .poll(() =>
        page
          .locator('.report-table[data-table="topics"] tbody tr')
          .filter({ hasText: 'Recurring question' })
          .locator('td')
          .nth(1)
          .textContent(),
      )
      .toBe(String(count))
    expect(page.errors).toEqual([])
    await page.context().close()
  })

  it('reads in Japanese', async () => {
    await engineValue(rig.engine.call('settings.update', { language: 'ja' }))
    const page = await openApp('ja-JP')
    await openReports(page)
    expect(await page.locator('#chart-nps').textContent()).toBe('週ごとの NPS（回答したお客様）')
    expect(await page.locator('#chart-nps-help').textContent()).toContain('(星 − 1) × 2.5')
    await page.screenshot({ path: join(screenshotDir(), 'reports-nps-ja.png'), fullPage: true })
    await goToTable(page, 'clusters')
    await page.screenshot({ path: join(screenshotDir(), 'reports-clusters-ja.png') })
    await page.keyboard.press('e')
    await expect.poll(() => page.locator('.topic-editor h2').textContent()).toBe('問い合わせの内容')
    await page.screenshot({ path: join(screenshotDir(), 'reports-topic-editor-ja.png') })
    await page.keyboard.press('Escape')
    expect(page.errors).toEqual([])
    await engineValue(rig.engine.call('settings.update', { language: 'en' }))
    await page.context().close()
  })
})
