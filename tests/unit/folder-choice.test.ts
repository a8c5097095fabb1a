// Which IMAP folders an account syncs: the seller's pick, or INBOX, Sent and Archive.
import { describe, expect, it } from 'vitest'
import { foldersToSync, type FolderInfo } from '../../main/channels/imap/folders'

const gmail: FolderInfo[] = [
  { path: 'INBOX', name: 'INBOX', specialUse: '\\Inbox' },
  { path: '[Gmail]/All Mail', name: 'All Mail', specialUse: '\\All' },
  { path: '[Gmail]/Drafts', name: 'Drafts', specialUse: '\\Drafts' },
  { path: '[Gmail]/Sent Mail', name: 'Sent Mail', specialUse: '\\Sent' },
  { path: '[Gmail]/Spam', name: 'Spam', specialUse: '\\Junk' },
  { path: '[Gmail]/Trash', name: 'Trash', specialUse: '\\Trash' },
  { path: 'Orders', name: 'Orders' },
]

describe('folders to sync', () => {
  it('defaults to INBOX first, then Sent; never All Mail, Drafts, Spam or Trash', () => {
    expect(foldersToSync(gmail)).toEqual(['INBOX', '[Gmail]/Sent Mail'])
  })

  it('takes the \\Archive folder, or one named Archive or アーカイブ when none is flagged', () => {
    const flagged: FolderInfo[] = [
      { path: 'INBOX', name: 'INBOX', specialUse: '\\Inbox' },
      { path: 'Archive', name: 'Archive' },
      { path: 'Old', name: 'Old', specialUse: '\\Archive' },
    ]
    expect(foldersToSync(flagged)).toEqual(['INBOX', 'Old'])
    const named: FolderInfo[] = [
      { path: 'INBOX', name: 'INBOX', specialUse: '\\Inbox' },
      { path: 'INBOX.アーカイブ', name: 'アーカイブ' },
      { path: 'INBOX.送信済み', name: '送信済み', specialUse: '\\Sent' },
    ]
    expect(foldersToSync(named)).toEqual(['INBOX', 'INBOX.送信済み', 'INBOX.アーカイブ'])
  })

  it("follows the seller's pick, INBOX always first, leaving out what the server does not have", () => {
    expect(foldersToSync(gmail, ['Orders', '[Gmail]/Trash', 'Gone', 'inbox', 'Orders'])).toEqual([
      'INBOX',
      'Orders',
      '[Gmail]/Trash',
    ])
    expect(foldersToSync(gmail, [])).toEqual(['INBOX'])
  })
})
