// The rules a new workspace starts with, in the seller's language: a bad review puts a call on
// today's list, a response clock about to run out raises the conversation's priority, and an
// answer of ours left unanswered for a week tags the customer "follow-up". Seeded once; one the
// seller deletes stays deleted.
import type { Language } from '../model'
import type { Rule } from './rule'

/** The defaults' names in each language, by rule id: shown in the seller's language while unchanged. */
export const DEFAULT_RULE_NAMES: Record<string, { en: string; ja: string }> = {
  rule_default_bad_review: { en: 'Bad review → call today', ja: '低評価のレビュー → 今日お電話' },
  rule_default_clock: { en: 'Reply due within 2 hours → high priority', ja: '返信期限まで 2 時間 → 優先度を上げる' },
  rule_default_follow_up: {
    en: 'No reply 7 days after our answer → tag “follow-up”',
    ja: '回答後 7 日間返信なし → タグ「follow-up」',
  },
}

/** The default callback's reason in each language: the customer's own is used while unchanged. */
export const DEFAULT_CALLBACK_REASON = {
  en: 'Call {name} about their review',
  ja: '{name}様へレビューの件でお電話',
}

/** A callback reason in `language` when it is the default one, else as the seller wrote it. */
export function reasonIn(reason: string, language: Language): string {
  return reason === DEFAULT_CALLBACK_REASON.en || reason === DEFAULT_CALLBACK_REASON.ja
    ? DEFAULT_CALLBACK_REASON[language]
    : reason
}

/** A rule's name in `language`: a default's own translation while the seller has not renamed it. */
export function ruleNameIn(ruleId: string, name: string, language: Language): string {
  const names = Object.hasOwn(DEFAULT_RULE_NAMES, ruleId) ? DEFAULT_RULE_NAMES[ruleId] : undefined
  return names && (name === names.en || name === names.ja) ? names[language] : name
}

export function defaultRules(language: Language, now: Date): Rule[] {
  const at = now.toISOString()
  const name = (id: string) => DEFAULT_RULE_NAMES[id]![language]
  const empty = { words: [], channels: [], kinds: [], tags: [] }
  return [
    {
      id: 'rule_default_bad_review',
      preset: 'badReview',
      name: name('rule_default_bad_review'),
      enabled: true,
      trigger: { kind: 'lowRating', maxRating: 2 },
      conditions: empty,
      actions: [
        {
          kind: 'callback',
          when: 'today',
          reason: DEFAULT_CALLBACK_REASON[language],
        },
      ],
      createdAt: at,
      updatedAt: at,
    },
    {
      id: 'rule_default_clock',
      preset: 'clock',
      name: name('rule_default_clock'),
      enabled: true,
      trigger: { kind: 'clock', hours: 2 },
      conditions: empty,
      actions: [{ kind: 'priority', priority: 'high' }],
      createdAt: at,
      updatedAt: at,
    },
    {
      id: 'rule_default_follow_up',
      preset: 'followUp',
      name: name('rule_default_follow_up'),
      enabled: true,
      trigger: { kind: 'noReply', days: 7 },
      conditions: empty,
      actions: [{ kind: 'tag', tag: 'follow-up' }],
      createdAt: at,
      updatedAt: at,
    },
  ]
}
