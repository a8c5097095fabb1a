// Autosave of the composer: a save ~400 ms after the seller stops typing, one save at a time in
// order, each naming the draft the first one created. `flush` saves what is pending and says
// which draft holds it (message.send passes that id); `stop` ends saving for good, so a late
// save can never bring back a draft that was sent or discarded. Framework-free.
import type { Api, DraftSaved } from '../../../../preload/api'
import { draftSaveInput, type ComposerState } from './draftState'

export const AUTOSAVE_DELAY_MS = 400

export type SaveStatus =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string }

export class DraftAutosave {
  private draftId: string | undefined
  private pending: ComposerState | null = null
  private timer: ReturnType<typeof setTimeout> | undefined
  private chain: Promise<void> = Promise.resolve()
  private stopped = false

  constructor(
    private readonly api: Api,
    draftId: string | undefined,
    private readonly onStatus: (status: SaveStatus, draftId: string | undefined) => void,
  ) {
    this.draftId = draftId
  }

  get id(): string | undefined {
    return this.draftId
  }

  /** The composer changed: save it once the seller pauses. */
  changed(state: ComposerState): void {
    if (this.stopped) return
    this.pending = state
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.saveNow(), AUTOSAVE_DELAY_MS)
  }

  /** Saves what is pending now (if anything) and waits for every save; returns the draft's id. */
  async flush(): Promise<string | undefined> {
    clearTimeout(this.timer)
    if (this.pending && !this.stopped) void this.saveNow()
    await this.chain
    return this.draftId
  }

  /** No more saves, ever; waits for one already on its way. Returns the draft's id. */
  async stop(): Promise<string | undefined> {
    this.stopped = true
    clearTimeout(this.timer)
    this.pending = null
    await this.chain
    return this.draftId
  }

  /** Saving again after a stop (a send that failed): the same draft. */
  resume(): void {
    this.stopped = false
  }

  private saveNow(): Promise<void> {
    const state = this.pending
    this.pending = null
    if (!state) return this.chain
    this.chain = this.chain.then(async () => {
      if (this.stopped) return
      this.onStatus({ kind: 'saving' }, this.draftId)
      try {
        const saved: DraftSaved = await this.api.call('draft.save', draftSaveInput({ ...state, draftId: this.draftId }))
        this.draftId = saved.id
        this.onStatus({ kind: 'saved', at: saved.savedAt }, saved.id)
      } catch (err) {
        this.onStatus({ kind: 'failed', message: (err as Error).message }, this.draftId)
      }
    })
    return this.chain
  }
}
