// Account secrets (IMAP/SMTP passwords, OAuth tokens) at rest: sealed by a SecretCipher and
// kept in `secrets.json` in the data folder, never in plain text. The desktop app seals with
// the OS keychain (Electron safeStorage, implemented in the Electron glue); browser/dev mode
// seals with a key file kept outside the data folder, so a copy of the folder alone reveals
// no password.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { constants as fsConstants, promises as fs } from 'node:fs'
import os from 'node:os'
import { dirname, isAbsolute, join, relative, sep } from 'node:path'
import { syncDir, writeFileAtomic } from './atomic-file'
import { StoreError } from './errors'

/**
 * Seals and unseals one secret. `kind` names the scheme ('keyfile', 'safeStorage') and is stored
 * next to each sealed value, so a value sealed by another scheme is reported, not mis-decrypted.
 * The Electron glue implements it as
 * `{ kind: 'safeStorage', encrypt: async (s) => safeStorage.encryptString(s).toString('base64'),
 *    decrypt: async (s) => safeStorage.decryptString(Buffer.from(s, 'base64')) }`.
 * decrypt must throw (any error) rather than return garbage when the value cannot be unsealed.
 */
export interface SecretCipher {
  readonly kind: string
  encrypt(plain: string): Promise<string>
  decrypt(sealed: string): Promise<string>
}

export type SecretErrorReason =
  /** Wrong key, key file replaced, or the sealed value was altered. */
  | 'undecryptable'
  /** Sealed by another scheme (e.g. saved in browser mode, read by the desktop app). */
  | 'other_cipher'
  /** The key file could not be read or created. */
  | 'key_unavailable'

/** A saved secret cannot be used; the seller has to enter it again. */
export class SecretError extends StoreError {
  constructor(
    message: string,
    action: string,
    readonly reason: SecretErrorReason,
    /** The secret's name in the secrets document, when one secret is concerned. */
    readonly secretName?: string,
    options?: { cause?: unknown },
  ) {
    super(message, action)
    if (options?.cause !== undefined) this.cause = options.cause
  }
}

const REENTER = 'Enter the password (or sign in) again in the account settings; it will be saved anew.'

// ---------------------------------------------------------------------------------------------
// Key-file cipher (browser/dev mode)
// ---------------------------------------------------------------------------------------------

const KEY_BYTES = 32
const IV_BYTES = 12 // the GCM standard nonce size
const TAG_BYTES = 16
const FORMAT = 'v1'
// Binds a sealed value to this purpose: a ciphertext made with the same key for something
// else does not unseal as a secret.
const AAD = Buffer.from('seller-inbox secret v1', 'utf8')

/** Where browser/dev mode keeps its key: the user's config folder, never the data folder. */
export function defaultKeyFilePath(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_CONFIG_HOME']
  const base = xdg !== undefined && xdg !== '' ? xdg : join(os.homedir(), '.config')
  return join(base, 'seller-inbox', 'secret.key')
}

/**
 * AES-256-GCM with a random 256-bit key in a 0600 file in a 0700 folder. Sealed values are
 * `v1:base64(iv | tag | ciphertext)`. GCM authenticates, so a wrong key or an altered value
 * fails loudly (SecretError) instead of yielding garbage.
 */
export class KeyFileCipher implements SecretCipher {
  readonly kind = 'keyfile'
  private key: Promise<Buffer> | undefined

  /** `keyPath` is injectable for tests and portable installs; default: defaultKeyFilePath(). */
  constructor(readonly keyPath: string = defaultKeyFilePath()) {}

  async encrypt(plain: string): Promise<string> {
    const key = await this.loadKey()
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', key, iv)
    cipher.setAAD(AAD)
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return `${FORMAT}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`
  }

  async decrypt(sealed: string): Promise<string> {
    const key = await this.loadKey()
    const [format, payload] = splitOnce(sealed, ':')
    if (format !== FORMAT || payload === undefined) {
      throw new SecretError(
        `A saved password is in an unknown format (${format.slice(0, 8)}); it may come from a newer Seller Inbox.`,
        REENTER,
        'undecryptable',
      )
    }
    const bytes = Buffer.from(payload, 'base64')
    if (bytes.length < IV_BYTES + TAG_BYTES) throw undecryptable()
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES))
    decipher.setAAD(AAD)
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
    try {
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    } catch (err) {
      throw undecryptable(err)
    }
  }

  /** Loads the key once per instance; creates it on first use. */
  private loadKey(): Promise<Buffer> {
    // A failed load is not cached: the seller may fix the folder's permissions and retry.
    this.key ??= readOrCreateKey(this.keyPath).catch((err: unknown) => {
      this.key = undefined
      throw err
    })
    return this.key
  }
}

