// An SMTP server on a loopback port that keeps every message it receives, so tests can
// assert on what the app sent, and can hand each message on to a Dovecot rig's mailbox.
import { EventEmitter } from 'node:events'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {
  SMTPServer,
  type SMTPServerAuthentication,
  type SMTPServerAuthenticationMethod,
  type SMTPServerSession,
} from 'smtp-server'
import { makeSelfSignedCertificate, type RigCertificate } from './certificate'
import type { DovecotRig } from './dovecot'
import { freePort } from './free-port'

export interface SinkMessage {
  from: string
  to: string[]
  raw: Buffer
  receivedAt: Date
  /** The user name the client authenticated with, if it did. */
  authUser?: string
}

export interface SmtpSinkOptions {
  /** Also deliver every message into this user's folder (INBOX by default). */
  deliverTo?: { rig: DovecotRig; user: string; folder?: string }
  /**
   * Only accept these credentials: the password over PLAIN/LOGIN, the access token over XOAUTH2
   * (offered only when one is given). Without it, any user/password is accepted.
   */
  auth?: { user: string; password?: string; accessToken?: string; required?: boolean }
  /**
   * Serve TLS with a self-signed certificate made at start (CN/SAN from `names`, default
   * 127.0.0.1 and localhost): 'implicit' from the first byte (port 465 style) or 'starttls'
   * offered on the plain connection (port 587 style). Without it: plain SMTP, no STARTTLS.
   */
  tls?: { mode: 'implicit' | 'starttls'; names?: string[] }
  /** Wait this long after the message data before saying "accepted" (a slow server). */
  acceptDelayMs?: number
}

export interface SmtpSink {
  host: string
  port: number
  messages: SinkMessage[]
  /** Connection-level errors the server saw (clients hanging up, bad commands). */
  errors: Error[]
  /** The certificate it serves, when started with `tls`. */
  certificate?: RigCertificate
  /** Resolves with the first message (already received or arriving later) that matches. */
  waitFor(predicate: (m: SinkMessage) => boolean, timeoutMs?: number): Promise<SinkMessage>
  stop(): Promise<void>
}

export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: SinkMessage[] = []
  const arrivals = new EventEmitter()
  const expected = opts.auth
  const authMethods: SMTPServerAuthenticationMethod[] =
    expected?.accessToken === undefined
      ? ['PLAIN', 'LOGIN']
      : expected.password === undefined
        ? ['XOAUTH2']
        : ['PLAIN', 'LOGIN', 'XOAUTH2']
  const certDir = opts.tls ? await fs.mkdtemp(path.join(os.tmpdir(), 'sellerinbox-smtp-')) : undefined
  const certificate =
    opts.tls && certDir !== undefined
      ? await makeSelfSignedCertificate(certDir, { name: 'smtp', ...(opts.tls.names ? { names: opts.tls.names } : {}) })
      : undefined
  const server = new SMTPServer({
    secure: opts.tls?.mode === 'implicit',
    ...(certificate ? { key: certificate.key, cert: certificate.cert } : {}),
    disabledCommands: opts.tls ? [] : ['STARTTLS'],
    // AUTH over a plain loopback connection is what the app's tests do; allow it.
    allowInsecureAuth: true,
    authOptional: expected?.required !== true,
    authMethods,
    logger: false,
    // Do not hang stop() on a client that keeps its connection open (pooled transports).
    closeTimeout: 1000,
    onAuth(auth: SMTPServerAuthentication, _session: SMTPServerSession, callback) {
      if (auth.method === 'XOAUTH2') {
        if (expected && (auth.username !== expected.user || auth.accessToken !== expected.accessToken)) {
          // RFC 7628 / Google's XOAUTH2: a failure is a JSON status the client acknowledges, then 535.
          callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.example/' } })
          return
        }
        callback(null, { user: auth.username ?? '' })
        return
      }
      if (expected && (auth.username !== expected.user || auth.password !== expected.password)) {
        callback(new Error('Invalid username or password'))
        return
      }
      callback(null, { user: auth.username ?? '' })
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('error', callback)
      stream.on('end', async () => {
        if (opts.acceptDelayMs) await new Promise((r) => setTimeout(r, opts.acceptDelayMs))
        const message: SinkMessage = {
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          receivedAt: new Date(),
          ...(typeof session.user === 'string' && session.user !== '' ? { authUser: session.user } : {}),
        }
        deliver(opts.deliverTo, message.raw).then(
          () => {
            messages.push(message)
            arrivals.emit('message', message)
            callback()
          },
          (err: unknown) => {
            // Tell the client: a test should see that delivery failed rather than a silent loss.
            const failure = new Error(`sink could not deliver to Dovecot: ${String(err)}`) as Error & {
              responseCode: number
            }
            failure.responseCode = 451
            callback(failure)
          },
        )
      })
    },
  })

  // Connection errors (a client hanging up mid-session) are emitted on the server; without a
  // listener EventEmitter would throw them and crash the test worker.
  const errors: Error[] = []
  server.on('error', (err: Error) => errors.push(err))

  const host = '127.0.0.1'
  const port = await listen(server, host)

  return {
    host,
    port,
    messages,
    errors,
    ...(certificate ? { certificate } : {}),
    waitFor(predicate, timeoutMs = 5000) {
      const found = messages.find(predicate)
      if (found) return Promise.resolve(found)
      return new Promise<SinkMessage>((resolve, reject) => {
        const onMessage = (m: SinkMessage): void => {
          if (!predicate(m)) return
          clearTimeout(timer)
          arrivals.off('message', onMessage)
          resolve(m)
        }
        const timer = setTimeout(() => {
          arrivals.off('message', onMessage)
          reject(
            new Error(`no matching message reached the SMTP sink within ${timeoutMs} ms (${messages.length} received)`),
          )
        }, timeoutMs)
        arrivals.on('message', onMessage)
      })
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      if (certDir !== undefined) await fs.rm(certDir, { recursive: true, force: true })
    },
  }
}

async function deliver(target: SmtpSinkOptions['deliverTo'], raw: Buffer): Promise<void> {
  if (!target) return
  await target.rig.append(target.user, target.folder ?? 'INBOX', raw)
}

/** Listens on a free port, retrying when another process grabbed it first. */
async function listen(server: SMTPServer, host: string): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const port = await freePort(host)
    try {
      await new Promise<void>((resolve, reject) => {
        server.server.once('error', reject)
        server.server.listen(port, host, () => {
          server.server.off('error', reject)
          resolve()
        })
      })
      return port
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 5) throw err
    }
  }
}
