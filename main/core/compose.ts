// Drafts of a reply, reply-all, forward or new message: who it goes to, which account sends
// it, the subject, the quoted original and the threading headers. Pure: the engine hands in
// the original record, its plain text and the accounts; the seller edits what comes out.
import {
  isApiAccount,
  type Account,
  type Address,
  type Language,
  type MessageFields,
  type MessageRecord,
} from './model'
import { openingBody } from './signature'
import { stripSubjectPrefixes } from './threading'

export const COMPOSE_MODES = ['reply', 'replyAll', 'forward', 'new'] as const
export type ComposeMode = (typeof COMPOSE_MODES)[number]

/** An attachment of a stored message, carried into a forward by reference. */
export interface DraftAttachment {
  /** Record id of the message holding it. */
  fromMessage: string
  /** Its position among that message's attachments. */
  index: number
  filename: string
  contentType: string
  size: number
}

/** What the composer opens with. Everything but `mode` maps onto `message.send`. */
export interface Draft extends MessageFields {
  mode: ComposeMode
  accountId: string
  /**
   * The conversation the sent message joins. A forward joins none: passing a customer's
   * question on to a supplier is not an answer, and must not stop the response clock.
   * (`text` is the body as it opens: room to write at the top, then the quote.)
   */
  conversationId?: string
  attachments: DraftAttachment[]
}

export interface ComposeInput {
  mode: ComposeMode
  /** The message answered or forwarded; absent for a new message outside any conversation. */
  original?: MessageRecord
  /** The original's plain-text body. */
  originalText?: string
  /** Every account: their addresses are the seller's own; those that can send may be From. */
  accounts: Account[]
  /** Language of the attribution line and dates. */
  language: Language
  /** IANA time zone the original's date is written in (default UTC). */
  timeZone?: string
}

/** How many Message-IDs of a long thread References keeps: the first and the last 20. */
export const MAX_REFERENCES = 21

export function composeDraft(input: ComposeInput): Draft {
  const { mode, original, accounts } = input
  const own = new Set(accounts.map((a) => normalise(a.address)))
  const accountId = senderAccount(original, accounts)
  // The From account's signature goes below where the seller writes and above the quote.
  const signature = accounts.find((a) => a.id === accountId)?.signature
  if (!original) {
    return { mode, accountId, to: [], cc: [], subject: '', text: openingBody(signature, ''), attachments: [] }
  }

  const text = input.originalText ?? ''
  const zone = input.timeZone ?? 'UTC'
  if (mode === 'forward') {
    return {
      mode,
      accountId,
      to: [],
      cc: [],
      subject: forwardSubject(original.subject),
      text: openingBody(signature, forwardBlock(original, text, input.language, zone)),
      attachments: original.attachments.map((a, index) => ({
        fromMessage: original.id,
        index,
        filename: a.filename,
        contentType: a.contentType,
        size: a.size,
      })),
    }
  }

  const recipients = replyRecipients(original, own, mode === 'replyAll')
  if (mode === 'new') {
    return {
      mode,
      accountId,
      conversationId: original.conversationId,
      ...recipients,
      subject: '',
      text: openingBody(signature, ''),
      attachments: [],
    }
  }
  const tokens = marketplaceTokens(text)
  const body = openingBody(
    signature,
    `${attribution(original.from, original.date, input.language, zone)}\n${quote(text)}` +
      (tokens.length ? `\n\n${tokens.join(' ')}` : ''),
  )
  const references = referencesFor(original)
  return {
    mode,
    accountId,
    conversationId: original.conversationId,
    ...recipients,
    subject: replySubject(original.subject),
    text: body,
    ...(references.length ? { inReplyTo: references[references.length - 1], references } : {}),
    attachments: [],
  }
}

/** The message a reply answers when none is named: the latest from the customer, else the latest. */
export function pickOriginal(messages: MessageRecord[], recordId?: string): MessageRecord | undefined {
  if (recordId !== undefined) return messages.find((m) => m.id === recordId)
  const latest = (list: MessageRecord[]) =>
    list.reduce<MessageRecord | undefined>((best, m) => (!best || m.date >= best.date ? m : best), undefined)
  return latest(messages.filter((m) => m.direction === 'in')) ?? latest(messages)
}

