// The choices a rule is made of: trigger and action kinds, when a callback is due, priorities.
// Apart from the zod schemas in rule.ts, so the renderer's editor can offer them without zod.

export const TRIGGER_KINDS = ['message', 'lowRating', 'noReply', 'delivered', 'clock'] as const
export type TriggerKind = (typeof TRIGGER_KINDS)[number]

export const ACTION_KINDS = ['callback', 'tag', 'priority', 'template', 'snooze', 'needsReply'] as const
export type ActionKind = (typeof ACTION_KINDS)[number]

/**
 * When a rule's callback is due: `today` is now, or 9:00 today when the trigger came before the
 * morning (a review overnight is a call in the morning, not at 3 a.m.).
 */
export const CALLBACK_WHEN = ['today', 'laterToday', 'tomorrowMorning', 'nextBusinessDay'] as const
export type CallbackWhen = (typeof CALLBACK_WHEN)[number]

export const PRIORITIES = ['high', 'low'] as const
export type Priority = (typeof PRIORITIES)[number]

/** Triggers about one message: the conditions on words and message kinds read that message. */
export const MESSAGE_TRIGGERS: readonly TriggerKind[] = ['message', 'lowRating']
