// Response clocks: Japanese holidays, business hours, time zones (with daylight saving), the
// Overdue view and snoozing until the customer replies. Every clock here is fixed.
import { describe, expect, it } from 'vitest'
import { addBusinessMinutes, businessMillisBetween, nextBusinessMorning } from '../../main/core/clocks/business-time'
import {
  autumnalEquinoxDay,
  japaneseHoliday,
  japaneseHolidays,
  vernalEquinoxDay,
} from '../../main/core/clocks/jp-holidays'
import { responseClocksOf, type ResponseClocks } from '../../main/core/clocks/policies'
import { instantOf, wallTime } from '../../main/core/clocks/time-zone'
import { emptyConversation, withMessage } from '../../main/core/conversations'
import { buildInbox, nextClockEnd } from '../../main/core/inbox'
import type { Channel, Conversation, Customer, MessageRecord } from '../../main/core/model'
import { customerWrote, markDone, nextWake, reopen, snooze, wake } from '../../main/core/status'
import { dueAt } from '../../main/core/sla'
import { requestSchemas } from '../../preload/schemas/requests'

const tokyo = responseClocksOf({ timeZone: 'Asia/Tokyo' }, 'UTC')
const at = (iso: string) => Date.parse(iso)
const iso = (ms: number) => new Date(ms).toISOString()

describe('Japanese public holidays', () => {
  it('knows the Silver Week of 2026: 敬老の日, the citizens’ holiday between, and 秋分の日', () => {
    expect(japaneseHoliday({ year: 2026, month: 9, day: 21 })).toBe('敬老の日')
    expect(japaneseHoliday({ year: 2026, month: 9, day: 22 })).toBe('国民の休日')
    expect(japaneseHoliday({ year: 2026, month: 9, day: 23 })).toBe('秋分の日')
    expect(japaneseHoliday({ year: 2026, month: 9, day: 24 })).toBeUndefined()
  })

  it('moves a Sunday holiday to the next day that is not one (振替休日)', () => {
    // 2025-05-04 みどりの日 was a Sunday; the 5th is こどもの日, so the 6th is off.
    expect(japaneseHoliday({ year: 2025, month: 5, day: 4 })).toBe('みどりの日')
    expect(japaneseHoliday({ year: 2025, month: 5, day: 6 })).toBe('振替休日')
    // 2024-02-11 建国記念の日 on a Sunday: Monday the 12th.
    expect(japaneseHoliday({ year: 2024, month: 2, day: 12 })).toBe('振替休日')
  })

  it('puts the Happy Monday holidays on their Mondays', () => {
    expect(japaneseHoliday({ year: 2026, month: 1, day: 12 })).toBe('成人の日')
    expect(japaneseHoliday({ year: 2026, month: 7, day: 20 })).toBe('海の日')
    expect(japaneseHoliday({ year: 2026, month: 10, day: 12 })).toBe('スポーツの日')
  })

  it('computes the equinoxes by the astronomical formula', () => {
    expect([vernalEquinoxDay(2025), autumnalEquinoxDay(2025)]).toEqual([20, 23])
    expect([vernalEquinoxDay(2026), autumnalEquinoxDay(2026)]).toEqual([20, 23])
    expect([vernalEquinoxDay(2028), autumnalEquinoxDay(2028)]).toEqual([20, 22])
    expect([vernalEquinoxDay(1972), autumnalEquinoxDay(1972)]).toEqual([20, 23])
  })

  it('keeps the one-off moves of 2019–2021 and the 2019 enthronement holidays', () => {
    expect(japaneseHoliday({ year: 2021, month: 7, day: 23 })).toBe('スポーツの日')
    expect(japaneseHoliday({ year: 2021, month: 8, day: 8 })).toBe('山の日')
    expect(japaneseHoliday({ year: 2021, month: 8, day: 9 })).toBe('振替休日')
    expect(japaneseHoliday({ year: 2019, month: 4, day: 30 })).toBe('国民の休日')
    expect(japaneseHoliday({ year: 2019, month: 5, day: 1 })).toBe('天皇の即位の日')
    expect(japaneseHoliday({ year: 2019, month: 5, day: 2 })).toBe('国民の休日')
  })

  it('has the sixteen named holidays in an ordinary year', () => {
    const named = [...japaneseHolidays(2027).values()].filter((n) => n !== '振替休日' && n !== '国民の休日')
    expect(named).toHaveLength(16)
  })
})

