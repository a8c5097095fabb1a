// The domain records the store keeps and the engine reasons about. Plain data only:
// everything here must survive JSON.stringify/parse unchanged.
import { DEFAULT_BUSINESS_HOURS, DEFAULT_RESPONSE_POLICIES, type ClockSettings } from './clocks/policies'

/** Where a message came from or goes to. Plain e-mail and each marketplace. */
export const CHANNELS = ['email', 'amazon', 'ebay', 'etsy', 'walmart', 'rakuten', 'yahoo', 'mercari'] as const
export type Channel = (typeof CHANNELS)[number]

export type Language = 'en' | 'ja'

/** ISO-8601 timestamp in UTC, e.g. 2026-11-23T09:15:00.000Z. */
export type IsoTime = string

export interface Address {
  name?: string
  address: string
}

/** How to reach one of an account's mail servers (the secret is kept apart, sealed). */
export interface MailServerSettings {
  host: string
  port: number
  tls: 'tls' | 'starttls' | 'none'
  user: string
  /** SHA-256 fingerprint ("AB:CD:…") of the one server certificate the seller chose to trust. */
  trustedCertSha256?: string
}

export interface Account {
  id: string
  /** What the seller calls it: "Shop mail", "Amazon JP". */
  label: string
  /** 'ebay' and 'rakuten' talk to the marketplace's message API (channels/ebay, channels/rakuten), not to mail servers. */
  kind: 'imap' | 'local' | 'demo' | ApiAccountKind
  /** The address replies are sent from. */
  address: string
  displayName?: string
  imap?: MailServerSettings
  smtp?: MailServerSettings
  /**
   * IMAP folders the seller chose to sync (server paths). INBOX is synced either way. Absent:
   * INBOX, Sent and Archive — never Trash, Junk or Drafts unless chosen.
   */
  folders?: string[]
  /** Name of the sealed secret in the secrets document; never the secret itself. */
  secretRef?: string
  /** Where a marketplace API account connects (its token or keys are sealed under secretRef). */
  api?: ApiAccountSettings
  /** Plain-text e-mail signature (≤ 2,000 characters) new drafts from this account open with. */
  signature?: string
  createdAt: IsoTime
}

export const API_ACCOUNT_KINDS = ['ebay', 'rakuten'] as const
/** Accounts that reach buyers through a marketplace's message API. */
export type ApiAccountKind = (typeof API_ACCOUNT_KINDS)[number]

export function isApiAccount(account: Pick<Account, 'kind'>): account is Account & { kind: ApiAccountKind } {
  return (API_ACCOUNT_KINDS as readonly string[]).includes(account.kind)
}

export interface ApiAccountSettings {
  /** https://api.ebay.com, https://api.rms.rakuten.co.jp, or a local emulator in tests. */
  baseUrl: string
  /** The seller's eBay user name (tells their own messages from the buyer's). */
  username?: string
  /** The Rakuten shop id (replies name it). */
  shopId?: number
}

/** A key that identifies a person: two records sharing one are the same customer. */
export interface IdentityKey {
  kind: 'email' | 'relay' | 'buyer' | 'order' | 'phone'
  /** Normalised value: lower-cased address, "ebay:buyer_id", order number… */
  value: string
}

/** How a reply reaches a marketplace buyer: e-mail to a relay address, or only on the marketplace's site. */
export type ReplyRoute = { mode: 'relay'; address: string } | { mode: 'site'; url: string }

export const MESSAGE_KINDS = ['question', 'return', 'feedback', 'other'] as const
/** What a marketplace message is about: a question, a return or cancellation request, a review notice. */
export type MessageKind = (typeof MESSAGE_KINDS)[number]

/** What a marketplace mail says about itself, read by the recognisers in core/marketplaces. */
export interface MarketplaceFacts {
  /** The rule that recognised it (built-in or the seller's marketplace-rules.json). */
  rule: string
  kind: MessageKind
  buyerName?: string
  buyerId?: string
  orderNumber?: string
  inquiryNumber?: string
  itemTitle?: string
  itemId?: string
  /** Stars (1–5) when a feedback or review notice states them. */
  rating?: number
  reply: ReplyRoute
}

export interface Customer {
  id: string
  name: string
  language: Language
  keys: IdentityKey[]
  tags: string[]
  note: string
  createdAt: IsoTime
  /** Other names this person went by: those of customers merged into this one. */
  aliases?: string[]
  /** A number to call them on, as the seller typed it (callbacks); absent when none is known. */
  phone?: string
}

export type ConversationStatus = 'open' | 'done' | 'snoozed'

