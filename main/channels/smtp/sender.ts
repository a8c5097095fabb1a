// Sends an outbox item over the account's SMTP server, then files a copy in the account's Sent
// folder over IMAP so other mail apps (and a restart after a crash) see that it went out.
import type { ImapFlow } from 'imapflow'
import { loadImapFlow, loadNodemailer } from '../mail/clients'
import type { Account, OutboxItem } from '../../core/model'
import type { Sender } from '../../engine/outbox'
import { trustedTlsOptions } from '../mail/certificate'
import { savesSentMail } from '../mail/presets'
import {
  DEFAULT_TIMEOUT_MS,
  closeQuietly,
  failureKind,
  imapClientOptions,
  serverReason,
  smtpTransportOptions,
  tlsProblem,
  withDeadline,
  type ImapLoginConfig,
  type SmtpLoginConfig,
} from '../imap/connection-test'

/** What the resolver hands the sender for one account: Account.smtp, the secret, and options. */
export interface SmtpAccountSettings extends SmtpLoginConfig {
  /**
   * File a copy in the Sent folder over IMAP after sending. Default: true, except for servers
   * known to file submitted mail themselves (Gmail, Outlook.com: `savesSentMail` in
   * mail/presets.ts), where a second copy would be a duplicate.
   */
  saveSentCopy?: boolean
}

export interface SmtpSenderOptions {
  /** The account's IMAP login, for the Sent copy and the crash check; undefined if it has none. */
  imap?: (account: Account) => Promise<ImapLoginConfig | undefined>
  /** Per-phase network timeout (connect, greeting, login). */
  timeoutMs?: number
  /** Where problems that do not fail the send are reported (the Sent copy could not be saved…). */
  log?: (line: string) => void
}

export type SendErrorKind =
  /** Not on the network, or the server name cannot be looked up right now. */
  | 'offline'
  /** The server refused or dropped the connection, or did not answer in time. */
  | 'connection'
  /** TLS could not be set up: wrong security setting or port, or a bad certificate. */
  | 'tls'
  /** The server refused the login. */
  | 'auth'
  /** The server refused the message or a recipient for good (5xx). */
  | 'rejected'
  /** The server asked to try later (4xx). */
  | 'deferred'
  /** The account's outgoing settings are missing or unusable. */
  | 'settings'
  | 'unknown'

/** A failed send, with words the seller can act on and whether trying again later can help. */
export class SendError extends Error {
  constructor(
    message: string,
    /** True if the same message may go through later unchanged (network, 4xx); false if something must change. */
    readonly temporary: boolean,
    readonly kind: SendErrorKind,
    /** The server's reply, when it gave one ("535 5.7.8 Authentication failed"). */
    readonly serverResponse?: string,
    readonly responseCode?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'SendError'
  }
}

/** Names of the Sent folder on servers that do not flag it \Sent (SPECIAL-USE), lower-cased. */
const COMMON_SENT_NAMES = [
  'sent',
  'sent items',
  'sent messages',
  'sent mail',
  'inbox.sent',
  'inbox/sent',
  'inbox.sent items',
  'inbox.sent messages',
  '[gmail]/sent mail',
  '送信済み',
  '送信済みメール',
  '送信済みアイテム',
]

const WAS_DELIVERED_ATTEMPTS = 2
const WAS_DELIVERED_PAUSE_MS = 2000

export class SmtpSender implements Sender {
  private readonly timeoutMs: number
  private readonly log: (line: string) => void

  constructor(
    private readonly resolve: (account: Account) => Promise<SmtpAccountSettings>,
    private readonly options: SmtpSenderOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.log = options.log ?? (() => undefined)
  }

  async deliver(
    item: OutboxItem,
    account: Account,
    raw: Buffer,
    accepted: () => Promise<void> = async () => undefined,
  ): Promise<void> {
    const settings = await this.settingsOf(account)
    const recipients = uniqueAddresses([...item.to, ...item.cc].map((a) => a.address))
    if (recipients.length === 0) {
      throw new SendError(`"${item.subject}" has no recipients.`, false, 'settings')
    }
    const trust = await trustedTlsOptions(settings, 'smtp', this.timeoutMs).catch((err: unknown) => {
      throw toSendError(err, settings, item)
    })
    const nodemailer = await loadNodemailer()
    const transport = nodemailer.createTransport(smtpTransportOptions(settings, this.timeoutMs, trust))
    try {
      // No overall deadline here: cutting a connection after the final "." could leave a message
      // accepted but reported failed. nodemailer's per-phase and idle-socket timeouts bound it.
      const info = await transport.sendMail({ envelope: { from: account.address, to: recipients }, raw })
      if (info.rejected.length > 0) {
        // Some recipients got it: failing now would invite a retry that sends it to them twice.
        this.log(
          `smtp: "${item.subject}" (${item.messageId}) was not accepted for ${info.rejected.join(', ')} by ${settings.host}`,
        )
      }
    } catch (err) {
      throw toSendError(err, settings, item)
    } finally {
      transport.close()
    }
    await accepted()
    if (settings.saveSentCopy ?? !savesSentMail(settings.host)) await this.saveSentCopy(item, account, raw)
  }

