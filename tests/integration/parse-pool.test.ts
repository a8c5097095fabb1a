// MIME parsing on its own thread (main/channels/mail/parse-pool.ts) with the built worker, as the
// app runs it: the same result as parsing on the main thread, for every message of the real-world
// corpus; and when the thread cannot start or dies, nothing is lost: the messages are parsed here.
import { existsSync, promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { parseMail } from '../../main/channels/mail/parse'
import { ParsePool } from '../../main/channels/mail/parse-pool'
import { messageTerms } from '../../main/core/search-tokens'
import { corpusFiles, readCorpus, repoRoot } from '../rigs/corpus'

const built = join(repoRoot, 'out/main/parse-worker.js')
let raws: Buffer[] = []
const pools: ParsePool[] = []

function pool(script: URL | undefined, log?: (line: string) => void, idleMs?: number): ParsePool {
  const p = new ParsePool(script, log, idleMs)
  pools.push(p)
  return p
}

beforeAll(async () => {
  if (!existsSync(built))
    throw new Error('out/main/parse-worker.js is missing: run `npm run build` (npm test does it first)')
  raws = await readCorpus(...(await corpusFiles()))
})

afterEach(async () => {
  for (const p of pools.splice(0)) await p.close()
})

describe('parsing on its own thread', () => {
  it('gives what parsing on the main thread gives, for every message of the corpus', async () => {
    const threaded = pool(pathToFileURL(built))
    const [withHtml, withoutHtml] = await Promise.all([
      threaded.parseAll(raws),
      threaded.parseAll(raws, { keepHtml: false }),
    ])
    expect(threaded.threaded).toBe(true)
    for (const [i, raw] of raws.entries()) {
      const here = await parseMail(raw)
      expect(withHtml[i]).toEqual(here)
      delete here.html
      expect(withoutHtml[i]).toEqual(here)
    }
  })

  it('works out the search terms of subject and body when asked, as the main thread would', async () => {
    const threaded = pool(pathToFileURL(built))
    const parsed = await threaded.parseAll(raws, { keepHtml: false, terms: true })
    expect(threaded.threaded).toBe(true)
    for (const mail of parsed) expect(mail.terms).toEqual(messageTerms(mail.subject, mail.text))
    expect(parsed.some((m) => m.terms!.body.length > 0)).toBe(true)
  })

  it('answers many jobs asked at once each with its own messages, in order', async () => {
    const threaded = pool(pathToFileURL(built))
    const jobs = Array.from({ length: 12 }, (_, k) => raws.slice(k * 5, k * 5 + 5))
    const answers = await Promise.all(jobs.map((job) => threaded.parseAll(job)))
    for (const [k, job] of jobs.entries()) {
      expect(answers[k]!.map((m) => m.subject)).toEqual(
        await Promise.all(job.map(async (r) => (await parseMail(r)).subject)),
      )
    }
  })

  it('ends the thread once idle, and starts another for the next job, which parses as before', async () => {
    const lines: string[] = []
    const threaded = pool(pathToFileURL(built), (line) => lines.push(line), 1000)
    const first = await threaded.parseAll(raws.slice(0, 5))
    expect(threaded.threaded).toBe(true)
    // Jobs keep coming (a sync): the thread stays.
    for (let k = 0; k < 4; k++) {
      await new Promise((r) => setTimeout(r, 50))
      await threaded.parseAll(raws.slice(k, k + 1))
      expect(threaded.threaded).toBe(true)
    }
    await new Promise((r) => setTimeout(r, 1500))
    expect(threaded.threaded).toBe(false)
    expect(await threaded.parseAll(raws.slice(0, 5))).toEqual(first)
    expect(threaded.threaded).toBe(true)
    // Ended on purpose, not failed: nothing said, and the thread is still used.
    expect(lines).toEqual([])
  })

  it('parses on the main thread when there is no worker script', async () => {
    const here = pool(pathToFileURL(join(tmpdir(), 'no-such-parse-worker.js')))
    const parsed = await here.parseAll(raws.slice(0, 3))
    expect(here.threaded).toBe(false)
    expect(parsed).toEqual(await Promise.all(raws.slice(0, 3).map((r) => parseMail(r))))
  })

  it('loses no message when the thread dies with jobs waiting: they are parsed here', async () => {
    const dir = await fs.mkdtemp(join(tmpdir(), 'parse-pool-'))
    try {
      // A worker that dies on its first job, as one killed by a bug or out of memory would.
      const dying = join(dir, 'dying-worker.mjs')
      await fs.writeFile(
        dying,
        "import { parentPort } from 'node:worker_threads'\nparentPort.on('message', () => process.exit(3))\n",
      )
      const lines: string[] = []
      const p = pool(pathToFileURL(dying), (line) => lines.push(line))
      const [a, b] = await Promise.all([p.parseAll(raws.slice(0, 4)), p.parseAll(raws.slice(4, 8))])
      expect([...a, ...b]).toEqual(await Promise.all(raws.slice(0, 8).map((r) => parseMail(r))))
      expect(lines).toEqual([expect.stringContaining('the parsing thread stopped (exit code 3)')])
      // And from then on, on this thread.
      expect(await p.parseAll(raws.slice(8, 9))).toEqual([await parseMail(raws[8]!)])
      expect(p.threaded).toBe(false)
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  })
})
