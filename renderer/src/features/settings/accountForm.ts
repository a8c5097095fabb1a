// The add / edit account form as plain data: what the seller typed, how a provider preset and
// the address fill the rest in (never over what the seller typed), the checks made before
// asking the engine, and the requests built from it. No React, so it is tested on its own.
import type { AccountView, MailAccountInput, MailPreset, RequestInput } from '../../../../preload/api'

export type TlsMode = 'tls' | 'starttls' | 'none'
export const TLS_MODES: readonly TlsMode[] = ['tls', 'starttls', 'none']
export type ServerName = 'imap' | 'smtp'
export const SERVERS: readonly ServerName[] = ['imap', 'smtp']

export interface ServerFields {
  host: string
  /** As typed: checked when the form is checked. */
  port: string
  tls: TlsMode
  user: string
  /** The certificate the seller chose to trust for this server ("AB:CD:…"). */
  trustedCertSha256?: string
}

export type FieldName =
  'address' | 'label' | 'displayName' | 'password' | 'accessToken' | `${ServerName}.${'host' | 'port' | 'tls' | 'user'}`

export interface AccountForm {
  address: string
  label: string
  displayName: string
  /** Never filled from a saved account: blank while editing keeps the saved one. */
  password: string
  accessToken: string
  imap: ServerFields
  smtp: ServerFields
  /** Fields the seller typed in: neither a preset nor the address overwrite them any more. */
  typed: readonly FieldName[]
}

/** The usual port of each server and security; a port still at the usual one follows the security. */
export const USUAL_PORTS: Record<ServerName, Record<TlsMode, number>> = {
  imap: { tls: 993, starttls: 143, none: 143 },
  smtp: { tls: 465, starttls: 587, none: 587 },
}

export function emptyForm(): AccountForm {
  const server = (name: ServerName): ServerFields => ({
    host: '',
    port: String(USUAL_PORTS[name].tls),
    tls: 'tls',
    user: '',
  })
  return {
    address: '',
    label: '',
    displayName: '',
    password: '',
    accessToken: '',
    imap: server('imap'),
    smtp: server('smtp'),
    typed: [],
  }
}

/** The form for editing a saved account: everything but its secrets. */
export function formFromAccount(a: AccountView): AccountForm {
  const server = (name: ServerName): ServerFields => {
    const s = a[name]
    if (!s) return emptyForm()[name]
    return {
      host: s.host,
      port: String(s.port),
      tls: s.tls,
      user: s.user,
      ...(s.trustedCertSha256 !== undefined ? { trustedCertSha256: s.trustedCertSha256 } : {}),
    }
  }
  return {
    address: a.address,
    label: a.label,
    displayName: a.displayName ?? '',
    password: '',
    accessToken: '',
    imap: server('imap'),
    smtp: server('smtp'),
    // Saved values are the seller's: a preset never overwrites them while editing.
    typed: [
      'label',
      'imap.host',
      'imap.port',
      'imap.tls',
      'imap.user',
      'smtp.host',
      'smtp.port',
      'smtp.tls',
      'smtp.user',
    ],
  }
}

/** The seller typed `value` into `field`. */
export function setField(form: AccountForm, field: FieldName, value: string): AccountForm {
  const typed = form.typed.includes(field) ? form.typed : [...form.typed, field]
  const [server, part] = field.split('.') as [string, keyof ServerFields | undefined]
  if (part !== undefined) {
    const name = server as ServerName
    const current = form[name]
    const next: ServerFields =
      part === 'tls' ? withSecurity(name, current, value as TlsMode) : { ...current, [part]: value }
    // Another server is another certificate: the one trusted was for the old name and port.
    if ((part === 'host' || part === 'port') && value !== current[part]) delete next.trustedCertSha256
    return { ...form, [name]: next, typed }
  }
  const next = { ...form, [field]: value, typed }
  return field === 'address' ? followAddress(next) : next
}

/** A new security mode; a port still at the old mode's usual one moves to the new mode's. */
function withSecurity(name: ServerName, server: ServerFields, tls: TlsMode): ServerFields {
  const usual = USUAL_PORTS[name]
  const port = server.port.trim() === '' || Number(server.port) === usual[server.tls] ? String(usual[tls]) : server.port
  return { ...server, tls, port }
}

/** User names the seller has not typed follow the address (the whole address, most servers want). */
function followAddress(form: AccountForm): AccountForm {
  const address = form.address.trim()
  const next = { ...form }
  for (const name of SERVERS) {
    if (!form.typed.includes(`${name}.user`)) next[name] = { ...form[name], user: address }
  }
  return next
}

