// The inbox's state, kept by the shell so it survives opening a customer: which view and
// channel, the rows fetched so far, the selected row, and done / undo. Pages are fetched for
// the rows on screen, at most two requests at a time and nearest first, so scrolling fast
// through 20,000 customers asks only for where the seller stops. Plain TypeScript; React
// subscribes through useInbox.
import type { Channel } from '../../../../main/core/model'
import type { Api, InboxRow, InboxView } from '../../../../preload/api'
import { afterPaint, type Later } from '../../app/afterPaint'
import { InboxPages, PAGE_SIZE } from './inboxPages'
import type { SnoozeUntil } from './snoozeOptions'

/** Rows beyond the screen worth having before the seller scrolls to them. */
const AHEAD = 60
const MAX_IN_FLIGHT = 2
/** Live updates during a sync come in bursts: refetch at most this often. */
const REFRESH_MS = 400
const RETRY_MS = 2000

/** A triage action that `u` can undo: the row as it was, and where. */
export interface TriageEntry {
  kind: 'done' | 'snooze'
  row: InboxRow
  index: number
  view: InboxView
  channel: Channel | undefined
  tag: string | undefined
  /** For a snooze: when the customer comes back, or 'reply': when they write. */
  until?: string
}

export class InboxModel {
  view: InboxView = 'waiting'
  channel: Channel | undefined = undefined
  /** Only customers carrying this tag (any case), or everyone. */
  tag: string | undefined = undefined
  selected = 0
  /** The last failure to fetch rows, until a fetch works again. */
  error: string | null = null

  private pages = new InboxPages()
  /** The customer the selection follows when rows move under it (live updates, undo). */
  private selectedId: string | undefined
  private range: [number, number] = [0, 40]
  private inFlight = 0
  private undoStack: TriageEntry[] = []
  private version = 0
  private readonly listeners = new Set<() => void>()
  private refreshTimer: ReturnType<typeof setTimeout> | undefined
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private lastRefresh = 0
  /** Told when marking done or undoing fails in the engine (the row comes back by itself). */
  private onFailed: (entry: TriageEntry | null, message: string) => void = () => undefined
  /**
   * Done, snooze and undo requests, held until the frame that shows them is painted, in order.
   * No page is asked for meanwhile: it would be counted before the change and bring the row back.
   */
  private held: (() => void)[] = []

  /** `later` runs the held requests: after the next paint in the app, when the test says in tests. */
  constructor(
    private readonly api: Api,
    private readonly later: Later = afterPaint,
  ) {}

  /** Starts following live updates; returns the function that stops. */
  start(): () => void {
    const off = this.api.on('inbox.changed', () => {
      if (this.refreshTimer !== undefined) return
      this.refreshTimer = setTimeout(
        () => {
          this.refreshTimer = undefined
          this.lastRefresh = Date.now()
          this.pages.invalidate()
          this.pump()
        },
        Math.max(0, this.lastRefresh + REFRESH_MS - Date.now()),
      )
    })
    this.pump()
    return () => {
      off()
      clearTimeout(this.refreshTimer)
      clearTimeout(this.retryTimer)
      this.refreshTimer = undefined
    }
  }

