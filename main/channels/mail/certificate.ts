// The TLS certificate a mail server shows, and trusting exactly the one certificate a seller
// accepted (a self-hosted server, a self-signed certificate), never "any certificate".
//
// Node calls checkServerIdentity only once the chain has verified, so `rejectUnauthorized: false`
// plus a fingerprint check there would let every self-signed certificate through unchecked.
// Instead the trusted certificate becomes the only trust anchor (`ca`) and checkServerIdentity
// demands that the server's own (leaf) certificate is exactly it: the connection that carries the
// password is verified by OpenSSL as usual, with nothing else trusted. The settings keep only the
// fingerprint, so the certificate itself is read from the server once, over a connection on which
// nothing is sent but STARTTLS, and used only if its fingerprint is the trusted one.
import { X509Certificate } from 'node:crypto'
import net from 'node:net'
import os from 'node:os'
import tls, { type ConnectionOptions, type PeerCertificate } from 'node:tls'
import { normalizeCertFingerprint, type ServerCertificate } from '../../../preload/api'

export type { ServerCertificate }

export type MailProtocol = 'imap' | 'smtp'

/** Where the server is and how it talks TLS: the part of an IMAP or SMTP login this needs. */
export interface TlsEndpoint {
  host: string
  port: number
  tls: 'tls' | 'starttls' | 'none'
  /** SHA-256 fingerprint of the one certificate the seller trusts for this server. */
  trustedCertSha256?: string
}

/** The error code of a certificate that is not the trusted one. */
export const CERT_NOT_TRUSTED_ONE = 'CERT_FINGERPRINT_MISMATCH'

/** The server showed a certificate other than the one the seller chose to trust. */
export class CertificateMismatchError extends Error {
  readonly code: string = CERT_NOT_TRUSTED_ONE

  constructor(
    /** What the server showed instead. */
    readonly certificate: ServerCertificate,
    /** The fingerprint the seller trusted. */
    readonly trusted: string,
  ) {
    super(`the server's certificate (SHA-256 ${certificate.sha256}) is not the one trusted (${trusted})`)
    this.name = 'CertificateMismatchError'
  }
}

const DEFAULT_TIMEOUT_MS = 15_000
/** A reply line longer than this is not from a mail server. */
const MAX_LINE = 64 * 1024

/**
 * Certificates (PEM) by fingerprint. A SHA-256 fingerprint names exactly one certificate, so an
 * entry never goes stale: a server that changes its certificate no longer matches the key.
 */
const trustedCertificates = new Map<string, string>()

/**
 * TLS options for connecting to `endpoint`: undefined when the usual checks apply (no trusted
 * certificate set, or no TLS at all), otherwise options under which only the trusted certificate
 * is accepted. Rejects with CertificateMismatchError when the server shows another certificate,
 * or with the socket's error when it cannot be reached.
 */
