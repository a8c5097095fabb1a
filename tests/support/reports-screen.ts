// The reports dashboard as the e2e tests reach it: opened with `g r` and read by its tiles.
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

/** `g r`, then waits until the dashboard shows its first figures. */
export async function openReports(page: Page): Promise<void> {
  await page.keyboard.press('g')
  await page.keyboard.press('r')
  await expect.poll(() => page.locator('dialog.reports-screen[open]').count()).toBe(1)
  await expect.poll(() => page.locator('[data-kpi="messagesIn"]').count(), { timeout: 20_000 }).toBe(1)
}

/** The figure a KPI tile shows. */
export const kpi = (page: Page, id: string) => page.locator(`[data-kpi="${id}"] .kpi-value`).textContent()
