// Which folders an account has and what each is for (Inbox, Sent, Archive…), so the engine
// knows which ones hold customer mail and which hold the seller's own replies.
import type { ImapFlow, ListResponse } from 'imapflow'

export type SpecialUse = '\\Inbox' | '\\Sent' | '\\Archive' | '\\Drafts' | '\\Trash' | '\\Junk' | '\\All'

export interface FolderInfo {
  path: string
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

/** Lists selectable folders with their role and message count. */
export async function listFolders(client: ImapFlow): Promise<FolderInfo[]> {
  const entries = await client.list({ statusQuery: { messages: true } })
  return assignRoles(entries.filter(isSelectable))
}

function isSelectable(entry: ListResponse): boolean {
  const flags = [...entry.flags].map((f) => f.toLowerCase())
  return !flags.includes('\\noselect') && !flags.includes('\\nonexistent')
}

function assignRoles(entries: ListResponse[]): FolderInfo[] {
  const folders: FolderInfo[] = entries.map((e) => {
    const info: FolderInfo = { path: e.path }
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
