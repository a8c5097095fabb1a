// Input schemas, one per request: the engine rejects anything that does not parse (dispatch.ts).
// Apart from the contract's types in api.ts, so the renderer, which never validates, loads no zod.
import { z } from 'zod'
import { COMPOSE_MODES } from '../../main/core/compose'
import { CHANNELS, DONE_ACTIONS } from '../../main/core/model'
import { customerTag } from '../../main/core/rules/rule'
import { MAX_SIGNATURE_LENGTH } from '../../main/core/signature'
import {
  attachmentsTooLarge,
  base64Size,
  INBOX_VIEWS,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_MB,
  normalizeCertFingerprint,
  REMOTE_IMAGE_SCOPES,
} from '../api'
import { callbackSchemas } from './callbacks'
import { clockSettingFields, snoozeUntil } from './clocks'
import { keyBindingsSchema } from './keys'
import { orderSchemas } from './orders'
import { reportSchemas } from './reports'
import { ruleSchemas } from './rules'
import { inboxTag, tagSchemas } from './tags'
import { templateSchemas } from './templates'

const id = z.string().min(1).max(200)
const address = z.object({
  name: z.string().max(300).optional(),
  address: z.email().max(320),
})

const certFingerprint = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const fingerprint = normalizeCertFingerprint(value)
    if (fingerprint === undefined) {
      ctx.addIssue({ code: 'custom', message: 'Not a SHA-256 certificate fingerprint (32 hex pairs, "AB:CD:…").' })
      return z.NEVER
    }
    return fingerprint
  })

const server = z
  .object({
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    tls: z.enum(['tls', 'starttls', 'none']),
    user: z.string().min(1).max(320),
    /**
     * The server certificate the seller chose to trust (a self-hosted server, a self-signed
     * certificate), as its SHA-256 fingerprint: exactly that certificate is accepted, whoever
     * issued it and whatever names it carries; any other is refused. Absent: the system's
     * certificate authorities and the host name decide, as usual.
     */
    trustedCertSha256: certFingerprint.optional(),
  })
  .strict()

/** Plain text below the "-- " line of new drafts from the account; '' removes it. */
const signature = z
  .string()
  .max(MAX_SIGNATURE_LENGTH, { error: `A signature can be at most ${MAX_SIGNATURE_LENGTH} characters long.` })
  .optional()

const accountFields = {
  label: z.string().trim().min(1).max(100),
  address: z.email().max(320),
  displayName: z.string().max(200).optional(),
  signature,
  imap: server,
  smtp: server,
  /** Password or app password; stored encrypted, never returned. */
  password: z.string().min(1).max(2000).optional(),
  /** OAuth2 access token for XOAUTH2 providers; stored encrypted, never returned. */
  accessToken: z.string().min(1).max(8000).optional(),
  /** IMAP folders to sync (paths from `account.folders`); absent: INBOX, Sent and Archive. */
  folders: z.array(z.string().min(1).max(1000)).max(500).optional(),
}

/** Where a marketplace API account connects: the real API by default, a local emulator in tests. */
const apiBaseUrl = z
  .url({ protocol: /^https?$/, error: 'The API address must be an http(s) URL, like https://api.ebay.com.' })
  .max(2000)

/** An eBay account through the Commerce Message API (OAuth user token with the commerce.message scope). */
const ebayAccountFields = {
  kind: z.literal('ebay'),
  label: z.string().trim().min(1).max(100),
  displayName: z.string().max(200).optional(),
  signature,
  /** The seller's eBay user name: tells their own messages from the buyer's. */
  username: z.string().trim().min(1).max(64),
  /** The OAuth user access token; stored encrypted, never returned. */
  accessToken: z.string().trim().min(1).max(8000),
  /** Default https://api.ebay.com. */
  baseUrl: apiBaseUrl.optional(),
}

