// The seller's mail accounts: settings in accounts.json, passwords and tokens sealed in
// the secret store (never in plain text), connection tests with actionable errors.
import { randomUUID } from 'node:crypto'
import {
  EngineError,
  type AccountFolder,
  type AccountTest,
  type AccountView,
  type RequestParams,
} from '../../preload/api'
import { closeClient, openClient } from '../channels/imap/connection'
import { testConnection, testSmtp } from '../channels/imap/connection-test'
import { toImapError } from '../channels/imap/errors'
import { foldersToSync, listFolders, type FolderInfo } from '../channels/imap/folders'
import type { Account } from '../core/model'
import type { SecretStore } from '../store/secrets'
import type { Store } from '../store/store'

type Draft = RequestParams<'account.add'>

export interface AccountSecrets {
  password?: string
  accessToken?: string
}

export class Accounts {
  constructor(
    private readonly store: Store,
    private readonly secrets: SecretStore,
    private readonly now: () => Date,
  ) {}

  list(): AccountView[] {
    return Object.values(this.store.accounts).map(view)
  }

  get(id: string): Account {
    const account = this.store.accounts[id]
    if (!account) throw new EngineError('not_found', `No account ${id}.`)
    return account
  }

  async add(p: Draft): Promise<AccountView> {
    const duplicate = Object.values(this.store.accounts).find(
      (a) => a.address.toLowerCase() === p.address.toLowerCase(),
    )
    if (duplicate) throw new EngineError('conflict', `${p.address} is already set up as “${duplicate.label}”.`)
    const account: Account = {
      id: `acc_${randomUUID()}`,
      label: p.label,
      kind: 'imap',
      address: p.address,
      displayName: p.displayName,
      imap: p.imap,
      smtp: p.smtp,
      ...(p.folders !== undefined ? { folders: p.folders } : {}),
      createdAt: this.now().toISOString(),
    }
    await this.saveSecrets(account, p)
    this.store.accounts[account.id] = account
    this.store.docs.accounts.changed()
    await this.store.docs.accounts.flush()
    return view(account)
  }

  async update(p: RequestParams<'account.update'>): Promise<AccountView> {
    const current = this.get(p.id)
    const next: Account = {
      ...current,
      ...(p.label !== undefined ? { label: p.label } : {}),
      ...(p.address !== undefined ? { address: p.address } : {}),
      ...(p.displayName !== undefined ? { displayName: p.displayName } : {}),
      ...(p.imap ? { imap: p.imap } : {}),
      ...(p.smtp ? { smtp: p.smtp } : {}),
      ...(p.folders ? { folders: p.folders } : {}),
    }
    if (p.folders === null) delete next.folders
    await this.saveSecrets(next, p)
    this.store.accounts[next.id] = next
    this.store.docs.accounts.changed()
    await this.store.docs.accounts.flush()
    return view(next)
  }

  /** Removes the account and its secrets; the conversations stay as history. */
  async remove(id: string): Promise<{ id: string }> {
    const account = this.get(id)
    if (account.secretRef) await this.secrets.delete(account.secretRef)
    delete this.store.accounts[id]
    this.store.docs.accounts.changed()
    await this.store.docs.accounts.flush()
    return { id }
  }

  async secretsOf(account: Account): Promise<AccountSecrets> {
    if (!account.secretRef) return {}
    const sealed = await this.secrets.get(account.secretRef)
    return sealed ? (JSON.parse(sealed) as AccountSecrets) : {}
  }

  async test(p: RequestParams<'account.test'>): Promise<AccountTest> {
    const [settings, secrets] =
      'id' in p
        ? [this.get(p.id), await this.secretsOf(this.get(p.id))]
        : [p.draft, { password: p.draft.password, accessToken: p.draft.accessToken }]
    if (!settings.imap || !settings.smtp)
      throw new EngineError('bad_request', 'This account has no server settings to test.')
    const [imap, smtp] = await Promise.all([
      testConnection({ ...settings.imap, ...secrets }),
      testSmtp({ ...settings.smtp, ...secrets }),
    ])
    return { imap, smtp }
  }

  /** The account's folders on its server, the synced ones marked. Opens a connection of its own. */
  async folders(id: string): Promise<AccountFolder[]> {
    const account = this.get(id)
    if (!account.imap) throw new EngineError('bad_request', `${account.label} has no IMAP settings.`)
    const config = { ...account.imap, ...(await this.secretsOf(account)) }
    let folders: FolderInfo[]
    try {
      const client = await openClient(config, { disableAutoIdle: true }, () => undefined)
      try {
        folders = await listFolders(client)
      } finally {
        await closeClient(client)
      }
    } catch (err) {
      const e = toImapError(err, { config })
      throw new EngineError('unavailable', `${e.message} ${e.action}`)
    }
    const synced = new Set(foldersToSync(folders, account.folders))
    return folders.map((f) => ({
      path: f.path,
      name: f.name,
      ...(f.specialUse !== undefined ? { specialUse: f.specialUse } : {}),
      ...(f.messages !== undefined ? { messages: f.messages } : {}),
      chosen: synced.has(f.path),
    }))
  }

  private async saveSecrets(account: Account, p: AccountSecrets): Promise<void> {
    if (p.password === undefined && p.accessToken === undefined) return
    const merged = { ...(await this.secretsOf(account)), ...strip(p) }
    account.secretRef ??= `account:${account.id}`
    await this.secrets.set(account.secretRef, JSON.stringify(merged))
  }
}

function strip(p: AccountSecrets): AccountSecrets {
  return {
    ...(p.password !== undefined ? { password: p.password } : {}),
    ...(p.accessToken !== undefined ? { accessToken: p.accessToken } : {}),
  }
}

function view(a: Account): AccountView {
  return {
    id: a.id,
    label: a.label,
    kind: a.kind,
    address: a.address,
    displayName: a.displayName,
    imap: a.imap,
    smtp: a.smtp,
    ...(a.folders !== undefined ? { folders: a.folders } : {}),
    hasSecret: Boolean(a.secretRef),
  }
}
