// Words of the marketplace parts of the conversation screen: site-only replies, message kinds.
import type { MessageKind } from '../../../../main/core/model'
import type { Lang } from '../../app/i18n'

const en = {
  openIn: (marketplace: string) => `Open in ${marketplace}`,
  openCommand: 'Open this conversation on the marketplace',
  siteOnly: (marketplace: string) => `${marketplace} buyers are answered on ${marketplace}, not by e-mail.`,
  siteOnlyHelp: (marketplace: string) => `Press {o} to answer on ${marketplace}.`,
  replyIsSiteOnly: (marketplace: string) =>
    `Replies to this ${marketplace} message can only be written on ${marketplace}.`,
  relayVia: (marketplace: string) => `Replies go through ${marketplace}’s relay`,
  kind: { question: 'Question', return: 'Return / cancellation', feedback: 'Review', other: 'Notice' } satisfies Record<
    MessageKind,
    string
  >,
  rating: (n: number) => `${'★'.repeat(n)}${'☆'.repeat(5 - n)} (${n} of 5)`,
  item: 'Item',
}

const ja: typeof en = {
  openIn: (marketplace) => `${marketplace}で開く`,
  openCommand: 'この会話をマーケットプレイスで開く',
  siteOnly: (marketplace) => `${marketplace}のお客様への返信はメールではなく${marketplace}上で行います。`,
  siteOnlyHelp: (marketplace) => `{o} を押すと${marketplace}で返信できます。`,
  replyIsSiteOnly: (marketplace) => `この${marketplace}のメッセージへの返信は${marketplace}上でのみ行えます。`,
  relayVia: (marketplace) => `返信は${marketplace}の中継アドレス経由で届きます`,
  kind: { question: '質問', return: '返品・キャンセル', feedback: 'レビュー', other: 'お知らせ' },
  rating: (n) => `${'★'.repeat(n)}${'☆'.repeat(5 - n)}（5段階中${n}）`,
  item: '商品',
}

export function marketplaceWords(lang: Lang): typeof en {
  return lang === 'ja' ? ja : en
}
