// Japanese public holidays (国民の祝日), computed from the Act on National Holidays rather than
// read from a table, so every year works without an update: fixed dates, the Happy Monday
// holidays, the equinoxes by the standard astronomical formula (valid 1900–2099), substitute
// holidays (振替休日) and citizens' holidays (国民の休日), plus the one-off moves of 2019–2021.
// The named days and substitutes follow each law change since 1948 (checked against the
// holiday_jp data set for 1970–2050). Dates are calendar days in Japan; names are the official Japanese ones.
import { isoDate, nextDate, weekdayOf, type CivilDate } from './time-zone'

const byYear = new Map<number, ReadonlyMap<string, string>>()

/** The holidays of `year`, by `YYYY-MM-DD`, with their names. */
export function japaneseHolidays(year: number): ReadonlyMap<string, string> {
  let holidays = byYear.get(year)
  if (!holidays) {
    holidays = computeYear(year)
    byYear.set(year, holidays)
  }
  return holidays
}

/** The holiday's name if `date` is a Japanese public holiday, else undefined. */
export function japaneseHoliday(date: CivilDate): string | undefined {
  return japaneseHolidays(date.year).get(isoDate(date))
}

/** Day of the vernal equinox in March (Japan time), by the formula used for the official almanac. */
export function vernalEquinoxDay(year: number): number {
  const base = year <= 1979 ? 20.8357 : year <= 2099 ? 20.8431 : 21.851
  return equinox(base, year)
}

/** Day of the autumnal equinox in September (Japan time). */
export function autumnalEquinoxDay(year: number): number {
  const base = year <= 1979 ? 23.2588 : year <= 2099 ? 23.2488 : 24.2488
  return equinox(base, year)
}

function equinox(base: number, year: number): number {
  // Truncated, as in the published formula (it matters for the negative values before 1983).
  const leapShift = Math.trunc((year - (year <= 1979 ? 1983 : 1980)) / 4)
  return Math.floor(base + 0.242194 * (year - 1980) - leapShift)
}

/** The `n`th Monday of `month` (Happy Monday). */
function nthMonday(year: number, month: number, n: number): number {
  const first = weekdayOf({ year, month, day: 1 })
  return 1 + ((8 - first) % 7) + (n - 1) * 7
}

function computeYear(year: number): Map<string, string> {
  const named = new Map<string, string>()
  const add = (month: number, day: number, name: string) => named.set(isoDate({ year, month, day }), name)
  if (year < 1949) return named

  add(1, 1, '元日')
  if (year >= 2000) add(1, nthMonday(year, 1, 2), '成人の日')
  else add(1, 15, '成人の日')
  if (year >= 1967) add(2, 11, '建国記念の日')
  if (year >= 2020) add(2, 23, '天皇誕生日')
  add(3, vernalEquinoxDay(year), '春分の日')
  if (year >= 2007) add(4, 29, '昭和の日')
  else if (year >= 1989) add(4, 29, 'みどりの日')
  else add(4, 29, '天皇誕生日')
  add(5, 3, '憲法記念日')
  if (year >= 2007) add(5, 4, 'みどりの日')
  add(5, 5, 'こどもの日')
  // The Tokyo Olympics moved Marine, Sports and Mountain Day in 2020 and (postponed) 2021.
  if (year === 2020) add(7, 23, '海の日')
  else if (year === 2021) add(7, 22, '海の日')
  else if (year >= 2003) add(7, nthMonday(year, 7, 3), '海の日')
  else if (year >= 1996) add(7, 20, '海の日')
  if (year === 2020) add(8, 10, '山の日')
  else if (year === 2021) add(8, 8, '山の日')
  else if (year >= 2016) add(8, 11, '山の日')
  if (year >= 2003) add(9, nthMonday(year, 9, 3), '敬老の日')
  else if (year >= 1966) add(9, 15, '敬老の日')
  add(9, autumnalEquinoxDay(year), '秋分の日')
  if (year === 2020) add(7, 24, 'スポーツの日')
  else if (year === 2021) add(7, 23, 'スポーツの日')
  else if (year >= 2020) add(10, nthMonday(year, 10, 2), 'スポーツの日')
  else if (year >= 2000) add(10, nthMonday(year, 10, 2), '体育の日')
  else if (year >= 1966) add(10, 10, '体育の日')
  add(11, 3, '文化の日')
  add(11, 23, '勤労感謝の日')
  if (year >= 1989 && year <= 2018) add(12, 23, '天皇誕生日')
  // One-off holidays by special law.
  if (year === 2019) {
    add(5, 1, '天皇の即位の日')
    add(10, 22, '即位礼正殿の儀の行われる日')
  }
  if (year === 1959) add(4, 10, '皇太子明仁親王の結婚の儀')
  if (year === 1989) add(2, 24, '昭和天皇の大喪の礼')
  if (year === 1990) add(11, 12, '即位礼正殿の儀')
  if (year === 1993) add(6, 9, '皇太子徳仁親王の結婚の儀')

  const all = new Map(named)
  // 国民の休日 (since 1985-12-27): a day between two named holidays that is not one itself.
  if (year >= 1986) {
    for (const key of named.keys()) {
      const day = dateOf(key)
      const between = nextDate(day)
      const after = isoDate(nextDate(between))
      if (named.has(after) && !named.has(isoDate(between)) && weekdayOf(between) !== 0) {
        all.set(isoDate(between), '国民の休日')
      }
    }
  }
  // 振替休日 (since 1973-04-12): a holiday on a Sunday moves to the next day that is not one
  // (until 2006: to the Monday only, and not at all when the Monday was a holiday already).
  for (const key of named.keys()) {
    const day = dateOf(key)
    if (weekdayOf(day) !== 0 || key < '1973-04-12') continue
    let next = nextDate(day)
    if (year < 2007 && all.has(isoDate(next))) continue
    while (all.has(isoDate(next))) next = nextDate(next)
    if (next.year === year) all.set(isoDate(next), '振替休日')
  }
  return all
}

function dateOf(key: string): CivilDate {
  return { year: Number(key.slice(0, 4)), month: Number(key.slice(5, 7)), day: Number(key.slice(8, 10)) }
}
