// The renderer's inbox without a DOM: pages fetched as the seller scrolls, done and snooze that
// select the next customer at once, undo, live updates that keep the selection on the same
// customer, response clocks and snooze times.
import { describe, expect, it } from 'vitest'
import type { Api, Events, InboxRow, RequestInput, RequestMethod, Responses } from '../../preload/api'
import { urgencyOf } from '../../renderer/src/features/inbox/clock'
import { InboxModel } from '../../renderer/src/features/inbox/inboxModel'
import { PAGE_SIZE } from '../../renderer/src/features/inbox/inboxPages'
import {
  snoozeOptions,
  typedSnooze,
  workingWeekOf,
  type SnoozeOption,
} from '../../renderer/src/features/inbox/snoozeOptions'

function row(i: number): InboxRow {
  return {
    customerId: `cus_${i}`,
    name: `Customer ${i}`,
    language: 'en',
    channels: ['email'],
    conversationId: `cnv_${i}`,
    subject: `Question ${i}`,
    snippet: '',
    lastMessageAt: '2026-11-20T10:00:00.000Z',
    unreadCount: 0,
    openCount: 1,
    status: 'open',
  }
}

/** An engine of `n` waiting customers answering over a queue the test releases by hand. */
function fakeEngine(n: number) {
  const rows = Array.from({ length: n }, (_, i) => row(i))
  const calls: { method: string; input: unknown }[] = []
  const held: (() => void)[] = []
  /** Work the model holds until the next frame is painted; `paint` runs it. */
  const frames: (() => void)[] = []
  const later = (work: () => void) => frames.push(work)
  const paint = () => {
    for (const work of frames.splice(0)) work()
  }
  const listeners = new Map<string, Set<(p: unknown) => void>>()
  const answer = (method: string, input: Record<string, unknown>): unknown => {
    if (method === 'inbox.list') {
      const offset = (input.offset as number) ?? 0
      const limit = (input.limit as number) ?? 100
      const view = rows.filter((r) => r.status === 'open')
      return { view: 'waiting', total: view.length, offset, rows: view.slice(offset, offset + limit) }
    }
    const r = rows.find((x) => x.conversationId === input.conversationId)!
    if (method === 'conversation.setStatus') r.status = input.status as 'open' | 'done'
    if (method === 'conversation.snooze') r.status = 'snoozed'
    return {}
  }
  const api: Api = {
    call<M extends RequestMethod>(method: M, input: RequestInput<M>): Promise<Responses[M]> {
      calls.push({ method, input })
      // Like the engine: the request acts when it arrives; the answer travels back later.
      const value = answer(method, input as Record<string, unknown>)
      return new Promise((resolve) => held.push(() => resolve(structuredClone(value) as Responses[M])))
    },
    on<E extends keyof Events>(event: E, listener: (p: Events[E]) => void) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener as (p: unknown) => void)
      return () => set.delete(listener as (p: unknown) => void)
    },
  }
  /** Delivers every answer waiting, and those they cause, until none is left. */
  const settle = async () => {
    paint()
    for (let i = 0; i < 20 && held.length > 0; i++) {
      for (const release of held.splice(0)) release()
      await new Promise((r) => setTimeout(r, 0))
    }
  }
  return { api, rows, calls, settle, held, later, paint, frames }
}

const pagesAsked = (calls: { method: string; input: unknown }[]) =>
  calls.filter((c) => c.method === 'inbox.list').map((c) => (c.input as { offset: number }).offset / PAGE_SIZE)

