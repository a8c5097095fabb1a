// The conversation screen's words in English and Japanese. Kept with the feature (like command
// labels) so the screen can grow without touching the shell's dictionary.
import type { ConversationStatus, Order } from '../../../../main/core/model'
import type { Lang } from '../../app/i18n'

const en = {
  timeline: 'Messages',
  customerDetails: 'Customer',
  showQuoted: 'Show quoted text',
  hideQuoted: 'Hide quoted text',
  to: 'to',
  remoteBlocked: 'Remote images are blocked.',
  remoteBlockedHelp: 'They can tell the sender when and where you read this.',
  loadForMessage: 'Load for this message',
  alwaysForSender: 'Always for this sender',
  remoteFailed: 'Could not allow remote images:',
  htmlTitle: (subject: string) => `Message: ${subject}`,
  attachments: 'Attachments',
  save: 'Save',
  saving: 'Saving…',
  couldNotSave: (name: string) => `Could not save ${name}:`,
  lifetimeValue: 'Lifetime value',
  noOrders: 'No orders yet.',
  orderStatus: {
    pending: 'Pending',
    shipped: 'Shipped',
    delivered: 'Delivered',
    cancelled: 'Cancelled',
    returned: 'Returned',
  } satisfies Record<Order['status'], string>,
  items: (n: number) => (n === 1 ? '1 item' : `${n} items`),
  tags: 'Tags',
  tagsPlaceholder: 'Add a tag and press Enter',
  removeTag: (tag: string) => `Remove tag ${tag}`,
  note: 'Private note',
  notePlaceholder: 'Only you see this. Saved as you type.',
  noteSaved: 'Saved',
  noteSaving: 'Saving…',
  pastConversations: 'Conversations',
  status: {
    open: 'Open',
    done: 'Done',
    snoozed: 'Snoozed',
  } satisfies Record<ConversationStatus, string>,
  snoozedUntil: (when: string) => `until ${when}`,
  untilTheyReply: 'until they reply',
  messages: (n: number) => (n === 1 ? '1 message' : `${n} messages`),
  snooze: 'Snooze',
  snoozed: (name: string, when: string) => `Snoozed ${name} until ${when}.`,
  snoozedUntilReply: (name: string) => `Snoozed ${name} until they reply.`,
  couldNotSnooze: 'Could not snooze:',
  nothingToSnooze: 'Nothing waiting here to snooze.',
  // Drafts and the outbox
  draft: 'Draft',
  draftSaved: (when: string) => `saved ${when}`,
  continueDraft: 'Continue',
  discardDraft: 'Discard',
  outboxQueued: (s: number) => `Sending in ${s} s`,
  outboxSending: 'Sending…',
  outboxWaiting: 'Waiting in the outbox',
  outboxFailed: 'Could not be sent:',
  noMessages: 'No messages with this customer yet.',
}

export type ConversationWords = typeof en

const ja: ConversationWords = {
  timeline: 'メッセージ',
  customerDetails: 'お客様情報',
  showQuoted: '引用を表示',
  hideQuoted: '引用を隠す',
  to: '宛先',
  remoteBlocked: '外部の画像をブロックしています。',
  remoteBlockedHelp: '読み込むと、いつどこで読んだかが送信者に伝わることがあります。',
  loadForMessage: 'このメッセージだけ表示',
  alwaysForSender: 'この送信者は常に表示',
  remoteFailed: '外部の画像を許可できませんでした:',
  htmlTitle: (subject) => `メッセージ: ${subject}`,
  attachments: '添付ファイル',
  save: '保存',
  saving: '保存中…',
  couldNotSave: (name) => `${name} を保存できませんでした:`,
  lifetimeValue: '累計購入額',
  noOrders: '注文はまだありません。',
  orderStatus: {
    pending: '未発送',
    shipped: '発送済み',
    delivered: '配達済み',
    cancelled: 'キャンセル',
    returned: '返品',
  },
  items: (n) => `${n} 点`,
  tags: 'タグ',
  tagsPlaceholder: 'タグを入力して Enter',
  removeTag: (tag) => `タグ「${tag}」を削除`,
  note: '非公開メモ',
  notePlaceholder: 'あなただけに表示されます。入力すると自動で保存します。',
  noteSaved: '保存しました',
  noteSaving: '保存中…',
  pastConversations: '会話',
  status: {
    open: '対応中',
    done: '対応済み',
    snoozed: 'スヌーズ中',
  },
  snoozedUntil: (when) => `${when} まで`,
  untilTheyReply: '返信があるまで',
  messages: (n) => `${n} 件`,
  snooze: 'スヌーズ',
  snoozed: (name, when) => `${name} を ${when} までスヌーズしました。`,
  snoozedUntilReply: (name) => `${name} をお客様から返信があるまでスヌーズしました。`,
  couldNotSnooze: 'スヌーズできませんでした:',
  nothingToSnooze: 'スヌーズできる対応待ちの会話はありません。',
  draft: '下書き',
  draftSaved: (when) => `${when} に保存`,
  continueDraft: '続きを書く',
  discardDraft: '破棄',
  outboxQueued: (s) => `${s} 秒後に送信`,
  outboxSending: '送信中…',
  outboxWaiting: '送信トレイで待機中',
  outboxFailed: '送信できませんでした:',
  noMessages: 'このお客様とのメッセージはまだありません。',
}

export function conversationWords(lang: Lang): ConversationWords {
  return lang === 'ja' ? ja : en
}

const LOCALES: Record<Lang, string> = { en: 'en-GB', ja: 'ja-JP' }

/** "23 B", "12 kB", "1.4 MB": sizes as a file manager shows them. */
export function formatSize(bytes: number, lang: Lang): string {
  if (bytes < 1024) return `${new Intl.NumberFormat(LOCALES[lang]).format(bytes)} B`
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / 1024 / 1024, 'megabyte']
  return new Intl.NumberFormat(LOCALES[lang], {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: value < 10 ? 1 : 0,
  }).format(value)
}

/** An amount in its currency, in the seller's language. */
export function formatMoney(amount: number, currency: string, lang: Lang): string {
  try {
    return new Intl.NumberFormat(LOCALES[lang], {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
    }).format(amount)
  } catch {
    // A currency code Intl does not know: the number and the code as written.
    return `${new Intl.NumberFormat(LOCALES[lang]).format(amount)} ${currency}`
  }
}