  /** After a crash past the server's "accepted": file the Sent copy unless it is there already. */
  async finish(item: OutboxItem, account: Account, raw: Buffer): Promise<void> {
    const settings = await this.settingsOf(account)
    if (!(settings.saveSentCopy ?? !savesSentMail(settings.host))) return
    if (!(await this.wasDelivered(item, account))) await this.saveSentCopy(item, account, raw)
  }

  /**
   * After a crash between the server's "accepted" and the outbox's bookkeeping: is the message
   * in the Sent folder (our own copy, or the one an auto-saving server filed)?
   *
   * When that cannot be known (no IMAP login, or IMAP unreachable after a retry) this answers
   * false, so the outbox sends again. The trade-off: the message is then possibly sent twice,
   * but never silently lost. A customer getting the same reply twice is a small embarrassment;
   * a reply the seller believes sent that never left is a missed answer (and, on Amazon, a missed
   * 24-hour deadline). The window in which a false "no" causes a duplicate is small: the item is
   * in 'sending' mostly while connecting and uploading, before the server accepted anything, and
   * after a crash while offline the re-send fails anyway.
   */
  async wasDelivered(item: OutboxItem, account: Account): Promise<boolean> {
    const login = await this.imapLoginOf(account)
    if (!login) return false
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.withImap(login, async (client) => {
          const sent = await findSentFolder(client)
          return sent !== undefined && (await containsMessageId(client, sent, item.messageId))
        })
      } catch (err) {
        this.log(
          `smtp: could not check ${login.host} for an earlier copy of ${item.messageId} (attempt ${attempt}): ${(err as Error).message}`,
        )
        if (attempt >= WAS_DELIVERED_ATTEMPTS) return false
        await new Promise((r) => setTimeout(r, WAS_DELIVERED_PAUSE_MS))
      }
    }
  }

  private async settingsOf(account: Account): Promise<SmtpAccountSettings> {
    let settings: SmtpAccountSettings
    try {
      settings = await this.resolve(account)
    } catch (err) {
      // Typically a password that can no longer be unsealed: its message already says what to do.
      throw new SendError((err as Error).message, false, 'settings', undefined, undefined, { cause: err })
    }
    if (!settings.host || !Number.isInteger(settings.port) || settings.port <= 0) {
      throw new SendError(
        `${account.label} has no outgoing (SMTP) server set up. Add it in the account settings.`,
        false,
        'settings',
      )
    }
    return settings
  }

  private async imapLoginOf(account: Account): Promise<ImapLoginConfig | undefined> {
    if (!this.options.imap) return undefined
    try {
      return await this.options.imap(account)
    } catch (err) {
      this.log(`smtp: no IMAP login for ${account.label}: ${(err as Error).message}`)
      return undefined
    }
  }

  /** Never throws: the message is already sent, so a failure here must not mark it failed. */
  private async saveSentCopy(item: OutboxItem, account: Account, raw: Buffer): Promise<void> {
    const login = await this.imapLoginOf(account)
    if (!login) {
      this.log(`smtp: ${account.label} has no IMAP login; no copy of "${item.subject}" saved in Sent`)
      return
    }
    try {
      await this.withImap(login, async (client) => {
        const sent = (await findSentFolder(client)) ?? (await client.mailboxCreate('Sent')).path
        await client.append(sent, raw, ['\\Seen'], new Date())
      })
    } catch (err) {
      this.log(
        `smtp: "${item.subject}" was sent, but saving a copy in Sent on ${login.host} failed: ${(err as Error).message}`,
      )
    }
  }

  private async withImap<T>(login: ImapLoginConfig, work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const trust = await trustedTlsOptions(login, 'imap', this.timeoutMs)
    const ImapFlow = await loadImapFlow()
    const client = new ImapFlow(imapClientOptions(login, this.timeoutMs, trust))
    // Failures arrive through the awaited calls; a stray 'error' event must not crash the engine.
    client.on('error', () => undefined)
    try {
      await withDeadline(client.connect(), this.timeoutMs * 2 + 1000, () => client.close())
      return await work(client)
    } finally {
      await closeQuietly(client)
    }
  }
}

/** The Sent folder: flagged \Sent by the server, else found by imapflow's or our list of names. */
export async function findSentFolder(client: ImapFlow): Promise<string | undefined> {
  const folders = (await client.list()).filter((f) => !f.flags.has('\\Noselect') && !f.flags.has('\\NonExistent'))
  const flagged =
    folders.find((f) => f.specialUse === '\\Sent' && f.specialUseSource === 'extension') ??
    folders.find((f) => f.specialUse === '\\Sent')
  if (flagged) return flagged.path
  for (const name of COMMON_SENT_NAMES) {
    const match = folders.find((f) => f.path.toLowerCase() === name || f.name.toLowerCase() === name)
    if (match) return match.path
  }
  return undefined
}

