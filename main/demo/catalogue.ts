// What Aiko's Tea Ware sells, and how each channel numbers orders and shipments, so demo
// orders and the messages about them look like the real thing.
import type { Channel, Language } from '../core/model'
import { isoTime } from './clock'
import type { Rng } from './random'

export type ProductKind = 'teapot' | 'bowl' | 'cup' | 'kettle' | 'tool' | 'caddy' | 'tea' | 'gift'

export interface Product {
  sku: string
  en: string
  ja: string
  jpy: number
  usd: number
  kind: ProductKind
  /** Breaks in transit: the damaged-on-arrival stories use these. */
  fragile: boolean
  /** For size questions. */
  capacity?: { en: string; ja: string }
  /** eBay listing title and item number (12 digits, like real listings). */
  ebayTitle: string
  ebayItem: string
}

type Row = [
  sku: number,
  en: string,
  ja: string,
  jpy: number,
  usd: number,
  kind: ProductKind,
  capacityMl?: number,
  ebayTitle?: string,
]

// prettier-ignore
const ROWS: readonly Row[] = [
  [2954, 'Blue glaze kyusu teapot, 250 ml', '青釉 急須 250ml', 6600, 54, 'teapot', 250, 'Blue Glaze Teapot'],
  [2961, 'Tokoname red clay kyusu teapot, 300 ml', '常滑焼 朱泥 急須 300ml', 8800, 72, 'teapot', 300, 'Tokoname Red Clay Kyusu Teapot'],
  [2977, 'Banko-yaki side-handle teapot, 360 ml', '萬古焼 横手急須 360ml', 5500, 45, 'teapot', 360, 'Banko Side Handle Teapot'],
  [3012, 'Houhin teapot for gyokuro, 150 ml', '宝瓶 玉露用 150ml', 7150, 58, 'teapot', 150, 'Houhin Gyokuro Teapot'],
  [3105, 'Nanbu cast iron tetsubin kettle, 0.8 L', '南部鉄瓶 0.8L', 19800, 158, 'kettle', 800, 'Nanbu Tetsubin Iron Kettle'],
  [3208, 'Hagi-yaki matcha bowl', '萩焼 抹茶碗', 12100, 98, 'bowl', 350, 'Hagi Matcha Chawan Bowl'],
  [3214, 'Black raku matcha bowl', '黒楽 抹茶碗', 16500, 132, 'bowl', 330, 'Black Raku Matcha Bowl'],
  [3230, 'Shino glaze matcha bowl', '志野 抹茶碗', 9900, 80, 'bowl', 340, 'Shino Glaze Chawan'],
  [3302, 'Celadon yunomi cups, set of 2', '青磁 湯呑 2客セット', 4400, 36, 'cup', 180, 'Celadon Yunomi Cup Pair'],
  [3315, 'Arita porcelain yunomi cup', '有田焼 湯呑', 2750, 23, 'cup', 200, 'Arita Porcelain Yunomi'],
  [3321, 'Mino-yaki ash glaze yunomi cup', '美濃焼 灰釉 湯呑', 2200, 18, 'cup', 220, 'Mino Ash Glaze Yunomi'],
  [3340, 'Yuzamashi water cooler bowl', '湯冷まし', 2640, 22, 'cup', 250, 'Yuzamashi Cooling Bowl'],
  [3401, 'Bamboo chasen whisk, 80 tines', '茶筅 80本立', 3300, 28, 'tool', undefined, 'Bamboo Matcha Whisk Chasen 80'],
  [3407, 'Bamboo chashaku scoop', '竹 茶杓', 1100, 10, 'tool', undefined, 'Bamboo Chashaku Scoop'],
  [3412, 'Ceramic whisk holder (kusenaoshi)', 'くせ直し', 1650, 14, 'tool', undefined, 'Chasen Whisk Holder'],
  [3420, 'Linen chakin tea cloth', '麻 茶巾', 880, 8, 'tool', undefined, 'Linen Chakin Cloth'],
  [3503, 'Cherry bark tea caddy (kabazaiku)', '樺細工 茶筒', 9350, 76, 'caddy', undefined, 'Kabazaiku Cherry Bark Tea Caddy'],
  [3511, 'Pewter tea caddy, 200 g', '錫 茶筒 200g', 14300, 115, 'caddy', undefined, 'Pewter Tea Caddy 200g'],
  [3602, 'Matcha starter set (bowl, whisk, scoop)', '抹茶 はじめてセット', 11000, 89, 'bowl', 350, 'Matcha Starter Set'],
  [3701, 'Uji sencha, 100 g', '宇治 煎茶 100g', 1620, 14, 'tea', undefined, 'Uji Sencha Green Tea 100g'],
  [3705, 'Ceremonial matcha, 30 g tin', '抹茶 30g缶', 2980, 25, 'tea', undefined, 'Ceremonial Grade Matcha 30g'],
  [3711, 'Kyoto hojicha, 80 g', '京都 ほうじ茶 80g', 980, 9, 'tea', undefined, 'Kyoto Hojicha Roasted Tea'],
  [3802, 'Wooden chataku saucers, set of 5', '木製 茶托 5枚組', 3850, 32, 'gift', undefined, 'Wooden Chataku Saucer Set'],
  [3810, 'Paulownia gift box', '桐箱 ギフト包装', 1100, 10, 'gift', undefined, 'Paulownia Gift Box'],
]

