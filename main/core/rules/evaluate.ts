// Evaluates the seller's rules: a pure function of the rules, what just happened (new messages)
// or how things stand (conversations, deliveries), `now`, and what has already fired. Each rule
// fires at most once per subject (a message, one answer of ours, an order, one due time), so
// evaluating again — after a restart, a re-sync, the next timer tick — adds nothing.
import type { ResponseClocks } from '../clocks/policies'
import type { Channel, Conversation, Customer, IsoTime, MessageKind, MessageRecord } from '../model'
import { dueAt } from '../sla'
import { MESSAGE_TRIGGERS } from './kinds'
import type { Rule, RuleAction, RuleConditions } from './rule'
import { matchWords } from './words'

/** A message older than this when it arrives is history (a first sync, an import): no rule fires on it. */
export const MESSAGE_FRESH_MS = 3 * 86_400_000
/**
 * A time trigger whose moment passed longer ago than this is not caught up on: a rule made today
 * does not fire on every answer of the last five years, nor after a month without the app.
 */
export const CATCH_UP_MS = 7 * 86_400_000

const DAY = 86_400_000
const HOUR = 3_600_000

/** A message just stored, with its text (for words). */
export interface NewMessage {
  record: Pick<
    MessageRecord,
    'id' | 'messageId' | 'conversationId' | 'customerId' | 'channel' | 'direction' | 'subject' | 'date' | 'marketplace'
  >
  text: string
}

/** An order known to be delivered, and since when. */
export interface Delivery {
  orderId: string
  orderNumber: string
  customerId: string
  channel: Channel
  deliveredAt: IsoTime
  /** Item titles: what words are looked for in. */
  items: string[]
}

export interface RuleWorld {
  now: Date
  customers: Readonly<Record<string, Customer>>
  conversations: Readonly<Record<string, Conversation>>
  clocks: ResponseClocks
  /** Just stored: message and low-rating triggers look at these only. */
  newMessages?: readonly NewMessage[]
  /** Look at how things stand for the time triggers (the engine's timer). */
  scan?: boolean
  deliveries?: readonly Delivery[]
}

/** Why a rule fired, as data: the screens say it in the seller's language. */
export type FiringWhy =
  | { trigger: 'message'; subject: string; words: string[] }
  | { trigger: 'lowRating'; subject: string; rating: number; maxRating: number; words: string[] }
  | { trigger: 'noReply'; days: number; answeredAt: IsoTime; words: string[] }
  | { trigger: 'delivered'; days: number; orderNumber: string; deliveredAt: IsoTime; words: string[] }
  | { trigger: 'clock'; hours: number; dueAt: IsoTime; words: string[] }

/** One rule firing on one subject: what to do and why. The engine applies it and logs it. */
export interface Firing {
  /** `<rule id>|<subject>`: a firing with a key already fired is never produced again. */
  key: string
  ruleId: string
  ruleName: string
  /** message:<Message-ID>, answer:<conversation>@<time>, order:<id>, clock:<conversation>@<due>. */
  subject: string
  customerId: string
  conversationId?: string
  at: IsoTime
  why: FiringWhy
  actions: RuleAction[]
}

export function firingKey(ruleId: string, subject: string): string {
  return `${ruleId}|${subject}`
}

export function evaluateRules(rules: readonly Rule[], world: RuleWorld, fired: (key: string) => boolean): Firing[] {
  const out: Firing[] = []
  const at = world.now.toISOString()
  const emit = (
    rule: Rule,
    subject: string,
    f: Omit<Firing, 'key' | 'ruleId' | 'ruleName' | 'subject' | 'at' | 'actions'>,
  ) => {
    const key = firingKey(rule.id, subject)
    if (fired(key) || out.some((o) => o.key === key)) return
    out.push({ key, ruleId: rule.id, ruleName: rule.name, subject, at, actions: rule.actions, ...f })
  }
  const active = rules.filter((r) => r.enabled)
  // Listed once for every time rule: a big workspace's conversations are a big object.
  let all: Conversation[] | undefined
  const conversations = () => (all ??= Object.values(world.conversations))
  for (const rule of active) {
    if (MESSAGE_TRIGGERS.includes(rule.trigger.kind)) {
      for (const m of world.newMessages ?? []) onMessage(rule, m, world, emit)
    } else if (world.scan) {
      onTime(rule, world, conversations(), emit)
    }
  }
  return out
}

type Emit = (
  rule: Rule,
  subject: string,
  f: Omit<Firing, 'key' | 'ruleId' | 'ruleName' | 'subject' | 'at' | 'actions'>,
) => void

