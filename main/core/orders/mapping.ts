// Proposes which column holds which order field from the header names, English or Japanese,
// for files that are no known export. The seller confirms or edits the proposal.
import { FORMATS } from './formats'
import { ORDER_FIELDS, type ColumnMapping, type OrderField, type OrderFormat } from './fields'

/** Header names per field, most specific first; compared after `normaliseHeader`. */
const NAMES: Record<OrderField, readonly string[]> = {
  orderNumber: [
    'order number',
    'order id',
    'order no',
    'order #',
    'order',
    '注文番号',
    '受注番号',
    '注文id',
    'オーダー番号',
    '注文no',
  ],
  placedAt: [
    'order date',
    'purchase date',
    'created at',
    'sale date',
    'date',
    '注文日時',
    '注文日',
    '受注日',
    '購入日',
    '注文日付',
    '日付',
  ],
  buyerName: [
    'buyer name',
    'customer name',
    'billing name',
    'name',
    '購入者名',
    '注文者名',
    '注文者氏名',
    '顧客名',
    '氏名',
    'お名前',
    '名前',
  ],
  email: ['email address', 'e-mail', 'email', 'mail', 'メールアドレス', 'eメール', 'メール'],
  phone: ['phone number', 'telephone', 'phone', 'tel', '電話番号', '電話', '携帯番号'],
  buyerId: ['buyer id', 'buyer username', 'user id', 'username', '購入者id', 'ユーザーid', '会員id', '会員番号'],
  itemTitle: ['item title', 'product name', 'item name', 'product', 'item', 'title', '商品名', '品名', '商品'],
  sku: ['sku', 'item code', 'product code', '商品コード', '商品番号', '品番'],
  quantity: ['quantity', 'qty', '数量', '個数'],
  price: ['unit price', 'item price', 'price', '単価', '商品価格', '価格', '販売価格'],
  total: ['order total', 'total price', 'total', 'amount', '合計金額', '請求金額', '支払金額', '合計', '金額'],
  currency: ['currency', '通貨'],
  status: ['order status', 'status', '注文ステータス', 'ステータス', '発送状況', '状態'],
  trackingNumber: ['tracking number', 'tracking', '追跡番号', '伝票番号', 'お問い合わせ番号', 'お問合せ番号'],
  carrier: ['shipping carrier', 'carrier', '配送業者', '配送会社', '運送会社'],
}

/** Lower case, half-width, without spaces, dashes, underscores or dots: "Order_No." → "orderno". */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.・:：()（）]/g, '')
}

/**
 * Field → column, each column used at most once: exact names first (for every field), then
 * columns whose name contains a known one ("ご注文番号" holds "注文番号").
 */
export function proposeMapping(headers: readonly string[]): ColumnMapping {
  const normal = headers.map(normaliseHeader)
  const used = new Set<number>()
  const mapping: ColumnMapping = {}
  const take = (field: OrderField, match: (h: string, name: string) => boolean) => {
    if (mapping[field] !== undefined) return
    for (const name of NAMES[field].map(normaliseHeader)) {
      const i = normal.findIndex((h, j) => !used.has(j) && h !== '' && match(h, name))
      if (i >= 0) {
        mapping[field] = headers[i]
        used.add(i)
        return
      }
    }
  }
  for (const field of ORDER_FIELDS) take(field, (h, name) => h === name)
  for (const field of ORDER_FIELDS) take(field, (h, name) => name.length >= 2 && h.includes(name))
  return mapping
}

/** The mapping a format starts from: the export's own, completed by names for what it lacks. */
export function mappingFor(format: OrderFormat, headers: readonly string[]): ColumnMapping {
  if (format === 'generic') return proposeMapping(headers)
  const have = new Set(headers)
  const own = Object.fromEntries(Object.entries(FORMATS[format].mapping).filter(([, h]) => have.has(h!)))
  const taken = new Set(Object.values(own))
  const rest = proposeMapping(headers.filter((h) => !taken.has(h)))
  return { ...rest, ...own }
}
