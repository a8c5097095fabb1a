// Numbers, durations, dates and weekday names as each language writes them, for the dashboard.
import { shortDuration, type Lang } from '../../app/i18n'

const LOCALES: Record<Lang, string> = { en: 'en-GB', ja: 'ja-JP' }
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>()

function numberFormat(lang: Lang, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `n:${lang}:${key}`
  let f = cache.get(id) as Intl.NumberFormat | undefined
  if (!f) cache.set(id, (f = new Intl.NumberFormat(LOCALES[lang], options)))
  return f
}

function dateFormat(lang: Lang, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `d:${lang}:${key}`
  let f = cache.get(id) as Intl.DateTimeFormat | undefined
  if (!f) cache.set(id, (f = new Intl.DateTimeFormat(LOCALES[lang], options)))
  return f
}

export const count = (n: number, lang: Lang) => numberFormat(lang, 'count', {}).format(n)

export const percent = (share: number | undefined, lang: Lang) =>
  share === undefined
    ? '—'
    : numberFormat(lang, 'percent', { style: 'percent', maximumFractionDigits: 0 }).format(share)

export const duration = (ms: number | undefined, lang: Lang) => (ms === undefined ? '—' : shortDuration(ms, lang))

/** Hours with one decimal, for chart axes and CSV. */
export const hours = (ms: number | undefined) => (ms === undefined ? undefined : Math.round(ms / 360_000) / 10)

export function money(total: number, currency: string, lang: Lang): string {
  try {
    return numberFormat(lang, `money:${currency}`, { style: 'currency', currency }).format(total)
  } catch {
    // Not an ISO currency code (an order file's own spelling): the number and what it said.
    return `${count(total, lang)} ${currency}`
  }
}

/** A calendar day "2026-11-02" as "2 Nov" / "11月2日". */
export const day = (date: string, lang: Lang) =>
  dateFormat(lang, 'day', { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`))

/** A moment, in the seller's zone: "2 Nov 2026, 14:05". */
export const moment = (iso: string | undefined, lang: Lang, timeZone: string) =>
  iso === undefined
    ? '—'
    : dateFormat(lang, `moment:${timeZone}`, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
        new Date(iso),
      )

/** The day a period covers, in the seller's zone. */
export const date = (iso: string, lang: Lang, timeZone: string) =>
  dateFormat(lang, `date:${timeZone}`, { dateStyle: 'medium', timeZone }).format(new Date(iso))

/** Weekday names, Sunday first: "Sun"… / "日"… */
export function weekdays(lang: Lang): string[] {
  const f = dateFormat(lang, 'weekday', { weekday: 'short', timeZone: 'UTC' })
  // 1 November 2026 was a Sunday.
  return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2026, 10, 1 + i))))
}
