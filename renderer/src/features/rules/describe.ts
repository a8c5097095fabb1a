// "Why did this happen?": a firing's reason and what each action did, and a rule's trigger in one
// line, in the seller's language.
import type { ActionOutcome, FiringWhy, RuleView, TemplateView } from '../../../../preload/api'
import { formatWhen, type Lang } from '../../app/i18n'
import { rulesWords } from './words'

export function whyText(why: FiringWhy, lang: Lang): string {
  const t = rulesWords(lang).why
  const when = (iso: string) => formatWhen(new Date(iso), lang)
  const base =
    why.trigger === 'message'
      ? t.message(why.subject)
      : why.trigger === 'lowRating'
        ? t.lowRating(why.rating, why.maxRating)
        : why.trigger === 'noReply'
          ? t.noReply(why.days, when(why.answeredAt))
          : why.trigger === 'delivered'
            ? t.delivered(why.orderNumber, why.days)
            : t.clock(when(why.dueAt))
  const quoted = why.words.map((w) => (lang === 'ja' ? `「${w}」` : `“${w}”`)).join(lang === 'ja' ? '' : ', ')
  return why.words.length > 0 ? `${base}${t.words(quoted)}` : base
}

export function didText(o: ActionOutcome, lang: Lang, templates: readonly TemplateView[] = []): string {
  const w = rulesWords(lang)
  const t = w.did
  if (!o.ok) return t.failed(w.actionKinds[o.kind], o.error ?? '')
  const detail = o.detail ?? ''
  switch (o.kind) {
    case 'callback':
      return t.callback(formatWhen(new Date(detail), lang))
    case 'tag':
      return t.tag(detail)
    case 'priority':
      return t.priority(detail === 'high' || detail === 'low' ? w.priorities[detail] : detail)
    case 'template': {
      const name = templates.find((x) => x.id === detail)?.name
      return name ? `${t.template}: ${name}` : t.template
    }
    case 'snooze':
      return t.snooze(formatWhen(new Date(detail), lang))
    case 'needsReply':
      return t.needsReply
  }
}

/** "A low rating or negative feedback arrives (≤ 2★)", "The customer has not answered us for 7 days"… */
export function triggerText(rule: Pick<RuleView, 'trigger'>, lang: Lang): string {
  const w = rulesWords(lang)
  const tr = rule.trigger
  const name = w.triggers[tr.kind]
  switch (tr.kind) {
    case 'message':
      return name
    case 'lowRating':
      return `${name} (≤ ${tr.maxRating}★)`
    case 'noReply':
      return lang === 'ja' ? `${name}: ${tr.days} 日` : `${name} ${tr.days} day${tr.days === 1 ? '' : 's'}`
    case 'delivered':
      return lang === 'ja' ? `${name}（${tr.days} 日後）` : `${name} ${tr.days} day${tr.days === 1 ? '' : 's'} ago`
    case 'clock':
      return lang === 'ja' ? `${name}: ${tr.hours} 時間以内` : `${name} ${tr.hours} hour${tr.hours === 1 ? '' : 's'}`
  }
}
