// The rule editor's form as plain strings (what the fields hold) and back to the rule the engine
// takes. Lists are typed comma-separated, with Japanese commas too; numbers stay text until saved,
// so a half-typed value is the engine's to refuse, with the field named.
import type { Channel, MessageKind } from '../../../../main/core/model'
import {
  reasonIn,
  ruleNameIn,
  type ActionKind,
  type CallbackWhen,
  type Priority,
  type RuleInput,
  type RuleView,
  type TriggerKind,
} from '../../../../preload/api'

export interface ActionForm {
  kind: ActionKind
  when: CallbackWhen
  reason: string
  tag: string
  priority: Priority
  templateId: string
  hours: string
}

export interface RuleForm {
  id?: string
  name: string
  enabled: boolean
  trigger: TriggerKind
  /** maxRating, days or hours, by trigger. */
  amount: string
  words: string
  channels: Channel[]
  kinds: MessageKind[]
  tags: string
  actions: ActionForm[]
}

export const DEFAULT_AMOUNT: Record<TriggerKind, string> = {
  message: '',
  lowRating: '2',
  noReply: '7',
  delivered: '3',
  clock: '2',
}

export function blankAction(kind: ActionKind = 'tag'): ActionForm {
  return { kind, when: 'today', reason: '', tag: '', priority: 'high', templateId: '', hours: '24' }
}

export function blankRule(): RuleForm {
  return {
    name: '',
    enabled: true,
    trigger: 'message',
    amount: '',
    words: '',
    channels: [],
    kinds: [],
    tags: '',
    actions: [blankAction()],
  }
}

/** "返品、refund , broken" → ["返品", "refund", "broken"]. */
export function splitList(text: string): string[] {
  return text
    .split(/[,、，]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
}

/** The form of a stored rule; a default keeps its name in the seller's language. */
export function formOf(rule: RuleView, lang: 'en' | 'ja' = 'en'): RuleForm {
  const t = rule.trigger
  const amount =
    t.kind === 'lowRating'
      ? t.maxRating
      : t.kind === 'noReply' || t.kind === 'delivered'
        ? t.days
        : t.kind === 'clock'
          ? t.hours
          : ''
  return {
    id: rule.id,
    name: ruleNameIn(rule.id, rule.name, lang),
    enabled: rule.enabled,
    trigger: t.kind,
    amount: String(amount),
    words: rule.conditions.words.join(', '),
    channels: [...rule.conditions.channels],
    kinds: [...rule.conditions.kinds],
    tags: rule.conditions.tags.join(', '),
    actions: rule.actions.map((a) => ({
      ...blankAction(a.kind),
      ...(a.kind === 'callback' ? { when: a.when, reason: reasonIn(a.reason, lang) } : {}),
      ...(a.kind === 'tag' ? { tag: a.tag } : {}),
      ...(a.kind === 'priority' ? { priority: a.priority } : {}),
      ...(a.kind === 'template' ? { templateId: a.templateId } : {}),
      ...(a.kind === 'snooze' ? { hours: String(a.hours) } : {}),
    })),
  }
}

/** A number as typed; text that is not one goes as is, for the engine to name. */
function num(text: string): number {
  const t = text.trim()
  return t === '' ? Number.NaN : Number(t)
}

export function inputOf(form: RuleForm): RuleInput {
  const amount = num(form.amount)
  const trigger: RuleInput['trigger'] =
    form.trigger === 'message'
      ? { kind: 'message' }
      : form.trigger === 'lowRating'
        ? { kind: 'lowRating', maxRating: amount }
        : form.trigger === 'clock'
          ? { kind: 'clock', hours: amount }
          : { kind: form.trigger, days: amount }
  return {
    ...(form.id !== undefined ? { id: form.id } : {}),
    name: form.name,
    enabled: form.enabled,
    trigger,
    conditions: {
      words: splitList(form.words),
      channels: form.channels,
      // Kinds belong to rules about a message: switching the trigger away drops them.
      kinds: form.trigger === 'message' || form.trigger === 'lowRating' ? form.kinds : [],
      tags: splitList(form.tags),
    },
    actions: form.actions.map((a): RuleInput['actions'][number] => {
      switch (a.kind) {
        case 'callback':
          return { kind: 'callback', when: a.when, reason: a.reason }
        case 'tag':
          return { kind: 'tag', tag: a.tag }
        case 'priority':
          return { kind: 'priority', priority: a.priority }
        case 'template':
          return { kind: 'template', templateId: a.templateId }
        case 'snooze':
          return { kind: 'snooze', hours: num(a.hours) }
        case 'needsReply':
          return { kind: 'needsReply' }
      }
    }),
  }
}

export function sameForm(a: RuleForm, b: RuleForm): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