/**
 * Who a reply goes to. To the Reply-To if there is one, else the sender; a reply to the
 * seller's own message goes to that message's recipients. Reply-all adds the original To
 * (to To) and Cc (to Cc). The seller's own addresses are never recipients, and an address
 * appears once, whatever its case.
 */
export function replyRecipients(
  original: MessageRecord,
  own: ReadonlySet<string>,
  all: boolean,
): { to: Address[]; cc: Address[] } {
  const isOwn = (a: Address) => own.has(normalise(a.address))
  const mine = original.direction === 'out' || isOwn(original.from)
  const replyTo = (original.replyTo ?? []).filter((a) => !isOwn(a))
  const answer = mine ? original.to : replyTo.length ? replyTo : [original.from]
  const to = all && !mine ? [...answer, ...original.to] : answer
  const cc = all ? (original.cc ?? []) : []
  const keep = (a: Address) => !isOwn(a) && !a.address.toLowerCase().endsWith('@seller-inbox.invalid')
  const toList = unique(to.filter(keep))
  const seen = new Set(toList.map((a) => normalise(a.address)))
  const ccList = unique(cc.filter(keep)).filter((a) => !seen.has(normalise(a.address)))
  // The seller's own message went to Cc only: its Cc recipients are the ones to answer.
  if (toList.length === 0 && mine) return { to: unique((original.cc ?? []).filter(keep)), cc: [] }
  return { to: toList, cc: ccList }
}

/**
 * The sending account. Replies leave from the account the message arrived on: a marketplace
 * relay (Amazon's masked addresses) accepts mail only from the seller's registered address.
 * An account that cannot send (an import, the demo) hands over to the sending account the
 * original was addressed to, else the first one set up. With no sending account at all the
 * original's account stays (the demo "sends" locally).
 */
export function senderAccount(original: MessageRecord | undefined, accounts: Account[]): string {
  const sending = accounts
    .filter(canSend)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
  if (!original) return (sending[0] ?? accounts[0])?.id ?? ''
  const arrivedOn = accounts.find((a) => a.id === original.accountId)
  // A marketplace API account answers its own conversations (through the API), never others.
  if (arrivedOn && (canSend(arrivedOn) || isApiAccount(arrivedOn))) return arrivedOn.id
  const addressed = new Set([original.from, ...original.to, ...(original.cc ?? [])].map((a) => normalise(a.address)))
  return (sending.find((a) => addressed.has(normalise(a.address))) ?? sending[0])?.id ?? original.accountId
}

export function canSend(account: Account): boolean {
  return account.kind === 'imap' && account.smtp !== undefined
}

// ── Subjects ────────────────────────────────────────────────────────────────────────────

/** "Re: " once, whatever prefixes (any language) the subject had. */
export function replySubject(subject: string): string {
  return `Re: ${stripSubjectPrefixes(subject)}`.trimEnd()
}

export function forwardSubject(subject: string): string {
  return `Fwd: ${stripSubjectPrefixes(subject)}`.trimEnd()
}

// ── Threading ───────────────────────────────────────────────────────────────────────────

/**
 * References of a reply: the original's References and its Message-ID, each once. A long
 * thread keeps its first message and the latest ones (RFC 5322 §3.6.4 allows trimming), so
 * the header stays well under servers' limits. Ids the app made up for mail that had none
 * mean nothing to anyone else and are left out.
 */
export function referencesFor(original: MessageRecord): string[] {
  const ids: string[] = []
  for (const id of [...(original.references ?? []), original.messageId]) {
    if (!id || id.endsWith('@seller-inbox.invalid>') || ids.includes(id)) continue
    ids.push(id)
  }
  // The original's own id must be last: it is the In-Reply-To.
  if (original.messageId && ids.includes(original.messageId) && ids[ids.length - 1] !== original.messageId) {
    ids.splice(ids.indexOf(original.messageId), 1)
    ids.push(original.messageId)
  }
  if (ids.length <= MAX_REFERENCES) return ids
  return [ids[0]!, ...ids.slice(ids.length - (MAX_REFERENCES - 1))]
}

