// Messages just sent, during their undo window and a moment after: what the undo-send toast
// shows, wherever the seller has gone meanwhile. Undo cancels the outbox item and gives the
// composer its contents back — to the customer screen showing that customer, if one is open,
// else as a saved draft that the screen offers when the customer is opened again. One store
// for the app (the renderer has one engine); framework-free, React subscribes.
import type { OutboxItem } from '../../../../main/core/model'
import type { Api } from '../../../../preload/api'
import { draftSaveInput, type ComposerState } from './draftState'

export interface PendingSend {
  item: OutboxItem
  /** The composer as it was when sent, to restore on undo (picked files included). */
  snapshot: ComposerState
  /** Who it went to, for the toast. */
  recipient: string
  /** The customer screen it was sent from. */
  customerId?: string
  state: 'waiting' | 'undoing' | 'sent' | 'failed'
  error?: string
  /** When it was added (ms), so a countdown never starts from a stale clock. */
  addedAt: number
}

type Restore = (snapshot: ComposerState) => void

export class PendingSends {
  private entries: PendingSend[] = []
  private readonly listeners = new Set<() => void>()
  private readonly restorers = new Map<string, Restore>()
  private version = 0

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  snapshot = (): number => this.version

  list(): readonly PendingSend[] {
    return this.entries
  }

  /** The latest one still in its undo window, if any. */
  undoable(now = Date.now()): PendingSend | undefined {
    return this.entries.findLast((e) => e.state === 'waiting' && Date.parse(e.item.sendAfter) > now)
  }

  add(entry: Omit<PendingSend, 'state' | 'addedAt'>): void {
    const added: PendingSend = { ...entry, state: 'waiting', addedAt: Date.now() }
    this.entries = [...this.entries.filter((e) => e.item.id !== entry.item.id), added]
    this.changed()
  }

  /** The outbox moved on (outbox.changed): sent, failed, or gone. */
  outboxChanged(items: readonly OutboxItem[]): void {
    let changed = false
    this.entries = this.entries.map((e) => {
      const item = items.find((i) => i.id === e.item.id)
      if (!item || e.state === 'undoing') return e
      const state = item.state === 'sent' ? 'sent' : item.state === 'failed' ? 'failed' : e.state
      if (state === e.state && item.state === e.item.state) return e
      changed = true
      return { ...e, item, state, ...(item.lastError ? { error: item.lastError } : {}) }
    })
    if (changed) this.changed()
  }

  /** Forgets an entry (the toast went away). */
  dismiss(id: string): void {
    const before = this.entries.length
    this.entries = this.entries.filter((e) => e.item.id !== id)
    if (this.entries.length !== before) this.changed()
  }

  /** A customer screen takes restored drafts of its customer while it is open. */
  onRestore(customerId: string, restore: Restore): () => void {
    this.restorers.set(customerId, restore)
    return () => {
      if (this.restorers.get(customerId) === restore) this.restorers.delete(customerId)
    }
  }

  /** Undo send: cancels the outbox item and restores the draft. Throws when it is too late. */
  async undo(api: Api, id: string): Promise<void> {
    const entry = this.entries.find((e) => e.item.id === id)
    if (!entry || entry.state !== 'waiting') return
    this.replace(id, { ...entry, state: 'undoing' })
    try {
      await api.call('outbox.cancel', { id })
    } catch (err) {
      this.replace(id, { ...entry, state: 'waiting', error: (err as Error).message })
      throw err
    }
    this.dismiss(id)
    const restore = entry.customerId !== undefined ? this.restorers.get(entry.customerId) : undefined
    const snapshot: ComposerState = { ...entry.snapshot }
    delete snapshot.draftId // the draft it came from was deleted when it was queued
    if (restore) restore(snapshot)
    // Nobody is showing that customer: keep it as a draft (picked files cannot be kept).
    else await api.call('draft.save', draftSaveInput(snapshot))
  }

  private replace(id: string, entry: PendingSend): void {
    this.entries = this.entries.map((e) => (e.item.id === id ? entry : e))
    this.changed()
  }

  private changed(): void {
    this.version++
    for (const l of [...this.listeners]) l()
  }
}

export const pendingSends = new PendingSends()
