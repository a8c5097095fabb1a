// Words of Settings › Keyboard in English and Japanese (the list itself speaks the cheat
// sheet's words, from app/i18n.ts: it is the same list).
import type { Lang } from '../../app/i18n'

const en = {
  intro: 'Every command and its keys. Choose one and press Enter to give it a new key; a key already used is refused.',
  resetAll: 'Put every key back to its default',
  resetAllDone: 'Every key is back to its default.',
  nothingToReset: 'Every key is already its default.',
  couldNotSave: (error: string) => `The key could not be saved: ${error}`,
}

const ja: typeof en = {
  intro:
    'すべてのコマンドとそのキーです。選んで Enter を押すと新しいキーを割り当てられます。使用中のキーは割り当てられません。',
  resetAll: 'すべてのキーを既定に戻す',
  resetAllDone: 'すべてのキーを既定に戻しました。',
  nothingToReset: 'すべてのキーはすでに既定のままです。',
  couldNotSave: (error) => `キーを保存できませんでした: ${error}`,
}

export function keyWords(lang: Lang): typeof en {
  return lang === 'ja' ? ja : en
}
