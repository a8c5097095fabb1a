// Recurring topics: which problems customers write about, by keyword rules in English and
// Japanese. The rules are plain data the seller may edit; matching is on normalised text (NFKC,
// lower case), English by whole words or word beginnings, Japanese by substring (Japanese has no
// spaces; a keyword like 返金 is specific enough to stand on its own).

export interface TopicRule {
  /** Stable id: "shipping-delay". */
  id: string
  label: { en: string; ja: string }
  /** English keywords or phrases; a trailing `*` matches any ending ("refund*" → refunds, refunded). */
  en: string[]
  /** Japanese keywords, matched anywhere in the text. */
  ja: string[]
  /** A problem: a customer whose last word was about it and who went quiet is at risk. */
  problem?: boolean
}

export const DEFAULT_TOPIC_RULES: readonly TopicRule[] = [
  {
    id: 'shipping-delay',
    label: { en: 'Shipping delay', ja: '配送の遅れ' },
    en: [
      'not arrived',
      'not received',
      "hasn't arrived",
      'has not arrived',
      'still waiting',
      'delay*',
      'late',
      'where is my',
    ],
    ja: ['届かない', '届いていない', '届きません', '遅れ', '遅延', 'まだ届'],
    problem: true,
  },
  {
    id: 'tracking',
    label: { en: 'Tracking', ja: '追跡番号' },
    en: ['tracking', 'track*', 'shipped yet', 'dispatch*'],
    ja: ['追跡', '問い合わせ番号', '発送状況', '発送済', '発送はいつ'],
  },
  {
    id: 'return',
    label: { en: 'Return', ja: '返品' },
    en: ['return*', 'send it back', 'exchange'],
    ja: ['返品', '交換'],
    problem: true,
  },
  {
    id: 'refund',
    label: { en: 'Refund', ja: '返金' },
    en: ['refund*', 'money back', 'chargeback'],
    ja: ['返金', '払い戻し', 'キャンセル'],
    problem: true,
  },
  {
    id: 'damaged',
    label: { en: 'Damaged item', ja: '破損' },
    en: ['damage*', 'broken', 'cracked', 'chipped', 'shattered', 'defect*'],
    ja: ['破損', '割れ', '欠け', 'ひび', '壊れ', '傷'],
    problem: true,
  },
  {
    id: 'size-fit',
    label: { en: 'Size / fit', ja: 'サイズ' },
    en: ['size', 'sizes', 'capacity', 'too small', 'too big', 'dimension*', 'how big', 'fit', 'fits'],
    ja: ['サイズ', '容量', '大きさ', '寸法', '何ml', 'ミリリットル'],
  },
  {
    id: 'payment',
    label: { en: 'Payment', ja: 'お支払い' },
    en: ['payment', 'paid', 'pay', 'invoice', 'receipt', 'charged', 'credit card', 'paypal'],
    ja: ['支払', '決済', '入金', '領収書', '請求', '振込', 'カード'],
  },
]

/** Text as the rules see it: NFKC (full-width Latin and half-width kana folded) and lower case. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase()
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Rules compiled once: one regular expression per topic. */
export interface TopicMatcher {
  rules: readonly TopicRule[]
  /** Ids of the topics `text` is about, in rule order. */
  match(text: string): string[]
}

/** Not preceded, or not followed, by a letter or digit: a word's edge. */
const NOT_AFTER_WORD = '(?<![\\p{L}\\p{N}])'
const NOT_BEFORE_WORD = '(?![\\p{L}\\p{N}])'

/** Matchers by the rules they were compiled from: the engine and each report share one. */
const compiled = new WeakMap<readonly TopicRule[], TopicMatcher>()

export function compileTopics(rules: readonly TopicRule[]): TopicMatcher {
  let matcher = compiled.get(rules)
  if (!matcher) compiled.set(rules, (matcher = compile(rules)))
  return matcher
}

function compile(rules: readonly TopicRule[]): TopicMatcher {
  const patterns = rules.map((rule) => {
    const en = rule.en.map((k) => normaliseText(k).trim()).filter((k) => k !== '' && k !== '*')
    // Whole words and word beginnings share one edge check each (the alternatives backtrack as
    // separate patterns would): a Unicode letter class is costly to compile, once per rule is enough.
    const words = en.filter((k) => !k.endsWith('*')).map(escape)
    const starts = en.filter((k) => k.endsWith('*')).map((k) => escape(k.slice(0, -1)))
    const edged = [
      ...(words.length ? [`(?:${words.join('|')})${NOT_BEFORE_WORD}`] : []),
      ...(starts.length ? [`(?:${starts.join('|')})`] : []),
    ]
    const ja = rule.ja
      .map((k) => normaliseText(k).trim())
      .filter((k) => k !== '')
      .map(escape)
    const all = [...(edged.length ? [`${NOT_AFTER_WORD}(?:${edged.join('|')})`] : []), ...ja]
    return all.length ? new RegExp(all.join('|'), 'u') : undefined
  })
  return {
    rules,
    match(text) {
      const t = normaliseText(text)
      const out: string[] = []
      patterns.forEach((p, i) => {
        if (p?.test(t)) out.push(rules[i]!.id)
      })
      return out
    },
  }
}
