// The demo seller's two mailboxes: English-speaking buyers (web shop, Amazon.com, eBay)
// write to one, Japanese buyers (web shop, Amazon.co.jp, Rakuten) to the other.
import type { Language } from '../core/model'

export interface Shop {
  id: string
  address: string
  displayName: string
  label: string
  /** Minutes east of UTC on the seller's mail clock: Aiko works in Japan. */
  offset: number
}

export const SHOP: Record<Language, Shop> = {
  en: {
    id: 'acc_01',
    address: 'shop@aiko-teaware.example',
    displayName: "Aiko's Tea Ware",
    label: 'Shop mail (English)',
    offset: 540,
  },
  ja: {
    id: 'acc_02',
    address: 'info@aiko-chaki.example',
    displayName: '藍子の茶器',
    label: 'ショップ窓口（日本語）',
    offset: 540,
  },
}