// ── Body ────────────────────────────────────────────────────────────────────────────────

/** "> " before every line; lines quoted already get one more ">" (">> "). */
export function quote(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .trimEnd()
    .split('\n')
    .map((line) => (line.startsWith('>') ? `>${line}` : line.trim() === '' ? '>' : `> ${line}`))
    .join('\n')
}

/** "On Mon, 23 Nov 2026 at 10:04, Jane Doe <jane@x> wrote:" / "2026年11月23日(月) 10:04 Jane Doe <jane@x>:". */
export function attribution(from: Address, date: string, language: Language, timeZone = 'UTC'): string {
  const when = formatDate(date, language, timeZone)
  return language === 'ja' ? `${when} ${formatAddress(from)}:` : `On ${when}, ${formatAddress(from)} wrote:`
}

function forwardBlock(original: MessageRecord, text: string, language: Language, timeZone: string): string {
  const lines = [
    '---------- Forwarded message ---------',
    `From: ${formatAddress(original.from)}`,
    `Date: ${formatDate(original.date, language, timeZone)}`,
    `Subject: ${original.subject}`,
    `To: ${original.to.map(formatAddress).join(', ')}`,
  ]
  if (original.cc?.length) lines.push(`Cc: ${original.cc.map(formatAddress).join(', ')}`)
  return `${lines.join('\n')}\n\n${text.replace(/\r\n?/g, '\n').trimEnd()}`
}

/**
 * Amazon's "[commMgrTok:…]" tokens: the relay routes a reply by them, so a reply carries them
 * on a line of their own below the quote, where trimming the quote does not remove them.
 */
export function marketplaceTokens(text: string): string[] {
  return [...new Set(text.match(/\[commMgrTok:[^\]\s]+\]/g) ?? [])]
}

export function formatAddress(a: Address): string {
  const name = a.name?.trim()
  return name ? `${name} <${a.address}>` : a.address
}

const JA_WEEKDAYS: Record<string, string> = {
  Sun: '日',
  Mon: '月',
  Tue: '火',
  Wed: '水',
  Thu: '木',
  Fri: '金',
  Sat: '土',
}

/** "Mon, 23 Nov 2026 at 10:04" / "2026年11月23日(月) 10:04", in the given zone. */
export function formatDate(iso: string, language: Language, timeZone = 'UTC'): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  const zone = knownZone(timeZone)
  const parts = new Intl.DateTimeFormat('en-US', {
    weekday: 'short',
    day: 'numeric',
    month: language === 'ja' ? 'numeric' : 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  }).formatToParts(date)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  const time = `${part('hour')}:${part('minute')}`
  if (language === 'ja') {
    return `${part('year')}年${part('month')}月${part('day')}日(${JA_WEEKDAYS[part('weekday')] ?? ''}) ${time}`
  }
  return `${part('weekday')}, ${part('day')} ${part('month')} ${part('year')} at ${time}`
}

/** The zone if the runtime knows it, else UTC: a bad setting must not break composing. */
function knownZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return timeZone
  } catch {
    return 'UTC'
  }
}

function normalise(address: string): string {
  return address.trim().toLowerCase()
}

/** Each address once (case-insensitively), keeping the first spelling and any name found later. */
function unique(list: Address[]): Address[] {
  const out: Address[] = []
  const at = new Map<string, number>()
  for (const a of list) {
    const key = normalise(a.address)
    if (!key) continue
    const i = at.get(key)
    if (i === undefined) {
      at.set(key, out.length)
      out.push(a.name ? { name: a.name, address: a.address } : { address: a.address })
    } else if (!out[i]!.name && a.name) {
      out[i] = { name: a.name, address: out[i]!.address }
    }
  }
  return out
}
