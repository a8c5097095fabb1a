// What the demo's customers write about, and what the seller answers, in English and in
// polite Japanese. Placeholders in braces ({product}, {order}, {tracking}…) are filled per
// conversation; a line whose placeholder has no value (no order yet, nothing shipped) is
// never chosen, so texts only mention facts the demo's orders actually carry.
import type { Language } from '../core/model'

export const TOPIC_IDS = [
  'shipping_delay',
  'tracking',
  'return_request',
  'refund',
  'damaged',
  'size_question',
  'gift_wrapping',
  'thank_you',
  'negative_feedback',
  'product_question',
  'wholesale',
] as const
export type TopicId = (typeof TOPIC_IDS)[number]

/** The lines of one side of a thread, by turn. */
export interface TopicLines {
  /** The customer's subject when writing from their own mailbox. */
  subject: readonly string[]
  /** The customer's first message. */
  opener: readonly string[]
  /** The seller's first answer. */
  reply: readonly string[]
  /** The customer answering the seller. */
  follow: readonly string[]
  /** The seller's later answers. */
  answer: readonly string[]
  /** The customer's last word in a settled thread. */
  thanks: readonly string[]
}

export interface Topic {
  id: TopicId
  /** Relative frequency among conversations. */
  weight: number
  /** Whether the thread is about an order the customer placed (and so names it). */
  needsOrder: boolean
  /** Which products the story can be about. */
  products: 'any' | 'fragile' | 'capacity'
  /** Marketplaces forbid steering buyers off-platform: this story only happens by e-mail. */
  emailOnly?: boolean
  en: TopicLines
  ja: TopicLines
}