describe('time zones', () => {
  it('reads the wall clock in Tokyo and finds the instant of a Tokyo wall time', () => {
    expect(wallTime(at('2026-11-06T09:30:00Z'), 'Asia/Tokyo')).toMatchObject({
      day: 6,
      hour: 18,
      minute: 30,
      weekday: 5,
    })
    expect(iso(instantOf({ year: 2026, month: 11, day: 9 }, 9 * 60, 'Asia/Tokyo'))).toBe('2026-11-09T00:00:00.000Z')
  })

  it('follows New York across the November change from daylight to standard time', () => {
    // 9:00 is 13:00 UTC on Friday (EDT) and 14:00 UTC on Monday (EST, from Sunday 1 November).
    expect(iso(instantOf({ year: 2026, month: 10, day: 30 }, 9 * 60, 'America/New_York'))).toBe(
      '2026-10-30T13:00:00.000Z',
    )
    expect(iso(instantOf({ year: 2026, month: 11, day: 2 }, 9 * 60, 'America/New_York'))).toBe(
      '2026-11-02T14:00:00.000Z',
    )
    // 01:30 on the night of the change is shown twice: the first showing (EDT).
    expect(iso(instantOf({ year: 2026, month: 11, day: 1 }, 90, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z')
    // 02:30 on the March night does not exist: an hour later.
    expect(iso(instantOf({ year: 2026, month: 3, day: 8 }, 150, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z')
  })
})

describe('business time', () => {
  it('carries a Friday-evening Rakuten question over the weekend to Monday', () => {
    // Friday 6 November 2026, 19:00 in Tokyo: after closing. One business day = Monday 9:00–18:00.
    const due = dueAt('rakuten', '2026-11-06T10:00:00Z', tokyo)
    expect(due).toBe('2026-11-09T09:00:00.000Z')
    // Seen on Saturday morning it has two days left: not red.
    expect(Date.parse(due) - at('2026-11-07T01:00:00Z')).toBeGreaterThan(24 * 3_600_000)
  })

  it('counts a question asked during opening hours to the same time on the next business day', () => {
    // Friday 17:00 Tokyo: one hour on Friday, eight on Monday → Monday 17:00.
    expect(dueAt('rakuten', '2026-11-06T08:00:00Z', tokyo)).toBe('2026-11-09T08:00:00.000Z')
  })

  it('skips Japanese holidays: a question before Silver Week is due after it', () => {
    // Friday 18 September 2026, 12:00 Tokyo. Sat–Sun, then 21–23 are holidays: due Thursday 24th 12:00.
    expect(dueAt('yahoo', '2026-09-18T03:00:00Z', tokyo)).toBe('2026-09-24T03:00:00.000Z')
    const ignoring = { ...tokyo, observeJapaneseHolidays: false }
    expect(dueAt('yahoo', '2026-09-18T03:00:00Z', ignoring)).toBe('2026-09-21T03:00:00.000Z')
  })

  it('skips the substitute holiday of Golden Week 2025', () => {
    // Friday 2 May 2025, 15:00 Tokyo: 3 h that day; 3–6 May are off; 6 h on Wednesday the 7th.
    expect(dueAt('rakuten', '2025-05-02T06:00:00Z', tokyo)).toBe('2025-05-07T06:00:00.000Z')
  })

  it('keeps calendar-hour channels on calendar hours, weekends included', () => {
    expect(dueAt('amazon', '2026-11-06T10:00:00Z', tokyo)).toBe('2026-11-07T10:00:00.000Z')
    expect(dueAt('walmart', '2026-11-06T10:00:00Z', tokyo)).toBe('2026-11-08T10:00:00.000Z')
  })

  it('counts business hours in New York across the change to standard time', () => {
    const ny: ResponseClocks = {
      ...responseClocksOf({ timeZone: 'America/New_York', observeJapaneseHolidays: false }, 'UTC'),
      policies: { ...tokyo.policies, ebay: { amount: 4, unit: 'businessHours' } },
    }
    // Friday 30 October 2026, 16:00 EDT: two hours Friday, two on Monday from 9:00 EST → 11:00 EST.
    expect(dueAt('ebay', '2026-10-30T20:00:00Z', ny)).toBe('2026-11-02T16:00:00.000Z')
    expect(businessMillisBetween(at('2026-10-30T20:00:00Z'), at('2026-11-02T16:00:00Z'), ny)).toBe(4 * 3_600_000)
  })

  it('honours the seller’s own days and hours', () => {
    const saturdays = { ...tokyo, hours: { days: [1, 2, 3, 4, 5, 6], start: '10:00', end: '16:00' } }
    // Friday 15:00 Tokyo, 3 business hours: 1 h Friday, 2 h Saturday from 10:00 → Saturday 12:00.
    expect(iso(addBusinessMinutes(at('2026-11-06T06:00:00Z'), 180, saturdays))).toBe('2026-11-07T03:00:00.000Z')
  })

  it('finds the next business morning: Monday after a Friday, Thursday after Silver Week', () => {
    expect(iso(nextBusinessMorning(at('2026-11-06T11:00:00Z'), tokyo))).toBe('2026-11-09T00:00:00.000Z')
    expect(iso(nextBusinessMorning(at('2026-09-18T11:00:00Z'), tokyo))).toBe('2026-09-24T00:00:00.000Z')
    // Tuesday evening: Wednesday morning.
    expect(iso(nextBusinessMorning(at('2026-11-10T11:00:00Z'), tokyo))).toBe('2026-11-11T00:00:00.000Z')
  })

  it('counts calendar time when the week has no open time at all', () => {
    const closed = { ...tokyo, hours: { days: [], start: '09:00', end: '18:00' } }
    expect(iso(addBusinessMinutes(at('2026-11-06T06:00:00Z'), 60, closed))).toBe('2026-11-06T07:00:00.000Z')
  })
})

const customer = (id: string): Customer => ({
  id,
  name: id,
  language: 'ja',
  keys: [],
  tags: [],
  note: '',
  createdAt: '2026-01-01T00:00:00Z',
})

function asked(id: string, channel: Channel, date: string): Conversation {
  const m: MessageRecord = {
    id: `${id}-m`,
    conversationId: id,
    customerId: id,
    accountId: 'a',
    channel,
    direction: 'in',
    from: { address: `${id}@example.jp` },
    to: [],
    subject: id,
    date,
    snippet: '',
    seen: false,
    attachments: [],
    emlPath: '',
  }
  return withMessage(emptyConversation({ id, customerId: id, accountId: 'a', channel, subject: id, status: 'open' }), m)
}

describe('the Overdue view', () => {
  const customers = { amz: customer('amz'), rak: customer('rak'), old: customer('old'), fresh: customer('fresh') }
  const convs = [
    asked('amz', 'amazon', '2026-11-06T08:00:00Z'), // due Sat 08:00 UTC
    asked('rak', 'rakuten', '2026-11-06T10:00:00Z'), // Friday evening in Tokyo: due Monday
    asked('old', 'email', '2026-11-05T00:00:00Z'), // due Fri 00:00 UTC
    asked('fresh', 'email', '2026-11-07T09:00:00Z'),
  ]

  it('lists the customers whose clock ran out, the longest overdue first', () => {
    const rows = buildInbox(customers, convs, { view: 'overdue', now: '2026-11-07T12:00:00Z', clocks: tokyo })
    expect(rows.map((r) => r.customerId)).toEqual(['old', 'amz'])
    expect(rows[0]!.dueAt).toBe('2026-11-06T00:00:00.000Z')
  })

  it('leaves out snoozed and done customers, whose clocks do not call for an answer now', () => {
    const snoozed = snooze(convs[2]!, 'reply')
    const done = markDone(convs[0]!)
    const rows = buildInbox(customers, [snoozed, done], { view: 'overdue', now: '2026-11-07T12:00:00Z', clocks: tokyo })
    expect(rows).toEqual([])
  })

  it('says when the next clock runs out, so a cached view knows when it goes stale', () => {
    expect(nextClockEnd(convs, '2026-11-07T12:00:00Z', tokyo)).toBe('2026-11-08T09:00:00.000Z')
  })
})

describe('snoozing until the customer replies', () => {
  const c = asked('sato', 'rakuten', '2026-11-06T10:00:00Z')
  const customers = { sato: customer('sato') }

  it('stays snoozed however long it takes, with no wake-up time', () => {
    const s = snooze(c, 'reply')
    expect(s).toMatchObject({ status: 'snoozed', untilReply: true })
    expect(s.snoozedUntil).toBeUndefined()
    expect(wake(s, '2027-11-06T00:00:00Z')).toBeUndefined()
    expect(nextWake([s])).toBeUndefined()
    const view = (v: 'snoozed' | 'waiting') =>
      buildInbox(customers, [s], { view: v, now: '2027-01-01T00:00:00Z', clocks: tokyo })
    expect(view('waiting')).toEqual([])
    expect(view('snoozed')[0]).toMatchObject({ customerId: 'sato', snoozedUntilReply: true })
  })

  it('comes back to Waiting when the customer writes', () => {
    const s = snooze(c, 'reply')
    const reply = { ...({} as MessageRecord), direction: 'in' as const, date: '2026-11-10T00:00:00Z' }
    const back = customerWrote(s, reply)
    expect(back.status).toBe('open')
    expect(back.untilReply).toBeUndefined()
  })

  it('is undone exactly: done after a snooze-until-reply reopens snoozed until the reply', () => {
    const s = snooze(c, 'reply')
    expect(reopen(markDone(s))).toMatchObject({ status: 'snoozed', untilReply: true })
    expect(reopen(s)).toMatchObject({ status: 'open' })
    // Snoozing to a time later drops the wait for a reply.
    expect(snooze(s, '2026-12-01T00:00:00Z').untilReply).toBeUndefined()
  })
})

describe('settings edited by hand', () => {
  it('counts a nonsensical policy or opening hours as the defaults instead of stopping the clocks', () => {
    const clocks = responseClocksOf(
      {
        responsePolicies: {
          rakuten: { amount: 2, unit: 'weeks' } as never,
          amazon: { amount: -1, unit: 'hours' },
          ebay: { amount: 12, unit: 'hours' },
        },
        businessHours: { days: [1, 2], start: '18:00', end: '09:00' },
      },
      'Asia/Tokyo',
    )
    expect(clocks.policies.rakuten).toEqual({ amount: 1, unit: 'businessDays' })
    expect(clocks.policies.amazon).toEqual({ amount: 24, unit: 'hours' })
    expect(clocks.policies.ebay).toEqual({ amount: 12, unit: 'hours' })
    expect(clocks.hours).toEqual({ days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' })
    expect(clocks.timeZone).toBe('Asia/Tokyo')
    expect(dueAt('rakuten', '2026-11-06T10:00:00Z', clocks)).toBe('2026-11-09T09:00:00.000Z')
  })
})

describe('the contract', () => {
  const update = requestSchemas['settings.update']

  it('takes response policies, business hours, a time zone and the holiday switch', () => {
    const ok = update.safeParse({
      responsePolicies: { rakuten: { amount: 2, unit: 'businessDays' } },
      businessHours: { days: [5, 1, 1], start: '10:00', end: '19:30' },
      timeZone: 'America/New_York',
      observeJapaneseHolidays: false,
    })
    expect(ok.success).toBe(true)
    expect(ok.data?.businessHours?.days).toEqual([1, 5])
  })

  it('refuses bad clocks with a reason the seller can act on', () => {
    const problem = (input: unknown) => update.safeParse(input).error?.issues[0]?.message
    expect(problem({ timeZone: 'Mars/Olympus_Mons' })).toMatch(/time zone/)
    expect(problem({ businessHours: { days: [1], start: '18:00', end: '09:00' } })).toMatch(/after opening/)
    expect(problem({ businessHours: { days: [], start: '09:00', end: '18:00' } })).toMatch(/at least one day/)
    expect(problem({ businessHours: { days: [1], start: '9am', end: '18:00' } })).toMatch(/HH:MM/)
    expect(problem({ responsePolicies: { amazon: { amount: 0, unit: 'hours' } } })).toMatch(/more than zero/)
    expect(problem({ responsePolicies: { amazon: { amount: 30, unit: 'businessDays' } } })).toMatch(/at most/)
    expect(update.safeParse({ responsePolicies: { shopify: { amount: 1, unit: 'hours' } } }).success).toBe(false)
  })

  it('takes a snooze until a time or until the reply, nothing else', () => {
    const snoozeSchema = requestSchemas['conversation.snooze']
    expect(snoozeSchema.safeParse({ conversationId: 'c', until: 'reply' }).success).toBe(true)
    expect(snoozeSchema.safeParse({ conversationId: 'c', until: '2026-11-09T09:00:00+09:00' }).success).toBe(true)
    expect(snoozeSchema.safeParse({ conversationId: 'c', until: 'later' }).error?.issues[0]?.message).toMatch(/reply/)
  })
})
