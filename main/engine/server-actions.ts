// Changes the seller makes here that must reach the mail server: read (\Seen), done and
// reopened (archive or flag). Queued durably in sync-state.json and applied in order per
// account; offline they wait for the next connection, and an action whose message is gone
// from the server (expunged elsewhere) is dropped with a log line, not retried forever.
import { DEFAULT_SETTINGS, type Conversation, type MessageRecord } from '../core/model'
import { ImapError, type ImapSync } from '../channels/imap/sync'
import { monthOf, type PendingFlagChange, type PendingMove, type PendingServerAction, type Store } from '../store/store'

/** Where a message is on the server. */
export interface ServerLocation {
  folder: string
  uid: number
}

/**
 * The sync's UID → record maps, as far as the queue needs them. The queue reaches them only
 * through this (mail-sync.ts implements it), so how they are stored can change behind it.
 */
export interface UidMaps {
  /** Every folder each record is known to be in, with its UID there. */
  locate(accountId: string, recordIds: readonly string[]): Promise<Map<string, ServerLocation[]>>
  /**
   * The message left `from` on the server; `to` is where it landed, when the server said
   * (UIDPLUS), with the UIDVALIDITY that UID belongs to.
   */
  moved(
    accountId: string,
    record: { id: string; month: string },
    from: ServerLocation,
    to?: ServerLocation & { uidValidity?: string },
  ): Promise<void>
}

const INBOX = 'INBOX'
/** Stands for the account's archive folder, found (or created) when the action is applied. */
const ARCHIVE = '\\Archive'

/**
 * What 'flag' mode puts on a done message: the keyword $Done, and \Seen. Not \Flagged: in
 * Gmail, Apple Mail and Outlook a flag or star means "needs attention", the opposite of done,
 * and a seller may have flagged a message for reasons of their own, so it is neither set nor
 * cleared. \Seen is what every other mail app shows; $Done says which messages were dealt
 * with, for this app on another computer and for the seller's own filters. Reopening removes
 * $Done and keeps \Seen (the seller has still read it). A server that keeps no keywords gets
 * \Seen alone (ImapSync.setFlags leaves refused keywords out).
 */
export const DONE_KEYWORD = '$Done'
const DONE_FLAGS = [DONE_KEYWORD, '\\Seen']

export class ServerActions {
  private readonly draining = new Map<string, Promise<void>>()

  constructor(
    private readonly store: Store,
    private readonly maps: UidMaps,
    /** The account's running sync, if it has one: queued actions go out on it at once. */
    private readonly syncOf: (accountId: string) => ImapSync | undefined,
    private readonly log: (line: string) => void,
    private readonly now: () => Date,
  ) {}

  /** Marks messages read on their servers. */
  async queueSeen(records: MessageRecord[]): Promise<void> {
    const synced = records.filter((r) => this.onServer(r.accountId))
    const where = await this.locate(synced)
    const actions: PendingServerAction[] = []
    for (const r of synced) {
      const at = where.get(r.id)?.[0]
      if (at) actions.push(this.flags(r, at, ['\\Seen'], []))
    }
    await this.enqueue(actions)
  }

  /**
   * The seller marked a conversation done (`done`) or reopened it: its inbound messages
   * follow on the server as the `doneAction` setting says. 'archive': done moves those in
   * INBOX to the archive folder and reopening brings those not in INBOX back (as a Gmail
   * thread does); 'flag': see DONE_FLAGS; 'none': nothing.
   */
  async queueDone(conversation: Conversation, done: boolean): Promise<void> {
    const mode = this.store.settings.doneAction ?? DEFAULT_SETTINGS.doneAction
    if (mode === 'none' || !this.onServer(conversation.accountId)) return
    const records = await this.store.messagesOf(conversation)
    const inbound = records.filter((r) => r.direction === 'in' && this.onServer(r.accountId))
    const where = await this.locate(inbound)
    const actions: PendingServerAction[] = []
    for (const r of inbound) {
      const locations = where.get(r.id) ?? []
      if (mode === 'flag') {
        const at = locations.find((l) => isInbox(l.folder)) ?? locations[0]
        if (at) actions.push(done ? this.flags(r, at, DONE_FLAGS, []) : this.flags(r, at, [], [DONE_KEYWORD]))
        continue
      }
      const inInbox = this.willBeInInbox(r, locations)
      if (done && inInbox) {
        const uid = locations.find((l) => isInbox(l.folder))?.uid
        actions.push(this.move(r, INBOX, uid, ARCHIVE))
      } else if (!done && !inInbox) {
        actions.push(this.move(r, ARCHIVE, undefined, INBOX))
      }
    }
    await this.enqueue(actions)
  }