export const TOPICS: Record<TopicId, Topic> = {
  shipping_delay: {
    id: 'shipping_delay',
    weight: 12,
    needsOrder: true,
    products: 'any',
    en: {
      subject: ["Order {order} hasn't shipped yet", 'Delay with my order {order}?', 'When will my order ship?'],
      opener: [
        "I ordered the {product} on {date} and the order still says it hasn't shipped. Is something wrong? I was hoping to have it by next week.",
        "My order {order} was supposed to ship within 3 days, but I still haven't had a shipping confirmation. Could you check on it, please?",
        "Just checking in on order {order}. It's been over a week and the status hasn't changed. Is the {product} out of stock?",
      ],
      reply: [
        'Thank you for your patience, and sorry for the wait. The {product} is made in small batches by our potter and the current batch comes out of the kiln this week. We will ship your order within 3 business days and send you the tracking number right away.',
        "I'm very sorry for the delay. A delivery from our workshop arrived later than planned. Your order {order} is packed now and will be handed to the carrier tomorrow morning.",
      ],
      follow: [
        'Thanks for explaining. Could you let me know as soon as it ships?',
        "OK, but I need it before the 20th, it's a birthday present. Is that still possible?",
        "No problem. Would it be possible to upgrade to faster shipping? I'm happy to pay the difference.",
      ],
      answer: [
        'Your order shipped today with {carrier}. The tracking number is {tracking}.',
        'Yes, we can make it. I have booked express delivery with {carrier} at no extra cost; the tracking number is {tracking}.',
        'Of course. I will let you know the moment it leaves our studio.',
      ],
      thanks: ['Got the tracking number, thank you!', "It arrived today and it's beautiful. Thanks for the update."],
    },
    ja: {
      subject: ['注文{order}の発送について', '商品の発送状況を教えてください', '発送予定日について（注文番号{order}）'],
      opener: [
        '{date}に{product}を注文しましたが、まだ発送済みになっておりません。何か問題がありましたでしょうか。来週までに届くと助かります。',
        '注文番号{order}の件です。3日以内に発送とのことでしたが、まだ発送のご連絡をいただいておりません。状況をご確認いただけますでしょうか。',
        '注文してから一週間ほど経ちますが、ステータスが変わっておりません。{product}は在庫切れでしょうか。',
      ],
      reply: [
        'お待たせしてしまい、大変申し訳ございません。{product}は窯元で少量ずつ焼いており、今週窯出しの予定でございます。3営業日以内に発送し、追跡番号をすぐにお知らせいたします。',
        '発送が遅れており、誠に申し訳ございません。窯元からの入荷が予定より遅れておりました。ご注文{order}は梱包が済み、明日の午前中に発送いたします。',
      ],
      follow: [
        'ご説明ありがとうございます。発送されましたらご連絡いただけますか。',
        '承知しました。ただ、20日までに必要なのですが、間に合いますでしょうか。贈り物にする予定です。',
        'わかりました。差額をお支払いしますので、速い配送に変更することはできますか。',
      ],
      answer: [
        '本日{carrier}にて発送いたしました。お問い合わせ番号は{tracking}でございます。',
        '間に合うよう手配いたしました。{carrier}の速達便で発送済みで、お問い合わせ番号は{tracking}です。追加料金はいただきません。',
        'かしこまりました。発送いたしましたら、すぐにご連絡いたします。',
      ],
      thanks: [
        '追跡番号を確認できました。ありがとうございます。',
        '本日無事に届きました。とても素敵です。ありがとうございました。',
      ],
    },
  },
  tracking: {
    id: 'tracking',
    weight: 14,
    needsOrder: true,
    products: 'any',
    en: {
      subject: ['Tracking number for order {order}?', 'Where is my package?', "Tracking hasn't updated"],
      opener: [
        'Could you send me the tracking number for order {order}? I got the shipping confirmation but no link.',
        "The tracking for my {product} hasn't updated in five days. Is it lost?",
        'Where is my package? Tracking number {tracking} shows it left Japan but nothing since.',
      ],
      reply: [
        'Of course. Your order was sent with {carrier}, tracking number {tracking}. It can take a day or two before the first scan shows up online.',
        "I checked with {carrier}: your parcel ({tracking}) is in customs, which often adds 3 to 5 days at the moment. It is not lost; I'll keep an eye on it for you.",
      ],
      follow: [
        "Thanks. It still shows 'in transit' though. Should I be worried?",
        "The carrier's website says 'held at the post office'. What should I do?",
      ],
      answer: [
        'It is moving again: {carrier} shows it at your local depot today, so delivery should be tomorrow.',
        'The post office is holding it for pickup. Please bring ID and the tracking number {tracking}; they keep parcels for 15 days.',
      ],
      thanks: ['It just arrived. Thanks for keeping an eye on it!', 'Picked it up this morning, all good. Thank you!'],
    },
    ja: {
      subject: ['追跡番号を教えてください（{order}）', '荷物の配送状況について', '配送状況が更新されません'],
      opener: [
        '注文番号{order}の追跡番号を教えていただけますでしょうか。発送のメールは届いたのですが、番号が見当たりませんでした。',
        '{product}の配送状況が5日ほど更新されておりません。紛失ではないか心配です。',
        'お問い合わせ番号{tracking}で確認すると、発送済みのまま動いていないようです。ご確認いただけますか。',
      ],
      reply: [
        '{carrier}にて発送しており、お問い合わせ番号は{tracking}でございます。反映まで1日ほどかかる場合がございます。',
        '{carrier}に確認いたしましたところ、お荷物（{tracking}）は配送センターに到着しているとのことでした。明日にはお届けできる見込みです。',
      ],
      follow: [
        'ありがとうございます。まだ「輸送中」のままですが、大丈夫でしょうか。',
        '不在票が入っていたのですが、再配達の依頼はどちらにすればよいでしょうか。',
      ],
      answer: [
        '本日、お近くの営業所に到着したと表示されております。明日にはお届けできるかと存じます。',
        '再配達は{carrier}のウェブサイトか、不在票に記載のお電話番号からご依頼いただけます。お問い合わせ番号は{tracking}です。',
      ],
      thanks: [
        '先ほど無事に受け取りました。ありがとうございました。',
        '再配達で受け取れました。ご丁寧にありがとうございます。',
      ],
    },
  },
  return_request: {
    id: 'return_request',
    weight: 8,
    needsOrder: true,
    products: 'any',
    en: {
      subject: ['Return request for order {order}', 'Can I return the {product}?', 'Return'],
      opener: [
        "I'd like to return the {product} from order {order}. It's lovely, but the colour is much darker than in the photos. What's the process?",
        "The {product} is smaller than I expected. Can I return it for a refund? It's unused and still in the box.",
      ],
      reply: [
        "I'm sorry it wasn't what you expected. You can return it within 30 days. Please send it back in the original box; I'll e-mail you a prepaid return label today.",
        'Of course. Please pack it in the original box and send it to our returns address; once it arrives we refund the full price within 3 business days.',
      ],
      follow: [
        "Thanks. I've sent it back today. Let me know when it arrives.",
        'Do I need to include anything in the parcel, like the order number?',
      ],
      answer: [
        "The return has arrived safely. I've issued the refund; it should show on your statement in 5 to 7 days.",
        'Just a note with your order number {order} is enough. Thank you!',
      ],
      thanks: [
        'Refund received. Thank you for making it so easy.',
        "Thanks, will do. I'll certainly shop with you again.",
      ],
    },
    ja: {
      subject: ['返品のお願い（注文番号{order}）', '{product}の返品について', '返品について'],
      opener: [
        '注文番号{order}の{product}を返品したいのですが、可能でしょうか。素敵な品ですが、写真よりも色がかなり濃く感じました。',
        '{product}が思っていたより小さかったため、返品をお願いできますでしょうか。未使用で箱もございます。',
      ],
      reply: [
        'ご期待に添えず申し訳ございません。お届けから30日以内でしたら返品を承っております。元の箱に入れてご返送ください。着払い伝票を本日お送りいたします。',
        'かしこまりました。お手数ですが元の箱に梱包のうえ、返品先住所までお送りください。到着後3営業日以内に全額ご返金いたします。',
      ],
      follow: [
        '本日返送いたしました。到着しましたらご連絡ください。',
        '返送の際、注文番号などを同封したほうがよいでしょうか。',
      ],
      answer: [
        '返品のお品物を確かに受け取りました。ご返金の手続きを完了いたしました。',
        '注文番号{order}を書いたメモを同封していただければ十分でございます。',
      ],
      thanks: [
        '返金を確認いたしました。丁寧なご対応ありがとうございました。',
        '承知しました。また利用させていただきます。',
      ],
    },
  },
  refund: {
    id: 'refund',
    weight: 7,
    needsOrder: true,
    products: 'any',
    en: {
      subject: ['Refund for order {order}', 'Still waiting for my refund', 'Refund status'],
      opener: [
        "I returned the {product} two weeks ago but haven't seen the refund yet. Could you check, please?",
        'I cancelled order {order} before it shipped. When will I get my money back?',
      ],
      reply: [
        "I'm sorry for the wait. Your return has arrived on our side; the refund was issued today and should appear within 5 to 7 days depending on your bank.",
        'The refund for order {order} was processed yesterday. Card refunds usually take a few business days to show.',
      ],
      follow: [
        "It's been a week and it's still not there. Can you send me a confirmation?",
        'Was the shipping cost refunded too?',
      ],
      answer: [
        "Here is the confirmation: the full amount for order {order} was refunded to your original payment method. If it isn't there by Friday, please let me know and I'll chase it.",
        'Yes, shipping was refunded as well, since the mistake was on our side.',
      ],
      thanks: ["It's there now. Thanks for your help!", 'Perfect, thank you.'],
    },
    ja: {
      subject: ['返金について（注文番号{order}）', '返金がまだ確認できません', '返金状況の確認'],
      opener: [
        '2週間ほど前に{product}を返品しましたが、まだ返金が確認できておりません。ご確認いただけますでしょうか。',
        '発送前に注文{order}をキャンセルしました。返金はいつ頃になりますでしょうか。',
      ],
      reply: [
        'お待たせしており申し訳ございません。返品のお品物は到着しており、本日返金の手続きをいたしました。カード会社により反映まで数日かかる場合がございます。',
        '注文{order}の返金は昨日手続き済みでございます。反映まで数営業日お待ちください。',
      ],
      follow: [
        '一週間経ちましたが、まだ反映されておりません。手続きの控えをいただけますか。',
        '送料も返金されておりますでしょうか。',
      ],
      answer: [
        '注文{order}の代金は全額、お支払い方法へ返金済みでございます。金曜日までに反映されない場合はお知らせください。',
        'はい、当店の不手際でございますので、送料も含めて返金いたしました。',
      ],
      thanks: ['返金を確認できました。ありがとうございました。', '承知いたしました。ありがとうございます。'],
    },
  },
  damaged: {
    id: 'damaged',
    weight: 8,
    needsOrder: true,
    products: 'fragile',
    en: {
      subject: ['{product} arrived broken', 'Damaged item in order {order}', 'Cracked on arrival'],
      opener: [
        'My {product} arrived today with a crack down the side. The box looked fine from the outside.',
        'Unfortunately the {product} from order {order} was broken when I opened the parcel. What can we do?',
        'The {product} was chipped on arrival. Really disappointed, it was meant to be a gift.',
      ],
      reply: [
        "I'm so sorry, that must have been disappointing. I'll send a replacement today at no cost, and there's no need to send the broken one back.",
        "I'm very sorry it arrived damaged. Would you prefer a replacement or a full refund?",
      ],
      follow: [
        'A replacement would be great, thank you. Could you pack it a bit more carefully this time?',
        "I'd prefer a refund, please. I won't need it before the holidays any more.",
      ],
      answer: [
        'The replacement left today with {carrier}, double-boxed this time. Tracking: {tracking}.',
        'Done: the refund for order {order} has been issued. Again, my apologies.',
      ],
      thanks: [
        'The replacement arrived in perfect condition. Thank you so much!',
        'Thank you for sorting this out so quickly.',
      ],
    },
    ja: {
      subject: ['商品破損のご連絡', '{product}が割れて届きました', '注文{order}の商品破損について'],
      opener: [
        '本日{product}が届きましたが、側面にひびが入っておりました。箱の外側には傷はありませんでした。',
        '注文番号{order}の{product}ですが、開封したところ割れておりました。どのように対応していただけますでしょうか。',
        '{product}が欠けた状態で届きました。贈り物にする予定でしたので、大変残念です。',
      ],
      reply: [
        'この度は大変ご迷惑をおかけし、誠に申し訳ございません。本日代わりの品をお送りいたします。破損したお品物のご返送は不要でございます。',
        'お品物が破損して届いたとのこと、誠に申し訳ございません。交換とご返金のどちらがよろしいでしょうか。',
      ],
      follow: [
        '交換でお願いいたします。今回は梱包を厳重にしていただけると助かります。',
        '返金でお願いできますでしょうか。',
      ],
      answer: [
        '代わりのお品物を本日{carrier}にて発送いたしました。今回は二重梱包にしております。お問い合わせ番号は{tracking}です。',
        '注文{order}のご返金手続きが完了いたしました。重ねてお詫び申し上げます。',
      ],
      thanks: [
        '交換品が無事に届きました。迅速なご対応ありがとうございました。',
        'ご丁寧に対応いただき、ありがとうございました。',
      ],
    },
  },
  size_question: {
    id: 'size_question',
    weight: 8,
    needsOrder: false,
    products: 'capacity',
    en: {
      subject: ['Question about the size of the {product}', 'How big is the {product}?', 'Capacity question'],
      opener: [
        'How many cups does the {product} make? The listing says {capacity}, but is that filled to the brim?',
        'Could you tell me the height and diameter of the {product}? I want to be sure it fits in my cupboard.',
      ],
      reply: [
        'Good question! {capacity} is filled to the brim; in practice that is about two small cups of sencha.',
        'It is about 9 cm high and 11 cm across, handle not included. Each piece is handmade, so sizes vary by a few millimetres.',
      ],
      follow: ['Thanks! Do you have a bigger one for four people?', 'Great. Is it dishwasher safe?'],
      answer: [
        'Yes, the Banko-yaki side-handle teapot holds 360 ml, which is enough for four small cups.',
        'We recommend washing it by hand with warm water only; detergent can soak into the unglazed clay.',
      ],
      thanks: ["Perfect, I've just ordered it. Thanks!", 'Thank you for the detailed answer.'],
    },
    ja: {
      subject: ['{product}のサイズについて', '容量について質問です', '{product}の大きさを教えてください'],
      opener: [
        '{product}は何杯分くらい淹れられますでしょうか。{capacity}とありますが、満水の容量でしょうか。',
        '{product}の高さと直径を教えていただけますか。棚に収まるか確認したいです。',
      ],
      reply: [
        '{capacity}は満水時の容量で、煎茶ですと小さめの湯呑で2杯ほどでございます。',
        '高さ約9cm、直径約11cm（持ち手を除く）でございます。手作りのため、数ミリの個体差がございます。',
      ],
      follow: ['ありがとうございます。4人分淹れられる大きめのものはありますか。', '食洗機は使えますでしょうか。'],
      answer: [
        '萬古焼の横手急須（360ml）でしたら、4人分ほど淹れていただけます。',
        '釉薬のかかっていない部分がございますので、洗剤を使わずぬるま湯での手洗いをおすすめしております。',
      ],
      thanks: ['よくわかりました。早速注文いたします。', '丁寧に教えていただき、ありがとうございました。'],
    },
  },
  gift_wrapping: {
    id: 'gift_wrapping',
    weight: 6,
    needsOrder: true,
    products: 'any',
    en: {
      subject: ['Gift wrapping for order {order}', 'Can you gift wrap my order?', 'Gift message'],
      opener: [
        'I just ordered the {product} as a gift for my mother. Could you gift wrap it and leave out the invoice?',
        "Is it possible to add a handwritten card to order {order}? It's for my friend's wedding.",
      ],
      reply: [
        "With pleasure! We'll wrap it in washi paper with a paper-cord ribbon and leave the invoice out. It's free of charge.",
        "Of course. Let me know the message you'd like on the card and we'll write it by hand.",
      ],
      follow: [
        "Lovely, thank you. The card should say: 'Congratulations, with love from the {family} family'.",
        "Could you also send it straight to her address? I'll give you the details.",
      ],
      answer: [
        'All done: the card is written and the parcel leaves today with {carrier} ({tracking}).',
        "Yes, no problem. Please reply with the address and we'll ship it there.",
      ],
      thanks: ['She loved it! The wrapping was beautiful.', "Thank you, that's perfect."],
    },
    ja: {
      subject: ['ギフト包装のお願い（注文番号{order}）', 'のし・ラッピングについて', '贈り物の包装について'],
      opener: [
        '母への贈り物として{product}を注文しました。ギフト包装をお願いできますでしょうか。納品書は同封しないでいただけると助かります。',
        '注文{order}について、のしをお付けいただくことは可能でしょうか。',
      ],
      reply: [
        'かしこまりました。和紙で包装し、水引をおかけいたします。納品書は同封いたしません。包装料は無料でございます。',
        '承知いたしました。のしの表書きとお名前をお知らせいただけますでしょうか。',
      ],
      follow: [
        'ありがとうございます。表書きは「内祝」、名入れは「{family}」でお願いいたします。',
        '先方へ直接お届けいただくことはできますか。',
      ],
      answer: [
        'ご指定どおりに、のしをお付けいたしました。本日{carrier}にて発送しております（お問い合わせ番号：{tracking}）。',
        'はい、可能でございます。お届け先のご住所をお知らせください。',
      ],
      thanks: [
        'とても喜んでもらえました。素敵な包装をありがとうございました。',
        'ありがとうございます。よろしくお願いいたします。',
      ],
    },
  },
  thank_you: {
    id: 'thank_you',
    weight: 8,
    needsOrder: true,
    products: 'any',
    en: {
      subject: ['Thank you!', 'The {product} is beautiful', 'Just wanted to say thanks'],
      opener: [
        "The {product} arrived yesterday and it's even more beautiful in person. Thank you for the lovely packaging and the handwritten note!",
        'Just a quick note to say how much I love my {product}. I use it every morning.',
      ],
      reply: [
        'Thank you so much for your kind words, it made our day! If you have a moment, a short review would help our little shop a lot.',
        "That's wonderful to hear. I'll pass your message on to the potter; she'll be delighted.",
      ],
      follow: [
        'Happy to! I left a review just now. Do you have matching cups?',
        'Will do. Do you ever have seconds or sales?',
      ],
      answer: [
        'Thank you! The Mino-yaki ash glaze yunomi cups go very well with it.',
        "We send a short note to customers when we have seconds, usually in spring. I'll add you to the list.",
      ],
      thanks: ['Lovely, thank you again!', 'Great, looking forward to it.'],
    },
    ja: {
      subject: ['お礼', '{product}が届きました', 'ありがとうございました'],
      opener: [
        '昨日{product}が届きました。写真で見るよりもずっと素敵で、大変気に入っております。丁寧な梱包と手書きのメッセージもありがとうございました。',
        '{product}を毎朝使っております。とても使いやすく、お茶の時間が楽しみになりました。お礼を申し上げたくご連絡いたしました。',
      ],
      reply: [
        '温かいお言葉をありがとうございます。大変励みになります。お時間がございましたら、レビューをいただけますと幸いです。',
        'お気に召していただけて、とても嬉しく思います。作家にもお伝えいたします。',
      ],
      follow: [
        'レビューを書かせていただきました。同じシリーズの湯呑もありますか。',
        'ぜひまた購入したいです。セールなどはありますか。',
      ],
      answer: [
        'ありがとうございます。美濃焼の灰釉湯呑がよく合うかと存じます。',
        '春頃に訳あり品のご案内をお送りしております。ご案内リストに追加いたしますね。',
      ],
      thanks: ['ありがとうございます。楽しみにしております。', '重ねてありがとうございました。'],
    },
  },
  negative_feedback: {
    id: 'negative_feedback',
    weight: 5,
    needsOrder: true,
    products: 'fragile',
    en: {
      subject: ['Very disappointed with my order', 'Not happy with the {product}', 'About my review'],
      opener: [
        "I'm really disappointed. The {product} leaks and the glaze has bubbles. For this price I expected much better. I've left a 2-star review.",
        "The {product} took three weeks to arrive and the box was crushed. I said so in my review; I don't think this is acceptable.",
      ],
      reply: [
        "I'm truly sorry, and thank you for telling us directly. That's not the standard we hold ourselves to. May I send you a replacement from a different firing, or would you prefer a full refund?",
        "I'm sorry about the long wait and the damaged box. I've refunded the shipping cost, and I'd be glad to call you to hear what else we could have done better.",
      ],
      follow: ["A refund, please. I'll think about updating the review.", 'OK, you can call me. Evenings are best.'],
      answer: [
        'The full refund for order {order} has been issued. Thank you for giving us the chance to fix it.',
        "Thank you. I'll call tomorrow evening. Again, my apologies.",
      ],
      thanks: ["Thanks for handling it properly. I've updated my review.", 'Appreciate the call. All sorted now.'],
    },
    ja: {
      subject: ['商品についての苦情', '{product}に不満があります', 'レビューの件'],
      opener: [
        '{product}ですが、お茶が漏れ、釉薬にも気泡がありました。この価格でこの品質は残念です。星2つのレビューを書かせていただきました。',
        '届くまでに3週間かかり、箱も潰れておりました。正直なところ、がっかりしております。レビューにもその旨を書きました。',
      ],
      reply: [
        'この度はご不快な思いをおかけし、誠に申し訳ございません。直接ご連絡いただき、ありがとうございます。別の窯の品との交換、または全額返金にて対応させていただけますでしょうか。',
        'お届けが大変遅くなり、箱も破損していたとのこと、誠に申し訳ございません。送料を返金させていただきました。改善のため、お電話でお話を伺えますと幸いです。',
      ],
      follow: [
        '返金でお願いします。レビューについては考えてみます。',
        'わかりました。平日の夕方でしたら電話に出られます。',
      ],
      answer: [
        '注文{order}の全額返金の手続きが完了いたしました。改善の機会をいただき、ありがとうございます。',
        '承知いたしました。明日の夕方にお電話いたします。重ねてお詫び申し上げます。',
      ],
      thanks: [
        '丁寧に対応していただきありがとうございました。レビューを更新しました。',
        'お電話ありがとうございました。納得いたしました。',
      ],
    },
  },
  product_question: {
    id: 'product_question',
    weight: 14,
    needsOrder: false,
    products: 'any',
    en: {
      subject: ['Question about the {product}', '{product}: a few questions', 'Before I order'],
      opener: [
        "Is the {product} made in Japan, and who is the maker? I'm looking for something handmade.",
        "Does the {product} come with a box? I'd like to give it as a present.",
        'Will the {product} be back in stock soon? It shows as unavailable.',
      ],
      reply: [
        "Yes, every piece is made in Japan; this one comes from a small workshop we've worked with for years, and each piece is made by hand.",
        'It comes in a simple paulownia box, perfect for a present. We can add gift wrapping for free as well.',
        'The next batch is due in about two weeks. I can reserve one for you if you like.',
      ],
      follow: ['Great. Do you ship to Canada?', 'Yes please, reserve one for me. How do I pay?'],
      answer: [
        'We do: Japan Post EMS takes about 5 to 8 days to Canada, fully tracked.',
        "I've reserved it. I'll send you a link as soon as it's listed.",
      ],
      thanks: ['Thanks, ordering now!', 'Wonderful, thank you.'],
    },
    ja: {
      subject: ['{product}について質問です', '{product}の在庫について', '購入前の質問'],
      opener: [
        '{product}はどちらの窯元の作品でしょうか。手作りのものを探しております。',
        '{product}は箱付きでしょうか。贈り物にしたいと考えております。',
        '{product}が在庫切れになっておりますが、再入荷の予定はございますか。',
      ],
      reply: [
        'こちらは長年お取引のある小さな窯元の品で、ひとつひとつ手作りしております。',
        '桐箱にお入れしてお届けいたしますので、贈り物にも最適です。無料でギフト包装も承っております。',
        '2週間ほどで次回入荷の予定でございます。よろしければ一点お取り置きいたします。',
      ],
      follow: [
        'ありがとうございます。海外への発送は可能でしょうか。',
        'ぜひお取り置きをお願いします。支払い方法はどうなりますか。',
      ],
      answer: [
        'はい、日本郵便のEMSにて発送可能でございます。',
        'お取り置きいたしました。入荷しましたら購入ページのご案内をお送りいたします。',
      ],
      thanks: ['早速注文いたします。ありがとうございました。', 'ご丁寧にありがとうございます。'],
    },
  },
  wholesale: {
    id: 'wholesale',
    weight: 3,
    needsOrder: false,
    products: 'any',
    emailOnly: true,
    en: {
      subject: ['Wholesale inquiry', 'Stocking your tea ware in our shop', 'Wholesale prices for the {product}?'],
      opener: [
        'I run a small tea house in Portland and would love to stock your {product}. Do you offer wholesale prices for orders of 20 or more?',
        'We are opening a tea shop in spring and are looking for Japanese suppliers. Could you send your wholesale catalogue and minimum order quantities?',
      ],
      reply: [
        "Thank you for thinking of us! For orders of 20 pieces or more we offer 35% off retail. I'll send our wholesale price list separately.",
        'How exciting! Our minimum wholesale order is 20 pieces across the range; shipping to the US is by DHL and takes about a week.',
      ],
      follow: [
        'That sounds good. Could we have a short call this week to go through the details?',
        'Could you do 40% for an order of 50 pieces?',
      ],
      answer: [
        'Of course. Would Thursday at 9 am Pacific work for you?',
        'For 50 pieces we can do 40%, with free shipping on the first order.',
      ],
      thanks: ['Perfect, talk soon!', 'Deal. Purchase order to follow.'],
    },
    ja: {
      subject: ['卸売りについてのご相談', '店舗での取り扱いについて', '{product}の卸価格について'],
      opener: [
        '京都で小さな日本茶カフェを営んでおります。{product}を店舗で使用・販売したく、20点以上の卸価格をご相談できますでしょうか。',
        '来春に茶葉専門店を開業予定です。卸のカタログと最低発注数を教えていただけますでしょうか。',
      ],
      reply: [
        '20点以上のご注文で小売価格の35%引きにて承っております。卸価格表を別途お送りいたします。',
        '開業おめでとうございます。卸のご注文は10万円からとなっております。カタログを郵送いたしますので、ご住所をお知らせください。',
      ],
      follow: [
        'ありがとうございます。今週中に一度お電話でお話しできますでしょうか。',
        '50点まとめて注文する場合、40%引きは可能でしょうか。',
      ],
      answer: [
        'かしこまりました。木曜日の午前10時はいかがでしょうか。',
        '50点でしたら40%引きで承ります。初回は送料も無料にいたします。',
      ],
      thanks: ['ありがとうございます。よろしくお願いいたします。', '承知しました。正式に発注書をお送りします。'],
    },
  },
}

