// Secrets at rest: sealed in the data folder, unsealed only with a key kept elsewhere, and
// a lost key or an altered value reported as "enter the password again", never as garbage.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  KeyFileCipher,
  SECRETS_FILE,
  SecretError,
  SecretStore,
  defaultKeyFilePath,
  type SecretCipher,
} from '../../main/store/secrets'

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await fs.rm(d, { recursive: true, force: true })
})

/** A data folder and, beside it (not inside), the config folder holding the key. */
async function setup(): Promise<{ dataDir: string; keyPath: string; store: SecretStore; cipher: KeyFileCipher }> {
  const root = await fs.mkdtemp(join(tmpdir(), 'secrets-test-'))
  dirs.push(root)
  const dataDir = join(root, 'data')
  await fs.mkdir(dataDir)
  const keyPath = join(root, 'config', 'seller-inbox', 'secret.key')
  const cipher = new KeyFileCipher(keyPath)
  return { dataDir, keyPath, cipher, store: new SecretStore(dataDir, cipher) }
}

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await allFiles(p)))
    else out.push(p)
  }
  return out
}

async function readDoc(dataDir: string): Promise<{ secrets: Record<string, { cipher: string; sealed: string }> }> {
  return JSON.parse(await fs.readFile(join(dataDir, SECRETS_FILE), 'utf8')) as {
    secrets: Record<string, { cipher: string; sealed: string }>
  }
}

