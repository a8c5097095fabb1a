// The canned replies a demo workspace starts with: the answers Aiko sends every day, in
// English and Japanese, using the template variables the composer fills in.
import type { Template } from '../core/model'
import type { Rng } from './random'

type Row = Omit<Template, 'id' | 'usage'>

const EN_SIGN = "Best regards,\nAiko Morita\nAiko's Tea Ware"
const JA_SIGN = '藍子の茶器\n森田 藍子'
const EN_HI = 'Hi {{customer.first_name | "there"}},'
// Japanese shops address the customer by full name; the fallback reads "お客様".
const JA_TO = '{{customer.name | "お客"}}様'

const ROWS: readonly Row[] = [
  {
    name: 'Shipping delay (en)',
    shortcut: 'ship-delay',
    language: 'en',
    folder: 'Shipping',
    body: `${EN_HI}\n\nThank you for your order {{order.number}}, and I'm sorry it is taking longer than usual. Our pieces are made in small batches and the current firing is a few days late. Your order will ship within 3 business days, and I'll send you the tracking number as soon as it does.\n\nThank you for your patience.\n\n${EN_SIGN}`,
  },
  {
    name: 'Shipping delay (ja)',
    shortcut: 'ship-delay-ja',
    language: 'ja',
    folder: 'Shipping',
    body: `${JA_TO}\n\nこの度は藍子の茶器をご利用いただき、誠にありがとうございます。\nご注文（注文番号：{{order.number}}）の発送が遅れており、大変申し訳ございません。\n窯元での焼き上がりが予定より遅れております。3営業日以内に発送し、お問い合わせ番号をお知らせいたします。\n\nご迷惑をおかけいたしますが、今しばらくお待ちくださいますようお願い申し上げます。\n\n${JA_SIGN}`,
  },
  {
    name: 'Tracking number (en)',
    shortcut: 'ship-tracking',
    language: 'en',
    folder: 'Shipping',
    body: `${EN_HI}\n\nGood news: your order {{order.number}} is on its way. You can follow it with tracking number {{order.tracking_number}}. It can take a day before the first scan shows up online.\n\n${EN_SIGN}`,
  },
  {
    name: 'Tracking number (ja)',
    shortcut: 'ship-tracking-ja',
    language: 'ja',
    folder: 'Shipping',
    body: `${JA_TO}\n\nいつも藍子の茶器をご利用いただき、ありがとうございます。\nご注文（注文番号：{{order.number}}）の商品を本日発送いたしました。\nお問い合わせ番号：{{order.tracking_number}}\n配送状況の反映まで1日ほどかかる場合がございます。\n\n到着まで今しばらくお待ちくださいませ。\n\n${JA_SIGN}`,
  },
  {
    name: 'Return instructions (en)',
    shortcut: 'return',
    language: 'en',
    folder: 'Returns',
    body: `${EN_HI}\n\nI'm sorry the piece wasn't right for you. You can return it within 30 days of delivery: please pack it in the original box with a note saying "{{order.number}}" and send it to our returns address. I'll e-mail you a prepaid label today.\n\nOnce it arrives we refund the full price within 3 business days.\n\n${EN_SIGN}`,
  },
  {
    name: 'Return instructions (ja)',
    shortcut: 'return-ja',
    language: 'ja',
    folder: 'Returns',
    body: `${JA_TO}\n\nこの度はご期待に添えず、申し訳ございません。\nお届けから30日以内でしたら返品を承っております。お手数ですが、元の箱に梱包し、注文番号（{{order.number}}）を書いたメモを同封のうえご返送ください。着払い伝票を本日お送りいたします。\n\n到着後3営業日以内に全額ご返金いたします。\n\n${JA_SIGN}`,
  },
  {
    name: 'Refund issued (en)',
    shortcut: 'refund',
    language: 'en',
    folder: 'Returns',
    body: `${EN_HI}\n\nThe refund for order {{order.number}} has been issued to your original payment method. Depending on your bank it can take 5 to 7 days to show on your statement.\n\nIf it hasn't arrived by then, just reply to this message and I'll look into it.\n\n${EN_SIGN}`,
  },
  {
    name: 'Refund issued (ja)',
    shortcut: 'refund-ja',
    language: 'ja',
    folder: 'Returns',
    body: `${JA_TO}\n\nご注文（注文番号：{{order.number}}）のご返金手続きが完了いたしました。\nご利用のカード会社・金融機関により、反映まで数日かかる場合がございます。\n\n1週間ほど経っても確認できない場合は、お手数ですがこちらまでご連絡ください。\n\n${JA_SIGN}`,
  },
  {
    name: 'Thanks for your review (en)',
    shortcut: 'review-thanks',
    language: 'en',
    folder: 'Feedback',
    body: `${EN_HI}\n\nThank you so much for taking the time to write a review. Ours is a very small shop, and every kind word helps other tea lovers find us. I've passed your message on to the potter too.\n\nEnjoy your tea!\n\n${EN_SIGN}`,
  },
  {
    name: 'Thanks for your review (ja)',
    shortcut: 'review-thanks-ja',
    language: 'ja',
    folder: 'Feedback',
    body: `${JA_TO}\n\nこの度はレビューをお寄せいただき、誠にありがとうございます。\n小さなお店ですので、いただいたお言葉が何よりの励みになります。作家にも伝えさせていただきました。\n\nこれからも素敵なお茶の時間をお過ごしください。\n\n${JA_SIGN}`,
  },
  {
    name: 'Ask for feedback (en)',
    shortcut: 'feedback',
    language: 'en',
    folder: 'Feedback',
    body: `${EN_HI}\n\nYour order {{order.number}} should have arrived by now, and I hope you're enjoying it. Would you have a minute to tell me how it went? Three quick questions:\n\n1. What did you like?\n2. What did you dislike?\n3. What could we do better?\n\nJust reply to this message. Thank you!\n\n${EN_SIGN}`,
  },
  {
    name: 'Ask for feedback (ja)',
    shortcut: 'feedback-ja',
    language: 'ja',
    folder: 'Feedback',
    body: `${JA_TO}\n\n先日はご注文（注文番号：{{order.number}}）いただき、ありがとうございました。\nお品物はいかがでしょうか。今後の参考に、よろしければ次の3点をお聞かせください。\n\n1. 良かった点\n2. 気になった点\n3. 改善してほしい点\n\nこのメールにご返信いただくだけで結構です。\n\n${JA_SIGN}`,
  },
]

export function demoTemplates(rng: Rng): Template[] {
  return ROWS.map((row, i) => ({
    id: `tpl_${String(i + 1).padStart(2, '0')}`,
    ...row,
    // Everyday answers (shipping, tracking) get used far more than the rest.
    usage: row.folder === 'Shipping' ? rng.int(40, 160) : rng.int(3, 45),
  }))
}
