// What a local rule is: a trigger (what happened), conditions (which customers and messages it
// is about) and actions (what the app does then), as plain JSON data checked with zod, so the
// same shape is stored in rules.json, sent by the editor and evaluated by core/rules/evaluate.ts.
import { z } from 'zod'
import { CHANNELS, MESSAGE_KINDS, type IsoTime } from '../model'
import { ACTION_KINDS, CALLBACK_WHEN, MESSAGE_TRIGGERS, PRIORITIES, TRIGGER_KINDS } from './kinds'

const whole = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number.` })
    .int(`${what} must be a whole number.`)
    .min(min, `${what} must be at least ${min}.`)
    .max(max, `${what} may be at most ${max}.`)

export const triggerSchema = z.discriminatedUnion(
  'kind',
  [
    /** A new message from a customer (narrowed by the conditions: words, channel, kind). */
    z.object({ kind: z.literal('message') }).strict(),
    /** Negative feedback or a low review: a marketplace's stars at or below `maxRating`. */
    z.object({ kind: z.literal('lowRating'), maxRating: whole('The rating', 1, 4).default(2) }).strict(),
    /** We answered and the customer has not written for `days` days. */
    z.object({ kind: z.literal('noReply'), days: whole('The number of days', 1, 365) }).strict(),
    /** `days` days after an order was delivered (0: the day it was). */
    z.object({ kind: z.literal('delivered'), days: whole('The number of days', 0, 365) }).strict(),
    /** A response clock runs out within `hours` hours. */
    z.object({ kind: z.literal('clock'), hours: whole('The number of hours', 1, 72) }).strict(),
  ],
  { error: `A trigger is one of: ${TRIGGER_KINDS.join(', ')}.` },
)
export type RuleTrigger = z.output<typeof triggerSchema>

/** A customer tag as stored: on a customer (tag.set) and in a rule's tag action alike. */
export const customerTag = z
  .string()
  .trim()
  .min(1, 'A tag cannot be empty.')
  .max(40, 'A tag may be at most 40 characters.')
  .refine((t) => !/[\p{Cc},]/u.test(t), 'A tag cannot contain commas or control characters.')

const word = z
  .string()
  .trim()
  .min(1, 'A word cannot be empty.')
  .max(100, 'A word may be at most 100 characters.')
  .refine((w) => !/\p{Cc}/u.test(w), 'A word cannot contain control characters.')

export const conditionsSchema = z
  .object({
    /** Any of these words in the message (subject or text); Japanese needs no spaces around them. */
    words: z.array(word).max(50, 'At most 50 words.').default([]),
    /** On any of these channels (e-mail or a marketplace); none: every channel. */
    channels: z.array(z.enum(CHANNELS)).max(CHANNELS.length).default([]),
    /** Marketplace messages of any of these kinds (question, return, feedback, other). */
    kinds: z.array(z.enum(MESSAGE_KINDS)).max(MESSAGE_KINDS.length).default([]),
    /** Customers with any of these tags. */
    tags: z.array(customerTag).max(20, 'At most 20 tags.').default([]),
  })
  .strict()
export type RuleConditions = z.output<typeof conditionsSchema>

export const actionSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('callback'),
        when: z.enum(CALLBACK_WHEN).default('today'),
        /** Why to call; `{name}` is the customer's name. */
        reason: z
          .string()
          .trim()
          .min(1, 'Say why to call, e.g. "Call {name} about their review".')
          .max(300, 'A reason may be at most 300 characters.'),
      })
      .strict(),
    z.object({ kind: z.literal('tag'), tag: customerTag }).strict(),
    z.object({ kind: z.literal('priority'), priority: z.enum(PRIORITIES) }).strict(),
    z.object({ kind: z.literal('template'), templateId: z.string().min(1, 'Choose a template.').max(200) }).strict(),
    z.object({ kind: z.literal('snooze'), hours: whole('The snooze', 1, 24 * 365) }).strict(),
    z.object({ kind: z.literal('needsReply') }).strict(),
  ],
  { error: `An action is one of: ${ACTION_KINDS.join(', ')}.` },
)
export type RuleAction = z.output<typeof actionSchema>

/** What the editor sends: a new rule (no id) or a changed one. */
export const ruleInputSchema = z
  .object({
    id: z.string().min(1).max(200).optional(),
    name: z
      .string()
      .trim()
      .min(1, 'Give the rule a name, e.g. "Bad review → call".')
      .max(100, 'A name may be at most 100 characters.'),
    enabled: z.boolean().default(true),
    trigger: triggerSchema,
    conditions: conditionsSchema.default({ words: [], channels: [], kinds: [], tags: [] }),
    actions: z.array(actionSchema).min(1, 'A rule needs at least one action.').max(10, 'At most 10 actions.'),
  })
  .strict()
  .superRefine((r, ctx) => {
    const aboutMessage = MESSAGE_TRIGGERS.includes(r.trigger.kind)
    if (!aboutMessage && r.conditions.kinds.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['conditions', 'kinds'],
        message: 'Message kinds apply only to rules on a new message or a low rating.',
      })
    }
    const kinds = r.actions.map((a) => a.kind)
    for (const kind of ['priority', 'snooze', 'needsReply'] as const) {
      if (kinds.filter((k) => k === kind).length > 1) {
        ctx.addIssue({ code: 'custom', path: ['actions'], message: `Only one ${kind} action per rule.` })
      }
    }
    if (kinds.includes('snooze') && kinds.includes('needsReply')) {
      ctx.addIssue({
        code: 'custom',
        path: ['actions'],
        message: 'A rule cannot both snooze a conversation and mark it as needing a reply.',
      })
    }
  })
export type RuleInput = z.input<typeof ruleInputSchema>

export interface Rule extends z.output<typeof ruleInputSchema> {
  id: string
  createdAt: IsoTime
  updatedAt: IsoTime
  /** Which default rule this is (seeded in a new workspace); absent on the seller's own. */
  preset?: string
}

/** A stored rule checked again (rules.json can be edited by hand); the problem, if any, by field. */
export function checkStoredRule(raw: unknown): { rule: Rule } | { problem: string } {
  if (typeof raw !== 'object' || raw === null) return { problem: 'not an object' }
  const { createdAt, updatedAt, preset, ...input } = raw as Record<string, unknown>
  const parsed = ruleInputSchema.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    return { problem: `${issue.path.join('.') || 'rule'}: ${issue.message}` }
  }
  if (typeof parsed.data.id !== 'string') return { problem: 'id: missing' }
  const time = (v: unknown) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? v : new Date(0).toISOString())
  return {
    rule: {
      ...parsed.data,
      id: parsed.data.id,
      createdAt: time(createdAt),
      updatedAt: time(updatedAt),
      ...(typeof preset === 'string' ? { preset } : {}),
    },
  }
}
