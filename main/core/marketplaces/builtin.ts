// The marketplaces Seller Inbox knows out of the box, as data in the same shape as the seller's
// own marketplace-rules.json (rules.ts). Patterns are case-insensitive, `^`/`$` match at line
// breaks, and each named group (rules.ts FACT_GROUPS) is one fact about the message.
import { ruleSchema, type MarketplaceRule, type MarketplaceRuleInput } from './rules'

const AMAZON_ORDER = String.raw`(?<order>\d{3}-\d{7}-\d{7})`
const RAKUTEN_ORDER = String.raw`(?<order>\d{6}-\d{8}-\d{10})`
/** "注文番号：", "注文番号: ", "ご注文番号 ：" — full-width and half-width colons both occur. */
const JA_ORDER_LABEL = String.raw`(?:ご)?注文(?:番号|ID)\s*[:：]\s*`
const JA_INQUIRY = String.raw`(?:お)?問(?:い)?合(?:わ)?せ(?:番号|ID)\s*[:：]\s*(?<inquiry>[0-9A-Za-z-]{4,})`
const RETURNS_EN = String.raw`\b(?:return|refund|cancel(?:l?ation|l?ed)?|exchange)\b`
const RETURNS_JA = String.raw`返品|返金|交換|キャンセル|取り?消し`
const REVIEWS_JA = String.raw`レビュー|評価`