/** Fills in what the provider's preset knows, leaving what the seller typed alone. */
export function applyPreset(form: AccountForm, preset: MailPreset): AccountForm {
  const address = form.address.trim()
  const localPart = address.includes('@') ? address.slice(0, address.lastIndexOf('@')) : address
  const next = { ...form }
  for (const name of SERVERS) {
    const given = preset[name]
    const server = { ...form[name] }
    const free = (part: 'host' | 'port' | 'tls' | 'user') => !form.typed.includes(`${name}.${part}`)
    if (free('host') && server.host !== given.host) {
      server.host = given.host
      delete server.trustedCertSha256
    }
    if (free('tls')) server.tls = given.tls
    if (free('port')) server.port = String(given.port)
    if (free('user')) server.user = preset.user[name] === 'local-part' ? localPart : address
    next[name] = server
  }
  return next
}

/** The domain of an address, lower-case, or '' when it has none yet. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@')
  return at < 0
    ? ''
    : address
        .slice(at + 1)
        .trim()
        .toLowerCase()
}

export interface FieldProblem {
  field: FieldName
  problem: 'required' | 'email' | 'port' | 'secret'
}

// The engine checks addresses again (zod's z.email()); this is only the obvious mistakes, early.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/**
 * What is missing or wrong before anything is sent: `hasSecret` is whether a password or token
 * is saved already (editing), so a blank one is fine.
 */
export function checkForm(form: AccountForm, hasSecret: boolean): FieldProblem[] {
  const problems: FieldProblem[] = []
  const address = form.address.trim()
  if (address === '') problems.push({ field: 'address', problem: 'required' })
  else if (!EMAIL.test(address)) problems.push({ field: 'address', problem: 'email' })
  if (!hasSecret && form.password === '' && form.accessToken.trim() === '') {
    problems.push({ field: 'password', problem: 'secret' })
  }
  for (const name of SERVERS) {
    const s = form[name]
    if (s.host.trim() === '') problems.push({ field: `${name}.host`, problem: 'required' })
    if (!isPort(s.port)) problems.push({ field: `${name}.port`, problem: 'port' })
    if (s.user.trim() === '') problems.push({ field: `${name}.user`, problem: 'required' })
  }
  return problems
}

function isPort(text: string): boolean {
  const t = text.trim()
  return /^\d{1,5}$/.test(t) && Number(t) >= 1 && Number(t) <= 65535
}

type Server = MailAccountInput['imap']

function serverInput(s: ServerFields): Server {
  return {
    host: s.host.trim(),
    port: Number(s.port.trim()),
    tls: s.tls,
    user: s.user.trim(),
    ...(s.trustedCertSha256 !== undefined ? { trustedCertSha256: s.trustedCertSha256 } : {}),
  }
}

/** What `account.add` and `account.test { draft }` take. Call after checkForm found nothing. */
export function toAccountInput(form: AccountForm): MailAccountInput {
  const address = form.address.trim()
  const displayName = form.displayName.trim()
  const accessToken = form.accessToken.trim()
  return {
    label: form.label.trim() || address,
    address,
    ...(displayName !== '' ? { displayName } : {}),
    imap: serverInput(form.imap),
    smtp: serverInput(form.smtp),
    ...(form.password !== '' ? { password: form.password } : {}),
    ...(accessToken !== '' ? { accessToken } : {}),
  }
}

/** What `account.update` takes: everything shown, and a secret only when one was typed. */
export function toAccountUpdate(form: AccountForm, id: string): RequestInput<'account.update'> {
  return { id, ...toAccountInput(form) }
}

/** Whether the servers (or the address) differ from the saved account: a saved test no longer says anything. */
export function serversChanged(form: AccountForm, saved: AccountView): boolean {
  const input = toAccountInput(form)
  const same = (name: ServerName) => {
    const a = saved[name]
    const b = input[name]
    return (
      a !== undefined &&
      a.host === b.host &&
      a.port === b.port &&
      a.tls === b.tls &&
      a.user === b.user &&
      (a.trustedCertSha256 ?? '') === (b.trustedCertSha256 ?? '')
    )
  }
  return !same('imap') || !same('smtp')
}

/**
 * The form field an engine issue is about: issues name their input path ("draft.imap.host",
 * "imap.port", "address").
 */
export function fieldOfIssue(path: string): FieldName | undefined {
  const parts = path.split('.').filter((p) => p !== 'draft')
  const [first, second] = parts
  if (first === 'imap' || first === 'smtp') {
    if (second === 'host' || second === 'port' || second === 'tls' || second === 'user') return `${first}.${second}`
    return `${first}.host`
  }
  if (first === 'address' || first === 'label' || first === 'displayName' || first === 'password') return first
  if (first === 'accessToken') return 'accessToken'
  return undefined
}

/** Whether a certificate is within its dates now: one outside them cannot be trusted into working. */
export function certificateCurrent(c: { validFrom: string; validTo: string }, now: number): boolean {
  const from = Date.parse(c.validFrom)
  const to = Date.parse(c.validTo)
  return (Number.isNaN(from) || from <= now) && (Number.isNaN(to) || now <= to)
}
