// `callbacks`: what the callbacks screen costs in the engine on a demo workspace of N messages
// (default 20,000). Planning the week's five calls (every customer, conversation and order read
// once) against building the All view of the inbox over the same data, which every change in
// the inbox already costs; and grouping 1,000 open callbacks for the list.
import { performance } from 'node:perf_hooks'
import { planCallFive } from '../../main/core/callbacks/call-five'
import { groupCallbacks } from '../../main/core/callbacks/schedule'
import { responseClocksOf } from '../../main/core/clocks/policies'
import { emptyConversation, withMessage } from '../../main/core/conversations'
import { buildInbox } from '../../main/core/inbox'
import type { Conversation, MessageRecord, Reminder } from '../../main/core/model'
import { generateDemo } from '../../main/demo/generate'
import { median, report, round, type Bench } from './harness'

const NOW = new Date('2026-11-27T03:00:00Z')
const ZONE = 'Asia/Tokyo'
const RUNS = 7

/** What the engine holds in memory: records, not the raw mail (dropped, so it is not measured). */
function workspace(n: number) {
  const demo = generateDemo({ now: NOW, messages: n })
  const conversations = new Map<string, Conversation>(demo.conversations.map((h) => [h.id, emptyConversation(h)]))
  for (const { record } of demo.messages) {
    const c = conversations.get(record.conversationId)
    if (c) conversations.set(c.id, withMessage(c, { ...record, emlPath: '' } as MessageRecord))
  }
  const customers = Object.fromEntries(demo.customers.map((c) => [c.id, c]))
  return { customers, convs: [...conversations.values()], demo: { customers: demo.customers, orders: demo.orders } }
}

export const callbacks: Bench = async ({ n = 20_000 }) => {
  const { customers, convs, demo } = workspace(n)
  global.gc?.()
  const clocks = responseClocksOf({}, ZONE)

  const plan = (week: number) =>
    planCallFive({
      now: new Date(NOW.getTime() + week * 7 * 86_400_000),
      zone: ZONE,
      customers,
      conversations: convs,
      orders: demo.orders,
      calls: [],
    })
  const inbox = () => buildInbox(customers, convs, { view: 'all', now: NOW.toISOString(), clocks })
  const times = (fn: (i: number) => unknown) =>
    Array.from({ length: RUNS }, (_, i) => {
      const t = performance.now()
      fn(i)
      return performance.now() - t
    })
  times(plan) // warm-up
  times(inbox)
  const picks = plan(0).picks.length
  report({
    name: 'callbacks.plan',
    n,
    value: round(median(times(plan)), 2),
    unit: 'ms',
    baseline: 'building the inbox All view over the same data',
    baseline_value: round(median(times(inbox)), 2),
    customers: demo.customers.length,
    conversations: convs.length,
    orders: demo.orders.length,
    picks,
  })

  const reminders: Reminder[] = Array.from({ length: 1000 }, (_, i) => ({
    id: `r${i}`,
    customerId: demo.customers[i % demo.customers.length]!.id,
    dueAt: new Date(NOW.getTime() + (i - 300) * 3_600_000).toISOString(),
    reason: 'call',
    note: '',
    done: i % 10 === 0,
  }))
  times(() => groupCallbacks(reminders, NOW, ZONE))
  report({
    name: 'callbacks.group',
    n: reminders.length,
    value: round(median(times(() => groupCallbacks(reminders, NOW, ZONE))), 3),
    unit: 'ms',
  })
}
