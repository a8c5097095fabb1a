// Typed failures of the IMAP channel. Every one names the account and says what the seller
// can check, so the engine can show it as is; `code` is what the engine branches on.
import type { ImapConfig } from './config'
import { failureKind, tlsProblem } from './connection-test'

export type ImapErrorCode =
  /** The server rejected the user name, password or token. Retrying will not help. */
  | 'auth_failed'
  /** The server could not be reached at all (refused, unknown host, timeout). */
  | 'connection_failed'
  /** The TLS handshake or STARTTLS upgrade failed. */
  | 'tls_failed'
  /** The connection dropped in the middle of an operation. Retry later: saved state is consistent. */
  | 'connection_lost'
  /** The folder does not exist (any more) on the server. */
  | 'folder_missing'
  /** The message is no longer in the folder (moved or deleted in another mail app). */
  | 'message_missing'
  /** The server answered NO or BAD where we expected OK. */
  | 'server_error'
  /** stop() was called while the operation ran. */
  | 'stopped'

export class ImapError extends Error {
  constructor(
    readonly code: ImapErrorCode,
    message: string,
    /** What the seller can do about it. */
    readonly action: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'ImapError'
  }
}

/** The fields imapflow (and Node's socket layer) put on the errors they raise. */
interface RawImapFailure {
  code?: string
  authenticationFailed?: boolean
  tlsFailed?: boolean
  mailboxMissing?: boolean
  responseStatus?: string
  responseText?: string
  serverResponseCode?: string
  message?: string
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])
const TIMEOUT_CODES = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ETIMEDOUT'])
const LOST_CODES = new Set([
  'NoConnection',
  'EConnectionClosed',
  'ClosedAfterConnectText',
  'ClosedAfterConnectTLS',
  'ETIMEOUT',
  'ECONNRESET',
  'EPIPE',
  'StateLogout',
])

export interface ErrorContext {
  config: ImapConfig
  /** True while connect() runs: a failure then means "could not reach", later "lost". */
  connecting?: boolean
  folder?: string
  stopped?: boolean
}

/** Turns whatever imapflow or the socket threw into an ImapError; an ImapError passes through. */
export function toImapError(err: unknown, ctx: ErrorContext): ImapError {
  if (err instanceof ImapError) return err
  const { config } = ctx
  const account = `${config.user} on ${config.host}`
  const raw: RawImapFailure = typeof err === 'object' && err !== null ? (err as RawImapFailure) : {}
  const detail = raw.responseText ?? raw.message ?? String(err)
  const opts = { cause: err }

  if (ctx.stopped) {
    return new ImapError('stopped', `Sync of ${account} was stopped.`, 'Nothing to do: it resumes next time.', opts)
  }
  if (raw.authenticationFailed || raw.serverResponseCode === 'AUTHENTICATIONFAILED') {
    const secret = config.accessToken !== undefined ? 'sign-in token' : 'password'
    return new ImapError(
      'auth_failed',
      `The mail server ${config.host} refused the ${secret} for ${config.user}${raw.responseText ? ` (${raw.responseText})` : ''}.`,
      config.accessToken !== undefined
        ? `Sign in to ${config.user} again in Settings → Accounts to renew access.`
        : `Check the user name and password of ${config.user} in Settings → Accounts. Gmail, iCloud, Yahoo and ` +
            'Outlook need an app password here, not your normal password.',
      opts,
    )
  }
  if (failureKind(err) === 'certificate') {
    return new ImapError(
      'tls_failed',
      `The security certificate of ${config.host} is not trusted for ${config.user}: ${tlsProblem(err)}.`,
      'Test the account in Settings → Accounts to see the certificate; trust it only if this is your own server ' +
        'or your provider confirms its fingerprint.',
      opts,
    )
  }
  if (raw.tlsFailed || (raw.code ?? '').startsWith('ERR_TLS') || raw.code === 'STARTTLS_INJECTION') {
    return new ImapError(
      'tls_failed',
      `Could not open a secure connection to ${config.host}:${config.port} for ${config.user}: ${detail}.`,
      'Check the port and security setting (SSL/TLS or STARTTLS) in Settings → Accounts.',
      opts,
    )
  }
  if (raw.mailboxMissing) {
    return new ImapError(
      'folder_missing',
      `The folder "${ctx.folder ?? '?'}" no longer exists in ${account}.`,
      'It was probably renamed or deleted in another mail app; pick the folder again in Settings → Accounts.',
      opts,
    )
  }
  const code = raw.code ?? ''
  if (ctx.connecting || NETWORK_CODES.has(code) || TIMEOUT_CODES.has(code)) {
    return new ImapError(
      'connection_failed',
      `Could not reach the mail server ${config.host}:${config.port} for ${config.user}: ${detail}.`,
      'Check that you are online and that the server name and port in Settings → Accounts are right.',
      opts,
    )
  }
  if (LOST_CODES.has(code) || /connection|socket|closed/i.test(detail)) {
    return new ImapError(
      'connection_lost',
      `The connection to ${config.host} (${config.user}) dropped during sync: ${detail}.`,
      'Nothing was lost; sync continues where it stopped once the server is reachable again.',
      opts,
    )
  }
  return new ImapError(
    'server_error',
    `The mail server ${config.host} (${config.user}) answered with an error${ctx.folder ? ` in "${ctx.folder}"` : ''}: ${detail}.`,
    'Try again later; if it keeps happening, check the account in another mail app or ask the mail provider.',
    opts,
  )
}

/** Errors after which waiting and trying again can help (used by the IDLE loop's backoff). */
export function isTransient(err: ImapError): boolean {
  return err.code === 'connection_failed' || err.code === 'connection_lost' || err.code === 'server_error'
}
