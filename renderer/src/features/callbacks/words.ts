// The callbacks screens' words in English and Japanese: the callback dialog, the Callbacks
// list, the weekly call-five plan with its call script, and the voice of the customer.
import type { CallOutcome, CallSlot, ReasonCode, RescheduleChoice } from '../../../../preload/api'
import type { Lang } from '../../app/i18n'

const en = {
  title: 'Callbacks',
  tabs: { list: 'Callbacks', five: 'Call five this week', voice: 'Voice of the customer' },
  overdue: 'Overdue',
  today: 'Due today',
  upcoming: 'Upcoming',
  empty: 'No callbacks planned.',
  emptyHint: 'On a customer in the inbox or on their screen, press {c} to plan a call: when, why, and the number.',
  groupEmpty: 'None.',
  listHelp:
    '{j}/{k} move · {enter} open the customer · {e} done · {s} snooze an hour · {r} reschedule · {edit} edit · {del} delete',
  noPhone: 'No number on file',
  phoneFrom: { callback: '', customer: 'customer', identity: 'customer', order: 'from their order' },
  dueAt: (when: string) => `due ${when}`,
  doneSaid: (name: string) => `Done: call with ${name}.`,
  snoozedSaid: (name: string, when: string) => `Call with ${name} moved to ${when}.`,
  deletedSaid: (name: string) => `Deleted the callback for ${name}.`,
  // The dialog
  newTitle: 'Plan a callback',
  editTitle: 'Edit the callback',
  when: 'When',
  quick: { laterToday: 'Later today', tomorrowMorning: 'Tomorrow morning', nextWeek: 'Next week' },
  reason: 'Reason',
  reasonDefault: (subject: string) => `Call back about “${subject}”`,
  phone: 'Phone',
  phonePlaceholder: 'e.g. 090-1234-5678',
  note: 'Note',
  notePlaceholder: 'What to have ready for the call',
  save: 'Save',
  cancel: 'Cancel',
  dialogHelp: '1–3 quick times · Tab to the fields · Enter or Ctrl+Enter save · Esc cancel',
  needReason: 'Say why to call.',
  needWhen: 'Choose when to call.',
  saved: (name: string, when: string) => `Callback planned: ${name}, ${when}.`,
  // Reschedule picker
  rescheduleTitle: 'Move the callback to…',
  reschedule: {
    hour: 'In an hour',
    laterToday: 'Later today',
    tomorrowMorning: 'Tomorrow morning',
    nextBusinessDay: 'Next business day',
    nextWeek: 'Next week',
  } satisfies Record<RescheduleChoice, string>,
  rescheduleHelp: '↑ ↓ or a number to choose · Enter move · Esc cancel',
  // Call five
  fiveIntro:
    'Five customers to call this week, and why each was picked. Ask the three questions, then log what they said.',
  fiveEmpty: 'Nobody to propose yet.',
  fiveEmptyHint:
    'Plans come from orders and messages: once customers have bought or written, five are proposed every week.',
  slot: {
    happy: 'Happy',
    unhappy: 'Unhappy',
    badExperience: 'Bad experience',
    firstTime: 'First-time buyer',
    highValue: 'Valuable, quiet',
  } satisfies Record<CallSlot, string>,
  reason_: {
    repeatBuyer: (d: string) => `repeat buyer (${d} orders)`,
    kindWords: (d: string) => `kind words: “${d}”`,
    highScore: (d: string) => `scored us ${d}/10 last time`,
    complaint: (d: string) => `complained: “${d}”`,
    returned: (d: string) => `returned order ${d}`,
    refund: (d: string) => `asked about a return or refund: “${d}”`,
    lowScore: (d: string) => `scored us ${d}/10 last time`,
    lateShipping: (d: string) => `shipping was late: “${d}”`,
    damaged: (d: string) => `item arrived damaged: “${d}”`,
    longWait: (d: string) => `waited ${hoursOrDays(Number(d), 'en')} for an answer`,
    firstOrder: (d: string) => `first order ${d}, recently`,
    highValue: (d: string) => `lifetime value ${d}`,
    quiet: (d: string) => `not heard from in ${d} days`,
  } satisfies Record<ReasonCode, (detail: string) => string>,
  noPhonePick: 'No number on file: nobody who fits has one. Ask for it by message.',
  repeatPick: 'Also picked last week: nobody else fits.',
  unfilled: (slots: string) => `Nobody fits: ${slots}.`,
  called: (n: number) => (n === 1 ? 'called once this week' : `called ${n} times this week`),
  script: 'Call script',
  scriptIn: (lang: string) => `in ${lang}`,
  languageName: { en: 'English', ja: 'Japanese' },
  logTitle: (name: string) => `Log the call with ${name}`,
  outcome: 'Outcome',
  outcomes: { reached: 'Reached', noAnswer: 'No answer', callBack: 'Call back later' } satisfies Record<
    CallOutcome,
    string
  >,
  score: 'Score 0–10 (optional)',
  liked: 'What they liked',
  disliked: 'What they disliked',
  better: 'What could be better',
  logSave: 'Save the call',
  logged: (name: string) => `Call with ${name} logged.`,
  badScore: 'A score is a whole number from 0 to 10.',
  fiveHelp: '{j}/{k} move · {enter} open the customer · {l} log the call · {save} save it',
  // Voice
  voiceEmpty: 'Nothing logged yet.',
  voiceEmptyHint: 'Answers from your calls collect here: log them in “Call five this week” ({five}).',
  scoreOf: (n: number) => `${n}/10`,
}

