// "Test connection" in the account settings: one login to the IMAP server (and one to the
// SMTP server), and on failure a precise reason with what to change. Also home of the login
// shape and client options the other mail channels share, so every connection is made alike.
import type { ConnectionOptions } from 'node:tls'
import type { ImapFlow, ImapFlowOptions } from 'imapflow'
import type nodemailer from 'nodemailer'
import { loadImapFlow, loadNodemailer } from '../mail/clients'
import type { SMTPTransportOptions } from 'nodemailer/lib/smtp-transport'
import { normalizeCertFingerprint } from '../../../preload/api'
import {
  CERT_NOT_TRUSTED_ONE,
  fetchServerCertificate,
  trustedTlsOptions,
  type MailProtocol,
  type ServerCertificate,
} from '../mail/certificate'

export type TlsMode = 'tls' | 'starttls' | 'none'

/** One server login: Account.imap / Account.smtp plus the unsealed secret. */
export interface ServerLogin {
  host: string
  port: number
  tls: TlsMode
  user: string
  password?: string
  /** OAuth2 access token; used instead of the password when present. */
  accessToken?: string
  /** SHA-256 fingerprint of the one certificate the seller trusts for this server (mail/certificate.ts). */
  trustedCertSha256?: string
}
export type ImapLoginConfig = ServerLogin
export type SmtpLoginConfig = ServerLogin

export type ConnectionFailureCode =
  'host_not_found' | 'port_closed' | 'timeout' | 'tls_error' | 'auth_failed' | 'no_imap4rev1' | 'unknown'

export interface ConnectionFailure {
  ok: false
  code: ConnectionFailureCode
  /** What went wrong, naming the account and the server. */
  message: string
  /** What the seller can change. */
  action: string
  /** With 'tls_error' when the certificate is the problem: the one the server showed, to decide on. */
  certificate?: ServerCertificate
}

export type ImapTestResult = { ok: true; capabilities: string[] } | ConnectionFailure
/**
 * `capabilities` is always empty for SMTP: verify() does not expose the EHLO list. It is there so
 * both results share one shape (ConnectionCheck in preload/api.ts).
 */
export type SmtpTestResult =
  { ok: true; capabilities: string[] } | (ConnectionFailure & { code: Exclude<ConnectionFailureCode, 'no_imap4rev1'> })

/** Long enough for a slow mobile link, short enough that a seller waiting on a button does not give up. */
export const DEFAULT_TIMEOUT_MS = 15_000

/**
 * Options for an ImapFlow client: same TLS policy and timeouts for the test, sync and the Sent copy.
 * `trust` is what trustedTlsOptions() gave for the login; without it a trusted certificate is not
 * honoured and the usual checks refuse a self-signed one (fails closed).
 */
export function imapClientOptions(
  config: ImapLoginConfig,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  trust?: ConnectionOptions,
): ImapFlowOptions {
  return {
    host: config.host,
    port: config.port,
    secure: config.tls === 'tls',
    // 'starttls' must upgrade or fail: never send the password in clear because a man in the
    // middle stripped STARTTLS from the capability list. 'none' stays in clear on purpose.
    doSTARTTLS: config.tls === 'starttls' ? true : config.tls === 'none' ? false : undefined,
    auth:
      config.accessToken !== undefined
        ? { user: config.user, accessToken: config.accessToken }
        : { user: config.user, pass: config.password },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: Math.max(timeoutMs, 30_000),
    disableAutoIdle: true,
    logger: false,
    ...(trust ? { tls: trust } : {}),
  }
}

/** Options for a nodemailer SMTP transport, with the same TLS policy (and `trust`) as imapClientOptions. */
export function smtpTransportOptions(
  config: SmtpLoginConfig,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  trust?: ConnectionOptions,
): SMTPTransportOptions {
  return {
    host: config.host,
    port: config.port,
    secure: config.tls === 'tls',
    requireTLS: config.tls === 'starttls',
    ignoreTLS: config.tls === 'none',
    auth:
      config.accessToken !== undefined
        ? { type: 'OAuth2', user: config.user, accessToken: config.accessToken }
        : config.password !== undefined
          ? { user: config.user, pass: config.password }
          : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    // Sending a large attachment over a slow link can go quiet for a while between chunks.
    socketTimeout: Math.max(timeoutMs, 60_000),
    logger: false,
    ...(trust ? { tls: trust } : {}),
  }
}

