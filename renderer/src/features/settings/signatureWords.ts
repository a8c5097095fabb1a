// Words of the signature editor in Settings › Accounts, in English and Japanese.
import type { Lang } from '../../app/i18n'

const en = {
  signature: 'Signature',
  editTitle: (label: string) => `Signature of ${label}`,
  intro:
    'New replies, forwards and messages from this account open with it, below where you write and above the quoted text, after a “-- ” line. Drafts already saved keep theirs.',
  field: 'Signature (plain text)',
  count: (n: number, max: number) => `${n.toLocaleString('en')} of ${max.toLocaleString('en')} characters`,
  tooLong: (max: number) => `A signature can be at most ${max.toLocaleString('en')} characters long.`,
  preview: 'Preview',
  none: 'No signature',
  listed: (line: string) => `Signature: ${line}`,
  save: 'Save signature',
  saving: 'Saving…',
  cancel: 'Cancel',
  couldNotSave: 'The signature could not be saved.',
  keys: 'Tab moves to the buttons; Ctrl+Enter saves; Esc goes back without saving.',
}

const ja: typeof en = {
  signature: '署名',
  editTitle: (label: string) => `${label} の署名`,
  intro:
    'このアカウントから書く返信・転送・新規メッセージには、本文を書く場所の下、引用の上に「-- 」の行に続けてこの署名が入ります。保存済みの下書きは変わりません。',
  field: '署名（テキスト）',
  count: (n: number, max: number) => `${n.toLocaleString('ja')} / ${max.toLocaleString('ja')} 文字`,
  tooLong: (max: number) => `署名は ${max.toLocaleString('ja')} 文字までです。`,
  preview: 'プレビュー',
  none: '署名なし',
  listed: (line: string) => `署名: ${line}`,
  save: '署名を保存',
  saving: '保存中…',
  cancel: 'キャンセル',
  couldNotSave: '署名を保存できませんでした。',
  keys: 'Tab でボタンへ、Ctrl+Enter で保存、Esc で保存せずに戻ります。',
}

export function signatureWords(lang: Lang): typeof en {
  return lang === 'ja' ? ja : en
}