/** The part of a conversation that marking it done, snoozing and reopening change. */
export interface StatusFields {
  status: ConversationStatus
  snoozedUntil?: IsoTime
  wokeAt?: IsoTime
  /** Snoozed with no time: back when the customer writes (core/status.ts customerWrote). */
  untilReply?: boolean
  /** A snoozed conversation's own `previous`, so that undoing done and then the snooze both work. */
  previous?: StatusFields
}

/**
 * A thread with one customer on one channel. Carries the denormalised facts the inbox
 * needs (last message, unread count) so the inbox can be built without loading messages.
 */
export interface Conversation {
  id: string
  customerId: string
  accountId: string
  channel: Channel
  subject: string
  status: ConversationStatus
  snoozedUntil?: IsoTime
  /** Snoozed until the customer writes again, with no time set (`snoozedUntil` absent). */
  untilReply?: boolean
  /**
   * Came back from a snooze at this moment: it waits for the seller even when the seller wrote
   * last (a follow-up), until the seller writes, marks it done or snoozes it again.
   */
  wokeAt?: IsoTime
  /**
   * How it was before it was last marked done or snoozed, so reopening it restores exactly that
   * (the UI's undo of `e` and `s`; core/status.ts).
   */
  previous?: StatusFields
  orderNumber?: string
  /**
   * How the seller answers on a marketplace conversation (core/marketplaces): by e-mail through
   * its relay, or only on the marketplace's site. Absent on plain e-mail.
   */
  reply?: ReplyRoute
  /** The marketplace's own threads (orders, inquiries: core/marketplaces/recognise.ts) whose mail joins it. */
  marketplaceThreads?: string[]
  /** When the customer's oldest unanswered message arrived; drives the response clock. */
  waitingSince?: IsoTime
  lastMessageAt: IsoTime
  lastSnippet: string
  lastFrom: 'customer' | 'seller'
  messageCount: number
  unreadCount: number
  /** Month shards ("2026-11") holding this conversation's messages. */
  shards: string[]
  /** Set by a rule (core/rules): high comes first among equals in the inbox; absent is normal. */
  priority?: 'high' | 'low'
}

export interface AttachmentMeta {
  filename: string
  contentType: string
  size: number
}

/** Parsed facts of one message. The body lives in the raw .eml file at `emlPath`. */
export interface MessageRecord {
  id: string
  conversationId: string
  customerId: string
  accountId: string
  channel: Channel
  direction: 'in' | 'out'
  messageId?: string
  inReplyTo?: string
  references?: string[]
  from: Address
  to: Address[]
  /** Absent when the message had none (and on records from before it was kept). */
  cc?: Address[]
  /** Where the sender asked replies to go; absent when the message had no Reply-To. */
  replyTo?: Address[]
  subject: string
  date: IsoTime
  snippet: string
  seen: boolean
  attachments: AttachmentMeta[]
  /** Path of the raw message relative to the data folder (mail/…/x.eml). */
  emlPath: string
  /** Set when the raw message could not be decoded; it is kept and shown as such. */
  unreadable?: string
  /** What a marketplace notification or relay mail said (core/marketplaces); absent on plain e-mail. */
  marketplace?: MarketplaceFacts
  /** The seller chose to load this message's remote images (see also Settings.remoteImagesFrom). */
  remoteImagesAllowed?: boolean
  /**
   * 'api-json': the stored raw message (at `emlPath`) is the marketplace API's JSON of it, not
   * MIME (channels/api/stored.ts reads it). Absent: an .eml.
   */
  format?: 'api-json'
  /** A reply the seller sent: the templates inserted into it (reports compare their response times). */
  templateIds?: string[]
}

/** An attachment of a stored message, carried by reference: its bytes stay in the .eml. */
export interface AttachmentRef extends AttachmentMeta {
  /** Record id of the message holding it. */
  fromMessage: string
  /** Its position among that message's attachments. */
  index: number
}

/** The words and addressing of a message being written: draft, composed answer, outbox item. */
export interface MessageFields {
  to: Address[]
  cc: Address[]
  subject: string
  text: string
  inReplyTo?: string
  references?: string[]
}

/**
 * What the composer holds, saved while the seller types (autosave) so nothing typed is lost to
 * a crash. At most one per conversation; new messages outside any conversation have their own.
 */
export interface SavedDraft extends MessageFields {
  /** drf_…, chosen at the first save; later saves name it. */
  id: string
  /** The conversation it answers; absent for a new message or a forward. */
  conversationId?: string
  accountId: string
  mode?: 'reply' | 'replyAll' | 'forward' | 'new'
  /** Attachments of stored messages (a forward's); files picked from disk are not kept. */
  attachments: AttachmentRef[]
  savedAt: IsoTime
}

