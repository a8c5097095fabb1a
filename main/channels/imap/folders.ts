// Which folders an account has and what each is for (Inbox, Sent, Archive…), so the engine
// knows which ones hold customer mail and which hold the seller's own replies.
import type { ImapFlow, ListResponse } from 'imapflow'

export type SpecialUse = '\\Inbox' | '\\Sent' | '\\Archive' | '\\Drafts' | '\\Trash' | '\\Junk' | '\\All'

export interface FolderInfo {
  path: string
  /** The last part of the path, as the server lists it. */
  name: string
  specialUse?: SpecialUse
  messages?: number
}

const SPECIAL_USES: ReadonlySet<string> = new Set<SpecialUse>([
  '\\Inbox',
  '\\Sent',
  '\\Archive',
  '\\Drafts',
  '\\Trash',
  '\\Junk',
  '\\All',
])

// imapflow already knows the flags (RFC 6154) and several hundred localized names, including
// 送信済みメール, 下書き, 迷惑メール, ゴミ箱 and アーカイブ. These are spellings from Japanese
// providers and clients it does not know; they only fill roles no folder has claimed.
const EXTRA_NAMES: Record<string, SpecialUse> = {
  送信済: '\\Sent',
  送信済メール: '\\Sent',
  送信済みフォルダ: '\\Sent',
  ごみ箱: '\\Trash',
  削除済み: '\\Trash',
  削除済みメール: '\\Trash',
  スパム: '\\Junk',
  迷惑メールフォルダ: '\\Junk',
  下書きフォルダ: '\\Drafts',
  保管: '\\Archive',
  すべてのメール: '\\All',
}

/** The role a folder name suggests, for names imapflow's own tables miss. */
export function specialUseFromName(name: string): SpecialUse | undefined {
  return EXTRA_NAMES[name.trim().normalize('NFKC')]
}

/** Lists selectable folders with their role and (unless `counts` is false) message count. */
export async function listFolders(client: ImapFlow, options: { counts?: boolean } = {}): Promise<FolderInfo[]> {
  const entries = await client.list(options.counts === false ? {} : { statusQuery: { messages: true } })
  return assignRoles(entries.filter(isSelectable))
}

/**
 * Where archived mail goes: the \Archive folder, else \All (Gmail, where archiving means
 * leaving INBOX: the message stays in All Mail), else a folder named like an archive.
 * Undefined when the account has none yet.
 */
export function findArchiveFolder(folders: FolderInfo[]): FolderInfo | undefined {
  return (
    folders.find((f) => f.specialUse === '\\Archive') ??
    folders.find((f) => f.specialUse === '\\All') ??
    folders.find((f) => ARCHIVE_NAMES.has(f.name.trim().normalize('NFKC').toLowerCase()))
  )
}

function isSelectable(entry: ListResponse): boolean {
  const flags = [...entry.flags].map((f) => f.toLowerCase())
  return !flags.includes('\\noselect') && !flags.includes('\\nonexistent')
}

function assignRoles(entries: ListResponse[]): FolderInfo[] {
  const folders: FolderInfo[] = entries.map((e) => {
    const info: FolderInfo = { path: e.path, name: e.name }
    if (e.specialUse !== undefined && SPECIAL_USES.has(e.specialUse)) info.specialUse = e.specialUse as SpecialUse
    if (e.path.toUpperCase() === 'INBOX') info.specialUse = '\\Inbox'
    if (e.status?.messages !== undefined) info.messages = e.status.messages
    return info
  })
  // One folder per role: the server's flags (and imapflow's names) win, ours only fill gaps.
  const taken = new Set(folders.map((f) => f.specialUse).filter((u) => u !== undefined))
  for (const [i, folder] of folders.entries()) {
    if (folder.specialUse !== undefined) continue
    const guess = specialUseFromName(entries[i]!.name)
    if (guess !== undefined && !taken.has(guess)) {
      folder.specialUse = guess
      taken.add(guess)
    }
  }
  return folders
}

/** Names of an archive folder on servers that do not flag it \Archive, after NFKC and lower-casing. */
const ARCHIVE_NAMES: ReadonlySet<string> = new Set(['archive', 'archives', 'アーカイブ'])

/**
 * The folders to sync, INBOX first: the seller needs new customer mail before anything else.
 * `chosen` is the seller's pick (paths); INBOX is synced whether it is listed or not, and
 * chosen folders the server does not have (any more) are left out. Without a pick: INBOX,
 * Sent and Archive — the seller's replies and the mail already dealt with; never Trash,
 * Junk, Drafts, nor Gmail's All Mail (it holds every message a second time).
 */
export function foldersToSync(folders: readonly FolderInfo[], chosen?: readonly string[]): string[] {
  const inbox = folders.find((f) => f.specialUse === '\\Inbox')?.path ?? 'INBOX'
  const isInbox = (path: string): boolean => path === inbox || path.toUpperCase() === 'INBOX'
  let others: string[]
  if (chosen === undefined) {
    const sent = folders.find((f) => f.specialUse === '\\Sent')
    const archive =
      folders.find((f) => f.specialUse === '\\Archive') ??
      folders.find((f) => ARCHIVE_NAMES.has(f.name.trim().normalize('NFKC').toLowerCase()))
    others = [sent, archive].filter((f) => f !== undefined).map((f) => f.path)
  } else {
    const present = new Set(folders.map((f) => f.path))
    others = chosen.filter((path) => present.has(path))
  }
  return [...new Set([inbox, ...others.filter((path) => !isInbox(path))])]
}
