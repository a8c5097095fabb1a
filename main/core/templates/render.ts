// Renders a template for one customer: variables filled in, fallbacks used, conditionals decided,
// the date written in the template's language in the seller's time zone. Pure: `now` and the
// time zone are inputs. What cannot be filled never goes out as raw "{{…}}": a value the data
// lacks becomes a fill-in blank (⟦tracking number⟧) the seller must type over before sending,
// and a broken template is reported with its problems, which the composer refuses to insert.
import type { Language } from '../model'
import { fieldText, type FieldSpan } from './fields'
import { parseTemplate, problemAt, type TemplateNode, type TemplateProblem } from './parse'
import { VARIABLE_LABELS, type VariableName } from './variables'

export interface RenderContext {
  language: Language
  now: Date
  /** IANA name, e.g. "Asia/Tokyo": the seller's, for today's date. */
  timeZone: string
  customer?: { name: string; language?: Language }
  order?: { number?: string; item?: string; trackingNumber?: string; carrier?: string }
  /** The account the reply goes out from: its display name is the shop's. */
  shop?: { name?: string }
}

export interface Rendering {
  text: string
  /** Blanks to fill in, in order: the template's own {{field}}s and values the data lacks. */
  fields: FieldSpan[]
  problems: TemplateProblem[]
}

/** Problems that make a template unusable until it is edited (missing values only ask for typing). */
export function isBlocking(problem: TemplateProblem): boolean {
  return problem.kind !== 'missing_value'
}

export function renderTemplate(body: string, ctx: RenderContext): Rendering {
  const parsed = parseTemplate(body)
  const values = valuesOf(ctx)
  const problems = [...parsed.problems]
  const fields: FieldSpan[] = []
  let text = ''
  const blank = (label: string) => {
    const start = text.length
    text += fieldText(label)
    fields.push({ label, start, end: text.length })
  }
  const walk = (nodes: readonly TemplateNode[]) => {
    for (const node of nodes) {
      switch (node.kind) {
        case 'text':
        case 'broken':
          text += node.text
          break
        case 'field':
          blank(node.label)
          break
        case 'var': {
          const value = values[node.name]
          if (value !== undefined) text += value
          else if (node.fallback !== undefined) text += node.fallback
          else {
            const label = VARIABLE_LABELS[node.name][ctx.language]
            problems.push(
              problemAt(
                body,
                'missing_value',
                node.start,
                node.end,
                `No ${VARIABLE_LABELS[node.name].en} for this customer: type it in, or give a fallback ({{${node.name} | "…"}}).`,
                node.name,
              ),
            )
            blank(label)
          }
          break
        }
        case 'if':
          walk(values[node.name] !== undefined ? node.then : node.otherwise)
          break
      }
    }
  }
  walk(parsed.nodes)
  return { text, fields, problems }
}

/** Every variable's value for this context; undefined when the data has none. */
export function valuesOf(ctx: RenderContext): Record<VariableName, string | undefined> {
  const names = splitName(ctx.customer?.name ?? '', ctx.customer?.language ?? ctx.language)
  const shop = clean(ctx.shop?.name)
  return {
    'customer.first_name': names.first,
    'customer.last_name': names.last,
    'customer.name': names.full,
    'order.number': clean(ctx.order?.number),
    'order.item': clean(ctx.order?.item),
    'order.tracking_number': clean(ctx.order?.trackingNumber),
    'order.carrier': clean(ctx.order?.carrier),
    'seller.name': shop,
    'shop.name': shop,
    today: formatToday(ctx.now, ctx.language, ctx.timeZone),
  }
}

function clean(value: string | undefined): string | undefined {
  const v = value?.trim()
  return v ? v : undefined
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u

/**
 * A customer's name in parts. Japanese names are written family name first ("岡本 典子"); a name
 * in one piece gives no first or last name, and an e-mail address (a customer we know no name
 * for) gives none at all, so the fallbacks apply.
 */
export function splitName(name: string, language: Language): { first?: string; last?: string; full?: string } {
  const full = name.trim().replace(/\s+/gu, ' ')
  if (full === '' || full.includes('@')) return {}
  const parts = full.split(' ')
  if (parts.length < 2) return CJK.test(full) ? { full } : { first: full, full }
  const familyFirst = CJK.test(full) || (language === 'ja' && !/[a-z]/i.test(full))
  return familyFirst
    ? { last: parts[0], first: parts.slice(1).join(' '), full }
    : { first: parts[0], last: parts.at(-1), full }
}

/** Today as a letter writes it: "December 4, 2026" / "2026年12月4日", in the seller's time zone. */
export function formatToday(now: Date, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-US', { dateStyle: 'long', timeZone }).format(now)
}