  setFailureListener(listener: (entry: TriageEntry | null, message: string) => void): void {
    this.onFailed = listener
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  snapshot = (): number => this.version

  get total(): number | null {
    return this.pages.total
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0
  }

  rowAt = (index: number): InboxRow | undefined => this.pages.rowAt(index)

  select = (index: number): void => {
    const next = Math.max(0, Math.min(index, (this.pages.total ?? 0) - 1))
    this.selected = next
    this.selectedId = this.pages.rowAt(next)?.customerId
    this.changed()
    this.pump()
  }

  /** The rows on screen now, so the right pages are fetched. */
  showing = (start: number, end: number): void => {
    if (this.range[0] === start && this.range[1] === end) return
    this.range = [start, end]
    this.pump()
  }

  /** Shows another view, channel or tag, from its first row. */
  setView(view: InboxView, channel: Channel | undefined, tag?: string): void {
    if (view === this.view && channel === this.channel && tag === this.tag) return
    this.view = view
    this.channel = channel
    this.tag = tag
    this.pages = new InboxPages()
    this.selected = 0
    this.selectedId = undefined
    this.range = [0, 40]
    this.error = null
    this.changed()
    this.pump()
  }

  /** Marks the selected customer's conversation done; the next customer is selected. */
  markDone(): TriageEntry | null {
    const row = this.pages.rowAt(this.selected)
    if (!row || row.status === 'done') return null
    return this.triage({ kind: 'done', row, index: this.selected, ...this.where() }, () =>
      this.api.call('conversation.setStatus', { conversationId: row.conversationId, status: 'done' }),
    )
  }

  /** Snoozes the selected customer's conversation until `until`; the next customer is selected. */
  snooze(until: SnoozeUntil): TriageEntry | null {
    const row = this.pages.rowAt(this.selected)
    if (!row) return null
    const iso = until === 'reply' ? until : until.toISOString()
    const entry: TriageEntry = { kind: 'snooze', row, index: this.selected, ...this.where() }
    return this.triage({ ...entry, until: iso }, () =>
      this.api.call('conversation.snooze', { conversationId: row.conversationId, until: iso }),
    )
  }

  /**
   * Applies a triage action at once and asks the engine; a failure is told and the engine's
   * own rows come back. A row that leaves the view makes room for the next customer, who is
   * selected; a view that keeps it (All, or Snoozed for a new snooze) shows its new state.
   */
  private triage(entry: TriageEntry, request: () => Promise<unknown>): TriageEntry {
    const { row } = entry
    this.send(() =>
      request().catch((e: Error) => {
        this.undoStack = this.undoStack.filter((x) => x !== entry)
        this.onFailed(entry, e.message)
        this.pages.invalidate()
        this.changed()
        this.pump()
      }),
    )
    const after: InboxRow =
      entry.kind === 'done'
        ? { ...row, status: 'done', openCount: Math.max(0, row.openCount - 1) }
        : entry.until === 'reply'
          ? { ...row, status: 'snoozed', snoozedUntil: undefined, snoozedUntilReply: true }
          : { ...row, status: 'snoozed', snoozedUntil: entry.until, snoozedUntilReply: undefined }
    const stays = this.view === 'all' || (this.view === 'snoozed' && entry.kind === 'snooze')
    if (stays) {
      this.pages.replaceAt(this.selected, after)
    } else {
      this.pages.removeAt(this.selected)
      this.clampSelection()
      this.selectedId = this.pages.rowAt(this.selected)?.customerId
    }
    this.undoStack = [...this.undoStack.slice(-49), entry]
    this.changed()
    this.pump()
    return entry
  }

  /**
   * Undoes the last done or snooze and selects its customer; null when there is none. The
   * engine's reopen restores exactly what was before (snoozed until the same moment, if it was).
   */
  undo(): TriageEntry | null {
    const entry = this.undoStack.at(-1)
    if (!entry) return null
    this.undoStack = this.undoStack.slice(0, -1)
    this.send(() =>
      this.api
        .call('conversation.setStatus', { conversationId: entry.row.conversationId, status: 'open' })
        .catch((e: Error) => this.onFailed(null, e.message)),
    )
    if (entry.view === this.view && entry.channel === this.channel && entry.tag === this.tag) {
      const at = this.pages.indexOf(entry.row.customerId)
      if (at >= 0) {
        this.pages.replaceAt(at, entry.row)
        this.selected = at
      } else {
        const index = Math.min(entry.index, this.pages.total ?? 0)
        this.pages.insertAt(index, entry.row)
        this.selected = index
      }
    }
    this.selectedId = entry.row.customerId
    this.changed()
    this.pump()
    return entry
  }

  private where(): Pick<TriageEntry, 'view' | 'channel' | 'tag'> {
    return { view: this.view, channel: this.channel, tag: this.tag }
  }

  /** Holds a request until `later` says, then sends every one held, in order, and fetches pages. */
  private send(request: () => void): void {
    if (this.held.push(request) > 1) return
    this.later(() => {
      const requests = this.held
      this.held = []
      for (const r of requests) r()
      this.pump()
    })
  }

  private changed(): void {
    this.version++
    for (const l of [...this.listeners]) l()
  }

  private clampSelection(): void {
    const total = this.pages.total ?? 0
    if (this.selected > 0 && this.selected >= total) this.selected = Math.max(0, total - 1)
  }

  /** Keeps the selection on the same customer when rows around it moved. */
  private follow(): void {
    const id = this.selectedId
    if (id !== undefined && this.pages.rowAt(this.selected)?.customerId !== id) {
      const at = this.pages.indexOf(id)
      if (at >= 0) this.selected = at
    }
    this.clampSelection()
    this.selectedId = this.pages.rowAt(this.selected)?.customerId ?? this.selectedId
  }

  private pump(): void {
    if (this.held.length > 0) return
    const pages = this.pages
    while (this.inFlight < MAX_IN_FLIGHT) {
      const [start, end] = this.range
      // Around the selection first (it may be far from the screen just after End), then what
      // is on screen, nearest first; never the whole span between them.
      const around = pages.wanted(this.selected - AHEAD, this.selected + AHEAD)
      const middle = (start + end) / 2 / PAGE_SIZE
      const onScreen = pages
        .wanted(start - AHEAD, end + AHEAD)
        .filter((p) => !around.includes(p))
        .sort((a, b) => Math.abs(a + 0.5 - middle) - Math.abs(b + 0.5 - middle))
      const wanted = [...around, ...onScreen]
      const page = wanted[0]
      if (page === undefined) return
      const generation = pages.ask(page)
      this.inFlight++
      const { view, channel, tag } = this
      this.api.call('inbox.list', { view, channel, tag, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (result) => {
          this.inFlight--
          if (this.pages === pages && pages.accept(page, generation, result)) {
            this.follow()
            this.error = null
            this.changed()
          }
          this.pump()
        },
        (e: Error) => {
          this.inFlight--
          pages.failed(page, generation)
          if (this.pages !== pages) return this.pump()
          this.error = e.message
          this.changed()
          clearTimeout(this.retryTimer)
          this.retryTimer = setTimeout(() => this.pump(), RETRY_MS)
        },
      )
    }
  }
}
