// Callback reminders and the weekly "call five customers" routine: the callback and callFive
// requests of the contract on top of the store and core/callbacks. Every change is durable
// before the request returns and tells open screens (`callbacks.changed`); when callbacks come
// due is the alerts' job (engine/alerts.ts), which is told whenever a due time moves.
import { randomUUID } from 'node:crypto'
import {
  EngineError,
  type CallbackEntry,
  type CallbackList,
  type CallPlanView,
  type RequestParams,
  type VoiceEntry,
} from '../../preload/api'
import { planCallFive, planIds, type CallLog, type CallPlan } from '../core/callbacks/call-five'
import { phoneFor } from '../core/callbacks/phone'
import { groupCallbacks, rescheduleTo } from '../core/callbacks/schedule'
import type { Conversation, Customer, Order, Reminder } from '../core/model'
import type { Store } from '../store/store'
import { clocksOf } from './clocks'
import type { EventHub } from './events'

/** A callback planned further ahead than this is a typo (a wrong year), not a plan. */
const MAX_AHEAD_MS = 366 * 86_400_000
/** A time this far in the past still counts as "now" (the seller took a moment to type it). */
const GRACE_MS = 5 * 60_000

export class Callbacks {
  constructor(
    private readonly store: Store,
    private readonly hub: EventHub,
    private readonly now: () => Date,
    /** A due time was set or moved: the alerts re-arm their timer. */
    private readonly dueTimesChanged: () => void,
  ) {}

  private zone(): string {
    return clocksOf(this.store).timeZone
  }

  async list(): Promise<CallbackList> {
    const groups = groupCallbacks(Object.values(this.store.reminders), this.now(), this.zone())
    const open = [...groups.overdue, ...groups.today, ...groups.upcoming]
    const entries = await this.entries(open)
    const pick = (list: Reminder[]) => list.map((r) => entries.get(r.id)!)
    return {
      overdue: pick(groups.overdue),
      today: pick(groups.today),
      upcoming: pick(groups.upcoming),
      timeZone: this.zone(),
    }
  }

  async create(p: RequestParams<'callback.create'>): Promise<Reminder> {
    this.customer(p.customerId)
    if (p.conversationId !== undefined) {
      const c = Object.hasOwn(this.store.conversations, p.conversationId)
        ? this.store.conversations[p.conversationId]
        : undefined
      if (!c) throw new EngineError('not_found', `No conversation ${p.conversationId}.`)
      if (c.customerId !== p.customerId) {
        throw bad('conversationId', 'That conversation is with another customer.')
      }
    }
    const reminder: Reminder = {
      id: `rem_${randomUUID()}`,
      customerId: p.customerId,
      ...(p.conversationId !== undefined ? { conversationId: p.conversationId } : {}),
      dueAt: this.dueTime(p.dueAt, 'dueAt'),
      reason: p.reason,
      ...(p.phone ? { phone: p.phone } : {}),
      note: p.note,
      done: false,
      createdAt: this.now().toISOString(),
    }
    await this.put(reminder)
    this.dueTimesChanged()
    return reminder
  }

  async update(p: RequestParams<'callback.update'>): Promise<Reminder> {
    const old = this.reminder(p.id)
    const next: Reminder = { ...old }
    if (p.done === true && !old.done) Object.assign(next, { done: true, doneAt: this.now().toISOString() })
    if (p.done === false && old.done) {
      next.done = false
      delete next.doneAt
    }
    // The same time sent back with an edit of the reason is no move (an overdue one stays overdue).
    if (p.dueAt !== undefined && Date.parse(p.dueAt) !== Date.parse(old.dueAt))
      next.dueAt = this.dueTime(p.dueAt, 'dueAt')
    if (p.reschedule !== undefined) next.dueAt = rescheduleTo(p.reschedule, this.now(), this.zone())
    if (p.reason !== undefined) next.reason = p.reason
    if (p.note !== undefined) next.note = p.note
    if (p.phone !== undefined) {
      if (p.phone === '') delete next.phone
      else next.phone = p.phone
    }
    await this.put(next)
    if (next.dueAt !== old.dueAt || next.done !== old.done) this.dueTimesChanged()
    return next
  }

  async delete(id: string): Promise<Reminder> {
    const old = this.reminder(id)
    delete this.store.reminders[id]
    this.store.docs.reminders.changed('reminders', id)
    await this.store.docs.reminders.flush()
    this.hub.emit('callbacks.changed', { customerIds: [old.customerId] })
    this.dueTimesChanged()
    return old
  }

  /** This week's plan: made (and kept) the first time it is asked for, then the same all week. */
  async plan(): Promise<CallPlanView> {
    const now = this.now()
    const ids = planIds(now, this.zone())
    const doc = this.store.docs.calls
    let plan = doc.data.plans[ids.current]
    if (!plan) {
      await this.store.load('orders')
      plan = planCallFive({
        now,
        zone: this.zone(),
        customers: this.store.customers,
        conversations: Object.values(this.store.conversations),
        orders: Object.values(this.store.orders),
        calls: Object.values(doc.data.calls),
        previous: doc.data.plans[ids.previous],
      })
      doc.data.plans[plan.id] = plan
      doc.changed('plans', plan.id)
      await doc.flush()
    }
    return this.planView(plan)
  }

