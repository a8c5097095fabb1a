// Request schemas of the templates part of the contract (types in preload/templates.ts), spread
// into `requestSchemas` in schemas/requests.ts. A body that does not parse is refused here, with
// each problem's line and column, so the engine only ever stores usable templates.
import { z } from 'zod'
import { parseTemplate } from '../../main/core/templates/parse'
import { MAX_TEMPLATE_CHARS } from '../templates'

const id = z.string().min(1).max(200)

const text = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} may be at most ${max.toLocaleString('en')} characters.`)
    .refine((s) => !/[^\P{Cc}\n\r\t]/u.test(s), `${what} cannot contain control characters.`)

const key = (what: string) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .max(40, `${what} may be at most 40 characters.`)
    .regex(
      /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u,
      `${what} is letters, digits, "-", "_" or "." with no spaces, e.g. ship-delay.`,
    )

const body = text(MAX_TEMPLATE_CHARS, 'A template')
  .refine((b) => b.trim() !== '', 'A template needs some text.')
  .superRefine((b, ctx) => {
    for (const p of parseTemplate(b).problems) {
      ctx.addIssue({ code: 'custom', message: `Line ${p.line}, column ${p.column}: ${p.message}` })
    }
  })

const timeZone = z
  .string()
  .max(100)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz })
      return true
    } catch {
      return false
    }
  }, 'Not a time zone such as "Asia/Tokyo".')

export const templateSchemas = {
  /** Every template, by folder and name. */
  'template.list': z.object({}).strict(),
  /** Creates (no `id`) or edits a template. The shortcut is unique; a group has one variant per language. */
  'template.save': z
    .object({
      id: id.optional(),
      name: text(100, 'A name')
        .transform((n) => n.trim())
        .refine((n) => n !== '', 'A template needs a name.'),
      shortcut: key('A shortcut').refine((s) => s !== '', 'A template needs a shortcut, e.g. ship-delay.'),
      language: z.enum(['en', 'ja']),
      folder: text(60, 'A folder name')
        .transform((f) => f.trim())
        .default(''),
      /** Variants share a group; '' or absent: the shortcut without "-en"/"-ja". */
      group: key('A group').or(z.literal('')).optional(),
      body,
    })
    .strict(),
  'template.delete': z.object({ id }).strict(),
  /**
   * A template rendered for a conversation's customer (their latest order for that conversation,
   * the account's shop name), or with sample data without one. `templateId` names any variant:
   * the one in the customer's language (or `language`) is rendered. `body` renders unsaved text
   * (the editor's preview). Today's date is in `timeZone` (default: the engine's).
   */
  'template.render': z
    .object({
      templateId: id.optional(),
      body: text(MAX_TEMPLATE_CHARS, 'A template').optional(),
      conversationId: id.optional(),
      language: z.enum(['en', 'ja']).optional(),
      timeZone: timeZone.optional(),
    })
    .strict()
    .refine((p) => (p.templateId === undefined) !== (p.body === undefined), {
      path: ['templateId'],
      message: 'Render either a saved template (templateId) or a text (body).',
    }),
  /** The seller used this template (for this conversation): its count goes up and suggestions learn. */
  'template.used': z.object({ templateId: id, conversationId: id.optional() }).strict(),
  /** Templates that fit the conversation's latest customer message, best first. */
  'template.suggest': z.object({ conversationId: id, limit: z.number().int().min(1).max(20).default(5) }).strict(),
}
