// Cold start: the first inbox page from the snapshot the last run left (store/inbox-snapshot-file.ts)
// while conversations.json and customers.json are still to be read, and that snapshot kept current
// (written once the documents it comes from are on disk, and at close).
import type { InboxPage, InboxRow, RequestParams } from '../../preload/api'
import {
  INBOX_SNAPSHOT_FORMAT,
  documentStates,
  type InboxSnapshot,
  type InboxSnapshotFile,
} from '../store/inbox-snapshot-file'
import type { JsonDocument } from '../store/json-document'
import type { Store } from '../store/store'
import { systemTimeZone } from './clocks'

/** What the early inbox needs besides small documents: read after the first page is served. */
export const BIG_DOCUMENTS = ['conversations', 'customers'] as const

/** The renderer asks for the first 500 rows (features/inbox/inboxPages.ts): keep as many. */
const ROWS_KEPT = 500

/** How often a changed inbox is saved again (a kill -9 then loses at most this much of it). */
const SAVE_EVERY_MS = 30_000

/** The documents the Waiting rows are built from: customers, conversations and the clocks' settings. */
function sourcesOf(store: Store): JsonDocument<unknown>[] {
  const { conversations, customers, settings } = store.docs
  return [conversations, customers, settings] as JsonDocument<unknown>[]
}

function sameStates(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k])
}

/** The snapshot's answers, valid while the documents are not loaded (nothing can change them). */
export class FirstPage {
  private constructor(private readonly snapshot: InboxSnapshot) {}

  /** The snapshot if it still describes the data folder at `now`; undefined when missing, torn or stale. */
  static async read(store: Store, file: InboxSnapshotFile, now: string): Promise<FirstPage | undefined> {
    const snapshot = await file.read()
    if (!snapshot) return undefined
    if (snapshot.schemaVersion !== store.docs.meta.data.schemaVersion) return undefined
    if (snapshot.timeZone !== systemTimeZone()) return undefined
    if (snapshot.until !== undefined && now >= snapshot.until) return undefined
    const states = await documentStates(sourcesOf(store))
    if (!states || !sameStates(states, snapshot.sources)) return undefined
    return new FirstPage(snapshot)
  }

  get counts(): InboxSnapshot['counts'] {
    return this.snapshot.counts
  }

  /** A page of the Waiting view when the snapshot holds all of it, else undefined. */
  page(p: RequestParams<'inbox.list'>, now: string): InboxPage | undefined {
    const { rows, total, until } = this.snapshot
    if (p.view !== 'waiting' || p.channel !== undefined || p.tag !== undefined) return undefined
    if (until !== undefined && now >= until) return undefined
    const end = Math.min(p.offset + p.limit, total)
    if (end > rows.length) return undefined
    return { view: p.view, total, offset: p.offset, rows: rows.slice(p.offset, end) }
  }
}

/** What the engine gives to save: the whole Waiting view and when it goes stale by itself. */
export interface InboxState {
  rows: InboxRow[]
  until?: string
  counts: InboxSnapshot['counts']
}

export class InboxSnapshotWriter {
  private timer: NodeJS.Timeout | undefined
  /** The document versions last saved, so an unchanged inbox is not written again. */
  private saved = ''
  private saving: Promise<void> = Promise.resolve()

  constructor(
    private readonly store: Store,
    private readonly file: InboxSnapshotFile,
    private readonly build: () => InboxState,
    private readonly now: () => Date,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.save(), SAVE_EVERY_MS)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
  }

  /** Saves the inbox if it changed and every document it comes from is on disk; never throws. */
  save(force = false): Promise<void> {
    this.saving = this.saving
      .then(() => this.write(force))
      .catch((err: unknown) => {
        // Derived data: the next start builds the inbox the slow way.
        this.log(`could not save the inbox snapshot: ${(err as Error).message}`)
      })
    return this.saving
  }

  private async write(force: boolean): Promise<void> {
    const docs = sourcesOf(this.store)
    const versions = docs.map((d) => d.version).join(':')
    if (!force && versions === this.saved) return
    if (docs.some((d) => !d.idle)) return
    const state = this.build()
    const sources = await documentStates(docs)
    // Changed while we looked at the files: what is on disk may no longer be what was built.
    if (!sources || docs.map((d) => d.version).join(':') !== versions) return
    await this.file.write({
      format: INBOX_SNAPSHOT_FORMAT,
      schemaVersion: this.store.docs.meta.data.schemaVersion,
      sources,
      timeZone: systemTimeZone(),
      builtAt: this.now().toISOString(),
      ...(state.until !== undefined ? { until: state.until } : {}),
      total: state.rows.length,
      counts: state.counts,
      rows: state.rows.slice(0, ROWS_KEPT),
    })
    this.saved = versions
  }
}
