// Words of the marketplace API account form (eBay, Rakuten) in English and Japanese.
import type { Lang } from '../../app/i18n'

const en = {
  addApiAccount: 'Add an eBay or Rakuten account',
  addTitle: 'Connect a marketplace',
  editTitle: (label: string) => `Reconnect ${label}`,
  intro:
    'Messages from eBay and Rakuten come in through the marketplace’s message API, and your replies go back through it. Keys are kept encrypted on this computer.',
  marketplace: 'Marketplace',
  ebay: 'eBay (Commerce Message API)',
  rakuten: 'Rakuten (RMS inquiry management API)',
  label: 'Name in Seller Inbox',
  username: 'Your eBay user name',
  usernameHelp: 'Tells your own messages from the buyer’s.',
  token: 'User access token',
  tokenHelp: 'An OAuth user token with the commerce.message scope (eBay Developers Program → User Tokens).',
  shopId: 'Shop ID',
  shopIdHelp: 'The number RMS shows for your shop.',
  serviceSecret: 'Service secret',
  licenseKey: 'License key',
  licenseKeyHelp: 'RMS → WEB API service settings. License keys expire every 90 days.',
  keepSecret: 'Leave empty to keep the saved one.',
  baseUrl: 'API address',
  baseUrlHelp: (def: string) => `Leave as it is (${def}) unless you use a test server.`,
  required: 'Fill this in.',
  notANumber: 'A shop ID is a number.',
  test: 'Test connection',
  testing: 'Testing…',
  save: 'Connect',
  saveChanges: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
  testOk: 'Connected: the marketplace accepted the key.',
  testFailed: 'The marketplace did not accept this:',
  couldNotSave: 'Could not save:',
  keys: 'Tab moves between fields · Enter connects · Esc cancels',
  ebayAccount: (user: string) => `eBay · ${user}`,
  rakutenAccount: (shop: number) => `Rakuten · shop ${shop}`,
}

type Words = typeof en

const ja: Words = {
  addApiAccount: 'eBay・楽天のアカウントを追加',
  addTitle: 'マーケットプレイスに接続',
  editTitle: (label) => `${label} に再接続`,
  intro:
    'eBay と楽天のメッセージはマーケットプレイスのメッセージ API から取り込み、返信も API で送ります。キーはこのコンピューターに暗号化して保存します。',
  marketplace: 'マーケットプレイス',
  ebay: 'eBay（Commerce Message API）',
  rakuten: '楽天（RMS 問い合わせ管理 API）',
  label: 'Seller Inbox での名前',
  username: 'eBay のユーザー名',
  usernameHelp: '自分のメッセージと購入者のメッセージを見分けるのに使います。',
  token: 'ユーザーアクセストークン',
  tokenHelp: 'commerce.message スコープの OAuth ユーザートークン（eBay Developers Program → User Tokens）。',
  shopId: '店舗 ID',
  shopIdHelp: 'RMS に表示される店舗の番号です。',
  serviceSecret: 'サービスシークレット',
  licenseKey: 'ライセンスキー',
  licenseKeyHelp: 'RMS → WEB API サービス設定。ライセンスキーは 90 日ごとに更新が必要です。',
  keepSecret: '空のままなら保存済みのものを使います。',
  baseUrl: 'API のアドレス',
  baseUrlHelp: (def) => `テスト用サーバーを使う場合以外はそのまま（${def}）にしてください。`,
  required: '入力してください。',
  notANumber: '店舗 ID は数字です。',
  test: '接続をテスト',
  testing: 'テスト中…',
  save: '接続',
  saveChanges: '保存',
  saving: '保存中…',
  cancel: 'キャンセル',
  testOk: '接続できました。キーが受け付けられました。',
  testFailed: 'マーケットプレイスに受け付けられませんでした：',
  couldNotSave: '保存できませんでした：',
  keys: 'Tab で項目を移動 · Enter で接続 · Esc でキャンセル',
  ebayAccount: (user) => `eBay · ${user}`,
  rakutenAccount: (shop) => `楽天 · 店舗 ${shop}`,
}

export function apiAccountWords(lang: Lang): Words {
  return lang === 'ja' ? ja : en
}
