// The one contract between the renderer and the engine: every request with its input and
// response type, and every event the engine pushes. Both transports (Electron IPC and the
// browser-mode WebSocket) carry exactly these messages. The input schemas the engine validates
// with are in schemas/requests.ts: only types come from there, so the renderer loads no zod.
import type { z } from 'zod'
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
import { COMPOSE_MODES, type Draft } from '../main/core/compose'
import type { CallbackResponses, CallLog } from './callbacks'
import type { OrderResponses } from './orders'
import type { ReportResponses } from './reports'
import type { RuleResponses } from './rules'
import type { TagResponses } from './tags'
import type { mailAccountDraft, requestSchemas } from './schemas/requests'

export { COMPOSE_MODES }
export type { ComposeMode, Draft, DraftAttachment } from '../main/core/compose'
export type { AttachmentRef, MarketplaceFacts, ReplyRoute, SavedDraft } from '../main/core/model'

/**
 * A SHA-256 certificate fingerprint as Node and browsers print it ("AB:CD:…", 32 pairs), from
 * that form or 64 hex digits in either case, with or without separators; undefined if neither.
 */
export function normalizeCertFingerprint(input: string): string | undefined {
  const hex = input.trim().replace(/[\s:]/g, '')
  if (!/^[0-9a-f]{64}$/i.test(hex)) return undefined
  return hex.toUpperCase().match(/../g)!.join(':')
}

/** What `account.add` takes for a mail account (the settings form's shape). */
export type MailAccountInput = z.input<typeof mailAccountDraft>

/** Attachments of one message together, in bytes (what most mail servers take: 25 MB). */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
/** The same in megabytes, as messages to the seller put it. */
export const MAX_ATTACHMENT_MB = MAX_ATTACHMENT_BYTES / 1024 / 1024

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

/** Overdue: the customers in Waiting whose response clock ran out, longest overdue first. */
export const INBOX_VIEWS = ['waiting', 'overdue', 'snoozed', 'done', 'all'] as const
export type InboxView = (typeof INBOX_VIEWS)[number]

/** Remote images of one message, or of every message from its sender. */
export const REMOTE_IMAGE_SCOPES = ['message', 'sender'] as const
export type RemoteImageScope = (typeof REMOTE_IMAGE_SCOPES)[number]

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
