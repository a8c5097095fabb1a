// The response clocks' part of the request schemas: how the settings that hold them are
// validated when the renderer changes them, and what a snooze may end on.
import { z } from 'zod'
import { minutesOf, POLICY_UNITS } from '../../main/core/clocks/policies'
import { isTimeZone } from '../../main/core/clocks/time-zone'
import { CHANNELS } from '../../main/core/model'

/** At most a fortnight of calendar hours, ten business days: longer is a typo, not a policy. */
const MAX_AMOUNT = { hours: 336, businessHours: 100, businessDays: 10 } as const

const policy = z
  .object({ amount: z.number().positive('A response time must be more than zero.'), unit: z.enum(POLICY_UNITS) })
  .strict()
  .refine((p) => p.amount <= MAX_AMOUNT[p.unit], {
    message: `A response time may be at most ${MAX_AMOUNT.hours} hours, ${MAX_AMOUNT.businessHours} business hours or ${MAX_AMOUNT.businessDays} business days.`,
    path: ['amount'],
  })

const time = z.string().refine((t) => minutesOf(t) !== undefined, 'Not a time such as "09:00" (24-hour, HH:MM).')

const businessHours = z
  .object({
    days: z
      .array(z.number().int().min(0).max(6))
      .min(1, 'Choose at least one day the shop is open.')
      .max(7)
      .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
    start: time,
    end: time,
  })
  .strict()
  .refine((h) => (minutesOf(h.end) ?? 0) > (minutesOf(h.start) ?? 0), {
    message: 'Closing time has to be after opening time, on the same day.',
    path: ['end'],
  })

/** The clock fields of `settings.update`. */
export const clockSettingFields = {
  /** Only the channels named change; the others keep their policy. */
  responsePolicies: z.partialRecord(z.enum(CHANNELS), policy).optional(),
  businessHours: businessHours.optional(),
  /** An IANA zone ("Asia/Tokyo") or "system" for this computer's zone. */
  timeZone: z
    .string()
    .max(100)
    .refine((zone) => zone === 'system' || isTimeZone(zone), 'Not a time zone this computer knows (e.g. "Asia/Tokyo").')
    .optional(),
  observeJapaneseHolidays: z.boolean().optional(),
}

/** When a snooze ends: a moment (ISO 8601 with offset, in the future), or 'reply': when the customer writes. */
export const snoozeUntil = z.union([
  z.literal('reply'),
  z.iso.datetime({ offset: true, error: 'A snooze ends at a time (ISO 8601 with an offset) or on "reply".' }),
])
