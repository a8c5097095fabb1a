// The renderer's words in English and Japanese, and the date, time and number formats of each.
// Command labels live with their commands (label: { en, ja }); everything else is here.
import type { Channel } from '../../../main/core/model'
import type { InboxView } from '../../../preload/api'

const en = {
  appName: 'Seller Inbox',
  views: 'Views',
  waiting: 'Waiting',
  snoozed: 'Snoozed',
  done: 'Done',
  highPriority: 'High priority',
  all: 'All',
  viewNames: {
    waiting: 'Waiting',
    overdue: 'Overdue',
    snoozed: 'Snoozed',
    done: 'Done',
    all: 'All',
  } satisfies Record<InboxView, string>,
  channel: 'Channel',
  allChannels: 'All channels',
  channels: {
    email: 'E-mail',
    amazon: 'Amazon',
    ebay: 'eBay',
    etsy: 'Etsy',
    walmart: 'Walmart',
    rakuten: 'Rakuten',
    yahoo: 'Yahoo!',
    mercari: 'Mercari',
  } satisfies Record<Channel, string>,
  viewTitle: {
    waiting: (n: number, s: string) => (n === 1 ? '1 customer waiting' : `${s} customers waiting`),
    overdue: (n: number, s: string) => (n === 1 ? '1 customer overdue' : `${s} customers overdue`),
    snoozed: (n: number, s: string) => (n === 1 ? '1 customer snoozed' : `${s} customers snoozed`),
    done: (n: number, s: string) => (n === 1 ? '1 customer done' : `${s} customers done`),
    all: (n: number, s: string) => (n === 1 ? '1 customer' : `${s} customers`),
  },
  customerList: 'Customers',
  emptyWaiting: 'Nobody is waiting for you.',
  emptyWaitingHint: 'New messages land here, most urgent first.',
  emptyOverdue: 'No response clock has run out.',
  emptyOverdueHint: 'Customers whose answer is late show here, the longest overdue first.',
  emptySnoozed: 'Nothing is snoozed.',
  emptySnoozedHint: 'Snoozed customers come back to Waiting when their time is up.',
  emptyDone: 'Nothing is marked done yet.',
  emptyDoneHint: 'Press {e} on a customer in Waiting when you have answered them.',
  emptyAll: 'No customers yet.',
  emptyAllHint: 'Messages from your accounts appear here as they sync.',
  emptyChannel: (channel: string) => `None of them on ${channel}.`,
  emptyChannelHint: 'Press {palette} and type “channel” to choose another one.',
  showEveryone: 'Press {all} to see every customer.',
  firstSync: 'Your first messages are on their way; the list fills as your accounts sync.',
  loading: 'Loading…',
  loadingRow: 'Loading customer…',
  back: 'Back',
  orders: 'Orders',
  conversations: 'Conversations',
  order: 'Order',
  overdue: (s: string) => `${s} overdue`,
  dueIn: (s: string) => `due in ${s}`,
  waitingFor: (s: string) => `Waiting for ${s}`,
  lastMessage: 'Last message',
  unread: (n: number) => `${n} unread`,
  demo: 'Demo workspace',
  couldNotRead: 'This message could not be read; it is kept as received.',
  you: 'You',
  error: 'Something went wrong',
  dismiss: 'Dismiss',
  markedDone: (name: string) => `Marked done: ${name}.`,
  markedSnoozed: (name: string, when: string) => `Snoozed ${name} until ${when}.`,
  snoozeTitle: 'Snooze until…',
  snoozeHelp: '↑ ↓ or a number to choose · Tab a date and time of your own · Enter snooze · Esc cancel',
  snoozePickTime: 'Or until',
  snoozeTypedInvalid: 'Type a date and time that is still to come.',
  snoozeChoices: {
    later: 'In three hours',
    evening: 'This evening',
    businessMorning: 'Next business morning',
    twoDays: 'In two days',
    nextWeek: 'Next week',
    reply: 'Until they reply',
  },
  snoozeNoTime: 'when they write',
  snoozedUntil: (when: string) => `until ${when}`,
  snoozedUntilReply: 'until they reply',
  markedSnoozedUntilReply: (name: string) => `Snoozed ${name} until they reply.`,
  undoHint: 'Press {u} to undo.',
  reopened: (name: string) => `Back in the inbox: ${name}.`,
  nothingToUndo: 'Nothing to undo.',
  couldNotMarkDone: (name: string) => `Could not mark ${name} done:`,
  couldNotSnooze: (name: string) => `Could not snooze ${name}:`,
  languageSwitched: 'English',
  // Status bar
  status: 'Status',
  syncing: (label: string, folder: string) => `${label}: syncing ${folder}`,
  syncProgress: (done: string, total: string) => `${done} of ${total}`,
  upToDate: 'Up to date',
  syncedAt: (time: string) => `Synced ${time}`,
  noAccounts: 'No mail accounts',
  offline: 'Offline',
  offlineHelp: 'Replies wait in the outbox and go when you are back online.',
  outbox: (n: string) => `${n} in the outbox`,
  outboxFailed: (n: string) => `${n} could not be sent`,
  outboxFailedHelp: 'Open the outbox to see why; they are kept until you send them again or cancel them.',
  accountError: (label: string) => `${label} could not sync:`,
  accountErrorHelp: 'Check the server, user name and password of this account; it tries again by itself.',
  accountOfflineHelp: 'It syncs again by itself when the connection is back.',
  keysHint: '{help} shortcuts · {palette} commands',
  pendingKeys: (keys: string) => `${keys} …`,
  // Palette and cheat sheet
  commands: 'Commands',
  commandPlaceholder: 'Type a command…',
  noCommand: 'No command matches.',
  shortcuts: 'Keyboard shortcuts',
  groups: { move: 'Move', triage: 'Triage', compose: 'Write', go: 'Go to', app: 'App' },
  then: 'then',
  noKey: 'no key',
  rebindHelp: '↑ ↓ choose · Enter change key · Delete default key · Esc close',
  recording: 'Press the new key (or two keys, like g i)…',
  keyTaken: (name: string) => `That key is already used by “${name}”. Change that one first.`,
  keySaved: (name: string) => `New key saved for “${name}”.`,
  keyReset: (name: string) => `“${name}” is back to its default key.`,
  // Welcome
  welcomeTitle: 'Welcome to Seller Inbox',
  welcomeBody:
    'All your customer messages — e-mail, Amazon, eBay, Rakuten and more — in one list, grouped by customer, answered from the keyboard.',
  welcomeNoAccounts: 'No accounts yet. Open the demo workspace to look around with sample customers.',
  openDemo: 'Open the demo workspace',
}

