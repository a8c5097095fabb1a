// The renderer's words in English and Japanese. The full UI grows this table.
const en = {
  waiting: 'Waiting',
  customersWaiting: (n: number) => `${n} customer${n === 1 ? '' : 's'} waiting`,
  empty: 'Nobody is waiting for you. 🎉',
  loading: 'Loading…',
  back: 'Back',
  orders: 'Orders',
  conversations: 'Conversations',
  overdue: 'overdue',
  dueIn: (s: string) => `due in ${s}`,
  keysHint: 'j / k move · Enter open · Esc back',
  demo: 'Demo workspace',
  couldNotRead: 'This message could not be read; it is kept as received.',
  you: 'You',
  error: 'Something went wrong',
  welcomeTitle: 'Welcome to Seller Inbox',
  welcomeBody:
    'All your customer messages — e-mail, Amazon, eBay, Rakuten and more — in one list, grouped by customer, answered from the keyboard.',
  noAccounts: 'No accounts yet. Open the demo workspace to look around with sample customers.',
  openDemo: 'Open the demo workspace',
}
type Words = typeof en
const ja: Words = {
  waiting: '対応待ち',
  customersWaiting: (n) => `対応待ちのお客様 ${n} 人`,
  empty: '対応待ちのお客様はいません。🎉',
  loading: '読み込み中…',
  back: '戻る',
  orders: '注文',
  conversations: '会話',
  overdue: '期限超過',
  dueIn: (s) => `残り ${s}`,
  keysHint: 'j / k 移動 · Enter 開く · Esc 戻る',
  demo: 'デモ用ワークスペース',
  couldNotRead: 'このメッセージは読み取れませんでした（受信したまま保存しています）。',
  you: 'あなた',
  error: 'エラーが発生しました',
  welcomeTitle: 'Seller Inbox へようこそ',
  welcomeBody:
    'メール、Amazon、eBay、楽天などのお客様からのメッセージをお客様ごとにまとめて一覧にし、キーボードだけで素早く返信できます。',
  noAccounts: 'まだアカウントがありません。サンプルのお客様が入ったデモ用ワークスペースで操作を試せます。',
  openDemo: 'デモ用ワークスペースを開く',
}

export type Lang = 'en' | 'ja'
export function words(lang: Lang): Words {
  return lang === 'ja' ? ja : en
}
export function systemLanguage(): Lang {
  return navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en'
}

export function formatDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  )
}

/** "3 h", "2 d": compact durations for clocks. */
export function shortDuration(ms: number, lang: Lang): string {
  const m = Math.round(Math.abs(ms) / 60_000)
  const [n, unit] =
    m < 60
      ? [m, lang === 'ja' ? '分' : ' min']
      : m < 48 * 60
        ? [Math.round(m / 60), lang === 'ja' ? '時間' : ' h']
        : [Math.round(m / 1440), lang === 'ja' ? '日' : ' d']
  return `${n}${unit}`
}
