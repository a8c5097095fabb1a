// The topic editor's form: topic rules as the fields show them (keywords as one comma-separated
// line per language), back to rules, and the problems to show under each field before saving
// (the engine checks the same again: preload/schemas/reports.ts topicRulesSchema).
import type { TopicRule } from '../../../../preload/api'
import { reportWords } from './words'
import type { Lang } from '../../app/i18n'

export interface TopicFields {
  id: string
  labelEn: string
  labelJa: string
  en: string
  ja: string
  problem: boolean
}

/** Field problems by `index.field`, e.g. "2.en". */
export type TopicErrors = Record<string, string>

export function fieldsOf(rule: TopicRule): TopicFields {
  return {
    id: rule.id,
    labelEn: rule.label.en,
    labelJa: rule.label.ja,
    en: rule.en.join(', '),
    ja: rule.ja.join('、'),
    problem: rule.problem === true,
  }
}

/** Keywords typed on one line: commas (either width) and the Japanese 、 separate them. */
export function keywordsOf(line: string): string[] {
  return line
    .split(/[,，、\n]/)
    .map((k) => k.trim())
    .filter((k) => k !== '')
}

/** An id for a new topic from its name: "Gift wrap" → "gift-wrap", unique among `taken`. */
export function idFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'topic'
  let id = base
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`
  return id
}

export function rulesOf(fields: readonly TopicFields[]): TopicRule[] {
  return fields.map((f) => ({
    id: f.id,
    label: { en: f.labelEn.trim(), ja: f.labelJa.trim() },
    en: keywordsOf(f.en),
    ja: keywordsOf(f.ja),
    ...(f.problem ? { problem: true } : {}),
  }))
}

/** What is wrong, by field, in the seller's language; empty when the rules can be saved. */
export function topicErrors(fields: readonly TopicFields[], lang: Lang): TopicErrors {
  const e = reportWords(lang).topicsEditor.errors
  const out: TopicErrors = {}
  if (fields.length === 0) out['form'] = e.none
  fields.forEach((f, i) => {
    if (f.labelEn.trim() === '' && f.labelJa.trim() === '') out[`${i}.labelEn`] = e.name
    const en = keywordsOf(f.en)
    const ja = keywordsOf(f.ja)
    if (en.length + ja.length === 0) out[`${i}.en`] = e.keywords
    for (const [key, list] of [
      ['en', en],
      ['ja', ja],
    ] as const) {
      if (list.some((k) => k === '*')) out[`${i}.${key}`] = e.star
      else if (list.some((k) => k.length > 100)) out[`${i}.${key}`] = e.tooLong
    }
  })
  return out
}

/** An engine error's field path ("rules.2.label.en") as the form's key ("2.labelEn"). */
export function formKeyOf(path: string): string {
  const m = /^rules\.(\d+)\.(label\.en|label\.ja|en|ja|id)/.exec(path)
  if (!m) return 'form'
  const field = { 'label.en': 'labelEn', 'label.ja': 'labelJa', en: 'en', ja: 'ja', id: 'labelEn' }[m[2]!]!
  return `${m[1]}.${field}`
}
