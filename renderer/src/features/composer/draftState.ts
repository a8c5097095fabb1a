// What the composer holds, and how it maps onto the contract: the draft message.compose offers,
// a saved draft (draft.get), what draft.save takes, and what message.send takes.
import type { ComposeMode, Draft, DraftAttachment, RequestInput, SavedDraft } from '../../../../preload/api'
import { formatAddressList, parseAddressList } from './addresses'

/** A file the seller picked, read into memory (files are not kept in saved drafts). */
export interface PickedFile {
  name: string
  contentType: string
  size: number
  dataBase64: string
}

export interface ComposerState {
  /** Set once the first autosave returned it. */
  draftId?: string
  mode: ComposeMode
  /** The conversation answered; absent for a forward or a new message. */
  conversationId?: string
  accountId: string
  /** Recipients as typed. */
  to: string
  cc: string
  subject: string
  text: string
  inReplyTo?: string
  references?: string[]
  /** Attachments of stored messages (a forward's), by reference. */
  forwarded: DraftAttachment[]
  files: PickedFile[]
  /** Templates inserted since the composer opened: sent with the reply, for the reports. */
  templateIds?: string[]
}

export function fromComposeDraft(d: Draft): ComposerState {
  return {
    mode: d.mode,
    ...(d.conversationId !== undefined ? { conversationId: d.conversationId } : {}),
    accountId: d.accountId,
    to: formatAddressList(d.to),
    cc: formatAddressList(d.cc),
    subject: d.subject,
    text: d.text,
    ...(d.inReplyTo !== undefined ? { inReplyTo: d.inReplyTo } : {}),
    ...(d.references !== undefined ? { references: d.references } : {}),
    forwarded: d.attachments,
    files: [],
  }
}

export function fromSavedDraft(s: SavedDraft): ComposerState {
  return {
    draftId: s.id,
    mode: s.mode ?? 'reply',
    ...(s.conversationId !== undefined ? { conversationId: s.conversationId } : {}),
    accountId: s.accountId,
    to: formatAddressList(s.to),
    cc: formatAddressList(s.cc),
    subject: s.subject,
    text: s.text,
    ...(s.inReplyTo !== undefined ? { inReplyTo: s.inReplyTo } : {}),
    ...(s.references !== undefined ? { references: s.references } : {}),
    forwarded: s.attachments.map(({ fromMessage, index, filename, contentType, size }) => ({
      fromMessage,
      index,
      filename,
      contentType,
      size,
    })),
    files: [],
  }
}

export function draftSaveInput(s: ComposerState): RequestInput<'draft.save'> {
  return {
    ...(s.draftId !== undefined ? { draftId: s.draftId } : {}),
    conversationId: s.conversationId ?? 'new',
    accountId: s.accountId,
    mode: s.mode,
    // As typed, but within what a draft may hold: the engine refuses longer lists.
    to: parseAddressList(s.to).slice(0, 100).map(clip),
    cc: parseAddressList(s.cc).slice(0, 100).map(clip),
    subject: s.subject.slice(0, 998),
    text: s.text,
    ...(s.inReplyTo !== undefined ? { inReplyTo: s.inReplyTo } : {}),
    ...(s.references !== undefined ? { references: s.references } : {}),
    attachments: s.forwarded,
  }
}

function clip(a: { name?: string; address: string }): { name?: string; address: string } {
  return { ...(a.name ? { name: a.name.slice(0, 300) } : {}), address: a.address.slice(0, 320) }
}

export function sendInput(s: ComposerState): RequestInput<'message.send'> {
  return {
    accountId: s.accountId,
    ...(s.conversationId !== undefined ? { conversationId: s.conversationId } : {}),
    to: parseAddressList(s.to),
    cc: parseAddressList(s.cc),
    subject: s.subject,
    text: s.text,
    ...(s.inReplyTo !== undefined ? { inReplyTo: s.inReplyTo } : {}),
    ...(s.references !== undefined ? { references: s.references } : {}),
    ...(s.draftId !== undefined ? { draftId: s.draftId } : {}),
    ...(s.templateIds?.length ? { templateIds: s.templateIds } : {}),
    attachments: [
      ...s.files.map((f) => ({ name: f.name, contentType: f.contentType, dataBase64: f.dataBase64 })),
      ...s.forwarded.map((a) => ({ fromMessage: a.fromMessage, index: a.index })),
    ],
  }
}

/** Whether there is anything worth keeping: text written, a recipient or subject typed. */
export function isEmpty(s: ComposerState, original: ComposerState): boolean {
  return (
    s.text === original.text &&
    s.to === original.to &&
    s.cc === original.cc &&
    s.subject === original.subject &&
    s.files.length === 0 &&
    s.forwarded.length === original.forwarded.length
  )
}
