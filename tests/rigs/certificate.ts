// Throwaway self-signed TLS certificates for the rigs, made with openssl when a rig starts:
// the kind a seller's self-hosted mail server has, which no system trusts.
import { execFile } from 'node:child_process'
import { X509Certificate } from 'node:crypto'
import fs from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface RigCertificate {
  certPath: string
  keyPath: string
  /** The certificate, PEM. */
  cert: string
  /** Its private key, PEM. */
  key: string
  /** SHA-256 fingerprint as Node prints it ("AB:CD:…"): what a seller would pin. */
  sha256: string
}

/**
 * Writes `<name>.crt` and `<name>.key` into `dir`. The first of `names` is the CN; all of them
 * go in subjectAltName (IP addresses as IP entries). Valid from now for two days.
 */
export async function makeSelfSignedCertificate(
  dir: string,
  opts: { name?: string; names?: string[] } = {},
): Promise<RigCertificate> {
  const names = opts.names ?? ['127.0.0.1', 'localhost']
  if (names.length === 0 || names.some((n) => !/^[A-Za-z0-9.:-]+$/.test(n))) {
    throw new Error(`certificate names must be host names or IP addresses: ${names.join(', ')}`)
  }
  const base = opts.name ?? 'rig'
  const certPath = path.join(dir, `${base}.crt`)
  const keyPath = path.join(dir, `${base}.key`)
  const san = names.map((n) => (net.isIP(n) ? `IP:${n}` : `DNS:${n}`)).join(',')
  try {
    // An EC key: instant to make, unlike RSA, and every TLS stack in the rigs takes it.
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-days',
      '2',
      '-subj',
      `/CN=${names[0]}`,
      '-addext',
      `subjectAltName=${san}`,
    ])
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT'
    throw new Error(
      missing
        ? 'the TLS rigs need `openssl`, which is not installed: apt-get install -y openssl'
        : `openssl could not make a test certificate: ${(err as Error).message}`,
      { cause: err },
    )
  }
  await fs.chmod(keyPath, 0o600)
  const cert = await fs.readFile(certPath, 'utf8')
  const key = await fs.readFile(keyPath, 'utf8')
  return { certPath, keyPath, cert, key, sha256: new X509Certificate(cert).fingerprint256 }
}
