// The words of canned replies in English and Japanese: the picker in the composer, the templates
// manager, and what the composer says about fill-in fields (command labels live with the commands).
import type { Lang } from '../../app/i18n'

const en = {
  picker: 'Insert a template',
  search: 'Search templates',
  searchPlaceholder: 'Type a few letters of a template: ship, refund, 返品…',
  suggested: 'Suggested',
  all: 'All templates',
  none: 'No template matches.',
  noTemplates: 'No templates yet. Press {manage} to write one.',
  loading: 'Loading templates…',
  preview: 'Preview',
  insert: 'insert',
  close: 'close',
  manage: 'manage templates',
  mustFix: 'This template has a problem; fix it in the templates manager before using it.',
  couldNotLoad: 'Could not load the templates:',
  couldNotRender: 'Could not fill in the template:',
  blanks: (n: number) =>
    n === 1 ? '1 blank to fill in: Tab goes to it.' : `${n} blanks to fill in: Tab goes from one to the next.`,
  why: {
    learned: 'you used it for similar messages',
    words: 'matches the message',
    channel: 'often sent on this channel',
    rule: 'a rule suggests it',
  },
  // The composer
  fillIn: (label: string, n: number) =>
    n === 1
      ? `Fill in “${label}” before sending (Tab goes to it).`
      : `Fill in the ${n} blanks before sending, starting with “${label}” (Tab goes from one to the next).`,
  // The manager
  title: 'Templates',
  newTemplate: 'New template',
  noFolder: 'No folder',
  name: 'Name',
  shortcut: 'Shortcut',
  language: 'Language',
  languages: { en: 'English', ja: '日本語' },
  folder: 'Folder',
  group: 'Variant of',
  groupHint: 'Templates with the same “variant of” are one answer in several languages; the customer gets theirs.',
  body: 'Text',
  save: 'Save',
  saved: 'Saved.',
  delete: 'Delete',
  deleted: (name: string) => `Deleted “${name}”.`,
  confirmDelete: (name: string) => `Delete “${name}”? Press Delete again to confirm, Esc to keep it.`,
  problems: 'Problems',
  noProblems: 'No problems.',
  lineColumn: (line: number, column: number) => `Line ${line}, column ${column}`,
  variables: 'Variables',
  syntaxHelp:
    '{{customer.first_name | "there"}} with a fallback · {{#if order.tracking_number}}…{{else}}…{{/if}} · {{field "new date"}} a blank to fill in',
  previewWith: 'Preview with a sample customer',
  used: (n: number) => (n === 1 ? 'used once' : `used ${n} times`),
  empty: 'No templates. Press {new} to write one.',
  keysHint: '{new} new · {save} save · {delete} delete · {close} close',
  couldNotSave: 'Could not save:',
  unsaved: 'You have unsaved changes: Ctrl+S saves them, Esc again discards them.',
}

export type TemplatesWords = typeof en

const ja: TemplatesWords = {
  picker: 'テンプレートを挿入',
  search: 'テンプレートを検索',
  searchPlaceholder: 'テンプレート名の一部を入力：発送、返品、refund…',
  suggested: 'おすすめ',
  all: 'すべてのテンプレート',
  none: '一致するテンプレートはありません。',
  noTemplates: 'テンプレートはまだありません。{manage} で作成できます。',
  loading: 'テンプレートを読み込み中…',
  preview: 'プレビュー',
  insert: '挿入',
  close: '閉じる',
  manage: 'テンプレートの管理',
  mustFix: 'このテンプレートには問題があります。テンプレートの管理で直してから使ってください。',
  couldNotLoad: 'テンプレートを読み込めませんでした：',
  couldNotRender: 'テンプレートを差し込めませんでした：',
  blanks: (n: number) =>
    n === 1 ? '入力欄が 1 つあります。Tab で移動します。' : `入力欄が ${n} つあります。Tab で順に移動します。`,
  why: {
    learned: '似たメッセージで使用',
    words: 'メッセージの内容に一致',
    channel: 'このチャネルでよく使用',
    rule: 'ルールによる提案',
  },
  fillIn: (label: string, n: number) =>
    n === 1
      ? `送信する前に「${label}」を入力してください（Tab で移動）。`
      : `送信する前に ${n} つの入力欄を埋めてください。最初は「${label}」です（Tab で移動）。`,
  title: 'テンプレート',
  newTemplate: '新しいテンプレート',
  noFolder: 'フォルダなし',
  name: '名前',
  shortcut: 'ショートカット',
  language: '言語',
  languages: { en: 'English', ja: '日本語' },
  folder: 'フォルダ',
  group: '言語違いのグループ',
  groupHint: '同じグループのテンプレートは、言語違いの同じ返信です。お客様の言語のものが使われます。',
  body: '本文',
  save: '保存',
  saved: '保存しました。',
  delete: '削除',
  deleted: (name: string) => `「${name}」を削除しました。`,
  confirmDelete: (name: string) => `「${name}」を削除しますか？もう一度 Delete で削除、Esc で取り消し。`,
  problems: '問題',
  noProblems: '問題はありません。',
  lineColumn: (line: number, column: number) => `${line} 行 ${column} 列`,
  variables: '変数',
  syntaxHelp:
    '{{customer.name | "お客"}} 代わりの言葉 · {{#if order.tracking_number}}…{{else}}…{{/if}} · {{field "新しい発送日"}} 送信前に入力する欄',
  previewWith: 'サンプルのお客様でプレビュー',
  used: (n: number) => `${n} 回使用`,
  empty: 'テンプレートはありません。{new} で作成できます。',
  keysHint: '{new} 新規 · {save} 保存 · {delete} 削除 · {close} 閉じる',
  couldNotSave: '保存できませんでした：',
  unsaved: '保存していない変更があります。Ctrl+S で保存、もう一度 Esc で変更を破棄します。',
}

export function templatesWords(lang: Lang): TemplatesWords {
  return lang === 'ja' ? ja : en
}