describe('SecretStore with the key-file cipher', () => {
  it('gives back what was saved, also from a fresh start, and forgets a deleted secret', async () => {
    const { dataDir, keyPath, store } = await setup()
    await store.set('acc_1.imap', 'hunter2')
    await store.set('acc_1.oauth', 'ya29.a0Af-token_with:colons')
    await store.set('acc_2.imap', 'パスワード🔑')
    expect(await store.get('acc_1.imap')).toBe('hunter2')

    const restarted = new SecretStore(dataDir, new KeyFileCipher(keyPath))
    expect(await restarted.get('acc_1.oauth')).toBe('ya29.a0Af-token_with:colons')
    expect(await restarted.get('acc_2.imap')).toBe('パスワード🔑')
    expect(await restarted.get('never-saved')).toBeUndefined()

    await restarted.delete('acc_1.imap')
    expect(await new SecretStore(dataDir, new KeyFileCipher(keyPath)).names()).toEqual(['acc_1.oauth', 'acc_2.imap'])
  })

  it('never writes a secret, in any encoding, or the key into the data folder', async () => {
    const { dataDir, keyPath, store } = await setup()
    const secrets = ['correct-horse-battery-staple', '秘密のパスワード', 'ya29.refresh-token-0123456789']
    for (const [i, s] of secrets.entries()) await store.set(`acc_${i}`, s)
    await store.set('acc_0', 'second-password-after-change')
    secrets.push('second-password-after-change')

    const key = (await fs.readFile(keyPath, 'utf8')).trim()
    const files = await allFiles(dataDir)
    expect(files.map((f) => relative(dataDir, f))).toEqual([SECRETS_FILE])
    for (const file of files) {
      const bytes = await fs.readFile(file)
      for (const s of secrets) {
        for (const needle of [s, Buffer.from(s).toString('base64'), Buffer.from(s).toString('hex')]) {
          expect(bytes.includes(Buffer.from(needle)), `${file} contains ${needle}`).toBe(false)
        }
      }
      expect(bytes.includes(Buffer.from(key)), `${file} contains the key`).toBe(false)
    }
    // Sealing is randomised: the same password saved twice does not look the same.
    await store.set('x', 'same')
    const first = (await readDoc(dataDir)).secrets['x']!.sealed
    await store.set('x', 'same')
    expect((await readDoc(dataDir)).secrets['x']!.sealed).not.toBe(first)
    expect(first).toMatch(/^v1:[A-Za-z0-9+/]+=*$/)
  })

  it('creates the key file 0600 in a 0700 folder outside the data folder', async () => {
    const { dataDir, keyPath, store } = await setup()
    await store.set('acc', 'pw')
    expect((await fs.stat(keyPath)).mode & 0o777).toBe(0o600)
    expect((await fs.stat(join(keyPath, '..'))).mode & 0o777).toBe(0o700)
    expect(relative(dataDir, keyPath).startsWith('..')).toBe(true)
    expect(Buffer.from((await fs.readFile(keyPath, 'utf8')).trim(), 'base64')).toHaveLength(32)
    expect((await fs.stat(join(dataDir, SECRETS_FILE))).mode & 0o777).toBe(0o600)
  })

  it('narrows a key file whose permissions were widened', async () => {
    const { keyPath, store, dataDir } = await setup()
    await store.set('acc', 'pw')
    await fs.chmod(keyPath, 0o644)
    expect(await new SecretStore(dataDir, new KeyFileCipher(keyPath)).get('acc')).toBe('pw')
    expect((await fs.stat(keyPath)).mode & 0o777).toBe(0o600)
  })

  it('reports a tampered value as a SecretError naming the secret, not garbage', async () => {
    const { dataDir, keyPath, store } = await setup()
    await store.set('acc_1.imap', 'hunter2')
    const doc = await readDoc(dataDir)
    const bytes = Buffer.from(doc.secrets['acc_1.imap']!.sealed.slice(3), 'base64')
    bytes[bytes.length - 1]! ^= 0x01 // flip one bit of the ciphertext
    doc.secrets['acc_1.imap']!.sealed = `v1:${bytes.toString('base64')}`
    await fs.writeFile(join(dataDir, SECRETS_FILE), JSON.stringify(doc))

    const err = await new SecretStore(dataDir, new KeyFileCipher(keyPath)).get('acc_1.imap').catch((e) => e)
    expect(err).toBeInstanceOf(SecretError)
    expect(err).toMatchObject({ reason: 'undecryptable', secretName: 'acc_1.imap' })
    expect((err as SecretError).action).toMatch(/enter the password/i)
  })

  it('reports a truncated or unknown-format value as a SecretError', async () => {
    const { dataDir, keyPath, store } = await setup()
    await store.set('short', 'pw')
    await store.set('future', 'pw')
    const doc = await readDoc(dataDir)
    doc.secrets['short']!.sealed = 'v1:AAAA'
    doc.secrets['future']!.sealed = 'v9:' + doc.secrets['future']!.sealed.slice(3)
    await fs.writeFile(join(dataDir, SECRETS_FILE), JSON.stringify(doc))
    const fresh = new SecretStore(dataDir, new KeyFileCipher(keyPath))
    await expect(fresh.get('short')).rejects.toBeInstanceOf(SecretError)
    await expect(fresh.get('future')).rejects.toBeInstanceOf(SecretError)
  })

  it('makes a new key when the key file is missing, and reports the old secrets undecryptable', async () => {
    const { dataDir, keyPath, store } = await setup()
    await store.set('acc_1.imap', 'hunter2')
    const oldKey = await fs.readFile(keyPath, 'utf8')
    await fs.rm(keyPath) // e.g. the data folder was copied to another computer

    const moved = new SecretStore(dataDir, new KeyFileCipher(keyPath))
    await expect(moved.get('acc_1.imap')).rejects.toMatchObject({ name: 'SecretError', reason: 'undecryptable' })
    const newKey = await fs.readFile(keyPath, 'utf8')
    expect(newKey).not.toBe(oldKey)
    expect((await fs.stat(keyPath)).mode & 0o777).toBe(0o600)

    // Re-entering the password works with the new key.
    await moved.set('acc_1.imap', 'hunter2-again')
    expect(await new SecretStore(dataDir, new KeyFileCipher(keyPath)).get('acc_1.imap')).toBe('hunter2-again')
  })

  it('refuses to unseal with another key', async () => {
    const { dataDir, store } = await setup()
    await store.set('acc', 'pw')
    const otherKey = join(dataDir, '..', 'other', 'secret.key')
    const other = new SecretStore(dataDir, new KeyFileCipher(otherKey))
    await expect(other.get('acc')).rejects.toBeInstanceOf(SecretError)
  })

  it('replaces a key file that holds no key, keeping the bad one aside', async () => {
    const { dataDir, keyPath, store } = await setup()
    await store.set('acc', 'pw')
    await fs.writeFile(keyPath, 'not a key\n', { mode: 0o600 })
    const fresh = new SecretStore(dataDir, new KeyFileCipher(keyPath))
    await expect(fresh.get('acc')).rejects.toBeInstanceOf(SecretError)
    await fresh.set('acc', 'pw2')
    expect(await fresh.get('acc')).toBe('pw2')
    const aside = (await fs.readdir(join(keyPath, '..'))).filter((n) => n.startsWith('secret.key.invalid-'))
    expect(aside).toHaveLength(1)
  })

  it('shares one key between two instances created at the same moment', async () => {
    const { keyPath } = await setup()
    const a = new KeyFileCipher(keyPath)
    const b = new KeyFileCipher(keyPath)
    const [sealedA, sealedB] = await Promise.all([a.encrypt('one'), b.encrypt('two')])
    expect(await b.decrypt(sealedA)).toBe('one')
    expect(await a.decrypt(sealedB)).toBe('two')
  })

  it('keeps every one of many quick writes', async () => {
    const { dataDir, keyPath, store } = await setup()
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`acc_${i}`, `pw-${i}`)))
    const fresh = new SecretStore(dataDir, new KeyFileCipher(keyPath))
    expect(await fresh.names()).toHaveLength(20)
    expect(await fresh.get('acc_13')).toBe('pw-13')
  })

  it('starts empty, keeping the bytes aside, when secrets.json is not JSON', async () => {
    const { dataDir, keyPath } = await setup()
    await fs.writeFile(join(dataDir, SECRETS_FILE), '{"version":1,"secr')
    const store = new SecretStore(dataDir, new KeyFileCipher(keyPath))
    expect(await store.get('acc')).toBeUndefined()
    expect((await fs.readdir(dataDir)).some((n) => n.startsWith(`${SECRETS_FILE}.unreadable-`))).toBe(true)
  })

  it('says so when a secret was sealed by the other scheme (browser mode vs. desktop keychain)', async () => {
    const { dataDir, store } = await setup()
    await store.set('acc', 'pw')
    // The shape the Electron glue implements with safeStorage; reversible here for the test.
    const keychain: SecretCipher = {
      kind: 'safeStorage',
      encrypt: async (s) => Buffer.from(s).toString('base64'),
      decrypt: async (s) => Buffer.from(s, 'base64').toString(),
    }
    const desktop = new SecretStore(dataDir, keychain)
    await expect(desktop.get('acc')).rejects.toMatchObject({ reason: 'other_cipher', secretName: 'acc' })
    await desktop.set('acc', 'pw')
    expect(await desktop.get('acc')).toBe('pw')
  })

  it('wraps any failure of a cipher (safeStorage throws plain errors) in a SecretError', async () => {
    const { dataDir } = await setup()
    const broken: SecretCipher = {
      kind: 'safeStorage',
      encrypt: async (s) => s.split('').reverse().join(''),
      decrypt: async () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
      },
    }
    const store = new SecretStore(dataDir, broken)
    await store.set('acc', 'pw')
    await expect(store.get('acc')).rejects.toMatchObject({ name: 'SecretError', reason: 'undecryptable' })
  })
})

describe('a key file inside the data folder', () => {
  it('is refused, since a copy of the folder would then reveal every password', async () => {
    const { dataDir } = await setup()
    const store = new SecretStore(dataDir, new KeyFileCipher(join(dataDir, 'keys', 'secret.key')))
    await expect(store.set('acc', 'pw')).rejects.toMatchObject({ name: 'SecretError', reason: 'key_unavailable' })
    expect(await allFiles(dataDir)).toEqual([])
  })
})

describe('defaultKeyFilePath', () => {
  it('follows XDG_CONFIG_HOME and falls back to ~/.config', () => {
    expect(defaultKeyFilePath({ XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/seller-inbox/secret.key')
    expect(defaultKeyFilePath({})).toMatch(/\.config\/seller-inbox\/secret\.key$/)
  })
})
