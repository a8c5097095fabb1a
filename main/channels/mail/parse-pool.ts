// MIME parsing off the engine's main thread. A first sync spends about a fifth of its time in
// parsing; in a worker thread that runs on the second core while the main thread stores the
// slice parsed before, so a batch costs about the larger of the two instead of their sum.
// The worker is one script (parse-worker.ts, built next to the app's entry files). Without it
// (tests run from source, a build that lacks it) or once it has failed, messages are parsed
// here, as before: the same function, the same result, only on this thread.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { messageTerms } from '../../core/search-tokens'
import { parseMail, type ParsedMail } from './parse'

/**
 * A worker with nothing to parse for this long is ended, and started again for the next job
 * (about 50 ms). Between syncs it only held memory: 15 MB idle, more after a first sync.
 */
const IDLE_MS = 60_000

/** What the pool asks the worker: parse these, HTML kept or not, search terms worked out or not. */
export interface ParseJob {
  id: number
  raws: Uint8Array[]
  keepHtml: boolean
  terms: boolean
}

export interface ParseAllOptions {
  /** Keep the HTML part (default true); a sync drops it (read from the .eml when shown). */
  keepHtml?: boolean
  /** Also work out each message's search terms (`ParsedMail.terms`), off the main thread. */
  terms?: boolean
}

/** What the worker answers: the messages of job `id`, parsed, in order. */
export interface ParseReply {
  id: number
  parsed: ParsedMail[]
}

interface Waiting {
  job: ParseJob
  resolve: (parsed: ParsedMail[]) => void
}

export class ParsePool {
  private worker: Worker | undefined
  /** The worker could not start or died: everything is parsed here from then on. */
  private failed = false
  private nextId = 0
  private readonly waiting = new Map<number, Waiting>()
  private idleTimer: NodeJS.Timeout | undefined

  /** `script`: the built parse-worker.js, or none to parse on this thread. */
  constructor(
    private readonly script: URL | undefined,
    private readonly log: (line: string) => void = () => undefined,
    private readonly idleMs = IDLE_MS,
  ) {}

  /**
   * The messages parsed, in the order given. Many jobs may wait at once, each answered with its
   * own messages: asking for the next slices before storing this one keeps the worker busy while
   * the main thread stores.
   */
  parseAll(
    raws: readonly Uint8Array[],
    { keepHtml = true, terms = false }: ParseAllOptions = {},
  ): Promise<ParsedMail[]> {
    const job: ParseJob = { id: ++this.nextId, raws: [...raws], keepHtml, terms }
    const worker = this.ready()
    if (!worker) return parseJob(job)
    clearTimeout(this.idleTimer)
    return new Promise((resolve) => {
      this.waiting.set(job.id, { job, resolve })
      worker.postMessage(job)
    })
  }

  /** Whether messages are being parsed on the parsing thread (false before the first job, and after a failure). */
  get threaded(): boolean {
    return this.worker !== undefined
  }

  /** Ends the worker; jobs still waiting are parsed here. */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer)
    const worker = this.worker
    this.worker = undefined
    this.failed = true
    this.takeBack()
    await worker?.terminate()
  }

  private ready(): Worker | undefined {
    if (this.worker || this.failed) return this.worker
    if (!this.script || !existsSync(fileURLToPath(this.script))) {
      this.failed = true
      return undefined
    }
    let worker: Worker
    try {
      worker = new Worker(this.script)
    } catch (err) {
      // No thread to be had (out of memory, too many threads): parsing goes on here.
      this.log(`parse: no parsing thread (${(err as Error).message}); parsing on the main thread`)
      this.failed = true
      return undefined
    }
    // An idle worker must not keep the process alive.
    worker.unref()
    worker.on('message', (reply: ParseReply) => {
      const w = this.waiting.get(reply.id)
      this.waiting.delete(reply.id)
      w?.resolve(reply.parsed)
      if (this.waiting.size === 0) this.endWhenIdle(worker)
    })
    const fail = (why: string) => {
      if (this.worker !== worker) return
      this.log(`parse: the parsing thread stopped (${why}); parsing on the main thread from now on`)
      this.worker = undefined
      this.failed = true
      this.takeBack()
    }
    worker.on('error', (err) => fail(err.message))
    worker.on('exit', (code) => fail(`exit code ${code}`))
    this.worker = worker
    return worker
  }

  /** Ends `worker` if no job comes within idleMs; the next job starts another. */
  private endWhenIdle(worker: Worker): void {
    clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => {
      if (this.worker !== worker || this.waiting.size > 0) return
      this.worker = undefined
      void worker.terminate()
    }, this.idleMs)
    this.idleTimer.unref()
  }

  /** Jobs the worker will not answer: parsed here, so no message is lost or left waiting. */
  private takeBack(): void {
    const jobs = [...this.waiting.values()]
    this.waiting.clear()
    for (const { job, resolve } of jobs) void parseJob(job).then(resolve)
  }
}

/** A job's messages parsed on the calling thread (parseMail never throws: an unreadable one comes back flagged). */
export async function parseJob({ raws, keepHtml, terms }: Omit<ParseJob, 'id'>): Promise<ParsedMail[]> {
  const out: ParsedMail[] = []
  for (const raw of raws) {
    const mail = await parseMail(raw)
    if (!keepHtml) delete mail.html
    if (terms) mail.terms = messageTerms(mail.subject, mail.text)
    out.push(mail)
  }
  return out
}
