// One sync of one folder over one open connection: catch up on what changed among the
// messages we have, fetch new mail, then continue the history download newest first. Each
// sink call carries the state that is true once the sink has kept that call's data, so a
// crash between any two calls resumes without refetching or losing anything.
import type { ExpungeEvent, ImapFlow } from 'imapflow'
import { fetchWindow, listUids, pipeline, planWindows, type UidListing, type UidWindow } from './batches'
import {
  diffFlags,
  flagsChangedSince,
  missingUids,
  presentUids,
  rememberFlags,
  scanFlags,
  type FlagChange,
  type FlagSnapshot,
  type KnownRange,
  type SyncMode,
} from './changes'
import { deselect } from './connection'
import type { FetchedMessage, FolderState, SyncSink } from './sink'
import { formatUidSet, parseUidSet } from './uid-set'

export interface SyncResult {
  fetched: number
  changed: number
  vanished: number
}

export interface FolderSyncContext {
  client: ImapFlow
  sink: SyncSink
  path: string
  batchSize: number
  /** Batches double from batchSize up to this (see ImapSyncOptions.maxBatchSize). */
  maxBatchSize: number
  maxBatchBytes: number
  useCondstore: boolean
  /** Flag snapshots for servers without CONDSTORE, kept across calls by the caller. */
  snapshots: Map<string, { uidValidity: string; flags: FlagSnapshot }>
  log: (line: string) => void
  isStopped: () => boolean
}

/** Wraps what the sink threw, so the caller hands it on untouched instead of as an IMAP error. */
export class SinkFailure extends Error {
  constructor(readonly original: unknown) {
    super('the sync sink failed', { cause: original })
  }
}

export async function syncFolderOn(ctx: FolderSyncContext): Promise<SyncResult> {
  return await new FolderRun(ctx).run()
}

class FolderRun {
  private readonly result: SyncResult = { fetched: 0, changed: 0, vanished: 0 }
  private state: FolderState = { uidValidity: '', historyComplete: false }
  /** JSON of the last state the sink accepted: a final call is only needed when it differs. */
  private persisted = ''
  /** UIDs the server reported VANISHED while we were looking (QRESYNC). */
  private readonly vanishedEvents = new Set<number>()
  /** The UIDs the sink holds, when the mode needs them (no QRESYNC); undefined = not known yet. */
  private known: Set<number> | undefined
  /** Plain mode: flags the sink has been given, kept across runs in this process. */
  private flagsSeen: FlagSnapshot | undefined
  /** Plain mode: what a flag scan is compared with; undefined = report every message. */
  private diffBase: FlagSnapshot | undefined
  private done = 0
  private total = 0

  constructor(private readonly ctx: FolderSyncContext) {}

  async run(): Promise<SyncResult> {
    const { client, path } = this.ctx
    const started = Date.now()
    const loaded = await this.sinkCall(() => this.ctx.sink.loadState(path))
    if (loaded !== undefined && (await this.unchangedSince(loaded))) return this.result

    let selected: string | undefined
    const onExpunge = (e: ExpungeEvent): void => {
      if (e.vanished && e.uid !== undefined && e.path === selected) this.vanishedEvents.add(e.uid)
    }
    client.on('expunge', onExpunge)
    try {
      // Read-only: a sync never changes the mailbox, and CLOSE afterwards cannot expunge.
      const mailbox = await client.mailboxOpen(path, { readOnly: true })
      selected = mailbox.path
      const serverUidNext = await this.uidNextOf(mailbox.uidNext)
      const mode = this.modeFor(mailbox.noModseq === true || mailbox.highestModseq === undefined)
      const modseq = mode === 'plain' ? undefined : mailbox.highestModseq
      await this.adopt(loaded, mailbox.uidValidity.toString(), mode)

      const firstContact = this.state.uidNext === undefined
      if (firstContact) {
        this.state.uidNext = serverUidNext
        if (modseq !== undefined) this.state.highestModseq = modseq.toString()
      } else {
        await this.catchUp(mode, modseq)
      }
      const big = this.bigMessageBytes()
      const fresh = firstContact ? empty() : await listUids(client, this.state.uidNext!, undefined, big)
      const history = this.state.historyComplete ? empty() : await listUids(client, 1, this.historyCeiling() - 1, big)
      this.total = fresh.uids.length + history.uids.length
      if (this.total > 0) this.progress()

      await this.fetchNew(fresh, serverUidNext)
      await this.fetchHistory(history)
      if (JSON.stringify(this.state) !== this.persisted) await this.deliver([])
      this.ctx.log(
        `${path}: ${mode}, ${this.result.fetched} fetched, ${this.result.changed} flag changes, ` +
          `${this.result.vanished} vanished in ${Date.now() - started} ms`,
      )
      return this.result
    } finally {
      client.off('expunge', onExpunge)
      // Leave nothing selected: Dovecot answers STATUS on a selected mailbox from the session's
      // stale view, which would break the next quick check. A failure here changes nothing.
      await deselect(client).catch(() => undefined)
    }
  }

