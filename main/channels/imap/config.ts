// How to reach one IMAP account, checked once at the boundary (it comes from disk and the UI),
// and how that becomes imapflow's connection options.
import type { ImapFlowOptions } from 'imapflow'
import { z } from 'zod'
import { normalizeCertFingerprint } from '../../../preload/api'

export interface ImapConfig {
  host: string
  port: number
  tls: 'tls' | 'starttls' | 'none'
  user: string
  password?: string
  /** OAuth2 access token (XOAUTH2), instead of a password. */
  accessToken?: string
  /**
   * SHA-256 fingerprint of the one server certificate the seller trusts (mail/certificate.ts).
   * clientOptions() alone does not honour it: pass trustedTlsOptions() as `extra.tls`.
   */
  trustedCertSha256?: string
}

export const imapConfigSchema = z
  .object({
    host: z.string().trim().min(1, 'the server name is empty'),
    port: z.number().int().min(1).max(65_535),
    tls: z.enum(['tls', 'starttls', 'none']),
    user: z.string().min(1, 'the user name is empty'),
    password: z.string().optional(),
    accessToken: z.string().optional(),
    trustedCertSha256: z
      .string()
      .refine((v) => normalizeCertFingerprint(v) !== undefined, 'not a SHA-256 certificate fingerprint')
      .optional(),
  })
  .refine((c) => c.password !== undefined || c.accessToken !== undefined, {
    message: 'a password or a sign-in token is needed',
  })

/** Validates a config from outside (UI, disk); throws a zod error listing what is wrong. */
export function parseImapConfig(input: unknown): ImapConfig {
  return imapConfigSchema.parse(input)
}

/** Timeouts a desktop client wants: fail fast when offline instead of imapflow's 90 s default. */
const CONNECT_TIMEOUT_MS = 20_000
const GREETING_TIMEOUT_MS = 15_000

export function clientOptions(config: ImapConfig, extra: Partial<ImapFlowOptions> = {}): ImapFlowOptions {
  const auth =
    config.accessToken !== undefined
      ? { user: config.user, accessToken: config.accessToken }
      : { user: config.user, pass: config.password ?? '' }
  return {
    host: config.host,
    port: config.port,
    secure: config.tls === 'tls',
    // 'starttls' must upgrade or fail: never send a password in clear because a
    // man in the middle stripped STARTTLS from the capability list.
    doSTARTTLS: config.tls === 'starttls' ? true : config.tls === 'none' ? false : undefined,
    auth,
    logger: false,
    // QRESYNC: expunges arrive as UIDs (VANISHED), and UID FETCH … CHANGEDSINCE reports them.
    qresync: true,
    connectionTimeout: CONNECT_TIMEOUT_MS,
    greetingTimeout: GREETING_TIMEOUT_MS,
    clientInfo: { name: 'Seller Inbox' },
    ...extra,
  }
}