  /**
   * Applies this account's queued actions in order on `sync`. Stops at the first one the
   * server did not take: a lost connection rejects (the caller's sync would fail too); a
   * refusal is logged and left at the head of the queue for the next pass of the sync
   * (every few minutes), without holding up this one.
   */
  drain(accountId: string, sync: ImapSync): Promise<void> {
    const previous = this.draining.get(accountId) ?? Promise.resolve()
    const next = previous.then(() => this.applyAll(accountId, sync))
    this.draining.set(
      accountId,
      next.catch(() => undefined),
    )
    return next
  }

  private async applyAll(accountId: string, sync: ImapSync): Promise<void> {
    const doc = this.store.docs.syncState
    let archive: Promise<string> | undefined
    const resolve = (folder: string): Promise<string> =>
      folder === ARCHIVE ? (archive ??= sync.archiveFolder()) : Promise.resolve(folder)
    for (;;) {
      const action = (doc.data.pending ?? []).find((p) => p.accountId === accountId)
      if (!action) return
      try {
        const dropped = await this.apply(action, sync, resolve)
        if (dropped) this.log(`server action dropped: ${describe(action)}: ${dropped}`)
      } catch (err) {
        if (isGone(err)) {
          this.log(`server action dropped: ${describe(action)}: ${(err as Error).message}`)
        } else {
          if (isOffline(err)) throw err
          this.log(`server action kept for a retry: ${describe(action)}: ${(err as Error).message}`)
          return
        }
      }
      doc.data.pending = (doc.data.pending ?? []).filter((p) => p !== action)
      doc.changed('pending')
      await doc.flush()
    }
  }

  /** Applies one action; returns why it was dropped instead, if its message cannot be found. */
  private async apply(
    action: PendingServerAction,
    sync: ImapSync,
    resolve: (folder: string) => Promise<string>,
  ): Promise<string | undefined> {
    if (!isReadable(action)) return 'not readable'
    if (action.kind === 'move') {
      const from = await resolve(action.folder)
      const to = await resolve(action.destination)
      if (sameFolder(from, to)) return undefined
      const uid = await this.find(action, from, sync, action.uid)
      if (uid === undefined) return `no longer in "${from}"`
      const landed = await sync.move(from, uid, to)
      await this.maps.moved(
        action.accountId,
        { id: action.recordId, month: action.month },
        { folder: from, uid },
        landed.uid === undefined ? undefined : { folder: to, uid: landed.uid, uidValidity: landed.uidValidity },
      )
      return undefined
    }
    // A flag change follows its message wherever the UID maps saw it go since.
    const known = action.recordId
      ? ((await this.maps.locate(action.accountId, [action.recordId])).get(action.recordId) ?? [])
      : []
    const at = known.find((l) => sameFolder(l.folder, action.folder)) ?? known[0]
    const folder = at?.folder ?? action.folder
    const uid = at?.uid ?? (await this.find(action, folder, sync, action.uid))
    if (uid === undefined) return `no longer in "${folder}"`
    await sync.setFlags(folder, uid, action.add, action.remove)
    return undefined
  }

  /**
   * The message's UID in `folder`: from the UID maps, else by searching its Message-ID there,
   * else (entries from before records were named, or no real Message-ID) the UID it had.
   */
  private async find(
    action: PendingServerAction,
    folder: string,
    sync: ImapSync,
    uid: number | undefined,
  ): Promise<number | undefined> {
    if (action.recordId !== undefined) {
      const known = (await this.maps.locate(action.accountId, [action.recordId])).get(action.recordId) ?? []
      const at = known.find((l) => sameFolder(l.folder, folder))
      if (at) return at.uid
    }
    if (action.messageId !== undefined && !action.messageId.endsWith('@seller-inbox.invalid>')) {
      return await sync.findMessage(folder, action.messageId)
    }
    return uid
  }

