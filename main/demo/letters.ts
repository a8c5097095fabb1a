// Turning a topic line into a whole letter: the greeting, sign-off and signature a
// customer or the seller would write around it, in English or in Japanese business style.
// Lines end in CRLF from the start, as they will in the message.
import type { Language } from '../core/model'
import type { Person } from './people'
import { NL } from './mime'
import type { Rng } from './random'

export interface LineVars {
  product?: string
  order?: string
  tracking?: string
  carrier?: string
  capacity?: string
  date?: string
  family?: string
}

/** A line split at its placeholders: even slots are text, odd slots are variable names. */
type Compiled = readonly string[]

const compiled = new Map<string, Compiled>()

function compile(line: string): Compiled {
  let c = compiled.get(line)
  if (!c) compiled.set(line, (c = line.split(/\{(\w+)\}/)))
  return c
}

function usable(c: Compiled, vars: LineVars): boolean {
  for (let i = 1; i < c.length; i += 2) if (vars[c[i] as keyof LineVars] === undefined) return false
  return true
}

function fitting(lines: readonly string[], vars: LineVars, used: Set<string> | undefined): string[] {
  const ok: string[] = []
  for (const line of lines) if (usable(compile(line), vars) && !used?.has(line)) ok.push(line)
  return ok
}

/**
 * A random line whose placeholders all have values, filled in. Lines in `used` (this
 * thread's so far) are skipped while others remain, then `spare` lines are tried, so a
 * long thread does not repeat itself; the chosen line is added to `used`.
 */
export function pickLine(
  rng: Rng,
  lines: readonly string[],
  vars: LineVars,
  used?: Set<string>,
  spare: readonly string[] = [],
): string {
  let ok = fitting(lines, vars, used)
  if (ok.length === 0 && used) ok = fitting(spare, vars, used)
  if (ok.length === 0) ok = fitting(lines, vars, undefined)
  if (ok.length === 0) throw new RangeError(`no line fits the facts: ${lines[0] ?? '(none)'}`)
  const line = rng.pick(ok)
  const c = compile(line)
  used?.add(line)
  let out = c[0] as string
  for (let i = 1; i < c.length; i += 2) out += (vars[c[i] as keyof LineVars] as string) + (c[i + 1] as string)
  return out
}

export const SELLER = {
  en: { shop: "Aiko's Tea Ware", signature: "Best regards,\r\nAiko Morita\r\nAiko's Tea Ware" },
  ja: { shop: '藍子の茶器', signature: '――――――――――\r\n藍子の茶器\r\n森田 藍子' },
} as const

const EN_GREETINGS = ['Hi,', 'Hello,', 'Hi there,', "Dear Aiko's Tea Ware,", 'Hello Aiko,', '']
const EN_CLOSINGS = ['Thanks,', 'Best,', 'Kind regards,', 'Thank you,', 'Cheers,', 'Best wishes,']

/** The customer's letter around `body`. `toShop` says whether they address the shop by name. */
export function customerLetter(rng: Rng, p: Person, body: string, first: boolean, toShop: boolean): string {
  if (p.language === 'en') {
    const greeting = first ? rng.pick(EN_GREETINGS) : rng.pick(['Hi Aiko,', 'Hi,', 'Hello,', ''])
    const sign = rng.chance(0.7) ? p.first : p.name
    return (
      greeting ? [greeting, '', body, '', rng.pick(EN_CLOSINGS), sign] : [body, '', rng.pick(EN_CLOSINGS), sign]
    ).join(NL)
  }
  if (first) {
    const to = toShop ? `${SELLER.ja.shop}\r\nご担当者様` : rng.pick(['ご担当者様', 'ショップご担当者様'])
    const intro = rng.pick([`はじめまして。${p.family}と申します。`, `お世話になっております。${p.family}と申します。`])
    const close = rng.pick(['よろしくお願いいたします。', 'お手数をおかけしますが、よろしくお願いいたします。'])
    return [to, '', intro, body, '', close, '', p.name].join(NL)
  }
  const intro = rng.pick([`お世話になっております。${p.family}です。`, 'ご返信ありがとうございます。', ''])
  return (
    intro
      ? [intro, '', body, '', 'よろしくお願いいたします。', p.name]
      : [body, '', 'よろしくお願いいたします。', p.name]
  ).join(NL)
}

/** The seller's reply around `body`. */
export function sellerLetter(rng: Rng, p: Person, body: string, first: boolean): string {
  if (p.language === 'en') {
    const hello = rng.pick(['Hi', 'Hello', 'Dear'])
    const lead = first && rng.chance(0.5) ? 'Thank you for your message. ' : ''
    return [`${hello} ${p.first},`, '', lead + body, '', SELLER.en.signature].join(NL)
  }
  const lead = first
    ? `この度は${SELLER.ja.shop}にお問い合わせいただき、誠にありがとうございます。`
    : `お世話になっております。${SELLER.ja.shop}でございます。`
  return [
    `${p.name} 様`,
    '',
    lead,
    body,
    '',
    `今後とも${SELLER.ja.shop}をよろしくお願いいたします。`,
    '',
    SELLER.ja.signature,
  ].join(NL)
}

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** "March 3" / "3月3日" on the customer's own calendar. */
export function spokenDate(ms: number, language: Language, utcOffset: number): string {
  const d = new Date(ms + utcOffset * 60_000)
  return language === 'ja'
    ? `${d.getUTCMonth() + 1}月${d.getUTCDate()}日`
    : `${EN_MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`
}