/** Mid-thread lines that fit any story, used once a topic's own lines are spent. */
export const GENERIC: Record<Language, { follow: readonly string[]; answer: readonly string[] }> = {
  en: {
    follow: [
      'Thanks for getting back to me so quickly.',
      'Sorry, one more question: is there anything you need from me?',
      'OK, understood. Could you confirm once it is done?',
      "Thanks. I'll wait to hear from you.",
    ],
    answer: [
      "Nothing else needed from you. I'll confirm as soon as it's done.",
      'Thank you for your patience. I will keep you posted.',
      "I've checked again and everything is on track.",
      'Of course. Please let me know if anything else comes up.',
    ],
  },
  ja: {
    follow: [
      'ご丁寧にありがとうございます。',
      'もう一点確認させてください。こちらで何か準備するものはありますでしょうか。',
      '承知しました。完了しましたらご連絡いただけますと幸いです。',
      'ありがとうございます。ご連絡をお待ちしております。',
    ],
    answer: [
      'お客様にご準備いただくものは特にございません。完了次第ご連絡いたします。',
      'お待たせしており恐縮です。進捗がございましたらすぐにお知らせいたします。',
      '改めて確認いたしましたが、予定どおり進んでおります。',
      'かしこまりました。ほかにもご不明な点がございましたら、お気軽にお知らせください。',
    ],
  },
}

/** What a customer adds when a photo goes with their message. */
export const PHOTO_NOTE: Record<Language, string> = {
  en: "I've attached a photo.",
  ja: '写真を添付いたします。',
}

/** A customer nudging an unanswered message. */
export const CHASERS: Record<Language, readonly string[]> = {
  en: [
    'Hi again, just following up on my message below. Any news?',
    'Sorry to chase, but could you get back to me on this?',
    "I'm still waiting to hear back. Could you reply, please?",
  ],
  ja: [
    '先日お問い合わせした件ですが、その後いかがでしょうか。',
    'たびたび申し訳ございません。先日の件、ご確認いただけましたでしょうか。',
    'まだご返信をいただけていないようですので、再度ご連絡いたしました。',
  ],
}