  async log(p: RequestParams<'callFive.log'>): Promise<CallLog> {
    const customer = this.customer(p.customerId)
    const doc = this.store.docs.calls
    if (p.planId !== undefined && !Object.hasOwn(doc.data.plans, p.planId)) {
      throw new EngineError('not_found', `No call plan ${p.planId}.`)
    }
    const trim = (s: string) => s.trim()
    const call: CallLog = {
      id: `call_${randomUUID()}`,
      customerId: p.customerId,
      ...(p.planId !== undefined ? { planId: p.planId } : {}),
      at: this.now().toISOString(),
      outcome: p.outcome,
      ...(p.score !== undefined ? { score: p.score } : {}),
      liked: trim(p.liked),
      disliked: trim(p.disliked),
      better: trim(p.better),
      note: trim(p.note),
    }
    doc.data.calls[call.id] = call
    doc.changed('calls', call.id)
    await doc.flush()
    // "Call back later" is a promise to the customer: it goes on the callback list.
    if (p.outcome === 'callBack') {
      await this.create({
        customerId: p.customerId,
        dueAt: rescheduleTo('nextBusinessDay', this.now(), this.zone()),
        reason:
          customer.language === 'ja'
            ? `${customer.name}様へ再度お電話（お客様の声）`
            : `Call ${customer.name} back (feedback call)`,
        note: call.note,
      })
    } else {
      this.hub.emit('callbacks.changed', { customerIds: [p.customerId] })
    }
    return call
  }

  /** Calls with something said in them, newest first. */
  voice(p: RequestParams<'voice.list'>): VoiceEntry[] {
    return this.callsOf(p.customerId)
      .filter((c) => c.liked || c.disliked || c.better || c.note)
      .slice(0, p.limit)
      .map((c) => ({ ...c, customerName: this.store.customers[c.customerId]?.name ?? '' }))
  }

  /** Every call logged (with one customer, or with anyone), newest first. */
  callsOf(customerId?: string): CallLog[] {
    return Object.values(this.store.docs.calls.data.calls)
      .filter((c) => customerId === undefined || c.customerId === customerId)
      .sort((a, b) => b.at.localeCompare(a.at))
  }

  private async planView(plan: CallPlan): Promise<CallPlanView> {
    const latest = this.latestConversations(new Set(plan.picks.map((p) => p.customerId)))
    return {
      id: plan.id,
      createdAt: plan.createdAt,
      unfilled: plan.unfilled,
      picks: plan.picks.map((pick) => {
        const customer = this.store.customers[pick.customerId]
        return {
          ...pick,
          customerName: customer?.name ?? '',
          customerLanguage: customer?.language ?? 'en',
          ...(latest.get(pick.customerId) ? { openConversationId: latest.get(pick.customerId)!.id } : {}),
          calls: this.callsOf(pick.customerId).filter((c) => c.at >= plan.createdAt),
        }
      }),
    }
  }

  private async entries(reminders: Reminder[]): Promise<Map<string, CallbackEntry>> {
    const customerIds = new Set(reminders.map((r) => r.customerId))
    const latest = this.latestConversations(customerIds)
    await this.store.load('orders')
    const orders = new Map<string, Order[]>()
    for (const o of Object.values(this.store.orders)) {
      if (!customerIds.has(o.customerId)) continue
      const list = orders.get(o.customerId)
      if (list) list.push(o)
      else orders.set(o.customerId, [o])
    }
    const out = new Map<string, CallbackEntry>()
    for (const r of reminders) {
      const customer: Customer | undefined = this.store.customers[r.customerId]
      const own = r.conversationId !== undefined ? this.store.conversations[r.conversationId] : undefined
      const conversation = own ?? latest.get(r.customerId)
      const phone = phoneFor(customer, orders.get(r.customerId) ?? [], r)
      out.set(r.id, {
        ...r,
        customerName: customer?.name ?? '',
        customerLanguage: customer?.language ?? 'en',
        ...(conversation ? { openConversationId: conversation.id, channel: conversation.channel } : {}),
        ...(phone ? { callPhone: phone.number, phoneSource: phone.source } : {}),
      })
    }
    return out
  }

  /** The most recent conversation of each of these customers. */
  private latestConversations(customerIds: ReadonlySet<string>): Map<string, Conversation> {
    const latest = new Map<string, Conversation>()
    for (const c of Object.values(this.store.conversations)) {
      if (!customerIds.has(c.customerId)) continue
      const seen = latest.get(c.customerId)
      if (!seen || seen.lastMessageAt < c.lastMessageAt) latest.set(c.customerId, c)
    }
    return latest
  }

  private async put(reminder: Reminder): Promise<void> {
    this.store.reminders[reminder.id] = reminder
    this.store.docs.reminders.changed('reminders', reminder.id)
    await this.store.docs.reminders.flush()
    this.hub.emit('callbacks.changed', { customerIds: [reminder.customerId] })
  }

  private customer(id: string): Customer {
    const c = Object.hasOwn(this.store.customers, id) ? this.store.customers[id] : undefined
    if (!c) throw new EngineError('not_found', `No customer ${id}.`)
    return c
  }

  private reminder(id: string): Reminder {
    const r = Object.hasOwn(this.store.reminders, id) ? this.store.reminders[id] : undefined
    if (!r) throw new EngineError('not_found', `No callback ${id}: it may have been deleted.`)
    return r
  }

  /** A due time as stored (UTC ISO), checked against the clock. */
  private dueTime(input: string, path: string): string {
    const at = Date.parse(input)
    const now = this.now().getTime()
    if (at < now - GRACE_MS) throw bad(path, 'That time has passed: choose a time from now on.')
    if (at > now + MAX_AHEAD_MS) throw bad(path, 'A callback can be planned at most a year ahead.')
    return new Date(at).toISOString()
  }
}

function bad(path: string, message: string): EngineError {
  return new EngineError('bad_request', message, [{ path, message }])
}
