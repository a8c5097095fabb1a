// A private Dovecot IMAP server for integration tests: its own config, users, Maildirs,
// sockets and log under a fresh temp folder, on a free loopback port. Never the system service.
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { mapLimit } from '../../main/engine/map-limit'
import { makeSelfSignedCertificate, type RigCertificate } from './certificate'
import { freePort, waitForPort } from './free-port'

const run = promisify(execFile)

/** The unprivileged owner of test Maildirs: Dovecot refuses to store mail as uid 0. */
export const MAIL_SYSTEM_USER = 'sellerinbox-mail'

const START_TIMEOUT_MS = 10_000
const STOP_TIMEOUT_MS = 5_000

export interface DovecotUser {
  user: string
  password: string
}

export interface DovecotRigOptions {
  /** Defaults to one user, `seller` / `seller-password`. */
  users?: DovecotUser[]
  /**
   * Serve TLS with a self-signed certificate (CN 127.0.0.1, SAN 127.0.0.1 and localhost) made at
   * start: implicit TLS (imaps) on `tls.port`, and STARTTLS offered on the plain `port`, where
   * logins without TLS still work.
   */
  tls?: boolean
  /**
   * Also accept XOAUTH2 logins, whose tokens Dovecot's oauth2 passdb checks with this OAuth2
   * token introspection endpoint (RFC 7662: POST `token=…`, answering `{"active": true,
   * "username": "<rig user>"}` for a good token). Passwords keep working (PLAIN, LOGIN).
   */
  oauth2?: { introspectionUrl: string }
}

export interface DovecotTls {
  /** The implicit-TLS (imaps) port. */
  port: number
  certificate: RigCertificate
}

export interface DovecotRig {
  host: string
  /** The plain IMAP port (offering STARTTLS when the rig serves TLS). */
  port: number
  /** Present when started with `tls: true`. */
  tls?: DovecotTls
  /** The first user, for tests that need only one. */
  user: string
  password: string
  users: DovecotUser[]
  /** The private config file; pass it to `doveadm -c`. */
  configPath: string
  /** The temp folder holding config, log, sockets and mail. */
  dir: string
  logPath: string
  /** Root of a user's Maildir (INBOX lives here, other folders as `.Name`). */
  maildir(user: string): string
  /** Writes messages straight into a folder's Maildir and indexes them: fast bulk seeding. */
  seedMaildir(user: string, folder: string, raws: (string | Buffer)[]): Promise<void>
  /** Delivers one message the way a server would (`doveadm save`). */
  append(user: string, folder: string, raw: string | Buffer): Promise<void>
  /** Creates (and subscribes) a folder; a folder that already exists is fine. */
  createFolder(user: string, name: string): Promise<void>
  /** Runs `doveadm -c <config> <args>` and returns its stdout. */
  doveadm(args: string[], stdin?: string | Buffer): Promise<string>
  /** The last lines of Dovecot's log, for error messages. */
  readLog(): Promise<string>
  /** Stops the server as a crash or a maintenance would: connections drop, config and mail stay. */
  halt(): Promise<void>
  /** Starts a halted server again, on the same port with the same mail. */
  restart(): Promise<void>
  stop(): Promise<void>
}

interface MailOwner {
  uid: number
  gid: number
  /** User and group names for Dovecot's internal and login processes when we are not root. */
  name?: string
  group?: string
}

