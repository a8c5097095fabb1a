// The starter set every new workspace gets: the answers a small shop sends every week, in
// English and Japanese, as variants of one template each. Seeded once (engine/templates.ts
// remembers it did), so templates the seller deletes stay deleted.
import type { Template } from '../model'

type Row = Omit<Template, 'id' | 'usage'>

const EN_HI = 'Hi {{customer.first_name | "there"}},'
const EN_SIGN = 'Best regards,\n{{shop.name}}'
// Japanese shops address the customer by full name; without one, "お客様".
const JA_TO = '{{customer.name | "お客"}}様'
const JA_SIGN = '{{shop.name}}'

const en = (group: string, folder: string, name: string, body: string): Row => ({
  name,
  shortcut: group,
  group,
  language: 'en',
  folder,
  body: `${EN_HI}\n\n${body}\n\n${EN_SIGN}`,
})
const ja = (group: string, folder: string, name: string, body: string): Row => ({
  name,
  shortcut: `${group}-ja`,
  group,
  language: 'ja',
  folder,
  body: `${JA_TO}\n\n${body}\n\n${JA_SIGN}`,
})

export const STARTER_TEMPLATES: readonly Row[] = [
  en(
    'ship-delay',
    'Shipping',
    'Shipping delay',
    'Thank you for your order{{#if order.number}} {{order.number}}{{/if}}, and I\'m sorry it is taking longer than planned. It will now ship by {{field "new ship date"}}, and I\'ll send you the tracking number as soon as it does.\n\nThank you for your patience.',
  ),
  ja(
    'ship-delay',
    'Shipping',
    '発送遅延のお詫び',
    'この度はご注文{{#if order.number}}（注文番号：{{order.number}}）{{/if}}いただき、誠にありがとうございます。\n発送が予定より遅れており、大変申し訳ございません。{{field "新しい発送予定日"}}までに発送し、お問い合わせ番号をお知らせいたします。\n\n今しばらくお待ちくださいますようお願い申し上げます。',
  ),
  en(
    'tracking',
    'Shipping',
    'Tracking number',
    'Good news: your order{{#if order.number}} {{order.number}}{{/if}} is on its way{{#if order.carrier}} with {{order.carrier}}{{/if}}. The tracking number is {{order.tracking_number}}. It can take a day before the first scan shows online.',
  ),
  ja(
    'tracking',
    'Shipping',
    '発送のお知らせ（お問い合わせ番号）',
    'いつもご利用いただき、ありがとうございます。\nご注文{{#if order.number}}（注文番号：{{order.number}}）{{/if}}の商品を発送いたしました。\n{{#if order.carrier}}\n配送業者：{{order.carrier}}\n{{/if}}\nお問い合わせ番号：{{order.tracking_number}}\n配送状況の反映まで1日ほどかかる場合がございます。',
  ),
  en(
    'return',
    'Returns',
    'Return instructions',
    'I\'m sorry it wasn\'t right for you. You can return {{order.item | "it"}} within 30 days of delivery: pack it in the original box with a note saying {{order.number | "your order number"}} and send it back to us. I\'ll e-mail you the return address and a label today.\n\nOnce it arrives we refund the full price within 3 business days.',
  ),
  ja(
    'return',
    'Returns',
    '返品のご案内',
    'この度はご期待に添えず、申し訳ございません。\nお届けから30日以内でしたら返品を承っております。お手数ですが、元の箱に梱包し、{{#if order.number}}注文番号（{{order.number}}）{{else}}注文番号{{/if}}を書いたメモを同封のうえご返送ください。返送先と伝票は本日メールでお送りいたします。\n\n到着後3営業日以内に全額ご返金いたします。',
  ),
  en(
    'refund',
    'Returns',
    'Refund issued',
    "The refund {{#if order.number}}for order {{order.number}} {{/if}}has been issued to your original payment method. Depending on your bank it can take 5 to 7 days to show on your statement.\n\nIf it hasn't arrived by then, just reply to this message and I'll look into it.",
  ),
  ja(
    'refund',
    'Returns',
    'ご返金完了のお知らせ',
    'ご注文{{#if order.number}}（注文番号：{{order.number}}）{{/if}}のご返金手続きが完了いたしました。\nご利用のカード会社・金融機関により、反映まで数日かかる場合がございます。\n\n1週間ほど経っても確認できない場合は、お手数ですがこちらまでご連絡ください。',
  ),
  en(
    'review-thanks',
    'Feedback',
    'Thanks for your review',
    'Thank you so much for taking the time to write a review. We\'re a small shop, and every kind word helps other customers find us.\n\nEnjoy {{order.item | "your order"}}!',
  ),
  ja(
    'review-thanks',
    'Feedback',
    'レビューへのお礼',
    'この度はレビューをお寄せいただき、誠にありがとうございます。\n小さなお店ですので、いただいたお言葉が何よりの励みになります。\n\n今後ともどうぞよろしくお願いいたします。',
  ),
  en(
    'feedback',
    'Feedback',
    'Ask for feedback',
    "Your order{{#if order.number}} {{order.number}}{{/if}} should have arrived by now, and I hope you're enjoying it. Would you have a minute to tell me how it went?\n\n1. What did you like?\n2. What did you dislike?\n3. What could we do better?\n\nJust reply to this message. Thank you!",
  ),
  ja(
    'feedback',
    'Feedback',
    'ご感想のお願い',
    '先日はご注文いただき、ありがとうございました。\nお品物はいかがでしょうか。今後の参考に、よろしければ次の3点をお聞かせください。\n\n1. 良かった点\n2. 気になった点\n3. 改善してほしい点\n\nこのメールにご返信いただくだけで結構です。',
  ),
]

/** The starter set as records, with stable ids (so a second seeding could never duplicate them). */
export function starterTemplates(): Template[] {
  return STARTER_TEMPLATES.map((row) => ({ id: `tpl_starter_${row.shortcut}`, ...row, usage: 0 }))
}
