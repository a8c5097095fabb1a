// Saved drafts: what the composer holds, kept while the seller types so that a crash loses
// nothing typed. Each save appends one journal line (fsynced) before it returns; a conversation
// has at most one draft; sending a message deletes the draft it came from.
import { randomUUID } from 'node:crypto'
import { EngineError, type DraftSaved, type DraftSummary, type RequestParams } from '../../preload/api'
import type { SavedDraft } from '../core/model'
import type { Store } from '../store/store'

type Target = RequestParams<'draft.get'>

export class SavedDrafts {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
  ) {}

  async save(p: RequestParams<'draft.save'>): Promise<DraftSaved> {
    if (!Object.hasOwn(this.store.accounts, p.accountId)) {
      throw new EngineError('not_found', `No account ${p.accountId} to write from.`)
    }
    const conversationId = p.conversationId === 'new' ? undefined : p.conversationId
    if (conversationId !== undefined && !Object.hasOwn(this.store.conversations, conversationId)) {
      throw new EngineError('not_found', `No conversation ${conversationId}.`)
    }
    // Ids come only from here: one that is not saved was sent or discarded. A late autosave
    // must not bring back a draft that is already on its way, or that the seller threw away.
    if (p.draftId !== undefined && !Object.hasOwn(this.store.drafts, p.draftId)) {
      throw new EngineError('conflict', 'This draft was already sent or discarded; nothing was saved.')
    }
    const other = conversationId !== undefined ? this.ofConversation(conversationId) : undefined
    const id = p.draftId ?? other?.id ?? `drf_${randomUUID()}`
    const draft: SavedDraft = {
      id,
      ...(conversationId !== undefined ? { conversationId } : {}),
      accountId: p.accountId,
      ...(p.mode !== undefined ? { mode: p.mode } : {}),
      to: p.to,
      cc: p.cc,
      subject: p.subject,
      text: p.text,
      ...(p.inReplyTo !== undefined ? { inReplyTo: p.inReplyTo } : {}),
      ...(p.references !== undefined ? { references: p.references } : {}),
      attachments: p.attachments,
      savedAt: this.now().toISOString(),
    }
    // One draft per conversation: a draft moved onto a conversation replaces the one it had.
    if (other && other.id !== id) this.remove(other.id)
    this.store.drafts[id] = draft
    this.store.docs.drafts.changed('drafts', id)
    await this.store.docs.drafts.flush()
    return { id, ...(conversationId !== undefined ? { conversationId } : {}), savedAt: draft.savedAt }
  }

  get(target: Target): SavedDraft | null {
    return this.find(target) ?? null
  }

  async delete(target: Target): Promise<SavedDraft | null> {
    const draft = this.find(target)
    if (!draft) return null
    this.remove(draft.id)
    await this.store.docs.drafts.flush()
    return draft
  }

  list(): DraftSummary[] {
    return Object.values(this.store.drafts)
      .sort((a, b) => b.savedAt.localeCompare(a.savedAt))
      .map(({ text, ...rest }) => ({ ...rest, snippet: text.replace(/\s+/g, ' ').trim().slice(0, 140) }))
  }

  /** A message was queued: its draft (named, or its conversation's) is done with. */
  async sent(p: { conversationId?: string; draftId?: string }): Promise<void> {
    const drafts = [
      p.draftId !== undefined ? this.find({ draftId: p.draftId }) : undefined,
      p.conversationId !== undefined ? this.ofConversation(p.conversationId) : undefined,
    ]
    let removed = false
    for (const d of drafts) {
      if (d && Object.hasOwn(this.store.drafts, d.id)) {
        this.remove(d.id)
        removed = true
      }
    }
    if (removed) await this.store.docs.drafts.flush()
  }

  private find(target: Target): SavedDraft | undefined {
    if ('conversationId' in target) return this.ofConversation(target.conversationId)
    return Object.hasOwn(this.store.drafts, target.draftId) ? this.store.drafts[target.draftId] : undefined
  }

  /** Drafts are few (the ones a seller left unsent): a scan is cheaper than an index to keep. */
  private ofConversation(conversationId: string): SavedDraft | undefined {
    return Object.values(this.store.drafts).find((d) => d.conversationId === conversationId)
  }

  private remove(id: string): void {
    delete this.store.drafts[id]
    this.store.docs.drafts.changed('drafts', id)
  }
}
