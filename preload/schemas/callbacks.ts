// Request schemas of the callbacks part of the contract (types in preload/callbacks.ts), spread
// into `requestSchemas` in schemas/requests.ts.
import { z } from 'zod'
import { CALL_OUTCOMES } from '../../main/core/callbacks/call-five'
import { PHONE_PATTERN } from '../../main/core/callbacks/phone'
import { RESCHEDULE_CHOICES } from '../../main/core/callbacks/schedule'

const id = z.string().min(1).max(200)

const text = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} may be at most ${max.toLocaleString('en')} characters.`)
    .refine((s) => !/[^\P{Cc}\n\r\t]/u.test(s), `${what} cannot contain control characters.`)

const when = z.iso.datetime({ offset: true, error: 'Not a date and time such as 2026-12-01T09:00:00Z.' })

const reason = text(300, 'A reason')
  .transform((r) => r.trim())
  .refine((r) => r !== '', 'Say why to call, e.g. "confirm the replacement arrived".')

/** '' clears the number (the customer's own or their order's is then used). */
const phone = z
  .string()
  .trim()
  .max(40, 'A phone number may be at most 40 characters.')
  .refine(
    (p) => p === '' || PHONE_PATTERN.test(p),
    'Not a phone number: digits, spaces and + ( ) - only, e.g. 090-1234-5678.',
  )

const answer = (what: string) => text(5000, what).default('')

export const callbackSchemas = {
  /** Open callbacks grouped: overdue, due today, upcoming (on the seller's clock). */
  'callback.list': z.object({}).strict(),
  /** A callback for a customer, from one of their conversations or from the customer. */
  'callback.create': z
    .object({
      customerId: id,
      conversationId: id.optional(),
      dueAt: when,
      reason,
      phone: phone.optional(),
      note: text(5000, 'A note').default(''),
    })
    .strict(),
  /**
   * Done (or open again), moved to a new time (`dueAt`) or by a quick choice (`reschedule`:
   * `hour` is the snooze), or edited. At least one change.
   */
  'callback.update': z
    .object({
      id,
      done: z.boolean().optional(),
      dueAt: when.optional(),
      reschedule: z.enum(RESCHEDULE_CHOICES).optional(),
      reason: reason.optional(),
      phone: phone.optional(),
      note: text(5000, 'A note').optional(),
    })
    .strict()
    .refine((p) => !(p.dueAt !== undefined && p.reschedule !== undefined), {
      path: ['reschedule'],
      message: 'Give either a new time (dueAt) or a quick choice (reschedule), not both.',
    })
    .refine((p) => Object.keys(p).some((k) => k !== 'id'), {
      message: 'Nothing to change: give done, dueAt, reschedule, reason, phone or note.',
    }),
  /** Deletes a callback; returns it (for an undo). */
  'callback.delete': z.object({ id }).strict(),
  /** This week's five customers to call: made the first time it is asked for, then the same all week. */
  'callFive.plan': z.object({}).strict(),
  /** A call the seller made: the outcome and, if they were reached, the answers. */
  'callFive.log': z
    .object({
      customerId: id,
      planId: id.optional(),
      outcome: z.enum(CALL_OUTCOMES),
      score: z.number().int('A score is a whole number from 0 to 10.').min(0).max(10).optional(),
      liked: answer('What they liked'),
      disliked: answer('What they disliked'),
      better: answer('What could be better'),
      note: answer('A note'),
    })
    .strict(),
  /** What customers said on calls, newest first; one customer's with `customerId`. */
  'voice.list': z.object({ customerId: id.optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
}