export type Words = typeof en

const ja: Words = {
  appName: 'Seller Inbox',
  views: '表示',
  waiting: '対応待ち',
  snoozed: 'スヌーズ中',
  done: '対応済み',
  highPriority: '優先度: 高',
  all: 'すべて',
  viewNames: {
    waiting: '対応待ち',
    overdue: '期限切れ',
    snoozed: 'スヌーズ中',
    done: '対応済み',
    all: 'すべて',
  },
  channel: 'チャネル',
  allChannels: 'すべてのチャネル',
  channels: {
    email: 'メール',
    amazon: 'Amazon',
    ebay: 'eBay',
    etsy: 'Etsy',
    walmart: 'Walmart',
    rakuten: '楽天',
    yahoo: 'Yahoo!',
    mercari: 'メルカリ',
  },
  viewTitle: {
    waiting: (_n, s) => `対応待ちのお客様 ${s} 人`,
    overdue: (_n, s) => `返信期限を過ぎたお客様 ${s} 人`,
    snoozed: (_n, s) => `スヌーズ中のお客様 ${s} 人`,
    done: (_n, s) => `対応済みのお客様 ${s} 人`,
    all: (_n, s) => `すべてのお客様 ${s} 人`,
  },
  customerList: 'お客様',
  emptyWaiting: '対応待ちのお客様はいません。',
  emptyWaitingHint: '新しいメッセージは、急ぎのものから順にここに表示されます。',
  emptyOverdue: '返信期限を過ぎたお客様はいません。',
  emptyOverdueHint: '返信が遅れているお客様は、期限を過ぎた時間が長い順にここに表示されます。',
  emptySnoozed: 'スヌーズ中のお客様はいません。',
  emptySnoozedHint: 'スヌーズしたお客様は、指定した時刻に対応待ちへ戻ります。',
  emptyDone: '対応済みのお客様はまだいません。',
  emptyDoneHint: '返信し終えたら、対応待ちの一覧でお客様を選んで {e} を押します。',
  emptyAll: 'お客様はまだいません。',
  emptyAllHint: 'アカウントを同期すると、メッセージがここに表示されます。',
  emptyChannel: (channel) => `${channel} のお客様はいません。`,
  emptyChannelHint: '{palette} を押して「channel」と入力すると、別のチャネルを選べます。',
  showEveryone: '{all} を押すと、すべてのお客様を表示します。',
  firstSync: '最初のメッセージを取得しています。アカウントの同期が進むと一覧に表示されます。',
  loading: '読み込み中…',
  loadingRow: 'お客様を読み込み中…',
  back: '戻る',
  orders: '注文',
  conversations: '会話',
  order: '注文番号',
  overdue: (s) => `${s}超過`,
  dueIn: (s) => `残り${s}`,
  waitingFor: (s) => `${s}お待たせしています`,
  lastMessage: '最新のメッセージ',
  unread: (n) => `未読 ${n} 件`,
  demo: 'デモ用ワークスペース',
  couldNotRead: 'このメッセージは読み取れませんでした（受信したまま保存しています）。',
  you: 'あなた',
  error: 'エラーが発生しました',
  dismiss: '閉じる',
  markedDone: (name) => `${name} を対応済みにしました。`,
  markedSnoozed: (name, when) => `${name} を ${when} までスヌーズしました。`,
  snoozeTitle: 'スヌーズの終了日時',
  snoozeHelp: '↑ ↓ または数字で選択 · Tab で日時を指定 · Enter スヌーズ · Esc 取り消し',
  snoozePickTime: '日時を指定',
  snoozeTypedInvalid: 'これから先の日時を入力してください。',
  snoozeChoices: {
    later: '3 時間後',
    evening: '今日の夕方',
    businessMorning: '翌営業日の朝',
    twoDays: '明後日の朝',
    nextWeek: '来週',
    reply: 'お客様から返信があるまで',
  },
  snoozeNoTime: '返信が届いたとき',
  snoozedUntil: (when) => `${when} まで`,
  snoozedUntilReply: '返信があるまで',
  markedSnoozedUntilReply: (name) => `${name} をお客様から返信があるまでスヌーズしました。`,
  undoHint: '{u} で元に戻せます。',
  reopened: (name) => `${name} を対応待ちに戻しました。`,
  nothingToUndo: '元に戻せる操作はありません。',
  couldNotMarkDone: (name) => `${name} を対応済みにできませんでした:`,
  couldNotSnooze: (name) => `${name} をスヌーズできませんでした:`,
  languageSwitched: '日本語',
  status: 'ステータス',
  syncing: (label, folder) => `${label}: ${folder} を同期中`,
  syncProgress: (done, total) => `${done} / ${total}`,
  upToDate: '最新の状態です',
  syncedAt: (time) => `${time} に同期`,
  noAccounts: 'メールアカウントなし',
  offline: 'オフライン',
  offlineHelp: '返信は送信トレイで待機し、オンラインに戻ると送信されます。',
  outbox: (n) => `送信トレイ ${n} 件`,
  outboxFailed: (n) => `送信できなかったメッセージ ${n} 件`,
  outboxFailedHelp: '送信トレイで理由を確認してください。再送信するか取り消すまで保存されます。',
  accountError: (label) => `${label} を同期できませんでした:`,
  accountErrorHelp: 'このアカウントのサーバー、ユーザー名、パスワードを確認してください。自動的に再試行します。',
  accountOfflineHelp: '接続が戻ると自動的に同期を再開します。',
  keysHint: '{help} ショートカット · {palette} コマンド',
  pendingKeys: (keys) => `${keys} …`,
  commands: 'コマンド',
  commandPlaceholder: 'コマンドを入力…',
  noCommand: '一致するコマンドはありません。',
  shortcuts: 'キーボードショートカット',
  groups: { move: '移動', triage: '対応', compose: '作成', go: '画面の切り替え', app: 'アプリ' },
  then: '→',
  noKey: 'キーなし',
  rebindHelp: '↑ ↓ 選択 · Enter キーを変更 · Delete 既定のキーに戻す · Esc 閉じる',
  recording: '新しいキーを押してください（g i のように 2 つ続けても構いません）…',
  keyTaken: (name) => `そのキーは「${name}」で使われています。先にそちらを変更してください。`,
  keySaved: (name) => `「${name}」の新しいキーを保存しました。`,
  keyReset: (name) => `「${name}」を既定のキーに戻しました。`,
  welcomeTitle: 'Seller Inbox へようこそ',
  welcomeBody:
    'メール、Amazon、eBay、楽天などのお客様からのメッセージをお客様ごとにまとめて一覧にし、キーボードだけで素早く返信できます。',
  welcomeNoAccounts: 'まだアカウントがありません。サンプルのお客様が入ったデモ用ワークスペースで操作を試せます。',
  openDemo: 'デモ用ワークスペースを開く',
}

