// `rules`: what the rules cost the engine on a demo workspace of N messages (default 20,000).
// The minute's look at the time triggers (the three default rules over every conversation, with
// what was due fired already) against the response-clock alert check the engine already makes
// every minute over the same conversations; and one new message through ten word rules (English and Japanese).
import { performance } from 'node:perf_hooks'
import { slaAlerts } from '../../main/core/alerts'
import { responseClocksOf } from '../../main/core/clocks/policies'
import { emptyConversation, withMessage } from '../../main/core/conversations'
import type { Conversation, MessageRecord } from '../../main/core/model'
import { defaultRules } from '../../main/core/rules/defaults'
import { evaluateRules, type NewMessage } from '../../main/core/rules/evaluate'
import { ruleInputSchema, type Rule } from '../../main/core/rules/rule'
import { generateDemo } from '../../main/demo/generate'
import { median, report, round, type Bench } from './harness'

const NOW = new Date('2026-11-27T03:00:00Z')
const RUNS = 9

export const rules: Bench = async ({ n = 20_000 }) => {
  const demo = generateDemo({ now: NOW, messages: n })
  const byId = new Map<string, Conversation>(demo.conversations.map((h) => [h.id, emptyConversation(h)]))
  for (const { record } of demo.messages) {
    const c = byId.get(record.conversationId)
    if (c) byId.set(c.id, withMessage(c, { ...record, emlPath: '' } as MessageRecord))
  }
  const conversations = Object.fromEntries(byId)
  const customers = Object.fromEntries(demo.customers.map((c) => [c.id, c]))
  const clocks = responseClocksOf({}, 'Asia/Tokyo')
  global.gc?.()
  const world = { now: NOW, customers, conversations, clocks }
  const times = (fn: () => unknown) =>
    Array.from({ length: RUNS }, () => {
      const t = performance.now()
      fn()
      return performance.now() - t
    })

  const defaults = defaultRules('en', NOW)
  // The first look fires on what is due; every later minute finds those fired already.
  const first = () => evaluateRules(defaults, { ...world, scan: true }, () => false)
  const fired = new Set(first().map((f) => f.key))
  const scan = () => evaluateRules(defaults, { ...world, scan: true }, (key) => fired.has(key))
  const check = () => slaAlerts(Object.values(conversations), customers, NOW, new Set(), clocks)
  times(scan)
  times(check)
  report({
    name: 'rules.scan',
    n,
    value: round(median(times(scan)), 2),
    unit: 'ms',
    baseline: 'the response-clock alert check over the same conversations',
    baseline_value: round(median(times(check)), 2),
    conversations: byId.size,
    first_scan_ms: round(median(times(first)), 2),
    first_firings: fired.size,
    firings: scan().length,
  })

  const words = ['返品', 'refund', '破損', 'broken', 'キャンセル', 'cancel', '交換', 'exchange', '遅れ', 'late']
  const wordRules: Rule[] = words.map((w, i) => ({
    ...ruleInputSchema.parse({
      name: w,
      trigger: { kind: 'message' },
      conditions: { words: [w] },
      actions: [{ kind: 'needsReply' }],
    }),
    id: `r${i}`,
    createdAt: NOW.toISOString(),
    updatedAt: NOW.toISOString(),
  }))
  const incoming = demo.messages.filter((m) => m.record.direction === 'in').slice(0, 1000)
  const batch: NewMessage[] = incoming.map((m) => ({ record: { ...m.record, date: NOW.toISOString() }, text: m.text }))
  const perMessage = () => evaluateRules(wordRules, { ...world, newMessages: batch }, () => false)
  times(perMessage)
  report({
    name: 'rules.message',
    n: batch.length,
    value: round(median(times(perMessage)) / batch.length, 4),
    unit: 'ms per message',
    rules: wordRules.length,
    firings: perMessage().length,
  })
}