/** A Rakuten shop through the RMS inquiry management API (ESA: service secret and license key). */
const rakutenAccountFields = {
  kind: z.literal('rakuten'),
  label: z.string().trim().min(1).max(100),
  displayName: z.string().max(200).optional(),
  signature,
  shopId: z.number().int().positive().max(2_147_483_647),
  /** Stored encrypted, never returned. */
  serviceSecret: z.string().trim().min(1).max(500),
  /** Stored encrypted, never returned (RMS license keys expire every 90 days). */
  licenseKey: z.string().trim().min(1).max(500),
  /** Default https://api.rms.rakuten.co.jp. */
  baseUrl: apiBaseUrl.optional(),
}

/** A mail account (no `kind`, as before marketplace APIs, or 'imap'), an eBay or a Rakuten account. */
export const mailAccountDraft = z.object({ kind: z.literal('imap').optional(), ...accountFields }).strict()

const accountDraft = z.discriminatedUnion('kind', [
  mailAccountDraft,
  z.object(ebayAccountFields).strict(),
  z.object(rakutenAccountFields).strict(),
])

const attachmentName = z
  .string()
  .trim()
  .min(1, 'An attachment needs a file name.')
  .max(255, 'An attachment name may be at most 255 characters.')
  // A name, never a path; control characters would break the MIME header it goes into.
  .refine((n) => !/[\p{Cc}/\\]/u.test(n), 'An attachment name cannot contain "/", "\\" or control characters.')

