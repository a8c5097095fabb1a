// The search screen's words in English and Japanese (the command label lives with the command).
import type { Lang } from '../../app/i18n'

const en = {
  title: 'Search',
  placeholder: 'Search all messages — words, names, order numbers…',
  searching: 'Searching…',
  results: (n: string, more: boolean, ms: string) => `${n}${more ? '+' : ''} messages · ${ms} ms`,
  noResults: 'No message matches.',
  indexing: 'Still indexing older mail: some messages may be missing.',
  hitsLabel: 'Messages found',
  you: 'You',
  keysHint: '↑ ↓ or Tab then j k to move · Enter opens the customer · Esc goes back',
  teachTitle: 'Type words in English or Japanese, and narrow with filters:',
  filters: [
    ['from:aiko', 'sender name or address'],
    ['channel:amazon', 'email, amazon, ebay, etsy, walmart, rakuten, yahoo, mercari'],
    ['order:249-1234567-1234567', 'an order number'],
    ['is:unread', 'not read yet'],
    ['is:open', 'conversations still open'],
    ['after:2026-03-01', 'on or after a day'],
    ['before:2026-04-01', 'before a day'],
  ] as ReadonlyArray<readonly [example: string, meaning: string]>,
  example: 'Example: 配送 channel:rakuten after:2026-01-01',
}

const ja: typeof en = {
  title: '検索',
  placeholder: 'すべてのメッセージを検索 — 言葉、名前、注文番号…',
  searching: '検索中…',
  results: (n, more, ms) => `${n}${more ? '+' : ''} 件 · ${ms} ms`,
  noResults: '一致するメッセージはありません。',
  indexing: '古いメールを索引中です。一部のメッセージが見つからない場合があります。',
  hitsLabel: '見つかったメッセージ',
  you: '自分',
  keysHint: '↑ ↓ または Tab の後 j k で移動 · Enter でお客様を開く · Esc で戻る',
  teachTitle: '日本語や英語の言葉を入力し、フィルタで絞り込めます:',
  filters: [
    ['from:aiko', '差出人の名前またはアドレス'],
    ['channel:amazon', 'email, amazon, ebay, etsy, walmart, rakuten, yahoo, mercari'],
    ['order:249-1234567-1234567', '注文番号'],
    ['is:unread', '未読'],
    ['is:open', '未対応の会話'],
    ['after:2026-03-01', 'この日以降'],
    ['before:2026-04-01', 'この日より前'],
  ],
  example: '例: 配送 channel:rakuten after:2026-01-01',
}

export function searchWords(lang: Lang): typeof en {
  return lang === 'ja' ? ja : en
}
