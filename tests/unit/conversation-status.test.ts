import { describe, expect, it } from 'vitest'
import { emptyConversation, withMessage } from '../../main/core/conversations'
import { responseClocksOf } from '../../main/core/clocks/policies'
import { buildInbox } from '../../main/core/inbox'
import type { Conversation, Customer, MessageRecord } from '../../main/core/model'
import { customerWrote, markDone, nextWake, reopen, snooze, wake } from '../../main/core/status'

/** The default policies, counted in UTC: e-mail and Amazon 24 hours, Rakuten one business day. */
const clocks = responseClocksOf({}, 'UTC')

const customer: Customer = {
  id: 'cus',
  name: 'Sato',
  language: 'ja',
  keys: [],
  tags: [],
  note: '',
  createdAt: '2026-01-01T00:00:00Z',
}

function message(id: string, date: string, direction: 'in' | 'out'): MessageRecord {
  return {
    id,
    conversationId: 'cnv',
    customerId: 'cus',
    accountId: 'a',
    channel: 'email',
    direction,
    from: { address: 'sato@example.jp' },
    to: [],
    subject: 'Teapot',
    date,
    snippet: id,
    seen: false,
    attachments: [],
    emlPath: '',
  }
}

function conversation(...messages: MessageRecord[]): Conversation {
  const head = emptyConversation({
    id: 'cnv',
    customerId: 'cus',
    accountId: 'a',
    channel: 'email',
    subject: 'Teapot',
    status: 'open',
  })
  return messages.reduce(withMessage, head)
}

const waiting = (c: Conversation, now: string) => buildInbox({ cus: customer }, [c], { view: 'waiting', now, clocks })
const snoozedView = (c: Conversation, now: string) =>
  buildInbox({ cus: customer }, [c], { view: 'snoozed', now, clocks })

const asked = conversation(message('q', '2026-11-20T08:00:00.000Z', 'in'))
const answered = conversation(
  message('q', '2026-11-20T08:00:00.000Z', 'in'),
  message('a', '2026-11-20T09:00:00.000Z', 'out'),
)

describe('conversation status', () => {
  it('undoes done exactly: reopening right after restores the open conversation as it was', () => {
    const done = markDone(asked)
    expect(done.status).toBe('done')
    expect(reopen(done)).toEqual(asked)
  })

  it('undoes done on a snoozed conversation: it is snoozed again until the same moment', () => {
    const snoozed = snooze(asked, '2026-11-25T00:00:00.000Z')
    const done = markDone(snoozed)
    expect(done.snoozedUntil).toBeUndefined()
    const back = reopen(done)
    expect(back).toEqual(snoozed)
    expect(back).toMatchObject({ status: 'snoozed', snoozedUntil: '2026-11-25T00:00:00.000Z' })
    // …and undoing the snooze after that gets back to before it.
    expect(reopen(back)).toEqual(asked)
  })

  it('undoes a snooze: reopening a snoozed conversation clears the snooze and restores it as it was', () => {
    expect(reopen(snooze(asked, '2026-11-25T00:00:00.000Z'))).toEqual(asked)
  })

  it('undoes a snooze of a follow-up that had come back: it waits for the seller again', () => {
    const woken = wake(snooze(answered, '2026-11-21T00:00:00.000Z'), '2026-11-21T00:00:01.000Z')!
    const again = snooze(woken, '2026-11-22T00:00:00.000Z')
    expect(again.wokeAt).toBeUndefined()
    expect(reopen(again)).toEqual(woken)
  })

  it('keeps the state from before the first snooze when snoozed twice', () => {
    const twice = snooze(snooze(asked, '2026-11-22T00:00:00.000Z'), '2026-11-23T00:00:00.000Z')
    expect(twice.snoozedUntil).toBe('2026-11-23T00:00:00.000Z')
    expect(reopen(twice)).toEqual(asked)
  })

  it('leaves an open conversation as it is when opened again, and a done one done when marked done again', () => {
    expect(reopen(asked)).toBe(asked)
    const done = markDone(asked)
    expect(markDone(done)).toBe(done)
  })

  it('reopens a snoozed-then-done conversation as open when the earlier state is not known', () => {
    const legacy: Conversation = { ...asked, status: 'done' }
    expect(reopen(legacy)).toEqual({ ...asked, status: 'open' })
  })

  it('hides a snoozed conversation from Waiting and brings it back when it wakes, even if the seller wrote last', () => {
    const snoozed = snooze(answered, '2026-11-21T00:00:00.000Z')
    expect(waiting(snoozed, '2026-11-20T12:00:00.000Z')).toEqual([])
    expect(snoozedView(snoozed, '2026-11-20T12:00:00.000Z')[0]).toMatchObject({
      status: 'snoozed',
      snoozedUntil: '2026-11-21T00:00:00.000Z',
    })
    // Before the engine has woken it, an ended snooze already counts as waiting.
    expect(waiting(snoozed, '2026-11-21T00:00:01.000Z')).toHaveLength(1)
    expect(wake(snoozed, '2026-11-20T23:59:59.000Z')).toBeUndefined()
    const woken = wake(snoozed, '2026-11-21T00:00:01.000Z')!
    expect(woken).toMatchObject({ status: 'open', wokeAt: '2026-11-21T00:00:00.000Z' })
    expect(woken.snoozedUntil).toBeUndefined()
    expect(waiting(woken, '2026-11-21T00:00:01.000Z')).toHaveLength(1)
    // The answered conversation without a snooze does not wait.
    expect(waiting(answered, '2026-11-21T00:00:01.000Z')).toEqual([])
  })

  it('stops a woken follow-up from waiting once the seller writes again', () => {
    const woken = wake(snooze(answered, '2026-11-21T00:00:00.000Z'), '2026-11-21T00:00:01.000Z')!
    const followedUp = withMessage(woken, message('f', '2026-11-21T01:00:00.000Z', 'out'))
    expect(followedUp.wokeAt).toBeUndefined()
    expect(waiting(followedUp, '2026-11-21T02:00:00.000Z')).toEqual([])
  })

  it('clears a snooze, or done, when the customer writes again', () => {
    const reply = message('r', '2026-11-20T10:00:00.000Z', 'in')
    const snoozed = snooze(answered, '2026-11-25T00:00:00.000Z')
    const reopened = withMessage(customerWrote(snoozed, reply), reply)
    expect(reopened.status).toBe('open')
    expect(reopened.snoozedUntil).toBeUndefined()
    expect(waiting(reopened, '2026-11-20T11:00:00.000Z')).toHaveLength(1)
    expect(customerWrote(markDone(answered), reply).status).toBe('open')
  })

  it('leaves the snooze alone when an older message turns up, or the seller writes', () => {
    const snoozed = snooze(answered, '2026-11-25T00:00:00.000Z')
    expect(customerWrote(snoozed, message('old', '2026-10-01T00:00:00.000Z', 'in'))).toBe(snoozed)
    expect(customerWrote(snoozed, message('out', '2026-11-21T00:00:00.000Z', 'out'))).toBe(snoozed)
  })

  it('finds the earliest snooze end among many conversations', () => {
    const list = [
      asked,
      { ...snooze(asked, '2026-11-23T00:00:00.000Z'), id: 'b' },
      { ...snooze(asked, '2026-11-22T00:00:00.000Z'), id: 'c' },
      { ...markDone(asked), id: 'd' },
    ]
    expect(nextWake(list)).toBe(Date.parse('2026-11-22T00:00:00.000Z'))
    expect(nextWake([asked])).toBeUndefined()
  })
})