export async function trustedTlsOptions(
  endpoint: TlsEndpoint,
  protocol: MailProtocol,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<ConnectionOptions | undefined> {
  if (endpoint.tls === 'none' || endpoint.trustedCertSha256 === undefined) return undefined
  // A setting that is not a fingerprint matches no certificate: it fails closed.
  const pin = normalizeCertFingerprint(endpoint.trustedCertSha256) ?? endpoint.trustedCertSha256
  let pem = trustedCertificates.get(pin)
  if (pem === undefined) {
    const shown = await fetchServerCertificate(endpoint, protocol, timeoutMs)
    if (shown.certificate.sha256 !== pin) throw new CertificateMismatchError(shown.certificate, pin)
    pem = shown.pem
    trustedCertificates.set(pin, pem)
  }
  return pinnedTlsOptions(pem, pin)
}

/** Options that accept the certificate `pem` (fingerprint `pin`) as the server's own, and nothing else. */
export function pinnedTlsOptions(pem: string, pin: string): ConnectionOptions {
  return {
    rejectUnauthorized: true,
    // The only trust anchor, not added to the system's CAs. A partial chain lets the certificate
    // itself be the anchor even when it was issued by a private CA the seller never saw.
    ca: [pem],
    allowPartialTrustChain: true,
    // The seller trusted this certificate for this server, so its names do not have to match the
    // host name (an IP address, an internal name); but it must be the leaf, not merely in the chain.
    checkServerIdentity: (_host: string, cert: PeerCertificate) =>
      cert.fingerprint256 === pin ? undefined : new CertificateMismatchError(describePeer(cert), pin),
  }
}

/**
 * Reads the certificate the server shows, without logging in: over implicit TLS at once, with
 * STARTTLS after the greeting (IMAP) or EHLO (SMTP). Whether it is trusted is not checked here;
 * that is the caller's decision. Rejects with the socket's error (code ECONNREFUSED, ENOTFOUND…),
 * ETIMEDOUT after `timeoutMs`, or ETLS when the server does not start TLS.
 */
export async function fetchServerCertificate(
  endpoint: TlsEndpoint,
  protocol: MailProtocol,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<{ certificate: ServerCertificate; pem: string }> {
  if (endpoint.tls === 'none') throw tlsRefused(`${endpoint.host}:${endpoint.port} is set up without TLS`)
  const opened: net.Socket[] = []
  const track = <S extends net.Socket>(socket: S): S => {
    opened.push(socket)
    // Failures arrive through the awaited steps; a late 'error' must not crash the engine.
    socket.on('error', () => undefined)
    return socket
  }
  const work = (async () => {
    let plain: net.Socket | undefined
    if (endpoint.tls === 'starttls') {
      plain = await connectPlain(endpoint, track)
      if (protocol === 'imap') await imapStartTls(plain)
      else await smtpStartTls(plain)
    }
    const secure = await handshake(endpoint, plain, track)
    const peer = secure.getPeerCertificate()
    if (!peer?.raw) throw tlsRefused(`${endpoint.host}:${endpoint.port} showed no certificate`)
    const x509 = new X509Certificate(peer.raw)
    return { certificate: describeCertificate(x509), pem: x509.toString() }
  })()
  // Past the deadline the work is abandoned; its rejection is expected and ignored.
  work.catch(() => undefined)
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
      timeoutMs,
    )
  })
  try {
    return await Promise.race([work, deadline])
  } finally {
    clearTimeout(timer)
    // Newest first: a TLS socket before the plain socket it wraps (the other way round crashes Node 20).
    for (const socket of opened.reverse()) socket.destroy()
  }
}

/** A certificate in the words the seller sees. */
export function describeCertificate(x509: X509Certificate): ServerCertificate {
  return {
    sha256: x509.fingerprint256,
    subject: distinguishedName(x509.subject),
    issuer: distinguishedName(x509.issuer),
    altNames: (x509.subjectAltName ?? '')
      .split(/,\s*/)
      .filter((n) => n !== '')
      .map((n) => n.replace(/^IP Address:/, 'IP:')),
    validFrom: isoDate(x509.validFrom),
    validTo: isoDate(x509.validTo),
    selfSigned: x509.checkIssued(x509) && x509.verify(x509.publicKey),
  }
}

function describePeer(cert: PeerCertificate): ServerCertificate {
  return describeCertificate(new X509Certificate(cert.raw))
}

function distinguishedName(lines: string): string {
  return lines.split('\n').filter(Boolean).join(', ')
}

function isoDate(openssl: string): string {
  // "Nov 23 18:22:47 2026 GMT"
  const time = Date.parse(openssl)
  return Number.isNaN(time) ? openssl : new Date(time).toISOString()
}

// ---------------------------------------------------------------------------------------------
// The connection that reads the certificate
// ---------------------------------------------------------------------------------------------

function connectPlain(endpoint: TlsEndpoint, track: (s: net.Socket) => net.Socket): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = track(net.connect({ host: endpoint.host, port: endpoint.port }))
    socket.once('error', reject)
    socket.once('connect', () => {
      socket.off('error', reject)
      resolve(socket)
    })
  })
}