export async function startDovecot(opts: DovecotRigOptions = {}): Promise<DovecotRig> {
  const dovecotBin = findBinary('dovecot')
  const doveadmBin = findBinary('doveadm')
  const users = opts.users ?? [{ user: 'seller', password: 'seller-password' }]
  if (users.length === 0) throw new Error('startDovecot needs at least one user')
  for (const u of users) assertSafeUser(u)

  const owner = await mailOwner()
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sellerinbox-dovecot-'))
  const mailRoot = path.join(dir, 'mail')
  const logPath = path.join(dir, 'dovecot.log')
  const configPath = path.join(dir, 'dovecot.conf')
  const started = await removeOnError(dir, async () => {
    await layOutFolder(dir, users, owner)
    const certificate = opts.tls === true ? await makeSelfSignedCertificate(dir, { name: 'dovecot' }) : undefined
    if (opts.oauth2) await fs.writeFile(path.join(dir, 'oauth2.conf.ext'), oauth2Config(opts.oauth2.introspectionUrl))
    const master = await startMaster({
      dovecotBin,
      dir,
      configPath,
      logPath,
      owner,
      certificate,
      oauth2: !!opts.oauth2,
    })
    return { ...master, certificate }
  })
  const port = started.port
  const tls =
    started.certificate && started.tlsPort !== undefined
      ? { port: started.tlsPort, certificate: started.certificate }
      : undefined
  let child = started.child

  const doveadm = async (args: string[], stdin?: string | Buffer): Promise<string> => {
    return await runWithStdin(doveadmBin, ['-c', configPath, ...args], stdin)
  }
  const readLog = async (): Promise<string> => tailFile(logPath, 40)
  const pidPath = path.join(dir, 'run', 'master.pid')
  const exitGuard = (): void => {
    // A test file that never called stop() (or crashed) must not leave a Dovecot behind.
    if (child.exitCode === null && child.pid !== undefined) child.kill('SIGTERM')
    try {
      rmSync(dir, { recursive: true, force: true })
    } catch {
      // Best effort: the dying Dovecot may still be writing its log there.
    }
  }
  process.once('exit', exitGuard)

  let seq = 0
  const seedStamp = Math.floor(Date.now() / 1000)
  const maildir = (user: string): string => {
    if (!users.some((u) => u.user === user)) throw new Error(`unknown Dovecot rig user "${user}"`)
    return path.join(mailRoot, user)
  }

  const createFolder = async (user: string, name: string): Promise<void> => {
    maildir(user)
    try {
      await doveadm(['mailbox', 'create', '-s', '-u', user, name])
    } catch (err) {
      if (!/exists/i.test(String(err))) throw err
    }
  }

  const folderDir = async (user: string, folder: string): Promise<string> => {
    if (folder.toUpperCase() === 'INBOX') return maildir(user)
    await createFolder(user, folder)
    const out = await doveadm(['mailbox', 'path', '-u', user, '-t', 'mailbox', folder])
    return out.trim()
  }

  const rig: DovecotRig = {
    host: '127.0.0.1',
    port,
    ...(tls ? { tls } : {}),
    user: users[0]!.user,
    password: users[0]!.password,
    users,
    configPath,
    dir,
    logPath,
    maildir,
    readLog,
    doveadm,
    createFolder,
    async seedMaildir(user, folder, raws) {
      const target = await folderDir(user, folder)
      // Names sort in seed order, so Dovecot hands out UIDs in the order given.
      const names = raws.map(() => `${seedStamp}.M${String(seq++).padStart(9, '0')}P${process.pid}.sellerinbox`)
      await mapLimit(raws, 32, async (raw, i) => {
        const body = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw
        const name = `${names[i]!},S=${body.length}`
        const tmpFile = path.join(target, 'tmp', name)
        await fs.writeFile(tmpFile, body, { mode: 0o600 })
        await fs.chown(tmpFile, owner.uid, owner.gid)
        // tmp/ then rename is the Maildir delivery protocol: readers never see half a file.
        await fs.rename(tmpFile, path.join(target, 'new', name))
      })
      await doveadm(['index', '-u', user, folder])
    },
    async append(user, folder, raw) {
      maildir(user)
      await doveadm(['save', '-u', user, '-m', folder], raw)
    },
    async halt() {
      await stopMaster(child, pidPath)
    },
    async restart() {
      if (child.exitCode === null && child.signalCode === null) throw new Error('restart() needs a halted Dovecot')
      const again = { dovecotBin, dir, configPath, logPath, owner, port, oauth2: !!opts.oauth2 }
      child = (await startMaster(tls ? { ...again, certificate: tls.certificate, tlsPort: tls.port } : again)).child
    },
    async stop() {
      process.removeListener('exit', exitGuard)
      await stopMaster(child, pidPath)
      await fs.rm(dir, { recursive: true, force: true })
    },
  }
  return rig
}

/** Runs the start-up steps; on failure the error already carries Dovecot's log, so the folder goes. */
async function removeOnError<T>(dir: string, steps: () => Promise<T>): Promise<T> {
  try {
    return await steps()
  } catch (err) {
    await fs.rm(dir, { recursive: true, force: true })
    throw err
  }
}