type Words = typeof en

/** "30 h" below two days, "6 days" from then on. */
function hoursOrDays(hours: number, lang: Lang): string {
  if (hours < 48) return lang === 'ja' ? `${hours}時間` : `${hours} h`
  const days = Math.round(hours / 24)
  return lang === 'ja' ? `${days}日間` : `${days} days`
}

const ja: Words = {
  title: '折り返し電話',
  tabs: { list: '折り返し電話', five: '今週の5件の電話', voice: 'お客様の声' },
  overdue: '期限切れ',
  today: '今日',
  upcoming: '今後',
  empty: '予定されている折り返し電話はありません。',
  emptyHint: '受信トレイやお客様の画面で {c} を押すと、電話の予定（日時・用件・電話番号）を登録できます。',
  groupEmpty: 'なし',
  listHelp:
    '{j}/{k} 移動 · {enter} お客様を開く · {e} 完了 · {s} 1時間後に · {r} 日時を変更 · {edit} 編集 · {del} 削除',
  noPhone: '電話番号の登録なし',
  phoneFrom: { callback: '', customer: 'お客様', identity: 'お客様', order: 'ご注文から' },
  dueAt: (when: string) => `${when} 予定`,
  doneSaid: (name: string) => `${name} 様への電話を完了にしました。`,
  snoozedSaid: (name: string, when: string) => `${name} 様への電話を ${when} に変更しました。`,
  deletedSaid: (name: string) => `${name} 様の折り返し電話を削除しました。`,
  newTitle: '折り返し電話を予定する',
  editTitle: '折り返し電話を編集',
  when: '日時',
  quick: { laterToday: '今日この後', tomorrowMorning: '明日の朝', nextWeek: '来週' },
  reason: '用件',
  reasonDefault: (subject: string) => `「${subject}」の件で折り返し`,
  phone: '電話番号',
  phonePlaceholder: '例: 090-1234-5678',
  note: 'メモ',
  notePlaceholder: '電話の前に準備しておくこと',
  save: '保存',
  cancel: 'キャンセル',
  dialogHelp: '1〜3 で日時を選択 · Tab で入力欄へ · Enter または Ctrl+Enter で保存 · Esc でキャンセル',
  needReason: '用件を入力してください。',
  needWhen: '日時を選んでください。',
  saved: (name: string, when: string) => `${name} 様への折り返し電話を ${when} に予定しました。`,
  rescheduleTitle: '折り返し電話の日時を変更…',
  reschedule: {
    hour: '1時間後',
    laterToday: '今日この後',
    tomorrowMorning: '明日の朝',
    nextBusinessDay: '次の営業日',
    nextWeek: '来週',
  },
  rescheduleHelp: '↑ ↓ または数字で選択 · Enter で変更 · Esc でキャンセル',
  fiveIntro: '今週お電話する5人のお客様と、選んだ理由です。3つの質問をして、お答えを記録しましょう。',
  fiveEmpty: 'まだご提案できるお客様がいません。',
  fiveEmptyHint: 'ご注文とメッセージから選びます。お客様の購入やお問い合わせがあると、毎週5人をご提案します。',
  slot: {
    happy: '満足しているお客様',
    unhappy: '不満のあるお客様',
    badExperience: '残念な体験をしたお客様',
    firstTime: '初めてのお客様',
    highValue: '大切なお客様（ご無沙汰）',
  },
  reason_: {
    repeatBuyer: (d: string) => `リピーター（${d}回購入）`,
    kindWords: (d: string) => `うれしいお言葉:「${d}」`,
    highScore: (d: string) => `前回の評価 ${d}/10`,
    complaint: (d: string) => `ご不満:「${d}」`,
    returned: (d: string) => `注文 ${d} を返品`,
    refund: (d: string) => `返品・返金のお問い合わせ:「${d}」`,
    lowScore: (d: string) => `前回の評価 ${d}/10`,
    lateShipping: (d: string) => `発送の遅れ:「${d}」`,
    damaged: (d: string) => `商品の破損:「${d}」`,
    longWait: (d: string) => `返信を${hoursOrDays(Number(d), 'ja')}お待たせ`,
    firstOrder: (d: string) => `最近の初回注文 ${d}`,
    highValue: (d: string) => `累計購入額 ${d}`,
    quiet: (d: string) => `${d} 日間ご連絡なし`,
  },
  noPhonePick: '電話番号の登録がありません（該当するお客様に番号のある方がいません）。メッセージで伺いましょう。',
  repeatPick: '先週も選ばれています（他に該当するお客様がいません）。',
  unfilled: (slots: string) => `該当するお客様なし: ${slots}`,
  called: (n: number) => `今週 ${n} 回お電話済み`,
  script: '電話の台本',
  scriptIn: (lang: string) => `${lang}`,
  languageName: { en: '英語', ja: '日本語' },
  logTitle: (name: string) => `${name} 様との通話を記録`,
  outcome: '結果',
  outcomes: { reached: 'お話しできた', noAnswer: '不在', callBack: '後でかけ直す' },
  score: '評価 0〜10（任意）',
  liked: '良かった点',
  disliked: '良くなかった点',
  better: '改善できる点',
  logSave: '通話を保存',
  logged: (name: string) => `${name} 様との通話を記録しました。`,
  badScore: '評価は 0〜10 の整数で入力してください。',
  fiveHelp: '{j}/{k} 移動 · {enter} お客様を開く · {l} 通話を記録 · {save} 保存',
  voiceEmpty: 'まだ記録がありません。',
  voiceEmptyHint: '通話で伺ったお声がここに集まります。「今週の5件の電話」（{five}）で記録してください。',
  scoreOf: (n: number) => `${n}/10`,
}

export function callbackWords(lang: Lang): Words {
  return lang === 'ja' ? ja : en
}

/** The three questions of a feedback call, in the customer's language. */
export const CALL_SCRIPT: Record<Lang, { greeting: string; questions: readonly [string, string, string] }> = {
  en: {
    greeting: 'Hello, this is the shop you ordered from. Do you have two minutes for three quick questions?',
    questions: ['What did you like?', 'What did you dislike?', 'What could we do better?'],
  },
  ja: {
    greeting:
      'お世話になっております。ご注文いただいたショップの者です。2分ほど、3つだけご質問してもよろしいでしょうか。',
    questions: ['良かった点を教えてください。', '良くなかった点はありましたか。', 'もっと良くできることはありますか。'],
  },
}