function onMessage(rule: Rule, m: NewMessage, world: RuleWorld, emit: Emit): void {
  const r = m.record
  if (r.direction !== 'in') return
  const age = world.now.getTime() - Date.parse(r.date)
  if (!(age <= MESSAGE_FRESH_MS)) return
  const words = conditionsHold(rule.conditions, {
    channel: r.channel,
    customer: world.customers[r.customerId],
    kind: r.marketplace?.kind,
    text: `${r.subject}\n${m.text}`,
  })
  if (!words) return
  // The RFC Message-ID outlives the record: the same mail synced again is the same subject.
  const subject = `message:${r.messageId ?? r.id}`
  const base = { customerId: r.customerId, conversationId: r.conversationId }
  if (rule.trigger.kind === 'message') {
    emit(rule, subject, { ...base, why: { trigger: 'message', subject: r.subject, words } })
  } else if (rule.trigger.kind === 'lowRating') {
    const rating = r.marketplace?.rating
    if (rating === undefined || rating > rule.trigger.maxRating) return
    emit(rule, subject, {
      ...base,
      why: { trigger: 'lowRating', subject: r.subject, rating, maxRating: rule.trigger.maxRating, words },
    })
  }
}

function onTime(rule: Rule, world: RuleWorld, conversations: readonly Conversation[], emit: Emit): void {
  const now = world.now.getTime()
  /** The trigger's moment has come, and not so long ago that it is history. */
  const due = (moment: number) => moment <= now && now - moment <= CATCH_UP_MS
  const trigger = rule.trigger
  if (trigger.kind === 'delivered') {
    for (const d of world.deliveries ?? []) {
      if (!due(Date.parse(d.deliveredAt) + trigger.days * DAY)) continue
      const words = conditionsHold(rule.conditions, {
        channel: d.channel,
        customer: world.customers[d.customerId],
        text: d.items.join('\n'),
      })
      if (!words) continue
      emit(rule, `order:${d.orderId}`, {
        customerId: d.customerId,
        ...latestConversationOf(world.conversations, d.customerId),
        why: {
          trigger: 'delivered',
          days: trigger.days,
          orderNumber: d.orderNumber,
          deliveredAt: d.deliveredAt,
          words,
        },
      })
    }
    return
  }
  // Every conversation is looked at each minute: times are compared as ISO strings (UTC, one
  // format), so the loop parses no dates.
  const iso = (ms: number) => new Date(ms).toISOString()
  if (trigger.kind === 'noReply') {
    // Answered between (now − days − catch-up) and (now − days).
    const latest = iso(now - trigger.days * DAY)
    const earliest = iso(now - trigger.days * DAY - CATCH_UP_MS)
    for (const c of conversations) {
      if (c.lastFrom !== 'seller' || c.messageCount === 0) continue
      if (c.lastMessageAt > latest || c.lastMessageAt < earliest) continue
      const words = conditionsHold(rule.conditions, factsOf(c, world))
      if (!words) continue
      emit(rule, `answer:${c.id}@${c.lastMessageAt}`, {
        customerId: c.customerId,
        conversationId: c.id,
        why: { trigger: 'noReply', days: trigger.days, answeredAt: c.lastMessageAt, words },
      })
    }
  } else if (trigger.kind === 'clock') {
    const from = iso(now)
    const horizon = iso(now + trigger.hours * HOUR)
    for (const c of conversations) {
      if (c.status !== 'open' || c.lastFrom !== 'customer' || !c.waitingSince) continue
      const end = dueAt(c.channel, c.waitingSince, world.clocks)
      // A clock already run out is red in the inbox (and in Overdue): the warning is for before.
      if (end <= from || end > horizon) continue
      const words = conditionsHold(rule.conditions, factsOf(c, world))
      if (!words) continue
      emit(rule, `clock:${c.id}@${end}`, {
        customerId: c.customerId,
        conversationId: c.id,
        why: { trigger: 'clock', hours: trigger.hours, dueAt: end, words },
      })
    }
  }
}

function factsOf(c: Conversation, world: RuleWorld) {
  return { channel: c.channel, customer: world.customers[c.customerId], text: `${c.subject}\n${c.lastSnippet}` }
}

/** The words that matched (empty when the rule names none), or undefined when a condition fails. */
function conditionsHold(
  conditions: RuleConditions,
  facts: { channel: Channel; customer: Customer | undefined; kind?: MessageKind; text: string },
): string[] | undefined {
  if (conditions.channels.length > 0 && !conditions.channels.includes(facts.channel)) return undefined
  if (conditions.kinds.length > 0 && (facts.kind === undefined || !conditions.kinds.includes(facts.kind))) {
    return undefined
  }
  if (conditions.tags.length > 0) {
    const has = new Set((facts.customer?.tags ?? []).map((t) => t.toLowerCase()))
    if (!conditions.tags.some((t) => has.has(t.toLowerCase()))) return undefined
  }
  if (conditions.words.length === 0) return []
  const found = matchWords(conditions.words, facts.text)
  return found.length > 0 ? found : undefined
}

function latestConversationOf(
  conversations: Readonly<Record<string, Conversation>>,
  customerId: string,
): { conversationId?: string } {
  let latest: Conversation | undefined
  for (const c of Object.values(conversations)) {
    if (c.customerId === customerId && (!latest || latest.lastMessageAt < c.lastMessageAt)) latest = c
  }
  return latest ? { conversationId: latest.id } : {}
}