/** Config-independent parts of the temp folder: state dir, Maildirs and the passwd file. */
async function layOutFolder(dir: string, users: DovecotUser[], owner: MailOwner): Promise<void> {
  // mkdtemp makes the folder 0700; Dovecot's auth process (user `dovecot`) must read
  // the passwd file and the mail processes (the mail user) must reach the Maildirs.
  await fs.chmod(dir, 0o755)
  await fs.mkdir(path.join(dir, 'state'))
  const mailRoot = path.join(dir, 'mail')
  await fs.mkdir(mailRoot, { mode: 0o700 })
  await fs.chown(mailRoot, owner.uid, owner.gid)
  for (const { user } of users) await makeMaildir(path.join(mailRoot, user), owner)
  await fs.writeFile(path.join(dir, 'passwd'), users.map((u) => `${u.user}:{PLAIN}${u.password}::::::\n`).join(''), {
    mode: 0o644,
  })
}

interface MasterStart {
  dovecotBin: string
  dir: string
  configPath: string
  logPath: string
  owner: MailOwner
  /** Listen here (a restart) instead of on a fresh free port. */
  port?: number
  /** Serve TLS with this certificate: imaps on `tlsPort` (or a fresh free port), STARTTLS on `port`. */
  certificate?: RigCertificate
  tlsPort?: number
  /** Add the oauth2 passdb (its settings are in `<dir>/oauth2.conf.ext`). */
  oauth2?: boolean
}

/** Starts the master in the foreground (-F) so it is our child: we see its exit and reap it. */
async function startMaster(o: MasterStart): Promise<{ port: number; tlsPort?: number; child: ChildProcess }> {
  let lastError: Error | undefined
  for (let attempt = 0; attempt < 5; attempt++) {
    // The old master's socket can take a moment to be released after a halt.
    if (o.port !== undefined && attempt > 0) await new Promise((r) => setTimeout(r, 200))
    const port = o.port ?? (await freePort())
    const tls = o.certificate ? { port: o.tlsPort ?? (await freePort()), certificate: o.certificate } : undefined
    const config = dovecotConfig({ dir: o.dir, port, logPath: o.logPath, owner: o.owner, tls, oauth2: o.oauth2 })
    await fs.writeFile(o.configPath, config)
    const stderrPath = path.join(o.dir, 'master-stderr.log')
    const stderr = await fs.open(stderrPath, 'w')
    const child = spawn(o.dovecotBin, ['-F', '-c', o.configPath], { stdio: ['ignore', stderr.fd, stderr.fd] })
    await stderr.close()
    child.unref()
    let exited: string | undefined
    child.once('exit', (code, signal) => {
      exited = `dovecot exited during start (code ${code ?? 'none'}, signal ${signal ?? 'none'})`
    })
    child.once('error', (err) => {
      exited = `dovecot could not be started: ${err.message}`
    })
    try {
      await waitForPort('127.0.0.1', port, {
        timeoutMs: START_TIMEOUT_MS,
        greeting: '* OK',
        giveUp: () => exited,
      })
      return { port, ...(tls ? { tlsPort: tls.port } : {}), child }
    } catch (err) {
      const log = `${await tailFile(stderrPath, 20)}\n${await tailFile(o.logPath, 40)}`.trim()
      if (child.exitCode === null) child.kill('SIGKILL')
      lastError = new Error(
        `private Dovecot did not start on 127.0.0.1:${port}: ${(err as Error).message}\n--- dovecot log ---\n${log}`,
      )
      // Someone took the port between freePort() and Dovecot's bind: try another one (or,
      // restarting, the same one once it is free).
      if (!/address already in use/i.test(log)) break
    }
  }
  throw lastError ?? new Error('private Dovecot did not start')
}

async function stopMaster(child: ChildProcess, pidPath: string): Promise<void> {
  const pid = (await readPid(pidPath)) ?? child.pid
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  // SIGTERM to the master alone takes ~1.1 s: it waits for its log process to drain. Signalling
  // its children in the same instant, as a process-group kill would, stops everything in ~30 ms.
  // (We do not spawn it detached into its own group so that Ctrl+C still reaches it.)
  const children = await childPids(pid)
  process.kill(pid, 'SIGTERM')
  for (const c of children) signal(c, 'SIGTERM')
  // The timer is deliberately ref'd: the child is unref'd, so it keeps the event loop alive.
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS)
  })
  const outcome = await Promise.race([exited, timeout])
  clearTimeout(timer)
  if (outcome === 'timeout') {
    for (const c of await childPids(pid)) signal(c, 'SIGKILL')
    child.kill('SIGKILL')
    await exited
  }
}