export interface OrderLine {
  sku?: string
  title: string
  quantity: number
  price: number
}

export interface Order {
  id: string
  customerId: string
  channel: Channel
  orderNumber: string
  placedAt: IsoTime
  currency: string
  total: number
  status: 'pending' | 'shipped' | 'delivered' | 'cancelled' | 'returned'
  items: OrderLine[]
  trackingNumber?: string
  carrier?: string
  /** The phone number of the shipping address, when the marketplace or export gives one. */
  shippingPhone?: string
}

export interface Template {
  id: string
  name: string
  shortcut: string
  language: Language
  folder: string
  body: string
  usage: number
  /**
   * Templates sharing a group are language variants of one answer: the composer picks the one in
   * the customer's language. Absent: the shortcut without a trailing "-en"/"-ja" (so the demo's
   * "ship-delay" and "ship-delay-ja" are one template), see core/templates/variants.ts.
   */
  group?: string
  /** Last edited by the seller; absent on templates never edited (a starter left as seeded). */
  updatedAt?: IsoTime
  lastUsedAt?: IsoTime
}

/**
 * Which template the seller chose for which customer message: what suggestions learn from.
 * `words` are the message's words as core/templates/words.ts segments them.
 */
export interface TemplateChoice {
  id: string
  group: string
  channel: Channel
  words: string[]
  at: IsoTime
}

export interface Reminder {
  id: string
  customerId: string
  conversationId?: string
  dueAt: IsoTime
  reason: string
  phone?: string
  note: string
  done: boolean
  /** Absent on reminders from before callbacks could be created in the app (the demo's). */
  createdAt?: IsoTime
  doneAt?: IsoTime
  /** The `dueAt` the seller was alerted for: alerted once per due time, also across restarts. */
  alertedFor?: IsoTime
}

/** An attachment of a queued message: its bytes wait in the data folder, never in JSON. */
export interface OutboxAttachment extends AttachmentMeta {
  /** Path of the bytes relative to the data folder (outbox/<item id>/<n>). */
  file: string
}

export interface OutboxItem extends MessageFields {
  id: string
  accountId: string
  conversationId?: string
  /** Stable Message-ID chosen when queued, so a retry after a crash is recognisable. */
  messageId: string
  /**
   * The Message-ID of the copy the channel itself keeps, when it differs: a marketplace API gives
   * the posted message its own id, so the copy a later pull brings back is recognised as this one.
   */
  remoteMessageId?: string
  /** Absent on items queued before attachments existed. */
  attachments?: OutboxAttachment[]
  /** The templates inserted into it; absent when none (or queued before this was recorded). */
  templateIds?: string[]
  queuedAt: IsoTime
  /** Not sent before this moment: the undo-send window. */
  sendAfter: IsoTime
  /** submitted: the server accepted it; only the bookkeeping (Sent copy, timeline) remains. */
  state: 'queued' | 'sending' | 'submitted' | 'sent' | 'failed'
  attempts: number
  lastError?: string
  sentAt?: IsoTime
}

export interface Settings extends ClockSettings {
  language: Language | 'system'
  markSeenOnOpen: boolean
  undoSendSeconds: number
  /**
   * What marking a conversation done does on the mail server: 'archive' moves the customer's
   * messages out of INBOX into the archive folder; 'flag' leaves them where they are and marks
   * them handled (see engine/server-actions.ts for which flags); 'none' keeps it local.
   */
  doneAction: DoneAction
  /** Senders (lower-cased addresses) whose messages load remote images without asking. */
  remoteImagesFrom: string[]
  demo: boolean
  /**
   * The seller's own keys, by command id (the renderer's command registry): key sequences as
   * written (`x`, `g i`, `Mod+K`); `[]` unbinds. Absent: every command has its default keys.
   */
  keyBindings?: Record<string, string[]>
}

export const DONE_ACTIONS = ['archive', 'flag', 'none'] as const
export type DoneAction = (typeof DONE_ACTIONS)[number]

export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  markSeenOnOpen: true,
  undoSendSeconds: 10,
  doneAction: 'archive',
  remoteImagesFrom: [],
  demo: false,
  responsePolicies: DEFAULT_RESPONSE_POLICIES,
  businessHours: DEFAULT_BUSINESS_HOURS,
  timeZone: 'system',
  observeJapaneseHolidays: true,
}
