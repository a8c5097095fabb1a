// Runs the seller's rules: on every customer message as it is stored (Ingest's onCreated, shared
// with alerts and search) and on a timer for the time triggers (no reply, delivered, clock).
// Each firing is logged in rule-log.json before its actions run, so it happens at most once per
// rule and subject even across a crash; its actions go through the engine's own paths (callbacks,
// customer tags, conversation status), and the screens are told (`rules.changed`).
import { randomUUID } from 'node:crypto'
import {
  EngineError,
  type RequestParams,
  type RuleLogView,
  type RuleView,
  type TemplateSuggestion,
} from '../../preload/api'
import type { Conversation, Customer, MessageRecord, Reminder } from '../core/model'
import { callbackDue, callbackReason, markNeedsReply, withPriority } from '../core/rules/actions'
import { defaultRules, reasonIn } from '../core/rules/defaults'
import { evaluateRules, type Delivery, type Firing, type NewMessage } from '../core/rules/evaluate'
import { expiredEntries, type ActionOutcome, type RuleLogEntry } from '../core/rules/log'
import { checkStoredRule, type Rule, type RuleAction } from '../core/rules/rule'
import { snooze } from '../core/status'
import { groupOf } from '../core/templates/variants'
import type { StoreNotice } from '../store/json-document'
import type { Store } from '../store/store'
import { clocksOf } from './clocks'
import type { EventHub } from './events'

const CHECK_EVERY_MS = 60_000
const STARTUP_DELIVERIES_MS = 3000
/** Deliveries of orders placed longer ago than this are history: no rule fires on them. */
const DELIVERY_HORIZON_MS = 60 * 86_400_000

/** What rules do, through the engine's own paths (so events, the mail server and alerts follow). */
export interface RuleEffects {
  createCallback(p: RequestParams<'callback.create'>): Promise<Reminder>
  updateCustomer(p: RequestParams<'customer.update'>): Promise<Customer>
  setStatus(c: Conversation, next: Conversation): Promise<unknown>
}

export interface RulesOptions {
  /** How often the time triggers are looked at (tests shorten it). */
  checkEveryMs?: number
  /** When deliveries are first looked at after start (the orders are read then). */
  startupDelayMs?: number
}

export class Rules {
  private pending: NewMessage[] = []
  /** Evaluations one after another: two at once could both see a subject as not yet fired. */
  private chain: Promise<void> = Promise.resolve()
  private queued = false
  private timer: NodeJS.Timeout | undefined
  private startup: NodeJS.Timeout | undefined
  private stopped = false
  private memo: { version: number; rules: Rule[] } | undefined
  private readonly reported = new Set<string>()
  /** Firings logged whose actions are being applied now: without outcomes yet, but not interrupted. */
  private readonly applying = new Set<string>()

  constructor(
    private readonly store: Store,
    private readonly hub: EventHub,
    private readonly now: () => Date,
    private readonly effects: RuleEffects,
    private readonly notice: (n: StoreNotice) => void,
    private readonly log: (line: string) => void,
    private readonly options: RulesOptions = {},
  ) {}

  /** Gives a workspace that never had rules the defaults, then looks at the time triggers now and every minute. */
  async start(): Promise<void> {
    const doc = this.store.docs.rules
    if (doc.data.seededAt === undefined) {
      const language = this.store.settings.language === 'ja' ? 'ja' : 'en'
      for (const rule of defaultRules(language, this.now())) {
        if (!Object.hasOwn(doc.data.rules, rule.id)) doc.data.rules[rule.id] = rule
        doc.changed('rules', rule.id)
      }
      doc.data.seededAt = this.now().toISOString()
      doc.changed('seededAt')
      await doc.flush()
    }
    this.prune()
    // What came due while the app was closed fires before the engine answers anyone, so the first
    // inbox already shows it. Orders are read later (they are not needed for the first page).
    await this.scan({ deliveries: false })
    this.startup = setTimeout(() => void this.scan(), this.options.startupDelayMs ?? STARTUP_DELIVERIES_MS)
    this.startup.unref()
    this.timer = setInterval(() => void this.scan(), this.options.checkEveryMs ?? CHECK_EVERY_MS)
    this.timer.unref()
  }

