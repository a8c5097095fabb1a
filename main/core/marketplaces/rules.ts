// What a marketplace recogniser is: plain, JSON-compatible data (sender, subject and body
// patterns with named groups), so a seller can teach the app a new marketplace mail without
// code. The built-in rules (builtin.ts) and the seller's marketplace-rules.json share this shape.
import { z } from 'zod'
import { CHANNELS, MESSAGE_KINDS } from '../model'

/**
 * Named groups a pattern may capture. `relay` is a per-buyer masked address written in the body;
 * `stars` is a run of ★ counted as the rating; `url` is a link to the conversation on the site.
 */
export const FACT_GROUPS = [
  'buyerName',
  'buyerId',
  'order',
  'inquiry',
  'item',
  'itemId',
  'rating',
  'stars',
  'relay',
  'url',
] as const
export type FactGroup = (typeof FACT_GROUPS)[number]

const pattern = z
  .string()
  .min(1, 'is empty')
  .superRefine((source, ctx) => {
    try {
      new RegExp(source, 'iu')
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `is not a valid regular expression (${(err as Error).message})` })
    }
  })
const patterns = z.array(pattern).min(1, 'needs at least one pattern')
const httpsUrl = z
  .string()
  .refine((u) => /^https:\/\/[^\s/]+\.[^\s/]+/.test(u), 'must be an https:// address on the marketplace')

export const ruleSchema = z
  .object({
    /** Names the rule in notices and on each message it recognised. */
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'must be letters, digits, dots, dashes or underscores'),
    /** The channel the messages go to. */
    marketplace: z.enum(CHANNELS).refine((c) => c !== 'email', 'must be a marketplace, not email'),
    /** A message is this marketplace's when every part given here matches (any pattern of a part). */
    match: z
      .object({
        /** Tested against the sender's address. */
        from: patterns.optional(),
        subject: patterns.optional(),
        body: patterns.optional(),
      })
      .strict()
      .refine((m) => m.from || m.subject, 'needs a from or a subject pattern'),
    /**
     * Per-buyer masked addresses (Amazon's, Walmart's): one found in From, Reply-To or a `relay`
     * group identifies the buyer and is where a reply goes.
     */
    relayAddress: pattern.optional(),
    /** Patterns whose named groups (FACT_GROUPS) say who, which order, which item. The first capture wins. */
    extract: z
      .object({
        fromName: z.array(pattern).optional(),
        subject: z.array(pattern).optional(),
        body: z.array(pattern).optional(),
      })
      .strict()
      .default({}),
    /** The first entry whose pattern matches the subject (or, with `body`, the text) decides the kind. */
    kinds: z
      .array(
        z
          .object({
            kind: z.enum(MESSAGE_KINDS),
            subject: z.array(pattern).optional(),
            body: z.array(pattern).optional(),
          })
          .strict()
          .refine((k) => k.subject || k.body, 'needs a subject or a body pattern'),
      )
      .default([]),
    defaultKind: z.enum(MESSAGE_KINDS).default('question'),
    /**
     * How the seller answers: 'relay' — replying to the mail reaches the buyer (through the relay
     * address, else the mail's Reply-To or sender); 'site' — only on the marketplace's site.
     */
    reply: z.enum(['relay', 'site']),
    /** Whether the sender itself may receive a relayed reply (eBay's notifications) when no relay address is found. */
    replyToSender: z.boolean().default(false),
    /** Where to answer on the site: a `url` group found in the body (on one of `hosts`), else `url`. */
    site: z
      .object({ url: httpsUrl, hosts: z.array(z.string().min(3)).min(1) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((r) => r.reply === 'relay' || r.site, { message: "a 'site' reply needs site.url", path: ['site'] })

/** A rule as written (defaults not applied). */
export type MarketplaceRuleInput = z.input<typeof ruleSchema>
export type MarketplaceRule = z.output<typeof ruleSchema>

/** One thing wrong with the seller's rules file, said so they can fix it. */
export interface RuleProblem {
  /** The rule's id, or its position ("rule 3") when it has none. */
  rule: string
  /** The field, as a path: "match.subject[0]". */
  field: string
  message: string
}

export interface RulesFileResult {
  rules: MarketplaceRule[]
  problems: RuleProblem[]
}

/**
 * Reads the seller's rules file text: `{ "rules": [ … ] }`. Each rule is checked on its own, so
 * one bad rule is reported and skipped while the others (and the built-in rules) keep working.
 */
export function parseRulesFile(text: string): RulesFileResult {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (err) {
    return {
      rules: [],
      problems: [{ rule: '(file)', field: '', message: `is not valid JSON: ${(err as Error).message}` }],
    }
  }
  const list = Array.isArray(raw)
    ? raw
    : raw && typeof raw === 'object' && Array.isArray((raw as { rules?: unknown }).rules)
      ? (raw as { rules: unknown[] }).rules
      : undefined
  if (!list) {
    return { rules: [], problems: [{ rule: '(file)', field: 'rules', message: 'must be a list of rules' }] }
  }
  const rules: MarketplaceRule[] = []
  const problems: RuleProblem[] = []
  const seen = new Set<string>()
  list.forEach((item, i) => {
    const named =
      item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string'
        ? (item as { id: string }).id
        : `rule ${i + 1}`
    const parsed = ruleSchema.safeParse(item)
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ rule: named, field: fieldPath(issue.path), message: issue.message })
      return
    }
    if (seen.has(parsed.data.id)) {
      problems.push({ rule: named, field: 'id', message: 'is used by an earlier rule in the file' })
      return
    }
    seen.add(parsed.data.id)
    rules.push(parsed.data)
  })
  return { rules, problems }
}

/** "match.subject[0]" from zod's ['match', 'subject', 0]. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
    '',
  )
}

/** One line a seller can act on: which rule, which field, what is wrong. */
export function describeProblem(p: RuleProblem): string {
  return p.field ? `${p.rule}: ${p.field} ${p.message}` : `${p.rule}: ${p.message}`
}