/** Direct children of a process, from Linux /proc; empty where that file is unavailable. */
async function childPids(pid: number): Promise<number[]> {
  try {
    const text = await fs.readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')
    return text.split(/\s+/).filter(Boolean).map(Number)
  } catch {
    return []
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig)
  } catch {
    // Already gone: exactly what we wanted.
  }
}

async function readPid(pidPath: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await fs.readFile(pidPath, 'utf8'), 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

interface ConfigInput {
  dir: string
  port: number
  logPath: string
  owner: MailOwner
  tls?: DovecotTls
  oauth2?: boolean
}

function dovecotConfig(o: ConfigInput): string {
  const { dir, port, logPath, owner, tls, oauth2 } = o
  // Not root: every Dovecot process runs as us (Dovecot's documented non-root mode).
  const asUser =
    owner.name === undefined
      ? ''
      : `default_internal_user = ${owner.name}\ndefault_internal_group = ${owner.group}\ndefault_login_user = ${owner.name}\n`
  // Non-root processes cannot chroot; the login and anvil services do by default.
  const noChroot = owner.name === undefined ? '' : '  chroot =\n'
  return `# Private Dovecot for Seller Inbox tests. Generated by tests/rigs/dovecot.ts.
instance_name = sellerinbox-${path.basename(dir)}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${logPath}
protocols = imap
listen = 127.0.0.1
${tlsSettings(tls)}disable_plaintext_auth = no
auth_mechanisms = plain login${oauth2 ? ' xoauth2' : ''}
auth_verbose = yes
# Dovecot delays every failed login by 2 s; tests of wrong passwords should not wait.
auth_failure_delay = 0
# No login penalty after a failed attempt either: tests try wrong passwords on purpose.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
${asUser}mail_location = maildir:${dir}/mail/%u
mail_uid = ${owner.uid}
mail_gid = ${owner.gid}
first_valid_uid = ${Math.min(owner.uid, 100)}
first_valid_gid = ${Math.min(owner.gid, 100)}
# Parallel test workers and IDLE connections all log in from 127.0.0.1 as the same user.
mail_max_userip_connections = 1000
# Test mail is disposable; skipping fsync keeps seeding and APPEND fast.
mail_fsync = never

${oauth2 ? oauth2Passdb(dir) : ''}passdb {
  driver = passwd-file
${oauth2 ? '  mechanisms = plain login\n' : ''}  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}

namespace inbox {
  inbox = yes
  separator = /
  mailbox Drafts {
    special_use = \\Drafts
  }
  mailbox Sent {
    special_use = \\Sent
  }
  mailbox Trash {
    special_use = \\Trash
  }
  mailbox Junk {
    special_use = \\Junk
  }
}

service imap-login {
${noChroot}  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
${tls ? `    address = 127.0.0.1\n    port = ${tls.port}\n    ssl = yes\n` : '    port = 0\n'}  }
}
service anvil {
${noChroot}}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`
}

function tlsSettings(tls: DovecotTls | undefined): string {
  if (!tls) return 'ssl = no\n'
  // "yes", not "required": the plain port offers STARTTLS but still takes logins without it, so
  // a test can ask for STARTTLS or for none on the same port.
  return `ssl = yes
ssl_cert = <${tls.certificate.certPath}
ssl_key = <${tls.certificate.keyPath}
ssl_min_protocol = TLSv1.2
`
}

/**
 * Only XOAUTH2 is offered, not OAUTHBEARER, which imapflow would prefer: the tests then use the
 * mechanism Gmail and Outlook.com speak to mail apps.
 * Tokens go to the oauth2 passdb only (XOAUTH2), passwords to the passwd-file only: otherwise
 * Dovecot would try a token as a password and a password as a token. The user still comes from
 * the passwd-file userdb, so a token for a user the rig does not have cannot log in.
 */
function oauth2Passdb(dir: string): string {
  return `passdb {
  driver = oauth2
  mechanisms = xoauth2
  args = ${dir}/oauth2.conf.ext
}
`
}

function oauth2Config(introspectionUrl: string): string {
  if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(introspectionUrl)) {
    throw new Error(`the rig's introspection URL must be a loopback http:// URL: ${introspectionUrl}`)
  }
  // No tokeninfo_url: every token goes to the introspection endpoint, which says whether it is
  // active and whose it is.
  return `introspection_mode = post
introspection_url = ${introspectionUrl}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
timeout_msecs = 5000
`
}