function undecryptable(cause?: unknown): SecretError {
  return new SecretError(
    'A saved password can no longer be unlocked: the key that sealed it is gone or was replaced, or the value was changed.',
    REENTER,
    'undecryptable',
    undefined,
    { cause },
  )
}

async function readOrCreateKey(keyPath: string): Promise<Buffer> {
  try {
    const existing = await readKey(keyPath)
    if (existing) return existing
    // A key file that is not a key (truncated, edited) can unseal nothing; keep it aside for
    // inspection and start a new one. Secrets sealed before are then reported undecryptable.
    await fs.rename(keyPath, `${keyPath}.invalid-${Date.now()}`)
    return await createKey(keyPath)
  } catch (err) {
    if (err instanceof SecretError) throw err
    throw new SecretError(
      `Seller Inbox could not read or create its key file ${keyPath}: ${(err as Error).message}`,
      `Check that ${dirname(keyPath)} exists and belongs to you, then try again.`,
      'key_unavailable',
      undefined,
      { cause: err },
    )
  }
}

/** The key, undefined if the file holds no valid key; creates it if the file is missing. */
async function readKey(keyPath: string): Promise<Buffer | undefined> {
  let text: string
  try {
    text = await fs.readFile(keyPath, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    return await createKey(keyPath)
  }
  const key = Buffer.from(text.trim(), 'base64')
  if (key.length !== KEY_BYTES) return undefined
  // Someone (a backup restore, a chmod -R) widened the permissions: narrow them again.
  const { mode } = await fs.stat(keyPath)
  if ((mode & 0o077) !== 0 && process.platform !== 'win32') await fs.chmod(keyPath, 0o600)
  return key
}

/**
 * Writes a fresh key so that no reader ever sees a partial file: temp file, fsync, then link()
 * into place, which fails if another process won the race, in which case its key is used.
 */
async function createKey(keyPath: string): Promise<Buffer> {
  const dir = dirname(keyPath)
  // Narrow only a folder we create: an injected path may point into a shared folder.
  const created = await fs.mkdir(dir, { recursive: true, mode: 0o700 })
  if (created !== undefined && process.platform !== 'win32') await fs.chmod(dir, 0o700)
  const key = randomBytes(KEY_BYTES)
  const tmp = join(dir, `.secret.key.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const handle = await fs.open(tmp, 'wx', 0o600)
  try {
    await handle.writeFile(`${key.toString('base64')}\n`)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    await publishExclusive(tmp, keyPath)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    const winner = await readKey(keyPath)
    if (!winner) throw new Error(`${keyPath} appeared but holds no valid key`, { cause: err })
    return winner
  } finally {
    await fs.rm(tmp, { force: true })
  }
  await syncDir(dir)
  return key
}

/** Puts `tmp` at `target` unless `target` exists (EEXIST). */
async function publishExclusive(tmp: string, target: string): Promise<void> {
  try {
    await fs.link(tmp, target)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    // Filesystems without hard links (FAT, some network shares): an exclusive copy instead.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'EMLINK') {
      await fs.copyFile(tmp, target, fsConstants.COPYFILE_EXCL)
    } else throw err
  }
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep)
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)]
}

// ---------------------------------------------------------------------------------------------
// The secrets document
// ---------------------------------------------------------------------------------------------

export const SECRETS_FILE = 'secrets.json'

interface SealedEntry {
  /** The SecretCipher.kind that sealed it. */
  cipher: string
  sealed: string
}

interface SecretsDocument {
  version: 1
  secrets: Record<string, SealedEntry>
}

/**
 * Name → sealed secret, in `secrets.json` in the data folder. Accounts refer to their secret by
 * name (Account.secretRef). Writes are atomic and serialised; reads come from memory after the
 * first load.
 */
export class SecretStore {
  readonly file: string
  private entries: Promise<Map<string, SealedEntry>> | undefined
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly dataDir: string,
    private readonly cipher: SecretCipher,
  ) {
    this.file = join(dataDir, SECRETS_FILE)
  }

  async set(name: string, plain: string): Promise<void> {
    assertName(name)
    this.assertKeyOutside()
    const sealed = await this.cipher.encrypt(plain)
    await this.mutate((entries) => entries.set(name, { cipher: this.cipher.kind, sealed }))
  }

  /** The secret, or undefined if none is saved under that name. Throws SecretError if it cannot be unsealed. */
  async get(name: string): Promise<string | undefined> {
    const entry = (await this.load()).get(name)
    if (!entry) return undefined
    this.assertKeyOutside()
    if (entry.cipher !== this.cipher.kind) {
      throw new SecretError(
        `The saved password "${name}" was sealed by ${describeCipher(entry.cipher)}, and this copy of Seller Inbox uses ${describeCipher(this.cipher.kind)}.`,
        REENTER,
        'other_cipher',
        name,
      )
    }
    try {
      return await this.cipher.decrypt(entry.sealed)
    } catch (err) {
      if (err instanceof SecretError && err.reason === 'key_unavailable') throw err
      // Any failure (safeStorage throws plain Errors) means the same thing to the seller.
      throw new SecretError(
        `The saved password "${name}" can no longer be unlocked: the key that sealed it is gone or was replaced, or the value was changed.`,
        REENTER,
        'undecryptable',
        name,
        { cause: err },
      )
    }
  }

  async delete(name: string): Promise<void> {
    await this.mutate((entries) => entries.delete(name))
  }

  /** Names of the saved secrets (never their values). */
  async names(): Promise<string[]> {
    return [...(await this.load()).keys()].sort()
  }

  /**
   * A key file inside the data folder would travel with every copy of it, and the copy would
   * reveal every password: refuse (only secrets are affected; the rest of the app works).
   */
  private assertKeyOutside(): void {
    if (!(this.cipher instanceof KeyFileCipher)) return
    const rel = relative(this.dataDir, this.cipher.keyPath)
    if (rel === '' || (rel.split(sep)[0] !== '..' && !isAbsolute(rel))) {
      throw new SecretError(
        `The key file ${this.cipher.keyPath} is inside the data folder ${this.dataDir}, so a copy of the folder would reveal the saved passwords.`,
        'Keep the data folder apart from the configuration folder (XDG_CONFIG_HOME or ~/.config), then enter the passwords again.',
        'key_unavailable',
      )
    }
  }

  private load(): Promise<Map<string, SealedEntry>> {
    this.entries ??= readDocument(this.file).catch((err: unknown) => {
      this.entries = undefined // a permission problem fixed later must not need a restart
      throw err
    })
    return this.entries
  }

  /** Read-modify-write, one at a time, so two quick `set`s never lose each other. */
  private mutate(change: (entries: Map<string, SealedEntry>) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const entries = await this.load()
      const before = new Map(entries)
      change(entries)
      try {
        await writeDocument(this.file, entries)
      } catch (err) {
        // Memory must keep matching the disk, or a later read would report a secret that is not saved.
        entries.clear()
        for (const [k, v] of before) entries.set(k, v)
        throw err
      }
    })
    this.queue = next.catch(() => undefined)
    return next
  }
}

function assertName(name: string): void {
  // Names end up as JSON keys and in log lines: no control characters, nothing huge.
  if (name === '' || name.length > 200 || [...name].some((c) => c.charCodeAt(0) < 0x20)) {
    throw new TypeError(`invalid secret name ${JSON.stringify(name)}`)
  }
}

function describeCipher(kind: string): string {
  if (kind === 'safeStorage') return "the desktop app's system keychain"
  if (kind === 'keyfile') return 'the browser-mode key file'
  return `"${kind}"`
}

async function readDocument(file: string): Promise<Map<string, SealedEntry>> {
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map()
    throw err
  }
  const parsed = parseDocument(text)
  if (parsed) return parsed
  // Writes are atomic, so this is outside damage. The secrets are lost either way, but the app
  // must start: keep the bytes aside for inspection; each account then asks for its password again.
  await fs.rename(file, `${file}.unreadable-${Date.now()}`)
  return new Map()
}

function parseDocument(text: string): Map<string, SealedEntry> | undefined {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isRecord(raw) || raw['version'] !== 1 || !isRecord(raw['secrets'])) return undefined
  const entries = new Map<string, SealedEntry>()
  for (const [name, entry] of Object.entries(raw['secrets'])) {
    // One malformed entry costs that one secret, not all of them.
    if (isRecord(entry) && typeof entry['cipher'] === 'string' && typeof entry['sealed'] === 'string') {
      entries.set(name, { cipher: entry['cipher'], sealed: entry['sealed'] })
    }
  }
  return entries
}

async function writeDocument(file: string, entries: Map<string, SealedEntry>): Promise<void> {
  const doc: SecretsDocument = {
    version: 1,
    secrets: Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : 1))),
  }
  // No `.bak`: it would keep a deleted secret around, and atomic writes need no second copy.
  await writeFileAtomic(file, `${JSON.stringify(doc, null, 2)}\n`)
  // Sealed values are useless without the key, but there is no reason for others to read them.
  if (process.platform !== 'win32') await fs.chmod(file, 0o600)
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
