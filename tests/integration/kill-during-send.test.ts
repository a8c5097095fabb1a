// kill -9 the engine at moments of sending a reply: after a restart the reply goes out
// exactly once, with exactly one copy in Sent.
import { spawn } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ImapFlow } from 'imapflow'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDovecot, type DovecotRig } from '../rigs/dovecot'
import { startSmtpSink, type SmtpSink } from '../rigs/smtp-sink'

const USER = 'shop@aiko-teaware.example'
const PASSWORD = 'send-test'
const cwd = resolve(import.meta.dirname, '../..')
let dir: string
let rig: DovecotRig
let sink: SmtpSink

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'kill-send-'))
  rig = await startDovecot({ users: [{ user: USER, password: PASSWORD }] })
  await rig.createFolder(USER, 'Sent')
  sink = await startSmtpSink()
}, 60_000)

afterAll(async () => {
  await sink?.stop()
  await rig?.stop()
  await fs.rm(dir, { recursive: true, force: true })
})

function child(mode: 'send' | 'finish', text: string, killAfterMs?: number): Promise<{ out: string; killed: boolean }> {
  const args = [
    mode,
    join(dir, 'data'),
    join(dir, 'key'),
    rig.host,
    String(rig.port),
    sink.host,
    String(sink.port),
    USER,
    PASSWORD,
    text,
  ]
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures/outbox-child.ts'), ...args],
    {
      cwd,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  let out = ''
  return new Promise((done, fail) => {
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (killAfterMs !== undefined && out.includes('queued')) setTimeout(() => proc.kill('SIGKILL'), killAfterMs)
    })
    proc.on('exit', (code, signal) =>
      signal === 'SIGKILL' || code === 0
        ? done({ out, killed: signal === 'SIGKILL' })
        : fail(new Error(`child ${mode} exited ${code}: ${out}`)),
    )
  })
}

async function sentCopies(messageId: string): Promise<number> {
  const client = new ImapFlow({
    host: rig.host,
    port: rig.port,
    secure: false,
    auth: { user: USER, pass: PASSWORD },
    logger: false,
  })
  await client.connect()
  const lock = await client.getMailboxLock('Sent')
  try {
    return ((await client.search({ header: { 'message-id': messageId } }, { uid: true })) || []).length
  } finally {
    lock.release()
    await client.logout()
  }
}

describe('kill -9 while sending', () => {
  it('sends every reply exactly once, whenever the engine dies', async () => {
    let killedMidway = 0
    for (const [i, ms] of [0, 5, 15, 30, 60, 120].entries()) {
      const text = `Reply ${i}: it ships today.`
      const first = await child('send', text, ms)
      const messageId = /queued (<[^>]+>)/.exec(first.out)![1]!
      if (first.killed && !first.out.includes('done')) killedMidway++
      const second = await child('finish', text)
      expect(second.out).toContain('done')
      expect(
        sink.messages.filter((m) => m.raw.includes(messageId)),
        `kill after ${ms} ms`,
      ).toHaveLength(1)
      expect(await sentCopies(messageId), `Sent copies, kill after ${ms} ms`).toBe(1)
    }
    expect(killedMidway).toBeGreaterThanOrEqual(3)
  }, 180_000)
})
