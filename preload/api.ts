// The one contract between the renderer and the engine: every request with its input
// schema and response type, and every event the engine pushes. Both transports
// (Electron IPC and the browser-mode WebSocket) carry exactly these messages.
import { z } from 'zod'
import type {
  Account,
  AttachmentMeta,
  Channel,
  ConversationStatus,
  Customer,
  Language,
  MarketplaceFacts,
  MessageRecord,
  Order,
  OutboxItem,
  ReplyRoute,
  Reminder,
  SavedDraft,
  Settings,
} from '../main/core/model'
import { CHANNELS, DONE_ACTIONS } from '../main/core/model'
import { COMPOSE_MODES, type Draft } from '../main/core/compose'
import { MAX_SIGNATURE_LENGTH } from '../main/core/signature'
import { clockSettingFields, snoozeUntil } from './clocks'
import { templateSchemas } from './templates'
import { callbackSchemas, type CallbackResponses, type CallLog } from './callbacks'
import { orderSchemas, type OrderResponses } from './orders'
import { reportSchemas, type ReportResponses } from './reports'
import { ruleSchemas, type RuleResponses } from './rules'
import { inboxTag, tagSchemas, type TagResponses } from './tags'
import { keyBindingsSchema } from './keys'

export { COMPOSE_MODES }
export type { ComposeMode, Draft, DraftAttachment } from '../main/core/compose'
export type { AttachmentRef, MarketplaceFacts, ReplyRoute, SavedDraft } from '../main/core/model'

const id = z.string().min(1).max(200)
const address = z.object({
  name: z.string().max(300).optional(),
  address: z.email().max(320),
})

/**
 * A SHA-256 certificate fingerprint as Node and browsers print it ("AB:CD:…", 32 pairs), from
 * that form or 64 hex digits in either case, with or without separators; undefined if neither.
 */
export function normalizeCertFingerprint(input: string): string | undefined {
  const hex = input.trim().replace(/[\s:]/g, '')
  if (!/^[0-9a-f]{64}$/i.test(hex)) return undefined
  return hex.toUpperCase().match(/../g)!.join(':')
}

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
const mailAccountDraft = z.object({ kind: z.literal('imap').optional(), ...accountFields }).strict()
/** What `account.add` takes for a mail account (the settings form's shape). */
export type MailAccountInput = z.input<typeof mailAccountDraft>

const accountDraft = z.discriminatedUnion('kind', [
  mailAccountDraft,
  z.object(ebayAccountFields).strict(),
  z.object(rakutenAccountFields).strict(),
])

/** Attachments of one message together, in bytes (what most mail servers take: 25 MB). */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
const MAX_ATTACHMENT_MB = MAX_ATTACHMENT_BYTES / 1024 / 1024

/** Why a message's attachments, `total` bytes together, cannot be sent. */
export function attachmentsTooLarge(total: number): string {
  // Rounded up, so a total just over the limit never reads as the limit itself.
  const mb = (Math.ceil((total / 1024 / 1024) * 10) / 10).toFixed(1)
  return `The attachments come to ${mb} MB; at most ${MAX_ATTACHMENT_MB} MB can be sent in one message. Leave some out, or send them in a second message.`
}

/** Bytes a base64 string decodes to. */
export function base64Size(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0
  return Math.floor((data.length * 3) / 4) - padding
}

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

/** Overdue: the customers in Waiting whose response clock ran out, longest overdue first. */
export const INBOX_VIEWS = ['waiting', 'overdue', 'snoozed', 'done', 'all'] as const
export type InboxView = (typeof INBOX_VIEWS)[number]

/** Remote images of one message, or of every message from its sender. */
export const REMOTE_IMAGE_SCOPES = ['message', 'sender'] as const
export type RemoteImageScope = (typeof REMOTE_IMAGE_SCOPES)[number]