/** Logs in to the IMAP server once and reports what it offers, or exactly why it failed. */
export async function testConnection(
  config: ImapLoginConfig,
  opts: { timeoutMs?: number } = {},
): Promise<ImapTestResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  let client: ImapFlow | undefined
  try {
    const trust = await trustedTlsOptions(config, 'imap', timeoutMs)
    const ImapFlow = await loadImapFlow()
    client = new ImapFlow(imapClientOptions(config, timeoutMs, trust))
    // Failures arrive through connect(); without a listener a late 'error' event would crash the engine.
    client.on('error', () => undefined)
    await withDeadline(client.connect(), overallDeadline(timeoutMs), () => client?.close())
    const capabilities = [...client.capabilities.keys()]
    // IMAP4rev2 (RFC 9051) servers are usable too; imapflow speaks both.
    if (!client.capabilities.has('IMAP4rev1') && !client.capabilities.has('IMAP4rev2')) {
      return {
        ok: false,
        code: 'no_imap4rev1',
        message: `${where(config)} answered, but it is not an IMAP4 mail server (it offers: ${capabilities.join(' ') || 'nothing'}).`,
        action: 'Check the incoming server name and port: IMAP is usually port 993 (TLS) or 143 (STARTTLS).',
      }
    }
    return { ok: true, capabilities }
  } catch (err) {
    if (config.accessToken !== undefined && client !== undefined && offersNoTokenLogin(client)) {
      return {
        ok: false,
        code: 'auth_failed',
        message: `${config.host} does not accept sign-in with an access token (OAuth) for ${config.user}.`,
        action: 'Use a password (or app password) for this account instead of signing in with the provider.',
      }
    }
    return await explainFailure(err, config, 'imap', timeoutMs)
  } finally {
    if (client) await closeQuietly(client)
  }
}

/** The server answered CAPABILITY, and it lists neither OAuth mechanism imapflow can use. */
function offersNoTokenLogin(client: ImapFlow): boolean {
  const caps = client.capabilities
  return caps.size > 0 && !caps.has('AUTH=XOAUTH2') && !caps.has('AUTH=OAUTHBEARER')
}

/** Connects and logs in to the SMTP server without sending anything (nodemailer verify()). */
export async function testSmtp(config: SmtpLoginConfig, opts: { timeoutMs?: number } = {}): Promise<SmtpTestResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  let transport: ReturnType<typeof nodemailer.createTransport> | undefined
  try {
    const trust = await trustedTlsOptions(config, 'smtp', timeoutMs)
    const mailer = await loadNodemailer()
    transport = mailer.createTransport(smtpTransportOptions(config, timeoutMs, trust))
    await withDeadline(transport.verify(), overallDeadline(timeoutMs), () => transport?.close())
    return { ok: true, capabilities: [] }
  } catch (err) {
    const failure = await explainFailure(err, config, 'smtp', timeoutMs)
    // An SMTP server has no IMAP4rev1; anything odd it says is "unknown" here.
    return failure.code === 'no_imap4rev1' ? { ...failure, code: 'unknown' } : { ...failure, code: failure.code }
  } finally {
    transport?.close()
  }
}

// ---------------------------------------------------------------------------------------------
// Classifying failures (shared with the SMTP sender)
// ---------------------------------------------------------------------------------------------

/** The error fields imapflow and nodemailer attach; all optional, which ones depends on the layer. */
interface MailError {
  message?: string
  code?: string
  originalCode?: string
  responseCode?: number
  response?: unknown
  responseText?: string
  serverResponseCode?: string
  authenticationFailed?: boolean
  tlsFailed?: boolean
  timeoutType?: string
  cause?: unknown
  _err?: unknown
}

/** Error codes of this error and the errors it wraps (imapflow keeps the socket error in `_err`). */
export function errorCodes(err: unknown): string[] {
  const codes: string[] = []
  let current: unknown = err
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const e = current as MailError
    if (typeof e.code === 'string') codes.push(e.code)
    if (typeof e.originalCode === 'string') codes.push(e.originalCode)
    if (typeof e.timeoutType === 'string') codes.push(e.timeoutType)
    current = e._err ?? e.cause
  }
  return codes
}

