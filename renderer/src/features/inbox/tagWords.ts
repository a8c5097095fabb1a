// The tag filter's words in English and Japanese: the picker in the view bar, its commands,
// the title and the empty state that says how to get out of it.
import type { Lang } from '../../app/i18n'

const en = {
  tag: 'Tag',
  allTags: 'All tags',
  /** An option of the picker: the tag and how many customers carry it. */
  option: (tag: string, customers: number) => `#${tag} (${customers})`,
  titleSuffix: (tag: string) => ` · #${tag}`,
  filterByTag: 'Filter by tag…',
  showTagged: (tag: string) => `Show customers tagged ${tag}`,
  clearTag: 'Tag: all tags',
  emptyTag: (tag: string) => `Nobody tagged ${tag} here.`,
  emptyTagHint:
    'Only customers carrying this tag show here. Press {tag} to pick another tag or “All tags”; open a customer to edit their tags in the sidebar.',
}

const ja: typeof en = {
  tag: 'タグ',
  allTags: 'すべてのタグ',
  option: (tag, customers) => `#${tag}（${customers}）`,
  titleSuffix: (tag) => ` · #${tag}`,
  filterByTag: 'タグで絞り込む…',
  showTagged: (tag) => `タグ ${tag} のお客様を表示`,
  clearTag: 'タグ: すべて',
  emptyTag: (tag) => `ここにはタグ ${tag} のお客様はいません。`,
  emptyTagHint:
    'タグで絞り込むと、そのタグのお客様だけを表示します。{tag} を押すと別のタグか「すべてのタグ」を選べます。タグはお客様の画面のサイドバーで編集できます。',
}

export function tagWords(lang: Lang): typeof en {
  return lang === 'ja' ? ja : en
}