  private async enqueue(actions: PendingServerAction[]): Promise<void> {
    if (actions.length === 0) return
    const doc = this.store.docs.syncState
    ;(doc.data.pending ??= []).push(...actions)
    doc.changed('pending')
    await doc.flush()
    for (const accountId of new Set(actions.map((a) => a.accountId))) this.kick(accountId)
  }

  /** Sends the account's queue out now, if it is connected. */
  private kick(accountId: string): void {
    const sync = this.syncOf(accountId)
    if (!sync) return
    void this.drain(accountId, sync).catch((err: Error) => {
      // A sync between attempts is stopped: the queue goes out with the next pass instead.
      if (!(err instanceof ImapError && err.code === 'stopped')) this.log(`server actions: ${err.message}`)
    })
  }

  /** Accounts with a mail server: demo and imported (local) accounts have none. */
  private onServer(accountId: string): boolean {
    return this.store.accounts[accountId]?.kind === 'imap'
  }

  private async locate(records: MessageRecord[]): Promise<Map<string, ServerLocation[]>> {
    const out = new Map<string, ServerLocation[]>()
    for (const accountId of new Set(records.map((r) => r.accountId))) {
      const ids = records.filter((r) => r.accountId === accountId).map((r) => r.id)
      for (const [id, where] of await this.maps.locate(accountId, ids)) out.set(id, where)
    }
    return out
  }

  /** Whether the message is in INBOX once the moves already queued for it are applied. */
  private willBeInInbox(record: MessageRecord, locations: ServerLocation[]): boolean {
    const moves = (this.store.docs.syncState.data.pending ?? []).filter(
      (p): p is PendingMove => p.kind === 'move' && p.recordId === record.id,
    )
    const last = moves.at(-1)
    return last ? isInbox(last.destination) : locations.some((l) => isInbox(l.folder))
  }

  private flags(r: MessageRecord, at: ServerLocation, add: string[], remove: string[]): PendingFlagChange {
    return { kind: 'flags', ...this.target(r), folder: at.folder, uid: at.uid, add, remove, at: this.stamp() }
  }

  private move(r: MessageRecord, folder: string, uid: number | undefined, destination: string): PendingMove {
    return {
      kind: 'move',
      ...this.target(r),
      folder,
      ...(uid === undefined ? {} : { uid }),
      destination,
      at: this.stamp(),
    }
  }

  private target(r: MessageRecord): { accountId: string; recordId: string; month: string; messageId?: string } {
    return {
      accountId: r.accountId,
      recordId: r.id,
      month: monthOf(r),
      ...(r.messageId === undefined ? {} : { messageId: r.messageId }),
    }
  }

  private stamp(): string {
    return this.now().toISOString()
  }
}

function isInbox(folder: string): boolean {
  return folder.toUpperCase() === INBOX
}

function sameFolder(a: string, b: string): boolean {
  return a === b || (isInbox(a) && isInbox(b))
}

/** The message or its folder is gone from the server: retrying cannot help. */
function isGone(err: unknown): boolean {
  return err instanceof ImapError && (err.code === 'message_missing' || err.code === 'folder_missing')
}

/** The account cannot be reached now: the whole sync waits, not just the queue. */
function isOffline(err: unknown): boolean {
  return (
    err instanceof ImapError &&
    ['connection_failed', 'connection_lost', 'tls_failed', 'auth_failed', 'stopped'].includes(err.code)
  )
}

/**
 * Entries come from disk: one that does not have the shape of an action (damaged, or written
 * by a newer version) is dropped rather than holding up the queue.
 */
function isReadable(p: PendingServerAction): boolean {
  const text = (v: unknown): boolean => typeof v === 'string' && v.length > 0
  const strings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string')
  if (p.kind === 'move') {
    return text(p.folder) && text(p.destination) && text(p.recordId) && text(p.month)
  }
  return (
    (p.kind === undefined || p.kind === 'flags') &&
    text(p.folder) &&
    Number.isInteger(p.uid) &&
    strings(p.add) &&
    strings(p.remove)
  )
}

function describe(p: PendingServerAction): string {
  if (p.kind === 'move') return `move ${p.messageId ?? p.recordId} from ${p.folder} to ${p.destination}`
  const change = [...(p.add ?? []).map((f) => `+${f}`), ...(p.remove ?? []).map((f) => `-${f}`)].join(' ')
  return `${change} on ${p.messageId ?? `${p.folder} ${p.uid}`}`
}
