// Merge and split words in English and Japanese.
import type { Lang } from '../../app/i18n'

const en = {
  mergeCommand: 'Merge with another customer…',
  splitCommand: 'Split this customer…',
  undoCommand: 'Undo the last merge or split',
  identity: 'Same person?',
  mergeButton: 'Merge with…',
  splitButton: 'Split…',
  mergeTitle: (name: string) => `Merge another customer into ${name}`,
  mergeSearch: 'Name, e-mail, buyer id or order number',
  noMatch: 'No customer matches.',
  mergeConfirm: (gone: string, keep: string) =>
    `${gone}'s conversations, orders, reminders, addresses, tags and note move to ${keep}. ${gone} is kept as another name. Press Enter to merge, Esc to go back.`,
  merge: 'Merge',
  back: 'Back',
  merged: (gone: string, keep: string) =>
    `Merged ${gone} into ${keep}. Undo from the palette: "Undo the last merge or split".`,
  splitTitle: (name: string) => `Split ${name}`,
  splitHelp: 'Choose what belongs to someone else (↑ ↓ to move, Space to choose), name them, then Ctrl+Enter.',
  conversations: 'Conversations',
  keys: 'Addresses and ids',
  newName: 'Name of the other person',
  split: 'Split',
  splitDone: (name: string) => `Split ${name} off. Undo from the palette: "Undo the last merge or split".`,
  undone: (kind: 'merge' | 'split'): string => (kind === 'merge' ? 'The merge is undone.' : 'The split is undone.'),
  failed: 'Could not do that:',
  keyKinds: { email: 'E-mail', relay: 'Relay', buyer: 'Buyer id', order: 'Order', phone: 'Phone' } as Record<
    string,
    string
  >,
  alsoKnownAs: 'Also known as',
}

const ja: typeof en = {
  mergeCommand: '別の顧客と統合…',
  splitCommand: 'この顧客を分割…',
  undoCommand: '直前の統合・分割を元に戻す',
  identity: '同じ人？',
  mergeButton: '統合…',
  splitButton: '分割…',
  mergeTitle: (name: string) => `${name} に別の顧客を統合`,
  mergeSearch: '名前、メールアドレス、購入者ID、注文番号',
  noMatch: '該当する顧客がいません。',
  mergeConfirm: (gone: string, keep: string) =>
    `${gone} の会話・注文・リマインダー・アドレス・タグ・メモを ${keep} に移します。${gone} は別名として残ります。Enter で統合、Esc で戻ります。`,
  merge: '統合',
  back: '戻る',
  merged: (gone: string, keep: string) =>
    `${gone} を ${keep} に統合しました。元に戻すにはパレットの「直前の統合・分割を元に戻す」。`,
  splitTitle: (name: string) => `${name} を分割`,
  splitHelp: '別の人のものを選び（↑ ↓ で移動、Space で選択）、名前を付けて Ctrl+Enter。',
  conversations: '会話',
  keys: 'アドレスとID',
  newName: 'もう一人の名前',
  split: '分割',
  splitDone: (name: string) => `${name} を分割しました。元に戻すにはパレットの「直前の統合・分割を元に戻す」。`,
  undone: (kind: 'merge' | 'split') => (kind === 'merge' ? '統合を元に戻しました。' : '分割を元に戻しました。'),
  failed: 'できませんでした：',
  keyKinds: { email: 'メール', relay: '中継アドレス', buyer: '購入者ID', order: '注文', phone: '電話' },
  alsoKnownAs: '別名',
}

export function identityWords(lang: Lang): typeof en {
  return lang === 'ja' ? ja : en
}