/** Who owns the Maildirs: the system user `sellerinbox-mail` as root, ourselves otherwise. */
async function mailOwner(): Promise<MailOwner> {
  if (process.getuid === undefined || process.getgid === undefined) {
    throw new Error('the Dovecot rig needs a POSIX system (Linux)')
  }
  if (process.getuid() !== 0) {
    const group = (await run('id', ['-gn'])).stdout.trim()
    return { uid: process.getuid(), gid: process.getgid(), name: os.userInfo().username, group }
  }
  const existing = await lookupUser(MAIL_SYSTEM_USER)
  if (existing !== undefined) return existing
  try {
    await run('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      MAIL_SYSTEM_USER,
    ])
  } catch (err) {
    // A parallel test worker may have created it a moment ago; only fail if it is still missing.
    const raced = await lookupUser(MAIL_SYSTEM_USER)
    if (raced !== undefined) return raced
    throw new Error(
      `could not create the system user ${MAIL_SYSTEM_USER} for the Dovecot rig: ${(err as Error).message}`,
      { cause: err },
    )
  }
  const created = await lookupUser(MAIL_SYSTEM_USER)
  if (created === undefined) throw new Error(`useradd did not create ${MAIL_SYSTEM_USER}`)
  return created
}

async function lookupUser(name: string): Promise<MailOwner | undefined> {
  try {
    const uid = Number((await run('id', ['-u', name])).stdout.trim())
    const gid = Number((await run('id', ['-g', name])).stdout.trim())
    return { uid, gid }
  } catch {
    return undefined
  }
}

async function makeMaildir(root: string, owner: MailOwner): Promise<void> {
  for (const sub of ['', 'cur', 'new', 'tmp']) {
    const p = path.join(root, sub)
    await fs.mkdir(p, { recursive: true, mode: 0o700 })
    await fs.chown(p, owner.uid, owner.gid)
  }
}

/** Finds a Dovecot binary, also in /usr/sbin which a non-root PATH often lacks. */
function findBinary(name: 'dovecot' | 'doveadm'): string {
  const dirs = [...(process.env['PATH'] ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin', '/sbin']
  for (const d of dirs) {
    if (d !== '' && existsSync(path.join(d, name))) return path.join(d, name)
  }
  const pkg = name === 'dovecot' ? 'dovecot-imapd (and dovecot-core)' : 'dovecot-core'
  throw new Error(`the Dovecot test rig needs \`${name}\`, which is not installed: apt-get install -y ${pkg}`)
}

function assertSafeUser(u: DovecotUser): void {
  // The name becomes a directory and a passwd-file line; keep both unambiguous.
  if (!/^[A-Za-z0-9._@+-]+$/.test(u.user) || u.user.startsWith('.')) {
    throw new Error(`Dovecot rig user name "${u.user}" must be letters, digits and . _ @ + -`)
  }
  if (/[:\n\r]/.test(u.password)) throw new Error(`password for "${u.user}" must not contain ':' or newlines`)
}

function runWithStdin(bin: string, args: string[], stdin?: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(bin, args, { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(bin)} ${args.join(' ')} failed: ${stderr.trim() || err.message}`))
      else resolve(stdout)
    })
    // A child that exits before reading all of stdin (a refused doveadm call, a rig being
    // stopped) breaks the pipe; its exit status and stderr above say what happened.
    child.stdin?.on('error', () => undefined)
    child.stdin?.end(stdin ?? '')
  })
}

async function tailFile(file: string, lines: number): Promise<string> {
  try {
    return (await fs.readFile(file, 'utf8')).split('\n').slice(-lines).join('\n')
  } catch {
    return ''
  }
}