/** A file the seller picked: its bytes travel in the request (a browser File read as base64). */
const uploadedAttachment = z
  .object({
    name: attachmentName,
    contentType: z
      .string()
      .trim()
      .toLowerCase()
      .max(255)
      .regex(/^[a-z0-9][\w!#$&^.+-]*\/[a-z0-9][\w!#$&^.+-]*$/, 'Not a content type such as "application/pdf".'),
    dataBase64: z
      .base64('The attachment data is not base64.')
      .max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4, `An attachment may be at most ${MAX_ATTACHMENT_MB} MB.`),
  })
  .strict()

/** An attachment of a stored message, forwarded: its bytes are read from the message's .eml. */
const forwardedAttachment = z
  .object({
    /** Record id of the message. */
    fromMessage: id,
    /** Position among the message's attachments (TimelineMessage.attachments). */
    index: z.number().int().min(0).max(9999),
  })
  .strict()

/** Text a seller types into a field: any characters but controls (line breaks and tabs allowed). */
const typed = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} may be at most ${max.toLocaleString('en')} characters.`)
    .refine((s) => !/[^\P{Cc}\n\r\t]/u.test(s), `${what} cannot contain control characters.`)

/** A recipient as typed into a draft: checked as an address only when the draft is sent. */
const draftAddress = z.object({ name: z.string().max(300).optional(), address: z.string().trim().max(320) }).strict()

/** An attachment of a stored message kept in a draft by reference (as message.compose offers it). */
const draftAttachment = z
  .object({
    fromMessage: id,
    index: z.number().int().min(0).max(9999),
    filename: attachmentName,
    contentType: z.string().trim().min(1).max(255),
    size: z.number().int().min(0),
  })
  .strict()

/** Which draft: the one of a conversation, or one by its id (new messages and forwards). */
const draftTarget = z.union([z.object({ conversationId: id }).strict(), z.object({ draftId: id }).strict()], {
  error: 'Name the draft by { conversationId } or by { draftId }.',
})

/** Input schemas, one per request. The engine rejects anything that does not parse. */
export const requestSchemas = {
  'app.info': z.object({}).strict(),
  'demo.open': z.object({}).strict(),
  'inbox.list': z
    .object({
      view: z.enum(INBOX_VIEWS).default('waiting'),
      channel: z.enum(CHANNELS).optional(),
      /** Only customers carrying this tag (any case); combines with the view and channel. */
      tag: inboxTag.optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    })
    .strict(),
  'customer.get': z.object({ customerId: id }).strict(),
  'conversation.get': z.object({ conversationId: id }).strict(),
  /**
   * Done, or open again. Opening a conversation marked done restores exactly how it was before
   * (snoozed until the same moment, if it was): this is the undo of `e`. Opening a snoozed one
   * clears the snooze (the undo of `s`).
   */
  'conversation.setStatus': z.object({ conversationId: id, status: z.enum(['open', 'done']) }).strict(),
  /**
   * Out of Waiting until `until` (ISO 8601, in the future); back in Waiting then, or when the
   * customer writes. `until: 'reply'`: no time, back only when the customer writes.
   */
  'conversation.snooze': z.object({ conversationId: id, until: snoozeUntil }).strict(),
  /** The seller's own facts about a customer: name, language, private note, tags. */
  'customer.update': z
    .object({
      customerId: id,
      name: typed(200, 'A name')
        .transform((n) => n.trim())
        .refine((n) => n.length > 0, 'A customer needs a name.')
        .optional(),
      language: z.enum(['en', 'ja']).optional(),
      note: typed(20_000, 'A note').optional(),
      /** The whole list; the same tag twice (in any case) is kept once. */
      tags: z
        .array(customerTag)
        .max(50, 'At most 50 tags.')
        .transform((tags) => tags.filter((t, i) => tags.findIndex((u) => u.toLowerCase() === t.toLowerCase()) === i))
        .optional(),
    })
    .strict()
    .refine((p) => p.name !== undefined || p.language !== undefined || p.note !== undefined || p.tags !== undefined, {
      message: 'Nothing to change: give a name, language, note or tags.',
    }),
  /** The seller read it: unread count to zero here and \\Seen on the server. */
  'conversation.markSeen': z.object({ conversationId: id }).strict(),
  'message.send': z
    .object({
      accountId: id,
      conversationId: id.optional(),
      to: z.array(address).min(1).max(100),
      cc: z.array(address).max(100).default([]),
      subject: z.string().max(998),
      text: z.string().max(1_000_000),
      inReplyTo: z.string().max(998).optional(),
      references: z.array(z.string().max(998)).max(200).optional(),
      /** The saved draft this sends (from draft.save); it is deleted once the message is queued. */
      draftId: id.optional(),
      /** Templates inserted into it (template.used), recorded with the sent reply for the reports. */
      templateIds: z.array(id).max(50).optional(),
      attachments: z
        .array(
          z.union([uploadedAttachment, forwardedAttachment], {
            error:
              'An attachment is either a file { name, contentType, dataBase64 } or one of a stored message { fromMessage, index }.',
          }),
        )
        .max(100, 'At most 100 attachments.')
        .default([]),
    })
    .strict()
    .superRefine((p, ctx) => {
      // Forwarded attachments are counted too, once the engine has read them.
      const total = p.attachments.reduce((n, a) => n + ('dataBase64' in a ? base64Size(a.dataBase64) : 0), 0)
      if (total > MAX_ATTACHMENT_BYTES) {
        ctx.addIssue({ code: 'custom', path: ['attachments'], message: attachmentsTooLarge(total) })
      }
    }),
  /**
   * A draft to open the composer with: a reply, reply-all or forward of a message of the
   * conversation (`messageId`, a record id; default: the customer's latest), or a new message
   * (to the conversation's customer, or to no one without `conversationId`).
   */
  'message.compose': z
    .object({
      conversationId: id.optional(),
      messageId: id.optional(),
      mode: z.enum(COMPOSE_MODES),
      /** Language of the quote's attribution line; default: the customer's. */
      language: z.enum(['en', 'ja']).optional(),
    })
    .strict()
    .refine((p) => p.mode === 'new' || p.conversationId !== undefined, {
      path: ['conversationId'],
      message: 'A reply or forward needs the conversation it answers.',
    }),
  /**
   * What the conversation screen shows of one message (`messageId`: record id): its text, its raw
   * HTML (unsanitised: the renderer sanitises it and shows it in a sandboxed frame), its
   * attachments, and its inline images as data: URLs so the HTML needs no network.
   */
  'message.body': z.object({ messageId: id }).strict(),
  /** The bytes of one attachment of a stored message (to open or save it). */
  'message.attachment': z.object({ messageId: id, index: z.number().int().min(0).max(9999) }).strict(),
  /** Load remote images of this message from now on, or of every message from its sender. */
  'message.allowRemoteImages': z.object({ messageId: id, scope: z.enum(REMOTE_IMAGE_SCOPES) }).strict(),
  /**
   * Saves what the composer holds; it calls this debounced while the seller types, so it is
   * cheap (one journal line) and durable when it returns. `conversationId` is the conversation
   * answered, or 'new'. Pass the `draftId` the first save returned on every later save: a save
   * naming a draft that was sent or discarded meanwhile is refused (conflict), never revived.
   */
  'draft.save': z
    .object({
      draftId: id.optional(),
      conversationId: id,
      accountId: id,
      mode: z.enum(COMPOSE_MODES).optional(),
      to: z.array(draftAddress).max(100).default([]),
      cc: z.array(draftAddress).max(100).default([]),
      subject: z.string().max(998).default(''),
      text: z.string().max(1_000_000).default(''),
      inReplyTo: z.string().max(998).optional(),
      references: z.array(z.string().max(998)).max(200).optional(),
      attachments: z.array(draftAttachment).max(100, 'At most 100 attachments.').default([]),
    })
    .strict(),
  /** The draft of a conversation, or a draft by id; null if there is none. */
  'draft.get': draftTarget,
  /** Discards a draft; returns what it held (for an undo), or null if there was none. */
  'draft.delete': draftTarget,
  /** Every saved draft, the most recently saved first. */
  'draft.list': z.object({}).strict(),
  'outbox.cancel': z.object({ id }).strict(),
  'account.list': z.object({}).strict(),
  'account.add': accountDraft,
  /** `folders: null` goes back to the default choice. */
  'account.update': z
    .object(accountFields)
    .partial()
    .extend({
      id,
      folders: accountFields.folders.unwrap().nullable().optional(),
      // Marketplace API accounts: reconnecting gives a new token or license key.
      username: ebayAccountFields.username.optional(),
      baseUrl: apiBaseUrl.optional(),
      shopId: rakutenAccountFields.shopId.optional(),
      serviceSecret: rakutenAccountFields.serviceSecret.optional(),
      licenseKey: rakutenAccountFields.licenseKey.optional(),
    })
    .strict(),
  'account.remove': z.object({ id }).strict(),
  /** Tests saved settings (`id`) or settings being entered (`draft`). */
  'account.test': z.union([z.object({ id }).strict(), z.object({ draft: accountDraft }).strict()]),
  /** The account's folders on its server, with the ones synced marked, so the seller can choose. */
  'account.folders': z.object({ id }).strict(),
  /** Server settings and a hint for the provider of an address, or null when it is not a known one. */
  'account.preset': z.object({ address: z.string().trim().min(1).max(320) }).strict(),
  /** Sync this account now; resolves when the pass is done. */
  'account.sync': z.object({ id }).strict(),
  'import.files': z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000) }).strict(),
  'settings.get': z.object({}).strict(),
  'settings.update': z
    .object({
      language: z.enum(['en', 'ja', 'system']).optional(),
      markSeenOnOpen: z.boolean().optional(),
      undoSendSeconds: z.number().int().min(0).max(120).optional(),
      doneAction: z.enum(DONE_ACTIONS).optional(),
      /** Replaces the seller's own keys whole (see Settings.keyBindings). */
      keyBindings: keyBindingsSchema.optional(),
      ...clockSettingFields,
    })
    .strict(),
  'outbox.list': z.object({}).strict(),
  'sync.status': z.object({}).strict(),
  /**
   * Full-text search over every stored message: words (English or Japanese) plus filters
   * `from:` `channel:` `order:` `is:unread` `is:open` `before:YYYY-MM-DD` `after:YYYY-MM-DD`.
   * Newest first. A filter with a bad value is a `bad_request` naming it.
   */
  'search.query': z
    .object({
      query: z.string().max(500),
      offset: z.number().int().min(0).max(10_000).default(0),
      limit: z.number().int().min(1).max(100).default(30),
    })
    .strict(),
  ...templateSchemas,
  ...orderSchemas,
  ...reportSchemas,
  ...callbackSchemas,
  ...ruleSchemas,
  ...tagSchemas,
} as const
