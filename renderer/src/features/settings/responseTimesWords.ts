// The words of Settings › Response times, in English and Japanese.
import type { PolicyUnit } from '../../../../preload/api'
import type { Lang } from '../../app/i18n'

const en = {
  intro:
    'How long each channel gives you to answer. Business time counts only while your shop is open: its days and hours, in its time zone, without Japanese public holidays if you observe them.',
  policies: 'Response time per channel',
  amount: (channel: string) => `${channel}: response time`,
  unit: (channel: string) => `${channel}: counted in`,
  units: { hours: 'hours', businessHours: 'business hours', businessDays: 'business days' } satisfies Record<
    PolicyUnit,
    string
  >,
  amountBad: 'A number above zero.',
  hours: 'Business hours',
  days: 'Open on',
  weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  opens: 'Opens at',
  closes: 'Closes at',
  timeBad: 'A time such as 09:00.',
  timeZone: 'Time zone',
  systemZone: (zone: string) => `This computer’s (${zone})`,
  holidays: 'Closed on Japanese public holidays',
  holidaysHelp: (list: string) => `Next: ${list}.`,
  example: (channel: string, when: string) => `${channel}: a question arriving now is due ${when}.`,
}

export type ResponseTimesWords = typeof en

const ja: ResponseTimesWords = {
  intro:
    '各チャネルの返信期限です。営業時間で数える場合は、お店の営業日・営業時間（設定したタイムゾーン）だけを数え、日本の祝日を休みにしていれば祝日は数えません。',
  policies: 'チャネルごとの返信期限',
  amount: (channel) => `${channel}: 返信期限`,
  unit: (channel) => `${channel}: 単位`,
  units: { hours: '時間', businessHours: '営業時間', businessDays: '営業日' },
  amountBad: '0 より大きい数を入力してください。',
  hours: '営業時間',
  days: '営業日',
  weekdays: ['日', '月', '火', '水', '木', '金', '土'],
  opens: '開始',
  closes: '終了',
  timeBad: '09:00 のような時刻を入力してください。',
  timeZone: 'タイムゾーン',
  systemZone: (zone) => `このコンピューターの設定（${zone}）`,
  holidays: '日本の祝日は休業日にする',
  holidaysHelp: (list) => `次の祝日: ${list}`,
  example: (channel, when) => `今 ${channel} に届いた問い合わせの返信期限は ${when} です。`,
}

export function responseTimesWords(lang: Lang): ResponseTimesWords {
  return lang === 'ja' ? ja : en
}
