// Which templates fit the message open now, best first: the seller's own past choices for
// similar messages count most, then the words the message shares with a template (rare words
// more than common ones), then what is usually sent on this channel, then plain popularity. Pure.
import type { Channel, Language, Template, TemplateChoice } from '../model'
import { chooseVariant, groupTemplates } from './variants'
import { wordsOf } from './words'

export interface SuggestInput {
  templates: readonly Template[]
  /** The customer's message being answered. */
  message: { subject: string; text: string; channel: Channel }
  /** The customer's language: which variant each suggestion offers. */
  language: Language
  /** Past choices (engine: the learning document). */
  choices: readonly TemplateChoice[]
  limit?: number
}

/** `rule`: one of the seller's rules suggests it for this conversation (core/rules). */
export type SuggestionReason = 'learned' | 'words' | 'channel' | 'rule'

export interface Suggestion {
  group: string
  /** The variant in the customer's language (or the nearest one). */
  template: Template
  score: number
  /** Why, strongest first. */
  reasons: SuggestionReason[]
}

/** The customer's own words: quoted lines of earlier messages left out. */
export function ownWords(subject: string, text: string): string[] {
  const own = text
    .split(/\r?\n/)
    .filter((l) => !/^\s*>/.test(l))
    .join('\n')
  return wordsOf(`${subject.replace(/^\s*((re|fwd?|aw)\s*:\s*)+/i, '')}\n${own}`)
}

/**
 * A template's words, segmented once per template record: the store replaces a record when it is
 * edited, so a record's words never change, and the picker opens many times over the same ones.
 */
const templateWords = new WeakMap<Template, { title: string[]; body: string[] }>()
function wordsOfTemplate(t: Template): { title: string[]; body: string[] } {
  let words = templateWords.get(t)
  if (!words) {
    words = { title: wordsOf(`${t.name} ${t.shortcut.replace(/[-_.]/g, ' ')}`), body: wordsOf(`${t.folder} ${t.body}`) }
    templateWords.set(t, words)
  }
  return words
}

export function suggestTemplates(input: SuggestInput): Suggestion[] {
  const groups = groupTemplates(input.templates)
  if (groups.length === 0) return []
  const message = new Set(ownWords(input.message.subject, input.message.text))
  // A template's name says what it is for; its body also mentions other things ("tracking
  // number" in a delay notice), so words of the name count twice.
  const titleWords = new Map(groups.map((g) => [g.key, new Set(g.variants.flatMap((t) => wordsOfTemplate(t).title))]))
  const groupWords = new Map(
    groups.map((g) => [
      g.key,
      new Set([...titleWords.get(g.key)!, ...g.variants.flatMap((t) => wordsOfTemplate(t).body)]),
    ]),
  )
  // A word every template has ("order") tells them apart less than one only one has ("refund").
  const df = new Map<string, number>()
  for (const words of groupWords.values()) for (const w of words) df.set(w, (df.get(w) ?? 0) + 1)
  const idf = (w: string) => Math.log(1 + groups.length / (df.get(w) ?? groups.length))

  const learned = new Map<string, number>()
  const onChannel = new Map<string, number>()
  let channelTotal = 0
  for (const c of input.choices) {
    if (c.channel === input.message.channel) {
      onChannel.set(c.group, (onChannel.get(c.group) ?? 0) + 1)
      channelTotal++
    }
    if (message.size === 0 || c.words.length === 0) continue
    let shared = 0
    for (const w of c.words) if (message.has(w)) shared++
    if (shared === 0) continue
    const similarity = shared / (message.size + c.words.length - shared)
    const weight = similarity * (c.channel === input.message.channel ? 1.25 : 1)
    learned.set(c.group, (learned.get(c.group) ?? 0) + weight)
  }

  const scored: Suggestion[] = []
  for (const g of groups) {
    const template = chooseVariant(g.variants, input.language)
    if (!template) continue
    const words = groupWords.get(g.key)!
    const title = titleWords.get(g.key)!
    let overlap = 0
    for (const w of message) if (words.has(w)) overlap += idf(w) * (title.has(w) ? 2 : 1)
    const parts: [SuggestionReason, number][] = [
      ['learned', 4 * Math.min(learned.get(g.key) ?? 0, 3)],
      ['words', overlap / Math.sqrt(Math.max(1, message.size))],
      ['channel', channelTotal > 0 ? (0.5 * (onChannel.get(g.key) ?? 0)) / channelTotal : 0],
    ]
    const relevance = parts.reduce((n, [, v]) => n + v, 0)
    if (relevance <= 0) continue
    const usage = g.variants.reduce((n, t) => n + t.usage, 0)
    scored.push({
      group: g.key,
      template,
      score: relevance + 0.01 * Math.log10(1 + usage),
      reasons: parts
        .filter(([, v]) => v > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([r]) => r),
    })
  }
  scored.sort((a, b) => b.score - a.score || a.group.localeCompare(b.group))
  return scored.slice(0, input.limit ?? 5)
}
