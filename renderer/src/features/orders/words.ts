// The order import dialog's words in English and Japanese.
import type { OrderField, OrderFormat } from '../../../../preload/api'
import type { Lang } from '../../app/i18n'

const en = {
  command: 'Import orders (CSV)…',
  title: 'Import orders',
  pathLabel: 'Order file',
  pathHelp:
    'Paste the full path of an export: Shopify orders, an Amazon order report, an eBay orders report, or any CSV (UTF-8 or Shift_JIS).',
  pathPlaceholder: '/home/you/Downloads/orders_export.csv',
  read: 'Read the file',
  reading: 'Reading…',
  format: 'Format',
  formats: {
    shopify: 'Shopify orders export',
    amazon: 'Amazon order report',
    ebay: 'eBay orders report',
    generic: 'Other (map the columns)',
  } satisfies Record<OrderFormat, string>,
  encoding: 'Encoding',
  channel: 'Orders from',
  found: (n: number) => (n === 1 ? '1 order in this file' : `${n.toLocaleString('en')} orders in this file`),
  mapping: 'Columns',
  mappingHelp: 'Which column holds what. Order number and date are needed; the rest is taken when chosen.',
  notMapped: '— not in this file —',
  fields: {
    orderNumber: 'Order number',
    placedAt: 'Order date',
    buyerName: 'Buyer name',
    email: 'E-mail',
    phone: 'Phone',
    buyerId: 'Buyer id',
    itemTitle: 'Item',
    sku: 'SKU',
    quantity: 'Quantity',
    price: 'Price',
    total: 'Total',
    currency: 'Currency',
    status: 'Status',
    trackingNumber: 'Tracking number',
    carrier: 'Carrier',
  } satisfies Record<OrderField, string>,
  firstRows: 'First rows',
  problems: 'This file cannot be imported yet:',
  importN: (n: number) => (n === 1 ? 'Import 1 order' : `Import ${n.toLocaleString('en')} orders`),
  importing: 'Importing…',
  back: 'Another file',
  close: 'Close',
  done: (r: { added: number; updated: number; unchanged: number; customersCreated: number; customersJoined: number }) =>
    `${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged · ${r.customersCreated} new customers, ${r.customersJoined} existing customers joined.`,
  failed: 'Nothing was imported:',
}

const ja: typeof en = {
  command: '注文をインポート（CSV）…',
  title: '注文のインポート',
  pathLabel: '注文ファイル',
  pathHelp:
    'エクスポートしたファイルのフルパスを貼り付けてください：Shopify の注文、Amazon の注文レポート、eBay の注文レポート、その他の CSV（UTF-8 または Shift_JIS）。',
  pathPlaceholder: 'C:\\Users\\あなた\\Downloads\\orders.csv',
  read: 'ファイルを読む',
  reading: '読み込み中…',
  format: '形式',
  formats: {
    shopify: 'Shopify 注文エクスポート',
    amazon: 'Amazon 注文レポート',
    ebay: 'eBay 注文レポート',
    generic: 'その他（列を対応付ける）',
  },
  encoding: '文字コード',
  channel: '販売チャネル',
  found: (n: number) => `このファイルの注文：${n.toLocaleString('ja')} 件`,
  mapping: '列の対応',
  mappingHelp: 'どの列に何が入っているか。注文番号と注文日は必須です。その他は選んだものを取り込みます。',
  notMapped: '— このファイルにない —',
  fields: {
    orderNumber: '注文番号',
    placedAt: '注文日',
    buyerName: '購入者名',
    email: 'メールアドレス',
    phone: '電話番号',
    buyerId: '購入者ID',
    itemTitle: '商品名',
    sku: 'SKU',
    quantity: '数量',
    price: '単価',
    total: '合計金額',
    currency: '通貨',
    status: 'ステータス',
    trackingNumber: '追跡番号',
    carrier: '配送業者',
  },
  firstRows: '最初の行',
  problems: 'このファイルはまだインポートできません：',
  importN: (n: number) => `${n.toLocaleString('ja')} 件の注文をインポート`,
  importing: 'インポート中…',
  back: '別のファイル',
  close: '閉じる',
  done: (r) =>
    `追加 ${r.added} 件、更新 ${r.updated} 件、変更なし ${r.unchanged} 件 · 新しい顧客 ${r.customersCreated} 人、既存の顧客に紐付け ${r.customersJoined} 人。`,
  failed: '何もインポートされませんでした：',
}

export function orderWords(lang: Lang): typeof en {
  return lang === 'ja' ? ja : en
}