  /** Drops firings too old to matter (they can never fire again), so the log does not grow forever. */
  private prune(): void {
    const doc = this.store.docs.ruleLog
    const old = expiredEntries(doc.data, this.now())
    for (const key of old.entries) {
      delete doc.data.entries[key]
      doc.changed('entries', key)
    }
    for (const id of old.delivered) {
      delete doc.data.delivered[id]
      doc.changed('delivered', id)
    }
  }

  stop(): void {
    this.stopped = true
    clearInterval(this.timer)
    clearTimeout(this.startup)
  }

  /** Ingest stored a new message. */
  added(record: MessageRecord, text: string): void {
    if (record.direction !== 'in') return
    this.pending.push({ record, text })
    if (this.queued) return
    this.queued = true
    this.enqueue(() => {
      this.queued = false
      const newMessages = this.pending
      this.pending = []
      return this.evaluate({ newMessages })
    })
  }

  /** Looks at the time triggers (the timer, a saved rule, tests after moving the clock). */
  scan(options: { deliveries?: boolean } = {}): Promise<void> {
    return this.enqueue(async () =>
      this.evaluate({ scan: true, deliveries: options.deliveries === false ? [] : await this.deliveries() }),
    )
  }

  /** Resolves once every evaluation asked for so far is done (tests). */
  async settled(): Promise<void> {
    let seen: Promise<void>
    do {
      seen = this.chain
      await seen
    } while (seen !== this.chain)
  }

  list(): RuleView[] {
    const counts = new Map<string, { fired: number; last?: string }>()
    for (const e of Object.values(this.store.docs.ruleLog.data.entries)) {
      const c = counts.get(e.ruleId) ?? { fired: 0 }
      c.fired++
      if (c.last === undefined || c.last < e.at) c.last = e.at
      counts.set(e.ruleId, c)
    }
    return this.rules()
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((r) => this.view(r, counts.get(r.id)))
  }

  async save(p: RequestParams<'rules.save'>): Promise<RuleView> {
    const doc = this.store.docs.rules
    const now = this.now().toISOString()
    const old = p.id !== undefined ? this.stored(p.id) : undefined
    if (p.id !== undefined && !old) throw new EngineError('not_found', `No rule ${p.id}: it may have been deleted.`)
    for (const a of p.actions) {
      if (a.kind === 'template' && !Object.hasOwn(this.store.templates, a.templateId)) {
        throw new EngineError('bad_request', 'That template no longer exists; choose another.', [
          { path: `actions.${p.actions.indexOf(a)}.templateId`, message: 'That template no longer exists.' },
        ])
      }
    }
    const rule: Rule = {
      ...p,
      id: old?.id ?? `rule_${randomUUID()}`,
      createdAt: old?.createdAt ?? now,
      updatedAt: now,
      ...(old?.preset !== undefined ? { preset: old.preset } : {}),
    }
    doc.data.rules[rule.id] = rule
    doc.changed('rules', rule.id)
    await doc.flush()
    this.hub.emit('rules.changed', {})
    // A new or changed time rule applies from now, not at the next minute.
    void this.scan()
    return this.view(rule, undefined)
  }

  async delete(id: string): Promise<Rule> {
    const rule = this.stored(id)
    if (!rule) throw new EngineError('not_found', `No rule ${id}: it may have been deleted.`)
    delete this.store.docs.rules.data.rules[id]
    this.store.docs.rules.changed('rules', id)
    await this.store.docs.rules.flush()
    this.hub.emit('rules.changed', {})
    return rule
  }

  logOf(p: RequestParams<'rules.log'>): RuleLogView[] {
    return Object.values(this.store.docs.ruleLog.data.entries)
      .filter(
        (e) =>
          (p.customerId === undefined || e.customerId === p.customerId) &&
          (p.ruleId === undefined || e.ruleId === p.ruleId),
      )
      .sort((a, b) => b.at.localeCompare(a.at) || b.key.localeCompare(a.key))
      .slice(0, p.limit)
      .map((e) => ({
        ...e,
        customerName: this.store.customers[e.customerId]?.name ?? '',
        ...(this.applying.has(e.key) ? { applying: true } : {}),
      }))
  }