  /** Nothing changed since the saved state: one STATUS round trip instead of a SELECT and fetches. */
  private async unchangedSince(saved: FolderState): Promise<boolean> {
    const { client, path } = this.ctx
    if (!saved.historyComplete || saved.highestModseq === undefined || saved.uidNext === undefined) return false
    if (this.modeFor(false) === 'plain') return false
    await deselect(client)
    const status = await client.status(path, { uidNext: true, uidValidity: true, highestModseq: true })
    return (
      status !== false &&
      status.uidValidity?.toString() === saved.uidValidity &&
      status.highestModseq?.toString() === saved.highestModseq &&
      status.uidNext === saved.uidNext
    )
  }

  /** UIDNEXT from SELECT; a server that left it out gets it derived from the newest UID. */
  private async uidNextOf(reported: number | undefined): Promise<number> {
    if (reported !== undefined && Number.isInteger(reported) && reported > 0) return reported
    const newest =
      this.ctx.client.mailbox !== false && this.ctx.client.mailbox.exists > 0
        ? await this.ctx.client.fetchOne('*', { uid: true })
        : false
    return newest === false ? 1 : newest.uid + 1
  }

  private modeFor(noModseq: boolean): SyncMode {
    const { client, useCondstore } = this.ctx
    if (!useCondstore || noModseq || !client.enabled.has('CONDSTORE')) return 'plain'
    return client.enabled.has('QRESYNC') ? 'qresync' : 'condstore'
  }

  /** Starts from the saved state, or from scratch when there is none or UIDVALIDITY changed. */
  private async adopt(loaded: FolderState | undefined, uidValidity: string, mode: SyncMode): Promise<void> {
    const { path, sink, snapshots } = this.ctx
    if (loaded !== undefined && loaded.uidValidity !== uidValidity) {
      this.ctx.log(`${path}: UIDVALIDITY changed from ${loaded.uidValidity} to ${uidValidity}, fetching again`)
      const reset: FolderState = { uidValidity, historyComplete: false }
      await this.sinkCall(() => sink.onUidValidityChanged(path, { ...reset }))
      this.state = reset
      this.persisted = JSON.stringify(reset)
    } else if (loaded !== undefined) {
      this.state = { ...loaded }
      this.persisted = JSON.stringify(loaded)
    } else {
      this.state = { uidValidity, historyComplete: false }
    }
    if (mode === 'qresync') {
      // VANISHED reports expunges; a kept UID list would only go stale.
      delete this.state.knownUids
    } else if (this.state.knownUids !== undefined || this.state.uidNext === undefined) {
      this.known = new Set(parseUidSet(this.state.knownUids ?? ''))
    }
    if (mode === 'plain') {
      const kept = snapshots.get(path)
      const reusable = kept?.uidValidity === uidValidity
      this.flagsSeen = reusable ? kept.flags : new Map<number, string>()
      snapshots.set(path, { uidValidity, flags: this.flagsSeen })
      // Diff only against a snapshot that covers every message the sink holds: one from an
      // earlier run in this process, or an empty one when the sink holds nothing yet. Otherwise
      // the scan reports every message's flags once (full sets, so harmless for the sink).
      this.diffBase = reusable || this.state.uidNext === undefined ? this.flagsSeen : undefined
    } else {
      snapshots.delete(path)
    }
  }

