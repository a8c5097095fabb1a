// The schema of the seller's own keys (preload/keys.ts), taken by `settings.update`.
import { z } from 'zod'
import { MAX_BOUND_COMMANDS, MAX_KEYS_PER_COMMAND } from '../keys'

/** One key sequence as written: `x`, `g i`, `Mod+K`, `Shift+Enter`. */
const keySequence = z
  .string()
  .trim()
  .min(1, 'A key cannot be empty.')
  .max(60, 'A key sequence may be at most 60 characters.')
  // Chords are separated by single spaces; a control character is never a key.
  .regex(/^[^\p{Cc}]+$/u, 'A key sequence cannot hold control characters.')

/** The seller's own keys by command id; `[]` unbinds a command. Replaces the stored set whole. */
export const keyBindingsSchema = z
  .record(
    z.string(),
    z.array(keySequence).max(MAX_KEYS_PER_COMMAND, `A command may have at most ${MAX_KEYS_PER_COMMAND} keys.`),
  )
  // Checked here rather than by the record's key schema, whose error would not say what is wrong.
  .superRefine((bindings, ctx) => {
    const ids = Object.keys(bindings)
    if (ids.length > MAX_BOUND_COMMANDS)
      ctx.addIssue({ code: 'custom', message: `At most ${MAX_BOUND_COMMANDS} commands may have keys of their own.` })
    for (const id of ids)
      if (id.length === 0 || id.length > 200)
        ctx.addIssue({ code: 'custom', path: [id], message: 'A command id must be 1 to 200 characters.' })
  })
