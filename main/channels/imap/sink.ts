// The contract between the IMAP sync and whoever keeps its results (the engine wires it to
// the store). The sync never touches the disk itself: it hands over batches plus the folder
// state that is true once the batch is kept, and relies on the sink keeping both together.

/**
 * What the sink remembers per folder between runs. Invariant after every sink call: every
 * message the server had with oldestUid <= UID < uidNext has been handed over, with flags
 * current as of highestModseq (when set).
 */
export interface FolderState {
  uidValidity: string
  /** Flags of the messages already handed over are current as of this mod-sequence (CONDSTORE). */
  highestModseq?: string
  /** Every UID below this that is at or above oldestUid has been handed over. */
  uidNext?: number
  /** Lowest UID already fetched: history is fetched newest first, so a resumed first sync continues below it. */
  oldestUid?: number
  historyComplete: boolean
  /**
   * Only kept when QRESYNC cannot be used (server without it, or forced off): the UIDs the
   * sink holds, as an IMAP sequence set ("1:40,42"), so expunges are found by comparing sets.
   */
  knownUids?: string
}

export interface FetchedMessage {
  uid: number
  flags: string[]
  /** ISO 8601. */
  internalDate: string
  size: number
  raw: Buffer
}

export interface SyncSink {
  loadState(folder: string): Promise<FolderState | undefined>
  /**
   * Must make the batch AND the new state durable before resolving: a crash after it returns
   * must not refetch or lose these messages. An empty batch only moves the state forward.
   */
  onMessages(folder: string, batch: FetchedMessage[], state: FolderState): Promise<void>
  /** Full flag sets (not deltas) of messages whose flags changed; an empty list only moves the state. */
  onFlags(folder: string, changes: { uid: number; flags: string[] }[], state: FolderState): Promise<void>
  /** UIDs expunged on the server. May name UIDs the sink never had (servers may over-report). */
  onVanished(folder: string, uids: number[], state: FolderState): Promise<void>
  /** UIDVALIDITY changed: forget this folder's UIDs; the messages arrive again and the sink matches them by Message-ID (no duplicates, local state kept). */
  onUidValidityChanged(folder: string, state: FolderState): Promise<void>
  onProgress(folder: string, done: number, total: number): void
}