export type Lang = 'en' | 'ja'

export function words(lang: Lang): Words {
  return lang === 'ja' ? ja : en
}

/** The language of the browser or OS, for the `system` setting. */
export function systemLanguage(): Lang {
  return navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en'
}

const LOCALES: Record<Lang, string> = { en: 'en-GB', ja: 'ja-JP' }
const formats = new Map<string, Intl.DateTimeFormat>()

/** Intl formatters are slow to build and the inbox formats thousands of dates: keep them. */
function dateFormat(lang: Lang, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${lang}:${key}`
  let f = formats.get(id)
  if (!f) formats.set(id, (f = new Intl.DateTimeFormat(LOCALES[lang], options)))
  return f
}

export function formatDate(iso: string, lang: Lang): string {
  return dateFormat(lang, 'full', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso))
}

/** Compact: the time today, the day this year, the full date before. */
export function formatShortDate(iso: string, now: number, lang: Lang): string {
  const d = new Date(iso)
  const today = new Date(now)
  if (d.toDateString() === today.toDateString()) {
    return dateFormat(lang, 'time', { timeStyle: 'short' }).format(d)
  }
  if (d.getFullYear() === today.getFullYear()) {
    return dateFormat(lang, 'day', { month: 'short', day: 'numeric' }).format(d)
  }
  return dateFormat(lang, 'date', { dateStyle: 'medium' }).format(d)
}

/** A moment in the coming days: "Tue 24 Nov, 09:00" / "11月24日(火) 9:00". */
export function formatWhen(date: Date, lang: Lang): string {
  return dateFormat(lang, 'when', {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(date)
}

export function formatTime(iso: string, lang: Lang): string {
  return dateFormat(lang, 'time', { timeStyle: 'short' }).format(new Date(iso))
}

const numbers = new Map<Lang, Intl.NumberFormat>()
export function formatNumber(n: number, lang: Lang): string {
  let f = numbers.get(lang)
  if (!f) numbers.set(lang, (f = new Intl.NumberFormat(LOCALES[lang])))
  return f.format(n)
}

/** "3 h", "2 d" / "3時間", "2日": compact durations for clocks. */
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

/** Fills `{name}` holes in a sentence, e.g. the key of a command: "Press {u} to undo." */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (hole: string, name: string) => values[name] ?? hole)
}