  /** Templates rules suggested for a conversation, the latest first. */
  suggestedTemplates(conversationId: string): string[] {
    const out: string[] = []
    const entries = Object.values(this.store.docs.ruleLog.data.entries)
      .filter((e) => e.conversationId === conversationId)
      .sort((a, b) => b.at.localeCompare(a.at))
    for (const e of entries) {
      for (const o of e.outcomes ?? [])
        if (o.kind === 'template' && o.ok && o.detail && !out.includes(o.detail)) out.push(o.detail)
    }
    return out
  }

  /**
   * Template suggestions with the ones rules suggested for this conversation first (reason
   * `rule`), the others after them, at most `limit`.
   */
  withSuggested(conversationId: string, suggestions: TemplateSuggestion[], limit: number): TemplateSuggestion[] {
    const ids = this.suggestedTemplates(conversationId).filter((id) => Object.hasOwn(this.store.templates, id))
    if (ids.length === 0) return suggestions
    const top = Math.max(0, ...suggestions.map((s) => s.score))
    const first: TemplateSuggestion[] = ids.map((id, i) => {
      const known = suggestions.find((s) => s.templateId === id)
      const reasons: TemplateSuggestion['reasons'] = ['rule', ...(known?.reasons ?? [])]
      return { templateId: id, group: groupOf(this.store.templates[id]!), score: top + ids.length - i, reasons }
    })
    const groups = new Set(first.map((s) => s.group))
    return [...first, ...suggestions.filter((s) => !groups.has(s.group))].slice(0, limit)
  }

  private view(rule: Rule, count: { fired: number; last?: string } | undefined): RuleView {
    return { ...rule, fired: count?.fired ?? 0, ...(count?.last ? { lastFiredAt: count.last } : {}) }
  }

  private stored(id: string): Rule | undefined {
    return this.rules().find((r) => r.id === id)
  }

  /** The stored rules that are sound; one edited by hand into nonsense is named once and skipped. */
  private rules(): Rule[] {
    const doc = this.store.docs.rules
    if (this.memo?.version === doc.version) return [...this.memo.rules]
    const rules: Rule[] = []
    for (const [id, raw] of Object.entries(doc.data.rules)) {
      const checked = checkStoredRule(raw)
      if ('rule' in checked) {
        rules.push(checked.rule)
      } else if (!this.reported.has(`${id}:${checked.problem}`)) {
        this.reported.add(`${id}:${checked.problem}`)
        this.notice({
          level: 'warning',
          message: `The rule ${id} in rules.json cannot be used (${checked.problem}); it is skipped.`,
          action: 'Fix that field in rules.json in the data folder (with the app closed), or remove the rule there.',
        })
      }
    }
    this.memo = { version: doc.version, rules }
    return [...rules]
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.chain.then(async () => {
      if (this.stopped) return
      try {
        await job()
      } catch (err) {
        this.log(`rules: ${(err as Error).stack ?? String(err)}`)
      }
    })
    this.chain = run
    return run
  }

  private async evaluate(input: {
    newMessages?: NewMessage[]
    scan?: boolean
    deliveries?: Delivery[]
  }): Promise<void> {
    const entries = this.store.docs.ruleLog.data.entries
    const firings = evaluateRules(
      this.rules(),
      {
        now: this.now(),
        customers: this.store.customers,
        conversations: this.store.conversations,
        clocks: clocksOf(this.store),
        ...input,
      },
      (key) => Object.hasOwn(entries, key),
    )
    if (firings.length > 0) await this.fire(firings)
  }

  /** Delivered orders and since when: the order's own date if it has one, else when first seen delivered. */
  private async deliveries(): Promise<Delivery[]> {
    await this.store.load('orders')
    const doc = this.store.docs.ruleLog
    const now = this.now()
    const out: Delivery[] = []
    for (const o of Object.values(this.store.orders)) {
      if (o.status !== 'delivered') continue
      if (now.getTime() - Date.parse(o.placedAt) > DELIVERY_HORIZON_MS) continue
      const own = (o as { deliveredAt?: unknown }).deliveredAt
      let at = typeof own === 'string' && !Number.isNaN(Date.parse(own)) ? own : doc.data.delivered[o.id]
      if (at === undefined) {
        at = now.toISOString()
        doc.data.delivered[o.id] = at
        doc.changed('delivered', o.id)
      }
      out.push({
        orderId: o.id,
        orderNumber: o.orderNumber,
        customerId: o.customerId,
        channel: o.channel,
        deliveredAt: at,
        items: o.items.map((i) => i.title),
      })
    }
    return out
  }

