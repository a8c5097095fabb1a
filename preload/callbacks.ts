// The callbacks part of the contract: callback reminders (create, list grouped by when they are
// due, done / reschedule / snooze / edit, delete), the weekly "call five customers" plan, logged
// calls and the voice of the customer. Spread into `Responses` in api.ts; the request schemas are in
// schemas/callbacks.ts.
import type { CallLog, CallReason, CallSlot } from '../main/core/callbacks/call-five'
import type { PhoneSource } from '../main/core/callbacks/phone'
import type { Channel, Language, Reminder } from '../main/core/model'

export { CALL_OUTCOMES, CALL_SLOTS, REASON_CODES } from '../main/core/callbacks/call-five'
export type { CallLog, CallOutcome, CallReason, CallSlot, ReasonCode } from '../main/core/callbacks/call-five'
// The renderer plans with the same arithmetic as the engine (quick times, the number to call).
export { RESCHEDULE_CHOICES, rescheduleTo, type RescheduleChoice } from '../main/core/callbacks/schedule'
export { phoneFor } from '../main/core/callbacks/phone'

/** One open callback as the list shows it. */
export interface CallbackEntry extends Reminder {
  customerName: string
  customerLanguage: Language
  /** The conversation Enter opens on: the callback's own, else the customer's latest. */
  openConversationId?: string
  channel?: Channel
  /** The number to call: the callback's, else the customer's or their latest order's. */
  callPhone?: string
  phoneSource?: PhoneSource
}

export interface CallbackList {
  overdue: CallbackEntry[]
  today: CallbackEntry[]
  upcoming: CallbackEntry[]
  /** The zone the days were counted in. */
  timeZone: string
}

export interface CallPickView {
  slot: CallSlot
  customerId: string
  customerName: string
  customerLanguage: Language
  openConversationId?: string
  reasons: CallReason[]
  phone?: string
  noPhone?: true
  repeat?: true
  /** Calls logged for this customer since the plan was made, newest first. */
  calls: CallLog[]
}

export interface CallPlanView {
  id: string
  createdAt: string
  picks: CallPickView[]
  unfilled: CallSlot[]
}

/** A logged call with who it was. */
export interface VoiceEntry extends CallLog {
  customerName: string
}

export interface CallbackResponses {
  'callback.list': CallbackList
  'callback.create': Reminder
  'callback.update': Reminder
  'callback.delete': Reminder
  'callFive.plan': CallPlanView
  'callFive.log': CallLog
  'voice.list': VoiceEntry[]
}
