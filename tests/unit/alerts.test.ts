import { describe, expect, it } from 'vitest'
import { alertText, messageAlerts, slaAlerts } from '../../main/core/alerts'
import { responseClocksOf } from '../../main/core/clocks/policies'
import { emptyConversation } from '../../main/core/conversations'
import type { Conversation, Customer, MessageRecord } from '../../main/core/model'

/** The default policies, counted in UTC: e-mail and Amazon 24 hours, Rakuten one business day. */
const clocks = responseClocksOf({}, 'UTC')

const now = new Date('2026-11-23T10:00:00.000Z')
const customers: Record<string, Customer> = {
  cus_1: {
    id: 'cus_1',
    name: '岡本 典子',
    language: 'ja',
    keys: [],
    tags: [],
    note: '',
    createdAt: '2026-01-01T00:00:00Z',
  },
  cus_2: {
    id: 'cus_2',
    name: 'Claire Wilson',
    language: 'en',
    keys: [],
    tags: [],
    note: '',
    createdAt: '2026-01-01T00:00:00Z',
  },
}

function record(id: string, customerId: string, minutesAgo: number, direction: 'in' | 'out' = 'in'): MessageRecord {
  return {
    id,
    conversationId: `cnv_${customerId}`,
    customerId,
    accountId: 'acc',
    channel: 'amazon',
    direction,
    from: { address: `${customerId}@example.com` },
    to: [],
    subject: `subject ${id}`,
    date: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
    snippet: '',
    seen: false,
    attachments: [],
    emlPath: 'x',
  }
}

function waiting(
  id: string,
  customerId: string,
  hoursAgo: number,
  status: Conversation['status'] = 'open',
): Conversation {
  return {
    ...emptyConversation({ id, customerId, accountId: 'acc', channel: 'amazon', subject: `about ${id}`, status }),
    lastFrom: 'customer',
    waitingSince: new Date(now.getTime() - hoursAgo * 3_600_000).toISOString(),
  }
}

describe('alerts', () => {
  it('raises one alert per customer for fresh customer mail, the latest message', () => {
    const alerts = messageAlerts(
      [record('m1', 'cus_1', 5), record('m2', 'cus_1', 1), record('m3', 'cus_2', 2)],
      customers,
      now,
    )
    expect(alerts.map((a) => [a.customerName, a.subject])).toEqual([
      ['岡本 典子', 'subject m2'],
      ['Claire Wilson', 'subject m3'],
    ])
  })

  it('stays quiet for history arriving in a first sync and for the seller’s own mail', () => {
    expect(messageAlerts([record('old', 'cus_1', 60 * 24), record('out', 'cus_2', 1, 'out')], customers, now)).toEqual(
      [],
    )
  })

  it('warns once about a response clock about to run out, not about one already run out', () => {
    // Amazon: 24 h. 23 h waiting: due in 1 h. 30 h waiting: already overdue. 10 h: due in 14 h.
    const conversations = [waiting('soon', 'cus_1', 23), waiting('late', 'cus_2', 30), waiting('later', 'cus_2', 10)]
    const first = slaAlerts(conversations, customers, now, new Set(), clocks)
    expect(first.map((a) => a.conversationId)).toEqual(['soon'])
    expect(slaAlerts(conversations, customers, now, new Set(first.map((a) => a.id)), clocks)).toEqual([])
  })

  it('does not warn about a conversation that is done or snoozed', () => {
    const conversations = [waiting('done', 'cus_1', 23, 'done'), waiting('snoozed', 'cus_1', 23, 'snoozed')]
    expect(slaAlerts(conversations, customers, now, new Set(), clocks)).toEqual([])
  })

  it('words a notification in the seller’s language', () => {
    const [alert] = slaAlerts([waiting('soon', 'cus_1', 23)], customers, now, new Set(), clocks)
    expect(alertText(alert!, 'ja').title).toMatch(/までに返信が必要です: 岡本 典子 様/)
    expect(alertText(alert!, 'en').title).toMatch(/^Reply to 岡本 典子 by \d\d:\d\d$/)
    const [message] = messageAlerts([record('m', 'cus_2', 1)], customers, now)
    expect(alertText(message!, 'en')).toEqual({ title: 'New message from Claire Wilson', body: 'subject m' })
  })
})
