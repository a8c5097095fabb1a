// The variables a template may use, what each means (for the editor's help) and what a missing
// one is called in the blank the seller fills in instead. Pure.
import type { Language } from '../model'

export const TEMPLATE_VARIABLES = [
  'customer.first_name',
  'customer.last_name',
  'customer.name',
  'order.number',
  'order.item',
  'order.tracking_number',
  'order.carrier',
  'seller.name',
  'shop.name',
  'today',
] as const
export type VariableName = (typeof TEMPLATE_VARIABLES)[number]

export function isVariable(name: string): name is VariableName {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name)
}

/** What each variable is, in the seller's words: the editor's help and the label of its blank. */
export const VARIABLE_LABELS: Record<VariableName, Record<Language, string>> = {
  'customer.first_name': { en: 'first name', ja: '名' },
  'customer.last_name': { en: 'last name', ja: '姓' },
  'customer.name': { en: 'customer name', ja: 'お客様のお名前' },
  'order.number': { en: 'order number', ja: '注文番号' },
  'order.item': { en: 'item', ja: '商品名' },
  'order.tracking_number': { en: 'tracking number', ja: 'お問い合わせ番号' },
  'order.carrier': { en: 'carrier', ja: '配送業者' },
  'seller.name': { en: 'your name', ja: '差出人名' },
  'shop.name': { en: 'shop name', ja: 'ショップ名' },
  today: { en: "today's date", ja: '今日の日付' },
}