/** Text a seller types into a field: any characters but controls (line breaks and tabs allowed). */
const typed = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} may be at most ${max.toLocaleString('en')} characters.`)
    .refine((s) => !/[^\P{Cc}\n\r\t]/u.test(s), `${what} cannot contain control characters.`)

const tag = z
  .string()
  .trim()
  .min(1, 'A tag cannot be empty.')
  .max(40, 'A tag may be at most 40 characters.')
  .refine((t) => !/[\p{Cc},]/u.test(t), 'A tag cannot contain commas or control characters.')

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
        .array(tag)
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

export type RequestMethod = keyof typeof requestSchemas
/** What a caller may send (defaults not yet applied). */
export type RequestInput<M extends RequestMethod> = z.input<(typeof requestSchemas)[M]>
/** What the engine receives after validation (defaults applied). */
export type RequestParams<M extends RequestMethod> = z.output<(typeof requestSchemas)[M]>

export interface Notice {
  id: string
  level: 'info' | 'warning' | 'error'
  message: string
  /** What the seller can do about it. */
  action?: string
  at: string
}

export interface AppInfo {
  version: string
  dataDir: string
  demo: boolean
  language: Language | 'system'
  counts: { customers: number; conversations: number; messages: number }
  notices: Notice[]
}

/** One customer waiting (or snoozed, done…) in the inbox list. */
export interface InboxRow {
  customerId: string
  name: string
  language: Language
  channels: Channel[]
  /** The conversation the row opens on: the most urgent one. */
  conversationId: string
  subject: string
  snippet: string
  orderNumber?: string
  lastMessageAt: string
  waitingSince?: string
  /** When the response clock of the most urgent conversation runs out. */
  dueAt?: string
  unreadCount: number
  openCount: number
  status: ConversationStatus
  /** When the row's conversation comes back, if it is snoozed. */
  snoozedUntil?: string
  /** Snoozed with no time: back when the customer writes. */
  snoozedUntilReply?: boolean
  /** Set on the row's conversation by a rule until the seller answers (core/rules). */
  priority?: 'high' | 'low'
}

export interface InboxPage {
  view: InboxView
  total: number
  offset: number
  rows: InboxRow[]
}

export interface ConversationSummary {
  id: string
  channel: Channel
  subject: string
  status: ConversationStatus
  orderNumber?: string
  /** Marketplace conversations: reply by e-mail through the relay, or only on the site (open `url`). */
  reply?: ReplyRoute
  lastMessageAt: string
  messageCount: number
  unreadCount: number
  dueAt?: string
  /** When it comes back to Waiting, if it is snoozed. */
  snoozedUntil?: string
  /** Snoozed with no time: back when the customer writes. */
  snoozedUntilReply?: boolean
}

export interface TimelineMessage {
  id: string
  conversationId: string
  channel: Channel
  direction: 'in' | 'out'
  from: MessageRecord['from']
  to: MessageRecord['to']
  subject: string
  date: string
  /** Plain-text body decoded from the raw message. */
  text: string
  attachments: AttachmentMeta[]
  unreadable?: string
  /** What a marketplace mail said: kind, buyer, order, item, rating (core/marketplaces). */
  marketplace?: MarketplaceFacts
}

/** One attachment of a message, as the conversation screen lists it. */
export interface MessageAttachment {
  /** Position among the message's attachments: what message.attachment and forwarding take. */
  index: number
  name: string
  contentType: string
  /** Decoded size in bytes. */
  size: number
  /** Shown within the body (Content-Disposition: inline, or part of a multipart/related). */
  inline: boolean
  /** Without angle brackets, as `cid:` URLs name it. */
  contentId?: string
}

export interface MessageBody {
  messageId: string
  /** Plain text: the text/plain part, else text made from the HTML. */
  text: string
  /** The raw, unsanitised HTML part, if any. Sanitise it; show it only in a sandboxed frame. */
  html?: string
  /** The HTML would load images from the network (tracking pixels among them). */
  hasRemoteImages: boolean
  /** The seller allowed remote images for this message or for its sender. */
  remoteImagesAllowed: boolean
  attachments: MessageAttachment[]
  /**
   * Images the HTML names with `cid:` URLs, as data: URLs, keyed by Content-ID as in `cid:`
   * (lower-cased, URL-decoded, no angle brackets). Raster images up to 5 MB each and 15 MB
   * together; a bigger one is missing here and still listed in `attachments`.
   */
  inlineImages: Record<string, string>
  /** Set when the stored message cannot be decoded: `text` is then what the record knows. */
  unreadable?: string
}

/** The bytes of one attachment. */
export interface AttachmentData {
  name: string
  contentType: string
  size: number
  dataBase64: string
}

export interface RemoteImagesAllowed {
  messageId: string
  scope: RemoteImageScope
  /** With scope 'sender': the address allowed (lower-cased). */
  sender?: string
}

/** What draft.save answers: enough to name the draft in the next save, not its text again. */
export interface DraftSaved {
  id: string
  conversationId?: string
  savedAt: string
}

/** A saved draft in a list: everything but the text, and a line of it. */
export type DraftSummary = Omit<SavedDraft, 'text'> & { snippet: string }

export interface CustomerView {
  customer: Customer
  conversations: ConversationSummary[]
  /** Every message with this customer on every channel, oldest first. */
  timeline: TimelineMessage[]
  orders: Order[]
  reminders: Reminder[]
  /** Calls logged with this customer and what they said, newest first. */
  calls?: CallLog[]
}

export interface ConversationView {
  conversation: ConversationSummary & { customerId: string; accountId: string }
  messages: TimelineMessage[]
}

export interface SyncAccountStatus {
  accountId: string
  label: string
  state: 'idle' | 'syncing' | 'offline' | 'error'
  lastSyncAt?: string
  lastError?: string
}

export interface SyncStatus {
  online: boolean
  accounts: SyncAccountStatus[]
  outbox: { queued: number; failed: number }
}

/** An account as the renderer sees it: never its secrets. */
export interface AccountView {
  id: string
  label: string
  kind: Account['kind']
  address: string
  displayName?: string
  imap?: Account['imap']
  smtp?: Account['smtp']
  /** Marketplace API accounts: where they connect, the eBay user name or Rakuten shop id. */
  api?: Account['api']
  /** The folders the seller chose; absent: the default (INBOX, Sent, Archive). */
  folders?: string[]
  /** What new drafts from the account open with below "-- "; absent: none. */
  signature?: string
  hasSecret: boolean
}

/** One folder of an account on its server, for choosing which ones to sync. */
export interface AccountFolder {
  path: string
  name: string
  /** The RFC 6154 role: \\Inbox, \\Sent, \\Archive, \\Drafts, \\Trash, \\Junk, \\All. */
  specialUse?: string
  messages?: number
  /** Synced now: chosen by the seller, or in the default choice. */
  chosen: boolean
}

export interface PresetServer {
  host: string
  port: number
  tls: 'tls' | 'starttls' | 'none'
}

/** Server settings of a known mail provider, offered when the seller types an address there. */
export interface MailPreset {
  id: string
  name: string
  /** The address domains it serves, lower-case. */
  domains: string[]
  imap: PresetServer
  smtp: PresetServer
  /** Other names of the same SMTP service (for recognising a server that files sent mail itself). */
  smtpAliases?: string[]
  /** What goes in the user name field: the whole address, or the part before the @. */
  user: { imap: 'address' | 'local-part'; smtp: 'address' | 'local-part' }
  /** The SMTP server files what it sends in Sent itself: no copy is appended over IMAP. */
  savesSentMail: boolean
  /** What the seller signs in with: the normal password, an app password, or OAuth2 only. */
  auth: 'password' | 'app-password' | 'oauth2'
  /** One line telling the seller what the provider needs, e.g. where to make an app password. */
  hint: string
}

/** A server's TLS certificate, shown so the seller can decide whether to trust it. */
export interface ServerCertificate {
  /** SHA-256 fingerprint, "AB:CD:…": what `trustedCertSha256` takes to trust this certificate. */
  sha256: string
  /** Distinguished names, e.g. "CN=mail.example.com, O=Example". */
  subject: string
  issuer: string
  /** The names it is valid for (subjectAltName), e.g. ["DNS:mail.example.com", "IP:192.0.2.1"]. */
  altNames: string[]
  validFrom: string
  validTo: string
  /** Issued by itself rather than by a certificate authority. */
  selfSigned: boolean
}

export type ConnectionCheck =
  | { ok: true; capabilities: string[] }
  | {
      ok: false
      code: string
      message: string
      action: string
      /** With code 'tls_error' when the server's certificate is the problem: the certificate. */
      certificate?: ServerCertificate
    }

export interface AccountTest {
  imap: ConnectionCheck
  smtp: ConnectionCheck
}

/** The test of a marketplace API account (eBay, Rakuten): one authenticated request. */
export interface ApiAccountTest {
  api: ConnectionCheck
}

/** A character range [start, end) of a line of text, where a search term matched. */
export interface TextRange {
  start: number
  end: number
}

/** One message found by `search.query`. */
export interface SearchHit {
  messageId: string
  conversationId: string
  customerId: string
  customerName: string
  channel: Channel
  direction: 'in' | 'out'
  /** The sender's name, or address when it has none. */
  from: string
  subject: string
  subjectMarks: TextRange[]
  snippet: string
  snippetMarks: TextRange[]
  date: string
}

export interface SearchResults {
  query: string
  offset: number
  hits: SearchHit[]
  /** Messages matching; counting stops at 1,000 (then `totalIsLowerBound`). */
  total: number
  totalIsLowerBound: boolean
  /** Time the engine took, in milliseconds. */
  tookMs: number
  /** The index is still being read or rebuilt: older messages may be missing from the results. */
  indexing: boolean
}

export interface ImportReport {
  imported: number
  duplicates: number
  unreadable: number
  errors: { source: string; message: string }[]
}

export interface Responses extends OrderResponses, CallbackResponses, ReportResponses, RuleResponses, TagResponses {
  'app.info': AppInfo
  'demo.open': AppInfo
  'inbox.list': InboxPage
  'customer.get': CustomerView
  'conversation.get': ConversationView
  'conversation.setStatus': ConversationSummary
  'conversation.markSeen': ConversationSummary
  'conversation.snooze': ConversationSummary
  'customer.update': Customer
  'message.send': OutboxItem
  'message.compose': Draft
  'message.body': MessageBody
  'message.attachment': AttachmentData
  'message.allowRemoteImages': RemoteImagesAllowed
  'draft.save': DraftSaved
  'draft.get': SavedDraft | null
  'draft.delete': SavedDraft | null
  'draft.list': DraftSummary[]
  'outbox.cancel': OutboxItem
  'outbox.list': OutboxItem[]
  'account.list': AccountView[]
  'account.add': AccountView
  'account.update': AccountView
  'account.remove': { id: string }
  'account.test': AccountTest | ApiAccountTest
  'account.folders': AccountFolder[]
  'account.preset': MailPreset | null
  'account.sync': SyncStatus
  'import.files': ImportReport
  'settings.get': Settings
  'settings.update': Settings
  'sync.status': SyncStatus
  'search.query': SearchResults
  'template.list': TemplateView[]
  'template.save': TemplateView
  'template.delete': TemplateView
  'template.render': TemplateRendering
  'template.used': TemplateView
  'template.suggest': TemplateSuggestion[]
}

/** Something for the seller's attention: shown as a desktop notification or an in-page toast. */
export interface Alert {
  /** callback: a callback the seller planned is due now. */
  kind: 'message' | 'sla' | 'callback'
  /** Stable per occurrence: the same alert is never shown twice. */
  id: string
  customerId: string
  /** Absent only on a callback for a customer with no conversation. */
  conversationId?: string
  customerName: string
  /** Absent only on a callback for a customer with no conversation. */
  channel?: Channel
  /** callback: why to call. */
  subject: string
  /** callback: the reminder, and the number to call. */
  reminderId?: string
  phone?: string
  /** sla: when the response clock runs out. */
  dueAt?: string
  at: string
}

/** Events the engine pushes to every connected renderer. */
export interface Events {
  alert: Alert
  'sync.progress': { accountId: string; folder: string; done: number; total: number }
  /**
   * An account's sync state changed (syncing, idle, error, offline) or accounts were added or
   * removed (`accountId` absent): `sync.status` should be asked again.
   */
  'sync.changed': { accountId?: string }
  /** `customerIds` absent: anything may have changed. */
  'inbox.changed': { customerIds?: string[] }
  'outbox.changed': { items: OutboxItem[] }
  'settings.changed': Settings
  'app.notice': Notice
  /** Callbacks were created, changed or came due: lists of them should be asked for again. */
  'callbacks.changed': { customerIds?: string[] }
  /** Rules fired (on these customers) or were changed: rule lists and logs should be asked for again. */
  'rules.changed': { customerIds?: string[] }
}
export type EventName = keyof Events

export const ERROR_CODES = [
  'bad_request',
  'unknown_method',
  'not_found',
  'conflict',
  /** Too big to hand over (an attachment beyond MAX_ATTACHMENT_BYTES). */
  'too_large',
  'unavailable',
  'internal',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiError {
  code: ErrorCode
  message: string
  /** For bad_request: which input field was wrong and why. */
  issues?: { path: string; message: string }[]
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

/** A typed error the engine throws; the dispatcher turns it into an ApiError. */
export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ApiError['issues'],
  ) {
    super(message)
    this.name = 'EngineError'
  }
}

/** What the renderer holds, whichever transport carries it. */
export interface Api {
  call<M extends RequestMethod>(method: M, input: RequestInput<M>): Promise<Responses[M]>
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
}

/** The shape `preload/index.ts` exposes on `window.sellerInbox` (no Node, no Electron). */
export interface Bridge {
  invoke(method: string, input: unknown): Promise<Result<unknown>>
  subscribe(listener: (event: string, payload: unknown) => void): () => void
}

/** Wire frames of the browser-mode WebSocket. */
export type ClientFrame = { id: number; method: string; input: unknown }
export type ServerFrame = { id: number; result: Result<unknown> } | { event: string; payload: unknown }

export { IPC_EVENT, IPC_INVOKE } from './channels'
export * from './clocks'
export * from './orders'
export * from './reports'
export * from './callbacks'
export * from './rules'
export * from './tags'
export * from './keys'
// The composer and the signature editor share the engine's signature rules (pure core code).
export { MAX_SIGNATURE_LENGTH, signaturePreview, swapSignature } from '../main/core/signature'
export type { TemplateRendering, TemplateSuggestion, TemplateView } from './templates'
export {
  FIELD_CLOSE,
  FIELD_OPEN,
  findFields,
  isBlocking,
  MAX_TEMPLATE_CHARS,
  nextField,
  TEMPLATE_VARIABLES,
  VARIABLE_LABELS,
  type FieldSpan,
  type TemplateProblem,
  type VariableName,
} from './templates'
import type { TemplateRendering, TemplateSuggestion, TemplateView } from './templates'