  private async fire(firings: Firing[]): Promise<void> {
    const doc = this.store.docs.ruleLog
    // Logged first: a crash while the actions run leaves an entry without outcomes, never a second firing.
    for (const f of firings) {
      doc.data.entries[f.key] = f
      doc.changed('entries', f.key)
      this.applying.add(f.key)
    }
    try {
      await this.applyAll(firings)
    } finally {
      for (const f of firings) this.applying.delete(f.key)
    }
  }

  private async applyAll(firings: Firing[]): Promise<void> {
    const doc = this.store.docs.ruleLog
    await doc.flush()
    const customerIds = new Set<string>()
    const reordered = new Set<string>()
    for (const f of firings) {
      const outcomes: ActionOutcome[] = []
      for (const action of f.actions) {
        try {
          const outcome = await this.apply(action, f)
          if (outcome.kind === 'priority' && outcome.ok) reordered.add(f.customerId)
          outcomes.push(outcome)
        } catch (err) {
          outcomes.push({ kind: action.kind, ok: false, error: (err as Error).message })
        }
      }
      const entry: RuleLogEntry = { ...f, outcomes }
      doc.data.entries[f.key] = entry
      doc.changed('entries', f.key)
      customerIds.add(f.customerId)
      this.log(`rules: "${f.ruleName}" fired on ${f.subject}: ${outcomes.map(describe).join(', ')}`)
    }
    await Promise.all([doc.flush(), this.store.docs.conversations.flush()])
    this.hub.emit('rules.changed', { customerIds: [...customerIds] })
    // Tags, snoozes and callbacks told the screens themselves (their own engine paths).
    if (reordered.size > 0) this.hub.emit('inbox.changed', { customerIds: [...reordered] })
  }

  private async apply(action: RuleAction, f: Firing): Promise<ActionOutcome> {
    const kind = action.kind
    const customer = Object.hasOwn(this.store.customers, f.customerId) ? this.store.customers[f.customerId] : undefined
    if (!customer) return { kind, ok: false, error: 'The customer is no longer there (merged or removed).' }
    const found = f.conversationId !== undefined ? this.store.conversations[f.conversationId] : undefined
    const conversation = found?.customerId === customer.id ? found : undefined
    const needConversation = (): Conversation => {
      if (!conversation) throw new Error('There is no conversation with this customer to change.')
      return conversation
    }
    const now = this.now()
    switch (action.kind) {
      case 'callback': {
        const reminder = await this.effects.createCallback({
          customerId: customer.id,
          ...(conversation ? { conversationId: conversation.id } : {}),
          dueAt: callbackDue(action.when, now, clocksOf(this.store).timeZone),
          reason: callbackReason(reasonIn(action.reason, customer.language), customer.name).slice(0, 300),
          note: '',
        })
        return { kind, ok: true, detail: reminder.dueAt }
      }
      case 'tag': {
        if (customer.tags.some((t) => t.toLowerCase() === action.tag.toLowerCase())) {
          return { kind, ok: true, detail: action.tag }
        }
        await this.effects.updateCustomer({ customerId: customer.id, tags: [...customer.tags, action.tag] })
        return { kind, ok: true, detail: action.tag }
      }
      case 'priority': {
        const c = needConversation()
        const next = withPriority(c, action.priority)
        if (next !== c) {
          this.store.conversations[c.id] = next
          this.store.docs.conversations.changed('conversations', c.id)
        }
        return { kind, ok: true, detail: action.priority }
      }
      case 'template': {
        if (!Object.hasOwn(this.store.templates, action.templateId)) {
          return { kind, ok: false, error: 'The template was deleted; choose another in the rule.' }
        }
        return { kind, ok: true, detail: action.templateId }
      }
      case 'snooze': {
        const c = needConversation()
        const until = new Date(now.getTime() + action.hours * 3_600_000).toISOString()
        await this.effects.setStatus(c, snooze(c, until))
        return { kind, ok: true, detail: until }
      }
      case 'needsReply': {
        const c = needConversation()
        await this.effects.setStatus(c, markNeedsReply(c, now))
        return { kind, ok: true }
      }
    }
  }
}

function describe(o: ActionOutcome): string {
  return o.ok ? `${o.kind}${o.detail ? ` ${o.detail}` : ''}` : `${o.kind} failed (${o.error})`
}
