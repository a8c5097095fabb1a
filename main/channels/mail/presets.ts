// Server settings of the big mail providers, so a seller types an address and the rest is
// filled in, with a one-line hint for what the provider asks of a mail app. Also the one list
// of providers whose SMTP server files sent mail in Sent itself (the sender then skips APPEND).
//
// Hosts, ports and security are from each provider's entry in Thunderbird's ISP database
// (github.com/thunderbird/autoconfig, ispdb/), which links the provider's own help page named
// in each comment. Only providers whose IMAP service that data confirms are listed: OCN,
// @nifty and BIGLOBE are left out because their entries only document POP3.
import type { MailPreset } from '../../../preload/api'

export type { MailPreset } from '../../../preload/api'

export const PRESETS: readonly MailPreset[] = [
  {
    // Google Help "Read Gmail messages on other email clients using IMAP"; ispdb/googlemail.com.xml.
    id: 'gmail',
    name: 'Gmail',
    domains: ['gmail.com', 'googlemail.com'],
    imap: { host: 'imap.gmail.com', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.gmail.com', port: 465, tls: 'tls' },
    smtpAliases: ['smtp.googlemail.com'],
    user: { imap: 'address', smtp: 'address' },
    // Gmail files every message sent through smtp.gmail.com in [Gmail]/Sent Mail.
    savesSentMail: true,
    auth: 'app-password',
    hint: 'Gmail needs an app password (2-Step Verification on): myaccount.google.com/apppasswords',
  },
  {
    // Microsoft Support "POP, IMAP, and SMTP settings for Outlook.com"; ispdb/hotmail.com.xml,
    // which lists OAuth2 as the only sign-in Outlook.com accepts from mail apps.
    id: 'outlook',
    name: 'Outlook.com',
    domains: [
      'outlook.com',
      'hotmail.com',
      'live.com',
      'msn.com',
      'outlook.jp',
      'hotmail.co.jp',
      'live.jp',
      'live.co.jp',
      'outlook.de',
      'outlook.fr',
      'hotmail.co.uk',
      'hotmail.de',
      'hotmail.fr',
      'hotmail.it',
      'hotmail.es',
      'live.co.uk',
      'live.de',
      'live.fr',
    ],
    imap: { host: 'outlook.office365.com', port: 993, tls: 'tls' },
    smtp: { host: 'smtp-mail.outlook.com', port: 587, tls: 'starttls' },
    smtpAliases: ['smtp.office365.com'],
    user: { imap: 'address', smtp: 'address' },
    // Exchange Online files SMTP-submitted mail in Sent Items (K-9 Mail maintainers,
    // thunderbird/thunderbird-android#7134; the same duplicate reported to Nextcloud Mail,
    // Mailspring and elementary Mail).
    savesSentMail: true,
    auth: 'oauth2',
    hint: 'Outlook.com only lets other mail apps in through Microsoft sign-in (OAuth2); passwords and app passwords are refused.',
  },
  {
    // Apple Support "iCloud Mail server settings for other email client apps"; ispdb/me.com.xml.
    id: 'icloud',
    name: 'iCloud Mail',
    domains: ['icloud.com', 'me.com', 'mac.com'],
    imap: { host: 'imap.mail.me.com', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.mail.me.com', port: 587, tls: 'starttls' },
    // Apple: the IMAP user name is the part before the @; SMTP wants the whole address.
    user: { imap: 'local-part', smtp: 'address' },
    savesSentMail: false,
    auth: 'app-password',
    hint: 'iCloud needs an app-specific password: appleid.apple.com → Sign-In and Security → App-Specific Passwords',
  },
  {
    // Yahoo Help "IMAP server settings for Yahoo Mail" (SLN4075); ispdb/yahoo.com.xml.
    id: 'yahoo',
    name: 'Yahoo Mail',
    domains: [
      'yahoo.com',
      'ymail.com',
      'rocketmail.com',
      'myyahoo.com',
      'yahoo.co.uk',
      'yahoo.de',
      'yahoo.fr',
      'yahoo.it',
      'yahoo.es',
      'yahoo.co.in',
      'yahoo.com.au',
    ],
    imap: { host: 'imap.mail.yahoo.com', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.mail.yahoo.com', port: 465, tls: 'tls' },
    user: { imap: 'address', smtp: 'address' },
    savesSentMail: false,
    auth: 'app-password',
    hint: 'Yahoo Mail needs an app password: Account info → Account security → Generate app password',
  },
  {
    // Yahoo! JAPAN ヘルプ「メールソフトでYahoo!メールを利用する」(IMAP/SMTP over SSL). Not the same
    // service as Yahoo Mail: other servers, and the sign-in is the Yahoo! JAPAN ID.
    id: 'yahoo-japan',
    name: 'Yahoo!メール (Yahoo! JAPAN)',
    domains: ['yahoo.co.jp'],
    imap: { host: 'imap.mail.yahoo.co.jp', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.mail.yahoo.co.jp', port: 465, tls: 'tls' },
    user: { imap: 'local-part', smtp: 'local-part' },
    savesSentMail: false,
    auth: 'password',
    hint:
      'Turn on IMAP/POP/SMTP access in Yahoo!メール → 設定 first; the user name is your Yahoo! JAPAN ID ' +
      '(IMAP/POP/SMTPアクセスを有効にしてください。ユーザー名は Yahoo! JAPAN ID です)',
  },
  {
    // Fastmail Help "Server names and ports"; ispdb/messagingengine.com.xml.
    id: 'fastmail',
    name: 'Fastmail',
    domains: ['fastmail.com', 'fastmail.fm'],
    imap: { host: 'imap.fastmail.com', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.fastmail.com', port: 465, tls: 'tls' },
    user: { imap: 'address', smtp: 'address' },
    savesSentMail: false,
    auth: 'app-password',
    hint: 'Fastmail needs an app password for other mail apps: Settings → Privacy & Security → App passwords',
  },
  {
    // GMX Hilfe "IMAP Serverdaten" (hilfe.gmx.net); ispdb/gmx.net.xml. German GMX domains.
    id: 'gmx',
    name: 'GMX',
    domains: ['gmx.net', 'gmx.de', 'gmx.at', 'gmx.ch', 'gmx.eu'],
    imap: { host: 'imap.gmx.net', port: 993, tls: 'tls' },
    smtp: { host: 'mail.gmx.net', port: 587, tls: 'starttls' },
    user: { imap: 'address', smtp: 'address' },
    savesSentMail: false,
    auth: 'password',
    hint: 'Allow POP3 & IMAP access once in GMX → E-Mail settings, then use your GMX password.',
  },
  {
    // ispdb/gmx.com.xml: GMX's international service runs on other servers than gmx.net.
    id: 'gmx-com',
    name: 'GMX',
    domains: ['gmx.com', 'gmx.us', 'gmx.co.uk', 'gmx.fr', 'gmx.es', 'gmx.ca'],
    imap: { host: 'imap.gmx.com', port: 993, tls: 'tls' },
    smtp: { host: 'mail.gmx.com', port: 587, tls: 'starttls' },
    user: { imap: 'address', smtp: 'address' },
    savesSentMail: false,
    auth: 'password',
    hint: 'Allow POP3 & IMAP access once in GMX → E-mail settings, then use your GMX password.',
  },
  {
    // AOL Help "How do I use other email applications to send and receive my AOL Mail?"; ispdb/aol.com.xml.
    id: 'aol',
    name: 'AOL Mail',
    domains: ['aol.com', 'aim.com', 'aol.co.uk', 'aol.de', 'aol.fr'],
    imap: { host: 'imap.aol.com', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.aol.com', port: 465, tls: 'tls' },
    user: { imap: 'address', smtp: 'address' },
    savesSentMail: false,
    auth: 'app-password',
    hint: 'AOL Mail needs an app password: Account info → Account security → Generate app password',
  },
  {
    // Zoho Mail Help "Access via IMAP" and "SMTP Server Configuration"; ispdb/zoho.com.xml.
    id: 'zoho',
    name: 'Zoho Mail',
    domains: ['zoho.com', 'zohomail.com'],
    imap: { host: 'imap.zoho.com', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.zoho.com', port: 465, tls: 'tls' },
    user: { imap: 'address', smtp: 'address' },
    savesSentMail: false,
    auth: 'password',
    hint: 'Turn on IMAP access in Zoho Mail → Settings → Mail Accounts; with two-factor sign-in, use an app-specific password.',
  },
  {
    // ispdb/zoho.jp.xml: Zoho's Japanese data centre.
    id: 'zoho-jp',
    name: 'Zoho Mail (日本)',
    domains: ['zoho.jp', 'zohomail.jp'],
    imap: { host: 'imap.zoho.jp', port: 993, tls: 'tls' },
    smtp: { host: 'smtp.zoho.jp', port: 465, tls: 'tls' },
    user: { imap: 'address', smtp: 'address' },
    savesSentMail: false,
    auth: 'password',
    hint: 'Turn on IMAP access in Zoho Mail → Settings → Mail Accounts; with two-factor sign-in, use an app-specific password.',
  },
]

const BY_DOMAIN = new Map(PRESETS.flatMap((p) => p.domains.map((d) => [d, p] as const)))

/** The preset for an address's domain ("aiko@gmail.com" → Gmail), or null when we know none. */
export function presetFor(address: string): MailPreset | null {
  const at = address.lastIndexOf('@')
  if (at < 0) return null
  return BY_DOMAIN.get(normalizeHost(address.slice(at + 1))) ?? null
}

/**
 * Whether the SMTP server at `host` files what it sends in Sent itself, so a copy appended
 * over IMAP would be a duplicate. Asked of the host, not the address: a custom domain on
 * Google Workspace or Microsoft 365 submits through the same servers.
 */
export function savesSentMail(host: string): boolean {
  const h = normalizeHost(host)
  return PRESETS.some((p) => p.savesSentMail && (p.smtp.host === h || (p.smtpAliases ?? []).includes(h)))
}

function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '')
}
