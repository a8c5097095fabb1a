// Language variants: one answer kept in English and Japanese is one template with two variants,
// and the composer offers the one in the customer's language. Pure.
import type { Language, Template } from '../model'

/** The group a template belongs to: its own, or its shortcut without a "-en"/"-ja" ending. */
export function groupOf(t: Pick<Template, 'group' | 'shortcut'>): string {
  const group = t.group?.trim()
  return (group ? group : t.shortcut.replace(/[-_.](en|ja)$/i, '')).toLowerCase()
}

export interface TemplateGroup {
  key: string
  variants: Template[]
}

/** Templates gathered by group, in the order their first variant comes. */
export function groupTemplates(templates: readonly Template[]): TemplateGroup[] {
  const groups = new Map<string, Template[]>()
  for (const t of templates) {
    const key = groupOf(t)
    const list = groups.get(key)
    if (list) list.push(t)
    else groups.set(key, [t])
  }
  return [...groups].map(([key, variants]) => ({ key, variants }))
}

/** The variant for a customer writing in `language`: theirs, else English, else the first. */
export function chooseVariant(variants: readonly Template[], language: Language): Template | undefined {
  return variants.find((t) => t.language === language) ?? variants.find((t) => t.language === 'en') ?? variants[0]
}
