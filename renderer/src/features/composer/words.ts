// The composer's words in English and Japanese (command labels live with the commands).
import type { ComposeMode } from '../../../../preload/api'
import type { Lang } from '../../app/i18n'

const en = {
  composer: 'Write a message',
  mode: {
    reply: 'Reply',
    replyAll: 'Reply all',
    forward: 'Forward',
    new: 'New message',
  } satisfies Record<ComposeMode, string>,
  from: 'From',
  to: 'To',
  cc: 'Cc',
  subject: 'Subject',
  body: 'Message',
  attach: 'Attach files…',
  remove: 'Remove',
  removeAttachment: (name: string) => `Remove ${name}`,
  forwarded: 'forwarded',
  send: 'Send',
  discard: 'Discard',
  close: 'Close',
  preparing: 'Preparing the draft…',
  saving: 'Saving…',
  saved: (time: string) => `Draft saved ${time}`,
  notSaved: 'Draft not saved:',
  sending: 'Sending…',
  noRecipient: 'Add at least one recipient in To.',
  badAddress: (address: string) => `“${address}” is not an e-mail address. Check To and Cc.`,
  couldNotSend: 'Could not send:',
  couldNotOpen: 'Could not open the composer:',
  couldNotRead: (name: string) => `Could not read ${name}:`,
  cannotSend: '(cannot send)',
  // Undo-send toast
  sendingIn: (who: string, s: number) => `Sending to ${who} in ${s} s.`,
  sendingNow: (who: string) => `Sending to ${who}…`,
  sentTo: (who: string) => `Sent to ${who}.`,
  sendFailed: (who: string) => `Could not send to ${who}:`,
  undo: 'Undo',
  undoing: 'Undoing…',
  undone: 'Sending undone; your draft is back.',
  tooLate: 'Too late to undo:',
  dismiss: 'Dismiss',
}

export type ComposerWords = typeof en

const ja: ComposerWords = {
  composer: 'メッセージを作成',
  mode: {
    reply: '返信',
    replyAll: '全員に返信',
    forward: '転送',
    new: '新規メッセージ',
  },
  from: '差出人',
  to: '宛先',
  cc: 'Cc',
  subject: '件名',
  body: '本文',
  attach: 'ファイルを添付…',
  remove: '削除',
  removeAttachment: (name) => `${name} を削除`,
  forwarded: '転送',
  send: '送信',
  discard: '破棄',
  close: '閉じる',
  preparing: '下書きを準備しています…',
  saving: '保存中…',
  saved: (time) => `${time} に下書きを保存しました`,
  notSaved: '下書きを保存できませんでした:',
  sending: '送信中…',
  noRecipient: '宛先を 1 件以上入力してください。',
  badAddress: (address) => `「${address}」はメールアドレスではありません。宛先と Cc を確認してください。`,
  couldNotSend: '送信できませんでした:',
  couldNotOpen: '作成画面を開けませんでした:',
  couldNotRead: (name) => `${name} を読み込めませんでした:`,
  cannotSend: '（送信不可）',
  sendingIn: (who, s) => `${s} 秒後に ${who} 宛てに送信します。`,
  sendingNow: (who) => `${who} 宛てに送信中…`,
  sentTo: (who) => `${who} 宛てに送信しました。`,
  sendFailed: (who) => `${who} 宛てに送信できませんでした:`,
  undo: '取り消す',
  undoing: '取り消し中…',
  undone: '送信を取り消しました。下書きに戻しています。',
  tooLate: '取り消せませんでした:',
  dismiss: '閉じる',
}

export function composerWords(lang: Lang): ComposerWords {
  return lang === 'ja' ? ja : en
}