function handshake(
  endpoint: TlsEndpoint,
  plain: net.Socket | undefined,
  track: (s: tls.TLSSocket) => tls.TLSSocket,
): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const secure = track(
      tls.connect({
        ...(plain ? { socket: plain } : { host: endpoint.host, port: endpoint.port }),
        // SNI as the mail clients send it: a name, never an IP address.
        ...(net.isIP(endpoint.host) === 0 ? { servername: endpoint.host } : {}),
        // Only to read the certificate: nothing is sent on this connection, and the caller
        // decides about the certificate by its fingerprint.
        rejectUnauthorized: false,
      }),
    )
    secure.once('error', reject)
    secure.once('secureConnect', () => {
      secure.off('error', reject)
      resolve(secure)
    })
  })
}

async function imapStartTls(socket: net.Socket): Promise<void> {
  const greeting = await readLine(socket, (line) => line.startsWith('* '))
  // PREAUTH or BYE: no STARTTLS is possible (RFC 9051 6.2.1).
  if (!/^\* OK\b/i.test(greeting)) throw tlsRefused(`the server greeted with "${greeting.slice(0, 200)}"`)
  socket.write('C1 STARTTLS\r\n')
  const reply = await readLine(socket, (line) => /^C1 /i.test(line))
  if (!/^C1 OK\b/i.test(reply)) throw tlsRefused(`the server does not offer STARTTLS ("${reply.slice(3, 200)}")`)
}

async function smtpStartTls(socket: net.Socket): Promise<void> {
  const greeting = await smtpReply(socket)
  if (!greeting.startsWith('220')) throw tlsRefused(`the server greeted with "${greeting.slice(0, 200)}"`)
  socket.write(`EHLO ${clientName()}\r\n`)
  const ehlo = await smtpReply(socket)
  if (!ehlo.startsWith('250')) throw tlsRefused(`the server refused EHLO ("${ehlo.slice(0, 200)}")`)
  socket.write('STARTTLS\r\n')
  const reply = await smtpReply(socket)
  if (!reply.startsWith('220')) throw tlsRefused(`the server does not offer STARTTLS ("${reply.slice(0, 200)}")`)
}

/** The last line of an SMTP reply ("250 OK" after any "250-…" lines). */
function smtpReply(socket: net.Socket): Promise<string> {
  return readLine(socket, (line) => /^\d{3}(?:\s|$)/.test(line))
}

/** The name nodemailer says EHLO with, so the server sees the same client. */
function clientName(): string {
  const name = os.hostname()
  return name.includes('.') ? name : '[127.0.0.1]'
}

/**
 * Resolves with the first line `wanted` accepts, skipping those before it. Must be called in the
 * same tick as the write it waits for the answer to: data that arrives with no reader is lost.
 */
function readLine(socket: net.Socket, wanted: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = ''
    const stop = (): void => {
      socket.off('data', onData)
      socket.off('end', onClosed)
      socket.off('close', onClosed)
      socket.off('error', onError)
    }
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('latin1')
      let eol: number
      while ((eol = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, eol).replace(/\r$/, '')
        buffered = buffered.slice(eol + 1)
        if (wanted(line)) {
          stop()
          resolve(line)
          return
        }
      }
      if (buffered.length > MAX_LINE) {
        stop()
        reject(tlsRefused('the server sent an overlong line'))
      }
    }
    const onClosed = (): void => {
      stop()
      reject(Object.assign(new Error('the server closed the connection'), { code: 'ECONNRESET' }))
    }
    const onError = (err: Error): void => {
      stop()
      reject(err)
    }
    socket.on('data', onData)
    socket.once('end', onClosed)
    socket.once('close', onClosed)
    socket.once('error', onError)
  })
}

function tlsRefused(message: string): Error {
  return Object.assign(new Error(message), { code: 'ETLS' })
}
