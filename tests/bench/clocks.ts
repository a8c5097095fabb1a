// `clocks`: building the Waiting and Overdue views of N demo messages under the default response
// policies (Rakuten and Yahoo! in business days, Tokyo hours and holidays), against the same
// build with every channel on flat calendar hours (what the clocks cost over plain addition).
// The first build of a process pays for the time-zone and opening-hours memos; later ones don't,
// and a rebuild with the same settings reuses the due times of records that did not change.
import { performance } from 'node:perf_hooks'
import { DEFAULT_RESPONSE_POLICIES, responseClocksOf, type ResponseClocks } from '../../main/core/clocks/policies'
import { emptyConversation, withMessage } from '../../main/core/conversations'
import { buildInbox } from '../../main/core/inbox'
import type { Conversation, Customer } from '../../main/core/model'
import { generateDemo } from '../../main/demo/generate'
import { median, report, round, type Bench } from './harness'

const NOW = new Date('2026-11-27T03:00:00Z')
const RUNS = 9

export const clocks: Bench = async ({ n = 100_000 }) => {
  const demo = generateDemo({ now: NOW, messages: n })
  const customers: Record<string, Customer> = Object.fromEntries(demo.customers.map((c) => [c.id, c]))
  // Folded message by message, as seeding does.
  const byId = new Map<string, Conversation>(demo.conversations.map((h) => [h.id, emptyConversation(h)]))
  for (const { record } of demo.messages) {
    const c = byId.get(record.conversationId)
    if (c) byId.set(c.id, withMessage(c, { ...record, emlPath: '' }))
  }
  const conversations = [...byId.values()]
  demo.messages.length = 0
  const business = responseClocksOf({ timeZone: 'Asia/Tokyo' }, 'UTC')
  const flatPolicies = Object.fromEntries(
    Object.keys(DEFAULT_RESPONSE_POLICIES).map((c) => [c, { amount: 24, unit: 'hours' }]),
  ) as ResponseClocks['policies']
  const flat: ResponseClocks = { ...business, policies: flatPolicies }
  const businessShare = conversations.filter((c) => business.policies[c.channel].unit !== 'hours').length

  for (const view of ['waiting', 'overdue'] as const) {
    const build = (clocks: ResponseClocks) => {
      const t = performance.now()
      const rows = buildInbox(customers, conversations, { view, now: NOW.toISOString(), clocks })
      return { ms: performance.now() - t, rows: rows.length }
    }
    const first = build({ ...business })
    // Fresh clocks each time (as after a settings change): every due time is worked out again.
    const fresh = Array.from({ length: RUNS }, () => build({ ...business }).ms)
    const freshFlat = Array.from({ length: RUNS }, () => build({ ...flat }).ms)
    // The same clocks (as after any other change): due times of unchanged records are remembered.
    const again = Array.from({ length: RUNS }, () => build(business).ms)
    const againFlat = Array.from({ length: RUNS }, () => build(flat).ms)
    const common = {
      n,
      unit: 'ms',
      baseline: 'flat 24 h on every channel',
      rows: first.rows,
      conversations: conversations.length,
      business_time_conversations: businessShare,
    }
    report({
      name: `clocks.${view}.settings_changed`,
      value: round(median(fresh)),
      baseline_value: round(median(freshFlat)),
      first_build_ms: round(first.ms),
      ...common,
    })
    report({
      name: `clocks.${view}.rebuild`,
      value: round(median(again)),
      baseline_value: round(median(againFlat)),
      ...common,
    })
  }
}