export const CATALOGUE: readonly Product[] = ROWS.map(([sku, en, ja, jpy, usd, kind, ml, ebayTitle]) => ({
  sku: `AT-${sku}`,
  en,
  ja,
  jpy,
  usd,
  kind,
  fragile: kind === 'teapot' || kind === 'bowl' || kind === 'cup',
  ...(ml ? { capacity: { en: ml >= 1000 ? `${ml / 1000} L` : `${ml} ml`, ja: `${ml}ml` } } : {}),
  ebayTitle: `${ebayTitle ?? en} #${sku}`,
  // Fixed per product so the same listing shows up across seeds.
  ebayItem: String(186_000_000_000 + sku * 104_729),
}))

export const FRAGILE = CATALOGUE.filter((p) => p.fragile)
export const WITH_CAPACITY = CATALOGUE.filter((p) => p.capacity)

export type CarrierId = 'yamato' | 'japanpost' | 'usps' | 'dhl'

export const CARRIERS: Record<CarrierId, { en: string; ja: string }> = {
  yamato: { en: 'Yamato', ja: 'ヤマト運輸' },
  japanpost: { en: 'Japan Post', ja: '日本郵便' },
  usps: { en: 'USPS', ja: 'USPS' },
  dhl: { en: 'DHL', ja: 'DHL' },
}

/** Domestic orders go by Yamato or Japan Post; overseas by Japan Post EMS, DHL, or USPS from the US stock. */
export function pickCarrier(rng: Rng, language: Language): CarrierId {
  return language === 'ja'
    ? rng.weighted([
        ['yamato', 3],
        ['japanpost', 2],
      ] as const)
    : rng.weighted([
        ['japanpost', 3],
        ['dhl', 2],
        ['usps', 3],
      ] as const)
}

export function trackingNumber(rng: Rng, carrier: CarrierId, language: Language): string {
  switch (carrier) {
    case 'yamato':
      return rng.pick(['3', '4', '5']) + rng.digits(11)
    case 'japanpost':
      // Domestic Yu-Pack numbers are 12 digits; EMS items carry the S10 form.
      return language === 'ja' ? rng.digits(12) : `E${rng.pick(['J', 'M', 'N'])}${rng.digits(9)}JP`
    case 'usps':
      return '9400' + rng.digits(18)
    case 'dhl':
      return rng.digits(10)
  }
}

/**
 * An order number in the channel's own format: Amazon 3-7-7 digits (111-… for .com,
 * 249/250/503-… for .co.jp), eBay 12-34567-89012, Rakuten shop-date-serial, web shop AT-/AC- and six digits.
 */
export function orderNumber(
  rng: Rng,
  channel: Channel,
  language: Language,
  placedAt: number,
  taken: Set<string>,
): string {
  for (;;) {
    let n: string
    switch (channel) {
      case 'amazon':
        n = `${language === 'ja' ? rng.pick(['249', '250', '503']) : rng.pick(['111', '112', '113', '114'])}-${rng.digits(7)}-${rng.digits(7)}`
        break
      case 'ebay':
        n = `${rng.int(10, 27)}-${rng.digits(5)}-${rng.digits(5)}`
        break
      case 'rakuten': {
        // Rakuten stamps the order date (Japan time) into the number.
        const jst = isoTime(placedAt + 9 * 3_600_000)
        n = `398217-${jst.slice(0, 4)}${jst.slice(5, 7)}${jst.slice(8, 10)}-00${rng.digits(8)}`
        break
      }
      default:
        n = `${language === 'ja' ? 'AC' : 'AT'}-${rng.int(100000, 999999)}`
    }
    if (!taken.has(n)) {
      taken.add(n)
      return n
    }
  }
}