async function containsMessageId(client: ImapFlow, folder: string, messageId: string): Promise<boolean> {
  const bare = messageId.trim().replace(/^<|>$/g, '')
  const lock = await client.getMailboxLock(folder, { readOnly: true })
  try {
    const uids = await client.search({ header: { 'message-id': bare } }, { uid: true })
    if (!uids || uids.length === 0) return false
    // SEARCH HEADER is a substring match, and some servers (Gmail) match words loosely:
    // confirm the exact header before saying "already sent".
    for await (const msg of client.fetch(uids, { uid: true, headers: ['message-id'] }, { uid: true })) {
      if (headerMessageId(msg.headers) === bare) return true
    }
    return false
  } finally {
    lock.release()
  }
}

function headerMessageId(headers: Buffer | undefined): string | undefined {
  // Unfold continuation lines, then take the first <…> of the Message-ID field.
  const text = headers?.toString('utf8').replace(/\r?\n[ \t]+/g, ' ')
  const match = text?.match(/^message-id:\s*<?([^>\s]+)>?/im)
  return match?.[1]
}

function uniqueAddresses(addresses: string[]): string[] {
  const seen = new Set<string>()
  return addresses.filter((a) => {
    const key = a.trim().toLowerCase()
    if (key === '' || seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** Fields nodemailer puts on SMTP replies. */
interface SmtpFailure {
  code?: string
  responseCode?: number
  permanent?: boolean
  message?: string
}

/** Turns a nodemailer failure into a SendError: temporary (network, 4xx) or permanent (5xx, login, settings). */
export function toSendError(err: unknown, settings: SmtpLoginConfig, item: Pick<OutboxItem, 'subject'>): SendError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SmtpFailure
  const server = `${settings.host}:${settings.port}`
  const reason = serverReason(err)
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined
  // RFC 5321: 5yz is final, 4yz transient. 503 (bad sequence) is a session hiccup, not a verdict.
  const permanentReply = e.permanent ?? (code !== undefined && code >= 500 && code !== 503)
  const make = (message: string, temporary: boolean, kind: SendErrorKind): SendError =>
    new SendError(message, temporary, kind, reason, code, { cause: err })
  const subject = `"${item.subject}"`

  switch (failureKind(err)) {
    case 'offline':
    case 'dns':
      // Offline on a train also looks like an unknown host name: that is worth a retry.
      return make(
        `${subject} is not sent: the outgoing server ${settings.host} cannot be looked up. Check that you are online and the server name is right.`,
        true,
        'offline',
      )
    case 'refused':
      return make(
        `${subject} is not sent: ${server} refused the connection. Check the outgoing server and port (587 or 465 usually); the server may also be down.`,
        true,
        'connection',
      )
    case 'unreachable':
    case 'timeout':
    case 'closed':
      return make(
        `${subject} is not sent: ${server} did not answer in time or dropped the connection. Check that you are online; it can be sent again.`,
        true,
        'connection',
      )
    case 'certificate':
    case 'tls':
      return make(
        `${subject} is not sent: no secure connection to ${server}: ${tlsProblem(err)}. Check the security setting and port of the outgoing server (465 TLS, 587 STARTTLS).`,
        false,
        'tls',
      )
    case 'auth':
      return make(
        settings.accessToken !== undefined
          ? `${subject} is not sent: ${settings.host} refused the sign-in of ${settings.user}${reason ? `: "${reason}"` : ''}. Sign in to the account again.`
          : `${subject} is not sent: ${settings.host} refused the login of ${settings.user}${reason ? `: "${reason}"` : ''}. Check the password; Gmail and iCloud need an app password.`,
        // "454 4.7.0 Temporary authentication failure" is the server's problem, not the password.
        code !== undefined && !permanentReply,
        'auth',
      )
    case 'other':
      break
  }
  if (code !== undefined && permanentReply) {
    return make(
      `${subject} is not sent: ${settings.host} refused it: "${reason ?? e.message ?? code}". Check the recipients' addresses and the message.`,
      false,
      'rejected',
    )
  }
  if (code !== undefined) {
    return make(
      `${subject} is not sent yet: ${settings.host} asked to try later: "${reason ?? e.message ?? code}".`,
      true,
      'deferred',
    )
  }
  if (e.code === 'EENVELOPE' || e.code === 'ECONFIG' || e.code === 'EMESSAGE') {
    return make(`${subject} is not sent: ${e.message ?? 'the message could not be prepared'}.`, false, 'settings')
  }
  return make(`${subject} is not sent: ${e.message ?? String(err)}.`, true, 'unknown')
}