/** What the server said when it refused, as one line, if it said anything. */
export function serverReason(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const e = err as MailError
  const text = typeof e.response === 'string' ? e.response : e.responseText
  // imapflow hands over the whole tagged line ("2 NO [AUTHENTICATIONFAILED] …"): keep the words.
  const line = text
    ?.replace(/\s+/g, ' ')
    .replace(/^(\*|[A-Za-z0-9.]+) (NO|BAD|BYE) /, '')
    .trim()
  return line === undefined || line === '' ? undefined : line.slice(0, 300)
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_NODATA', 'EAI_FAIL', 'EDNS'])
const OFFLINE_DNS_CODES = new Set(['EAI_AGAIN'])
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ETIMEOUT',
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'SOCKET_TIMEOUT',
  'DEADLINE',
])
const SELF_SIGNED_CODES = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN'])
const UNKNOWN_ISSUER_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
])
const CERT_CODES = new Set([
  ...SELF_SIGNED_CODES,
  ...UNKNOWN_ISSUER_CODES,
  CERT_NOT_TRUSTED_ONE,
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

export type FailureKind =
  'dns' | 'offline' | 'refused' | 'unreachable' | 'timeout' | 'certificate' | 'tls' | 'auth' | 'closed' | 'other'

/** Which layer failed, from the codes imapflow, nodemailer and Node put on the error. */
export function failureKind(err: unknown): FailureKind {
  const codes = errorCodes(err)
  const e = (typeof err === 'object' && err !== null ? err : {}) as MailError
  const has = (set: Set<string>): boolean => codes.some((c) => set.has(c))
  // The raw socket error is the most precise: nodemailer's EDNS/ESOCKET carry it as originalCode.
  if (codes.includes('ECONNREFUSED')) return 'refused'
  if (has(OFFLINE_DNS_CODES)) return 'offline'
  if (has(DNS_CODES)) return 'dns'
  if (codes.some((c) => c === 'ENETUNREACH' || c === 'EHOSTUNREACH' || c === 'ENETDOWN')) return 'unreachable'
  if (has(TIMEOUT_CODES)) return 'timeout'
  if (has(CERT_CODES) || codes.some((c) => c.startsWith('ERR_TLS_CERT'))) return 'certificate'
  if (e.authenticationFailed === true || codes.some((c) => c === 'EAUTH' || c === 'ENOAUTH' || c === 'EOAUTH2')) {
    return 'auth'
  }
  if (
    e.tlsFailed === true ||
    codes.some((c) => c === 'ETLS' || c === 'EPROTO' || c.startsWith('ERR_SSL') || c === 'ClosedAfterConnectTLS')
  ) {
    return 'tls'
  }
  if (codes.some((c) => c === 'ECONNRESET' || c === 'ECONNECTION' || c === 'EConnectionClosed' || c === 'NoConnection'))
    return 'closed'
  if (codes.includes('ClosedAfterConnectText')) return 'closed'
  return 'other'
}

/** A TLS failure in words: OpenSSL's own text ("error:0A00010B:SSL routines:…") helps nobody. */
export function tlsProblem(err: unknown): string {
  const codes = errorCodes(err)
  const message = (err as Error | undefined)?.message ?? ''
  if (codes.includes('ERR_SSL_WRONG_VERSION_NUMBER') || /wrong version number/i.test(message)) {
    return 'the server does not speak TLS on this port'
  }
  if (codes.includes(CERT_NOT_TRUSTED_ONE)) return 'its certificate is not the one trusted for this account'
  if (codes.some((c) => CERT_CODES.has(c) || c.startsWith('ERR_TLS_CERT'))) {
    return `its certificate is not valid or not trusted (${codes.find((c) => CERT_CODES.has(c) || c.startsWith('ERR_TLS_CERT'))})`
  }
  const reason = serverReason(err)
  if (reason !== undefined) return `the server said "${reason}"`
  return message
    .split('\n')[0]!
    .replace(/^[0-9A-F]+:error:[0-9A-F]+:/, '')
    .slice(0, 200)
}

function where(config: ServerLogin): string {
  return `${config.host}:${config.port}`
}

/** describeFailure, and for a certificate the server's own, so the seller can decide to trust it. */
async function explainFailure(
  err: unknown,
  config: ServerLogin,
  protocol: MailProtocol,
  timeoutMs: number,
): Promise<ConnectionFailure> {
  if (failureKind(err) !== 'certificate') return describeFailure(err, config, protocol)
  // The refused handshake was torn down before the certificate could be read; read it again
  // over a connection that sends nothing (and never trusts it).
  const certificate =
    certificateIn(err) ??
    (await fetchServerCertificate(config, protocol, timeoutMs).then(
      (shown) => shown.certificate,
      () => undefined,
    ))
  return certificate === undefined
    ? describeFailure(err, config, protocol)
    : certificateFailure(err, config, certificate)
}

/** The certificate a CertificateMismatchError carries, also when a library wrapped it. */
function certificateIn(err: unknown): ServerCertificate | undefined {
  let current: unknown = err
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const certificate = (current as { certificate?: ServerCertificate }).certificate
    if (typeof certificate?.sha256 === 'string') return certificate
    const e = current as MailError
    current = e._err ?? e.cause
  }
  return undefined
}

function certificateFailure(err: unknown, config: ServerLogin, certificate: ServerCertificate): ConnectionFailure {
  const codes = errorCodes(err)
  const fingerprint = `Its SHA-256 fingerprint is ${certificate.sha256}.`
  const decide =
    'Trust it only if this is your own server or your provider confirms this fingerprint; otherwise do not ' +
    'connect: someone may be intercepting the connection.'
  if (codes.includes(CERT_NOT_TRUSTED_ONE)) {
    return {
      ok: false,
      code: 'tls_error',
      message: `The security certificate of ${config.host} has changed: it is not the one you trusted for this account. ${fingerprint}`,
      action: `If you or your provider renewed the certificate, check the new fingerprint and trust it. ${decide}`,
      certificate,
    }
  }
  const outOfDate = codes.includes('CERT_HAS_EXPIRED')
    ? `it expired on ${certificate.validTo}`
    : codes.includes('CERT_NOT_YET_VALID')
      ? `it is valid only from ${certificate.validFrom} (or this computer's clock is wrong)`
      : undefined
  if (outOfDate !== undefined) {
    // Trusting a certificate does not extend its validity: it has to be renewed, then trusted anew.
    const trusted = config.trustedCertSha256 && normalizeCertFingerprint(config.trustedCertSha256)
    return {
      ok: false,
      code: 'tls_error',
      message:
        trusted === certificate.sha256
          ? `The certificate you trusted for ${config.host} is no longer valid: ${outOfDate}. ${fingerprint}`
          : `The security certificate of ${config.host} is not valid: ${outOfDate}. ${fingerprint}`,
      action:
        "Check this computer's date and time; if they are right, the certificate has to be renewed on the server " +
        '(by you or your provider) before this account can connect securely.',
      certificate,
    }
  }
  const names = certificate.altNames.length > 0 ? certificate.altNames.join(', ') : certificate.subject
  const why = codes.some((c) => SELF_SIGNED_CODES.has(c))
    ? `it is self-signed (${certificate.issuer}), not issued by a certificate authority this computer trusts`
    : codes.some((c) => UNKNOWN_ISSUER_CODES.has(c))
      ? `it was issued by ${certificate.issuer}, which this computer does not trust`
      : codes.some((c) => c.startsWith('ERR_TLS_CERT_ALTNAME'))
        ? `it is for ${names}, not for ${config.host}`
        : `it could not be verified (${codes.find((c) => CERT_CODES.has(c) || c.startsWith('ERR_TLS_CERT')) ?? 'unknown reason'})`
  const nameHint = codes.some((c) => c.startsWith('ERR_TLS_CERT_ALTNAME'))
    ? 'Check that the server name is exactly the one your provider gives (not an IP address or an alias). '
    : ''
  return {
    ok: false,
    code: 'tls_error',
    message: `The security certificate of ${config.host} is not trusted: ${why}. ${fingerprint}`,
    action: `${nameHint}${decide}`,
    certificate,
  }
}

function describeFailure(err: unknown, config: ServerLogin, protocol: 'imap' | 'smtp'): ConnectionFailure {
  const name = protocol === 'imap' ? 'incoming (IMAP)' : 'outgoing (SMTP)'
  const usualPorts =
    protocol === 'imap'
      ? 'IMAP is usually port 993 with TLS or 143 with STARTTLS'
      : 'SMTP is usually port 465 with TLS or 587 with STARTTLS'
  const reason = serverReason(err)
  const said = reason === undefined ? '' : ` The server said: "${reason}".`
  const detail = (err as Error | undefined)?.message ?? String(err)
  switch (failureKind(err)) {
    case 'dns':
      return {
        ok: false,
        code: 'host_not_found',
        message: `The ${name} server "${config.host}" does not exist (no such host name).`,
        action: 'Check the spelling of the server name; your provider lists it in its mail-app settings.',
      }
    case 'offline':
      return {
        ok: false,
        code: 'host_not_found',
        message: `The ${name} server name "${config.host}" could not be looked up right now.`,
        action: 'Check that this computer is online, then test again.',
      }
    case 'refused':
      return {
        ok: false,
        code: 'port_closed',
        message: `${config.host} refused the connection on port ${config.port}: nothing accepts ${protocol.toUpperCase()} connections there.`,
        action: `Check the port: ${usualPorts}.`,
      }
    case 'unreachable':
      return {
        ok: false,
        code: 'timeout',
        message: `${config.host} cannot be reached from this network.`,
        action: 'Check that this computer is online; a firewall or VPN may block mail servers.',
      }
    case 'timeout':
      return {
        ok: false,
        code: 'timeout',
        message: `${where(config)} did not answer in time.`,
        action: `Check the port (${usualPorts}) and that this computer is online; some networks block mail ports.`,
      }
    case 'certificate':
      return {
        ok: false,
        code: 'tls_error',
        message: `The security certificate of ${config.host} is not valid for this name or not trusted (${detail}).`,
        action:
          'Use the exact server name your provider gives (not an IP address or an alias); if it is right, the server itself is misconfigured.',
      }
    case 'tls':
      return {
        ok: false,
        code: 'tls_error',
        message:
          config.tls === 'starttls'
            ? `${where(config)} did not switch to an encrypted connection (STARTTLS): ${tlsProblem(err)}.`
            : `No secure (TLS) connection to ${where(config)}: ${tlsProblem(err)}.`,
        action: `Check the security setting and port together: ${usualPorts}.`,
      }
    case 'auth':
      return {
        ok: false,
        code: 'auth_failed',
        message: authMessage(config, reason),
        action:
          config.accessToken !== undefined
            ? 'Sign in to the account again to renew its access.'
            : 'Check the user name and password; Gmail, iCloud and Yahoo need an app password, not your normal one.',
      }
    case 'closed':
      return {
        ok: false,
        code: 'unknown',
        message: `${where(config)} closed the connection before the login finished.${said}`,
        action: `Check the port and the security setting (${usualPorts}); if they are right, try again later.`,
      }
    case 'other':
      return {
        ok: false,
        code: 'unknown',
        message: `Could not connect to the ${name} server ${where(config)}: ${reason ?? detail}`,
        action: 'Check the server settings; if they are right, try again later.',
      }
  }
}

function authMessage(config: ServerLogin, reason: string | undefined): string {
  // "Authentication failed" adds nothing; a provider's hint ("Application-specific password
  // required", "[ALERT] log in via your web browser") is worth quoting.
  const generic = reason === undefined || /^(\[AUTHENTICATIONFAILED\] )?authentication failed\.?$/i.test(reason)
  const said = generic ? '' : ` The server said: "${reason}".`
  if (config.accessToken !== undefined) {
    return `${config.host} did not accept the sign-in of ${config.user}: the access token expired or was revoked.${said}`
  }
  if (config.password === undefined || config.password === '') {
    return `No password is saved for ${config.user} on ${config.host}.`
  }
  return `Wrong password for ${config.user} on ${config.host}.${said} Check the password; Gmail and iCloud need an app password.`
}

// ---------------------------------------------------------------------------------------------

/**
 * Each phase has its own timeout; the total can still add up (DNS, TCP, TLS, greeting, login),
 * so the whole attempt also gets a hard limit after which the connection is torn down.
 */
function overallDeadline(timeoutMs: number): number {
  return timeoutMs * 2 + 1000
}

export function withDeadline<T>(work: Promise<T>, ms: number, abort: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abort()
      reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: 'DEADLINE' }))
    }, ms)
  })
  // The losing promise may still reject after the race; that rejection is expected and ignored.
  work.catch(() => undefined)
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}

/** LOGOUT if the session is usable, otherwise just drop the socket. Never throws. */
export async function closeQuietly(client: ImapFlow): Promise<void> {
  try {
    if (client.usable) await withDeadline(client.logout(), 2000, () => client.close())
    else client.close()
  } catch {
    client.close()
  }
}