export const BUILTIN_RULE_INPUTS: MarketplaceRuleInput[] = [
  {
    // Buyer-Seller Messaging: each buyer writes from a masked address per marketplace country.
    id: 'amazon-relay',
    marketplace: 'amazon',
    match: { from: [String.raw`@marketplace\.amazon\.[a-z]{2,3}(?:\.[a-z]{2})?$`] },
    relayAddress: String.raw`@marketplace\.amazon\.[a-z]{2,3}(?:\.[a-z]{2})?$`,
    extract: {
      // "Jane - Amazon Marketplace", "佐藤 花子 - Amazonマーケットプレイス", "Jane - Amazon Marketplace DE"
      fromName: [String.raw`^(?<buyerName>.+?)\s+[-–]\s+Amazon`],
      subject: [
        String.raw`Amazon customer\s+(?<buyerName>[^()（）]+?)\s*[(（]`,
        String.raw`(?:Order|Bestellung|Commande|Ordine|Pedido|注文番号)[^0-9]{0,12}${AMAZON_ORDER}`,
        AMAZON_ORDER,
      ],
      body: [
        String.raw`(?:Order ID|Order #|Bestellnummer|注文番号)\s*[:：#]?\s*${AMAZON_ORDER}`,
        String.raw`^(?:Item|Artikel|商品名|商品)\s*[:：]\s*(?<item>\S.*?)\s*$`,
        String.raw`ASIN\s*[:：]\s*(?<itemId>[A-Z0-9]{10})`,
      ],
    },
    kinds: [
      { kind: 'return', subject: [RETURNS_EN, RETURNS_JA] },
      { kind: 'feedback', subject: [String.raw`\bfeedback\b|\breview\b`, REVIEWS_JA] },
    ],
    reply: 'relay',
  },
  {
    // Seller Central notices (feedback, return requests): no buyer behind the address; answered in Seller Central.
    id: 'amazon-notice',
    marketplace: 'amazon',
    match: {
      from: [
        String.raw`^(?:seller-notification|seller-answers|return|returns|donotreply|no-reply)@amazon\.[a-z]{2,3}(?:\.[a-z]{2})?$`,
      ],
    },
    extract: {
      subject: [AMAZON_ORDER],
      body: [
        String.raw`(?:Order ID|Order #|Bestellnummer|注文番号)\s*[:：#]?\s*${AMAZON_ORDER}`,
        String.raw`^(?:Buyer|Customer|Buyer name|購入者|購入者名|お客様)\s*[:：]\s*(?<buyerName>\S.*?)\s*(?:様)?\s*$`,
        String.raw`^(?:Item|商品名|商品)\s*[:：]\s*(?<item>\S.*?)\s*$`,
        String.raw`ASIN\s*[:：]\s*(?<itemId>[A-Z0-9]{10})`,
        String.raw`(?:Rating|評価)\s*[:：]\s*(?<rating>[1-5])\b`,
        String.raw`(?<url>https://sellercentral[a-z-]*\.amazon\.[a-z.]+/\S+)`,
      ],
    },
    kinds: [
      { kind: 'feedback', subject: [String.raw`\bfeedback\b|\breview\b`, REVIEWS_JA] },
      { kind: 'return', subject: [RETURNS_EN, RETURNS_JA] },
    ],
    defaultKind: 'other',
    reply: 'site',
    site: {
      url: 'https://sellercentral.amazon.com/',
      hosts: [
        'sellercentral.amazon.com',
        'sellercentral.amazon.co.jp',
        'sellercentral-japan.amazon.com',
        'sellercentral-europe.amazon.com',
      ],
    },
  },
  {
    // Member messages: a notification from eBay naming the buyer's user id and the item; replying
    // to it (its Reply-To, else the sender) relays the answer to the buyer.
    id: 'ebay-member-message',
    marketplace: 'ebay',
    match: { from: [String.raw`(?:^|[.@])ebay\.(?:com|co\.uk|de|fr|it|es|ca|com\.au|at|ch|ie|nl|pl|be|co\.jp)$`] },
    relayAddress: String.raw`@members\.ebay\.[a-z.]+$`,
    extract: {
      subject: [
        String.raw`(?<buyerId>[a-z0-9][\w.*-]{1,63}) sent a message about (?<item>.+?)\s+\(item (?<itemId>\d{9,14})\)`,
        String.raw`(?<buyerId>[a-z0-9][\w.*-]{1,63}) sent a message about (?<item>.+?)\s+#(?<itemId>\d{9,14})\s*$`,
        String.raw`(?<buyerId>[a-z0-9][\w.*-]{1,63}) sent a message about (?<item>.+?)\s*$`,
      ],
      body: [
        String.raw`New message from:?\s*(?<buyerId>[a-z0-9][\w.*-]{1,63})`,
        String.raw`^Item number:?\s*(?<itemId>\d{9,14})`,
        String.raw`^Item:\s*(?<item>\S.*?)\s*$`,
        String.raw`^Order number:?\s*(?<order>\d{2}-\d{5}-\d{5})`,
        String.raw`(?<url>https://(?:www\.)?ebay\.[a-z.]+/(?:mesg|cnt)/\S+)`,
      ],
    },
    kinds: [
      {
        kind: 'return',
        subject: [
          String.raw`^(?:Return|Returns|Cancel|Cancellation)\b`,
          String.raw`return request|cancellation request`,
        ],
      },
      { kind: 'feedback', subject: [String.raw`\bfeedback\b`] },
      { kind: 'question', subject: [String.raw`sent a message`] },
    ],
    defaultKind: 'other',
    reply: 'relay',
    replyToSender: true,
  },
  {
    // Conversation notifications: answered only on Etsy.
    id: 'etsy-conversation',
    marketplace: 'etsy',
    match: { from: [String.raw`@(?:[a-z0-9-]+\.)*etsy\.com$`] },
    extract: {
      subject: [
        String.raw`(?:new message from|conversation with)\s+(?<buyerName>.+?)(?:\s+about\s+(?<item>.+?))?\s*$`,
        String.raw`Order #?(?<order>\d{9,12})`,
      ],
      body: [
        String.raw`^(?<buyerName>\S[^\n()]*?)\s+\((?<buyerId>[a-z0-9][\w.-]{1,40})\)\s+(?:sent you a message|left a review)`,
        String.raw`(?<url>https://www\.etsy\.com/(?:your/)?conversations/\d+)`,
        String.raw`(?<url>https://www\.etsy\.com/your/(?:orders|reviews)\S*)`,
        String.raw`Order #?\s*(?<order>\d{9,12})`,
        String.raw`^(?:Item|Listing)\s*:\s*(?<item>\S.*?)\s*$`,
        String.raw`listing/(?<itemId>\d{6,12})`,
        String.raw`(?<rating>[1-5]) out of 5 stars|(?<stars>★+)`,
      ],
    },
    kinds: [
      { kind: 'feedback', subject: [String.raw`\breview\b`] },
      { kind: 'return', subject: [RETURNS_EN] },
    ],
    reply: 'site',
    site: { url: 'https://www.etsy.com/your/conversations', hosts: ['etsy.com'] },
  },
  {
    // Customer messages through Walmart's relay addresses.
    id: 'walmart-relay',
    marketplace: 'walmart',
    match: { from: [String.raw`@relay\.walmart\.com$`] },
    relayAddress: String.raw`@relay\.walmart\.com$`,
    extract: {
      fromName: [String.raw`^(?<buyerName>(?!walmart\b).+?)\s+(?:via|-|–)\s+Walmart`],
      subject: [String.raw`(?:order|PO)\s*(?:number|#)?\s*[:#]?\s*(?<order>\d{10,15})`],
      body: [
        String.raw`(?:Purchase Order|PO|Order)\s*(?:Number|#|No\.?)\s*[:：]?\s*(?<order>\d{10,15})`,
        String.raw`^Customer(?: Name)?\s*:\s*(?<buyerName>\S.*?)\s*$`,
        String.raw`^Item(?: Name)?\s*:\s*(?<item>\S.*?)\s*$`,
        String.raw`^SKU\s*:\s*(?<itemId>\S+)`,
      ],
    },
    // The buyer's own words follow "Message:", under a subject Walmart writes the same every time.
    kinds: [{ kind: 'return', subject: [RETURNS_EN], body: [String.raw`^Message:\s*\n[^\n]*${RETURNS_EN}`] }],
    reply: 'relay',
  },
  {
    // RMS inquiry notifications (R-Messe). The buyer's masked fw.rakuten address, when the mail
    // gives one, takes replies by e-mail; otherwise the answer is written in RMS.
    id: 'rakuten-inquiry',
    marketplace: 'rakuten',
    match: { from: [String.raw`@(?:[a-z0-9-]+\.)*rakuten\.(?:co\.jp|ne\.jp|com|example)$`] },
    relayAddress: String.raw`@fw\.rakuten\.(?:ne\.jp|example)$`,
    extract: {
      subject: [String.raw`${JA_ORDER_LABEL}${RAKUTEN_ORDER}`, JA_INQUIRY, RAKUTEN_ORDER],
      body: [
        String.raw`${JA_ORDER_LABEL}${RAKUTEN_ORDER}`,
        JA_INQUIRY,
        String.raw`(?:お問い合わせ者|購入者|注文者|お客様)(?:名|氏名)?\s*[:：]\s*(?<buyerName>\S.*?)\s*様`,
        String.raw`^(?:商品名)\s*[:：]\s*(?<item>\S.*?)\s*$`,
        String.raw`^(?:商品番号|商品管理番号)\s*[:：]\s*(?<itemId>\S+)`,
        String.raw`(?<relay>[a-z0-9._+-]+@fw\.rakuten\.(?:ne\.jp|example))`,
        String.raw`(?<url>https://rms\.rakuten\.co\.jp/\S+)`,
        String.raw`評価\s*[:：]\s*(?<rating>[1-5])\b|(?<stars>★+)`,
      ],
    },
    kinds: [
      { kind: 'feedback', subject: [REVIEWS_JA] },
      { kind: 'return', subject: [RETURNS_JA], body: [String.raw`【お問い合わせ種別】\s*(?:${RETURNS_JA})`] },
    ],
    reply: 'relay',
    site: { url: 'https://rms.rakuten.co.jp/', hosts: ['rms.rakuten.co.jp'] },
  },
  {
    // Yahoo! Shopping store notifications: answered in the store manager.
    id: 'yahoo-shopping',
    marketplace: 'yahoo',
    match: { from: [String.raw`@(?:[a-z0-9-]+\.)*(?:shopping|store)\.yahoo\.co\.jp$`] },
    extract: {
      subject: [String.raw`${JA_ORDER_LABEL}(?<order>[a-z0-9][a-z0-9-]*-\d{5,})`, JA_INQUIRY],
      body: [
        String.raw`${JA_ORDER_LABEL}(?<order>[a-z0-9][a-z0-9-]*-\d{5,})`,
        JA_INQUIRY,
        String.raw`(?:お問い合わせ者|購入者|注文者|お客様)(?:名|氏名)?\s*[:：]\s*(?<buyerName>\S.*?)\s*様`,
        String.raw`^商品名\s*[:：]\s*(?<item>\S.*?)\s*$`,
        String.raw`^商品コード\s*[:：]\s*(?<itemId>\S+)`,
        String.raw`(?<url>https://[a-z0-9.-]*store\.yahoo\.co\.jp/\S+)`,
        String.raw`評価\s*[:：]\s*(?<rating>[1-5])\b|(?<stars>★+)`,
      ],
    },
    kinds: [
      { kind: 'feedback', subject: [REVIEWS_JA] },
      { kind: 'return', subject: [RETURNS_JA] },
      { kind: 'question', subject: [String.raw`問い?合わ?せ|質問`] },
    ],
    defaultKind: 'other',
    reply: 'site',
    site: { url: 'https://pro.store.yahoo.co.jp/', hosts: ['store.yahoo.co.jp'] },
  },
  {
    // Mercari Shops notifications: comments and trade messages are answered on the site.
    id: 'mercari-shops',
    marketplace: 'mercari',
    match: { from: [String.raw`@(?:[a-z0-9-]+\.)*mercari-shops\.com$`] },
    extract: {
      subject: [String.raw`(?:】|^)\s*(?<buyerName>[^【】\s]+?)さんから`],
      body: [
        String.raw`${JA_ORDER_LABEL}(?<order>[A-Za-z0-9]{8,})`,
        String.raw`^(?<buyerName>\S.*?)さん(?:から|が)`,
        String.raw`^商品名?\s*[:：]\s*(?<item>\S.*?)\s*$`,
        String.raw`(?<url>https://mercari-shops\.com/\S+)`,
        String.raw`/products/(?<itemId>[A-Za-z0-9]{8,})`,
        String.raw`評価\s*[:：]\s*(?<rating>[1-5])\b|(?<stars>★+)`,
      ],
    },
    kinds: [
      { kind: 'feedback', subject: [REVIEWS_JA] },
      { kind: 'return', subject: [RETURNS_JA] },
      { kind: 'question', subject: [String.raw`コメント|メッセージ|質問|問い?合わ?せ`] },
    ],
    defaultKind: 'other',
    reply: 'site',
    site: { url: 'https://mercari-shops.com/', hosts: ['mercari-shops.com'] },
  },
]

/** The built-in rules with defaults applied; a broken built-in is a bug, caught by the tests. */
export const BUILTIN_RULES: MarketplaceRule[] = BUILTIN_RULE_INPUTS.map((r) => ruleSchema.parse(r))