describe('inbox model', () => {
  it('fetches only the pages on screen and around the selection, never the span between', async () => {
    const engine = fakeEngine(20_000)
    const inbox = new InboxModel(engine.api, engine.later)
    const stop = inbox.start()
    await engine.settle()
    expect(inbox.total).toBe(20_000)
    expect(pagesAsked(engine.calls)).toEqual([0])
    inbox.select(19_999) // End
    inbox.showing(19_985, 19_999)
    await engine.settle()
    expect(inbox.rowAt(19_999)?.customerId).toBe('cus_19999')
    expect(pagesAsked(engine.calls)).toEqual([0, 39])
    stop()
  })

  it('selects the next customer at once when one is marked done, and u brings them back', async () => {
    const engine = fakeEngine(10)
    const inbox = new InboxModel(engine.api, engine.later)
    inbox.start()
    await engine.settle()
    inbox.select(3)
    const entry = inbox.markDone()
    expect(entry?.row.customerId).toBe('cus_3')
    expect(inbox.rowAt(3)?.customerId).toBe('cus_4')
    expect(inbox.selected).toBe(3)
    expect(inbox.total).toBe(9)
    await engine.settle()
    expect(engine.rows[3]!.status).toBe('done')
    expect(inbox.rowAt(3)?.customerId).toBe('cus_4')

    expect(inbox.undo()?.row.customerId).toBe('cus_3')
    expect(inbox.rowAt(3)?.customerId).toBe('cus_3')
    expect(inbox.selected).toBe(3)
    await engine.settle()
    expect(engine.calls.at(-2)).toMatchObject({
      method: 'conversation.setStatus',
      input: { conversationId: 'cnv_3', status: 'open' },
    })
    expect(inbox.undo()).toBeNull()
  })

  it('never lets an answer asked before a done bring the row back', async () => {
    const engine = fakeEngine(10)
    const inbox = new InboxModel(engine.api, engine.later)
    const stop = inbox.start()
    await engine.settle()
    // A live update asks for the page again; before its answer arrives, the seller presses e.
    ;(inbox as unknown as { pages: { invalidate(): void } }).pages.invalidate()
    inbox.showing(0, 9.5)
    const before = engine.held.length
    expect(before).toBe(1)
    const stale = engine.held.shift()!
    inbox.markDone()
    stale() // the old page, still holding cus_0
    await new Promise((r) => setTimeout(r, 0))
    expect(inbox.rowAt(0)?.customerId).toBe('cus_1')
    await engine.settle()
    expect(inbox.rowAt(0)?.customerId).toBe('cus_1')
    stop()
  })

  it('asks the engine after the frame that shows a done, and asks for no page before that request', async () => {
    const engine = fakeEngine(300)
    const inbox = new InboxModel(engine.api, engine.later)
    const stop = inbox.start()
    await engine.settle()
    const asked = engine.calls.length
    inbox.select(2)
    inbox.markDone()
    // The screen changed at once; nothing went to the engine yet, not even for rows scrolled to.
    expect(inbox.rowAt(2)?.customerId).toBe('cus_3')
    inbox.showing(150, 190)
    inbox.undo()
    inbox.markDone()
    expect(engine.calls.length).toBe(asked)
    expect(engine.frames.length).toBe(1)
    // After the paint: the three requests in the order pressed, then the pages.
    engine.paint()
    expect(engine.calls.slice(asked).map((c) => [c.method, (c.input as { status?: string }).status])).toEqual([
      ['conversation.setStatus', 'done'],
      ['conversation.setStatus', 'open'],
      ['conversation.setStatus', 'done'],
      ['inbox.list', undefined],
    ])
    await engine.settle()
    expect(engine.rows[2]!.status).toBe('done')
    expect(inbox.rowAt(2)?.customerId).toBe('cus_3')
    expect(inbox.rowAt(160)?.customerId).toBe('cus_161')
    stop()
  })

  it('keeps the selection on the same customer when rows above change', async () => {
    const engine = fakeEngine(10)
    const inbox = new InboxModel(engine.api, engine.later)
    const stop = inbox.start()
    await engine.settle()
    inbox.select(5)
    // Someone else (another window, a rule) closes two customers above the selection.
    engine.rows[0]!.status = 'done'
    engine.rows[1]!.status = 'done'
    ;(inbox as unknown as { pages: { invalidate(): void } }).pages.invalidate()
    inbox.showing(0, 11)
    await engine.settle()
    expect(inbox.rowAt(inbox.selected)?.customerId).toBe('cus_5')
    expect(inbox.selected).toBe(3)
    stop()
  })

  it('snoozes the selected customer until the moment chosen', async () => {
    const engine = fakeEngine(5)
    const inbox = new InboxModel(engine.api, engine.later)
    inbox.start()
    await engine.settle()
    const until = new Date('2026-11-24T00:00:00.000Z')
    const entry = inbox.snooze(until)
    expect(entry).toMatchObject({ kind: 'snooze', until: until.toISOString() })
    expect(inbox.rowAt(0)?.customerId).toBe('cus_1')
    engine.paint()
    expect(engine.calls.find((c) => c.method !== 'inbox.list')).toMatchObject({
      method: 'conversation.snooze',
      input: { conversationId: 'cnv_0', until: '2026-11-24T00:00:00.000Z' },
    })
  })
})