  /** Flag changes and expunges among the messages the sink already holds. */
  private async catchUp(mode: SyncMode, modseq: bigint | undefined): Promise<void> {
    const { client, path, sink } = this.ctx
    const s = this.state
    const range: KnownRange = { low: s.historyComplete ? 1 : (s.oldestUid ?? s.uidNext!), high: s.uidNext! - 1 }
    let flags: FlagChange[] = []
    let vanished: number[] = []
    if (range.low <= range.high) {
      const since = s.highestModseq !== undefined ? BigInt(s.highestModseq) : undefined
      if (mode !== 'plain' && since !== undefined && modseq !== undefined && modseq >= since) {
        if (modseq > since) {
          flags = await flagsChangedSince(client, range, since)
          vanished =
            mode === 'qresync'
              ? [...this.vanishedEvents].filter((uid) => uid >= range.low && uid <= range.high)
              : this.expunged(range, await presentUids(client, range))
        }
      } else {
        // No CONDSTORE, no starting mod-sequence, or the server's went backwards: scan it all.
        const current = await scanFlags(client, range)
        flags = diffFlags(this.diffBase, current)
        vanished = mode === 'qresync' ? [] : this.expunged(range, current.keys())
      }
    }
    if (vanished.length > 0) {
      vanished.sort((a, b) => a - b)
      for (const uid of vanished) {
        this.known?.delete(uid)
        this.flagsSeen?.delete(uid)
      }
      this.syncKnownUids()
      // The old mod-sequence stays until the flags are kept too: a crash in between re-reports them.
      await this.sinkCall(() => sink.onVanished(path, vanished, { ...s }))
      this.persisted = JSON.stringify(s)
      this.result.vanished += vanished.length
    }
    if (modseq !== undefined) s.highestModseq = modseq.toString()
    this.syncKnownUids()
    if (flags.length > 0) {
      this.checkStopped()
      await this.sinkCall(() => sink.onFlags(path, flags, { ...s }))
      this.persisted = JSON.stringify(s)
      // Remembered only once the sink has them: a failed call must report them again next time.
      if (this.flagsSeen !== undefined) rememberFlags(this.flagsSeen, flags)
      this.result.changed += flags.length
    }
  }

  /** Known UIDs missing from `present`; the first time (nothing known yet) it just learns them. */
  private expunged(range: KnownRange, present: Iterable<number>): number[] {
    if (this.known === undefined) {
      this.known = new Set(present)
      return []
    }
    return missingUids(this.known, present, range)
  }

  /** New mail above uidNext, oldest first: uidNext can only move up past what is kept. */
  private async fetchNew(fresh: UidListing, serverUidNext: number): Promise<void> {
    const windows = planWindows(fresh, { ...this.limits(), newestFirst: false })
    await this.fetchWindows(windows, (w) => {
      this.state.uidNext = Math.max(this.state.uidNext!, w.high + 1)
    })
    // Everything below the UIDNEXT seen at SELECT was listed, so nothing is missed by moving up.
    this.state.uidNext = Math.max(this.state.uidNext!, serverUidNext)
  }

  /** The history below oldestUid, newest first, so a seller sees recent mail from the first batch. */
  private async fetchHistory(history: UidListing): Promise<void> {
    if (this.state.historyComplete) return
    const windows = planWindows(history, { ...this.limits(), newestFirst: true })
    await this.fetchWindows(windows, (w, i) => {
      this.state.oldestUid = w.low
      if (i === windows.length - 1) this.state.historyComplete = true
    })
    this.state.historyComplete = true
  }

  private async fetchWindows(windows: UidWindow[], advance: (w: UidWindow, index: number) => void): Promise<void> {
    await pipeline(
      windows,
      (w) => fetchWindow(this.ctx.client, w),
      async (batch, w, i) => {
        advance(w, i)
        for (const m of batch) this.known?.add(m.uid)
        await this.deliver(batch)
        if (this.flagsSeen !== undefined) rememberFlags(this.flagsSeen, batch)
      },
    )
  }

  private async deliver(batch: FetchedMessage[]): Promise<void> {
    const { path, sink } = this.ctx
    this.checkStopped()
    this.syncKnownUids()
    await this.sinkCall(() => sink.onMessages(path, batch, { ...this.state }))
    this.persisted = JSON.stringify(this.state)
    this.result.fetched += batch.length
    if (batch.length > 0) {
      this.done += batch.length
      this.progress()
    }
  }

  private progress(): void {
    try {
      this.ctx.sink.onProgress(this.ctx.path, this.done, this.total)
    } catch (err) {
      throw new SinkFailure(err)
    }
  }

  private syncKnownUids(): void {
    if (this.known !== undefined) this.state.knownUids = formatUidSet(this.known)
  }

  private historyCeiling(): number {
    return this.state.oldestUid ?? this.state.uidNext!
  }

  /**
   * Above its fair share of the largest batch's bytes a message's real size matters for
   * cutting batches (smaller ones are counted at this size, which bounds a batch's memory).
   */
  private bigMessageBytes(): number {
    return Math.max(1, Math.floor(this.ctx.maxBatchBytes / this.ctx.maxBatchSize))
  }

  private limits(): { maxCount: number; maxBytes: number; growTo: number } {
    return { maxCount: this.ctx.batchSize, maxBytes: this.ctx.maxBatchBytes, growTo: this.ctx.maxBatchSize }
  }

  private checkStopped(): void {
    if (this.ctx.isStopped()) throw new Error('stopped')
  }

  private async sinkCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call()
    } catch (err) {
      throw new SinkFailure(err)
    }
  }
}

function empty(): UidListing {
  return { uids: [], sizes: [] }
}
