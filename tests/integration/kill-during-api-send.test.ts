// kill -9 the engine while it answers through the eBay message API: before the POST, while eBay
// holds the answer to a POST it has already carried out, and just after. After a restart every
// reply is on eBay exactly once (the API has no Message-ID: the outbox asks the conversation).
import { spawn } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEbayEmulator, type EbayEmulator } from '../rigs/ebay-emulator'

const cwd = resolve(import.meta.dirname, '../..')
let dir: string
let ebay: EbayEmulator
let conversationId: string

beforeAll(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'kill-api-send-'))
  ebay = await startEbayEmulator()
  conversationId = ebay.buyerWrites({
    buyer: 'teapot_fan42',
    itemId: '186231452690',
    title: 'Kettle',
    text: 'Trivet?',
  }).conversationId
})

afterAll(async () => {
  await ebay?.stop()
  await fs.rm(dir, { recursive: true, force: true })
})

type Kill = { afterQueuedMs: number } | 'when-posted'

function child(mode: 'send' | 'finish', text: string, kill?: Kill): Promise<{ out: string; killed: boolean }> {
  const args = [mode, join(dir, 'data'), join(dir, 'key'), ebay.url, ebay.token, ebay.seller, text]
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'fixtures/api-outbox-child.ts'), ...args],
    { cwd, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let out = ''
  let watch: NodeJS.Timeout | undefined
  return new Promise((done, fail) => {
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      if (!kill || !out.includes('queued') || watch) return
      if (kill === 'when-posted') {
        // eBay has carried the POST out and holds its answer: the engine dies before hearing it.
        watch = setInterval(() => {
          if (posted(text) > 0) proc.kill('SIGKILL')
        }, 2)
      } else watch = setTimeout(() => proc.kill('SIGKILL'), kill.afterQueuedMs)
    })
    proc.on('exit', (code, signal) => {
      clearInterval(watch)
      if (signal === 'SIGKILL' || code === 0) done({ out, killed: signal === 'SIGKILL' })
      else fail(new Error(`child ${mode} exited ${code}: ${out}`))
    })
  })
}

function posted(text: string): number {
  return ebay.sellerMessages(conversationId).filter((m) => m.messageBody === text).length
}

describe('kill -9 while answering through the eBay API', () => {
  it('posts every reply exactly once, whenever the engine dies', async () => {
    const kills: Kill[] = [
      'when-posted',
      { afterQueuedMs: 0 },
      'when-posted',
      { afterQueuedMs: 10 },
      { afterQueuedMs: 40 },
    ]
    let diedAfterPost = 0
    for (const [i, kill] of kills.entries()) {
      const text = `Reply ${i}: yes, the trivet is included.`
      if (kill === 'when-posted') ebay.fault({ fault: { kind: 'hold-answer', ms: 3000 }, method: 'POST', times: 1 })
      const first = await child('send', text, kill)
      if (first.killed && posted(text) === 1) diedAfterPost++
      ebay.clearFaults()
      const second = await child('finish', text)
      expect(second.out, `kill ${JSON.stringify(kill)}`).toContain('done')
      expect(posted(text), `kill ${JSON.stringify(kill)}`).toBe(1)
    }
    // The case that matters happened: killed after eBay took the POST, before the engine knew.
    expect(diedAfterPost).toBeGreaterThanOrEqual(2)
  }, 120_000)
})
