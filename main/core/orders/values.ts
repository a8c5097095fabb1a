// Reading one cell: amounts with currency signs and thousands separators, dates in the shapes
// Shopify, Amazon, eBay and Japanese spreadsheets write them, and order states in their words.
// Each returns undefined for a value it cannot read, so the caller names the row and column.
import type { Order } from '../model'

const CURRENCY_SIGNS: Record<string, string> = { $: 'USD', '¥': 'JPY', '￥': 'JPY', '€': 'EUR', '£': 'GBP', 円: 'JPY' }

/** "1,200", "$24.99", "US $24.99", "¥1,200", "1.200,50 €" is not supported (ambiguous). */
export function parseAmount(raw: string): { value: number; currency?: string } | undefined {
  let s = raw.trim().replace(/[\s\u00a0]/g, '')
  if (s === '') return undefined
  let currency: string | undefined
  const code = /^(US|AU|C|CA|NZ|HK)?([$¥￥€£])/.exec(s)
  if (code) {
    currency = code[1] === 'AU' ? 'AUD' : code[1] === 'C' || code[1] === 'CA' ? 'CAD' : CURRENCY_SIGNS[code[2]!]
    s = s.slice(code[0].length)
  }
  const iso = /^([A-Z]{3})(?=[\d-])|(?<=\d)([A-Z]{3})$/.exec(s)
  if (iso) {
    currency = iso[1] ?? iso[2]
    s = s.replace(iso[0], '')
  }
  if (s.endsWith('円')) {
    currency = 'JPY'
    s = s.slice(0, -1)
  }
  // Full-width digits from Japanese spreadsheets.
  s = s.replace(/[０-９．，－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(s)) return undefined
  const value = Number(s.replace(/,/g, ''))
  return Number.isFinite(value) ? { value, ...(currency ? { currency } : {}) } : undefined
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/**
 * A date and time as an ISO string in UTC. `offsetMinutes` is the seller's own offset from UTC
 * (+540 in Japan), used when the file gives a time without a zone.
 */
export function parseDate(raw: string, offsetMinutes: number): string | undefined {
  const s = raw.trim()
  if (s === '') return undefined
  // ISO 8601 or Shopify's "2026-11-20 10:15:32 +0900"; also 2026/11/20 and 2026年11月20日.
  const m =
    /^(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i.exec(
      s,
    )
  if (m) return build(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), zone(m[7], offsetMinutes))
  // eBay: "Nov-20-26", "Nov-20-26 10:15:32 PST" is read without its zone name (abbreviations are ambiguous).
  const e = /^([A-Za-z]{3})-(\d{1,2})-(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s+[A-Z]{2,5})?$/.exec(s)
  if (e) {
    const month = MONTHS.indexOf(e[1]!.toLowerCase()) + 1
    if (month === 0) return undefined
    const year = e[3]!.length === 2 ? 2000 + +e[3]! : +e[3]!
    return build(year, month, +e[2]!, +(e[4] ?? 0), +(e[5] ?? 0), +(e[6] ?? 0), offsetMinutes)
  }
  return undefined
}

function zone(z: string | undefined, fallback: number): number {
  if (!z) return fallback
  if (/^(Z|UTC|GMT)$/i.test(z)) return 0
  const sign = z.startsWith('-') ? -1 : 1
  const digits = z.slice(1).replace(':', '')
  return sign * (+digits.slice(0, 2) * 60 + +digits.slice(2))
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: number): string | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined
  const t = Date.UTC(y, mo - 1, d, h, mi, s)
  // 2026-02-31 rolls over in Date.UTC: refuse it rather than import the wrong day.
  if (new Date(t).getUTCDate() !== d) return undefined
  return new Date(t - offset * 60_000).toISOString()
}

/** An order state from the words the exports use, English and Japanese; undefined if unknown. */
export function parseStatus(raw: string): Order['status'] | undefined {
  const s = raw.trim().toLowerCase()
  if (s === '') return undefined
  if (/cancel|voided|キャンセル|取消/.test(s)) return 'cancelled'
  if (/return|refund|返品|返金/.test(s)) return 'returned'
  if (/deliver|配達済|配送完了|受取/.test(s)) return 'delivered'
  if (/ship|fulfilled|発送済|出荷済|発送完了/.test(s)) return 'shipped'
  if (/pend|unship|unfulfilled|paid|authori[sz]ed|partial|未発送|未出荷|入金|注文確定|処理中|new/.test(s))
    return 'pending'
  return undefined
}