describe('response clocks', () => {
  const now = Date.parse('2026-11-20T12:00:00Z')
  it('turns red with four hours left and is marked late once past', () => {
    expect(urgencyOf('2026-11-21T12:00:00Z', now).urgency).toBe('calm')
    expect(urgencyOf('2026-11-20T19:00:00Z', now).urgency).toBe('near')
    expect(urgencyOf('2026-11-20T15:59:00Z', now).urgency).toBe('soon') // a 20-hour-old Amazon question
    expect(urgencyOf('2026-11-20T11:00:00Z', now)).toEqual({ left: -3_600_000, urgency: 'late' })
  })
})

describe('snooze times', () => {
  // The seller's week: Mon–Fri 9:00–18:00 in Tokyo, Japanese holidays off.
  const tokyo = workingWeekOf({ timeZone: 'Asia/Tokyo' })
  const times = (options: SnoozeOption[]) =>
    options.map((o) => (o.until === 'reply' ? 'reply' : o.until.toISOString().slice(0, 16)))

  it('offers later today, this evening, the next business morning, two days, next Monday and the reply', () => {
    const tuesdayMorning = new Date('2026-11-24T01:07:00Z') // Tue 24 Nov 2026, 10:07 in Tokyo
    const options = snoozeOptions(tuesdayMorning, tokyo)
    expect(options.map((o) => o.choice)).toEqual([
      'later',
      'evening',
      'businessMorning',
      'twoDays',
      'nextWeek',
      'reply',
    ])
    expect(times(options)).toEqual([
      '2026-11-24T04:15', // 13:15 Tokyo
      '2026-11-24T09:00', // 18:00
      '2026-11-25T00:00', // Wed 9:00
      '2026-11-26T00:00',
      '2026-11-30T00:00', // Mon 9:00
      'reply',
    ])
  })

  it('skips the weekend and a holiday Monday for the next business morning, and leaves out a near evening', () => {
    // Friday 20 Nov 2026, 16:30 in Tokyo; Monday the 23rd is 勤労感謝の日.
    const options = snoozeOptions(new Date('2026-11-20T07:30:00Z'), tokyo)
    expect(options.map((o) => o.choice)).toEqual(['later', 'businessMorning', 'twoDays', 'nextWeek', 'reply'])
    expect(times(options).slice(1, 4)).toEqual(['2026-11-24T00:00', '2026-11-22T00:00', '2026-11-23T00:00'])
  })

  it('reads a typed date and time in the seller’s zone, and refuses the past and impossible dates', () => {
    const now = new Date('2026-11-24T01:07:00Z') // 10:07 in Tokyo
    expect(typedSnooze('2026-12-05T14:30', now, tokyo)?.toISOString()).toBe('2026-12-05T05:30:00.000Z')
    expect(typedSnooze('2026-11-24T10:00', now, tokyo)).toBeNull() // seven minutes ago
    expect(typedSnooze('2026-02-31T09:00', now, tokyo)).toBeNull()
    expect(typedSnooze('next tuesday', now, tokyo)).toBeNull()
    expect(typedSnooze('', now, tokyo)).toBeNull()
  })

  it('opens mornings at the shop’s own opening time, in its own zone', () => {
    const ny = workingWeekOf({
      timeZone: 'America/New_York',
      businessHours: { days: [1, 2, 3, 4, 5], start: '08:30', end: '17:00' },
    })
    // Friday 30 Oct 2026, 20:00 EDT: next business morning is Monday 2 Nov, 8:30 EST.
    const options = snoozeOptions(new Date('2026-10-31T00:00:00Z'), ny)
    expect(times(options.filter((o) => o.choice === 'businessMorning'))).toEqual(['2026-11-02T13:30'])
  })
})

describe('refetched rows', () => {
  it('keeps the rows that did not change as they were, so the rows on screen are not drawn again', async () => {
    const engine = fakeEngine(10)
    const inbox = new InboxModel(engine.api, engine.later)
    const stop = inbox.start()
    await engine.settle()
    const before = [0, 1, 2].map((i) => inbox.rowAt(i))
    // Someone else changes customer 1's snippet; a live update refetches the page.
    engine.rows[1]!.snippet = 'Any news on my order?'
    ;(inbox as unknown as { pages: { invalidate(): void } }).pages.invalidate()
    inbox.showing(0, 9.5)
    await engine.settle()
    expect(inbox.rowAt(0)).toBe(before[0])
    expect(inbox.rowAt(2)).toBe(before[2])
    expect(inbox.rowAt(1)).not.toBe(before[1])
    expect(inbox.rowAt(1)?.snippet).toBe('Any news on my order?')
    stop()
  })
})
