// The seller's mail accounts: settings in accounts.json, passwords and tokens sealed in
// the secret store (never in plain text), connection tests with actionable errors.
import { randomUUID } from 'node:crypto'
import {
  EngineError,
  type AccountFolder,
  type AccountTest,
  type ApiAccountTest,
  type AccountView,
  type RequestParams,
} from '../../preload/api'
import { closeClient, openClient } from '../channels/imap/connection'
import { testConnection, testSmtp } from '../channels/imap/connection-test'
import { toImapError } from '../channels/imap/errors'
import { foldersToSync, listFolders, type FolderInfo } from '../channels/imap/folders'
import { isApiAccount, type Account } from '../core/model'
import { normaliseSignature } from '../core/signature'
import { ApiError } from '../channels/api/http'
import { EBAY_BASE_URL } from '../channels/ebay/connector'
import { RAKUTEN_BASE_URL } from '../channels/rakuten/connector'
import { connectorFor, type ApiSecrets } from './api-connectors'
import type { SecretStore } from '../store/secrets'
import type { Store } from '../store/store'

type Draft = RequestParams<'account.add'>
type MailDraft = Extract<Draft, { address: string }>
type ApiDraft = Exclude<Draft, MailDraft>

export interface AccountSecrets extends ApiSecrets {
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
    if (p.kind === 'ebay' || p.kind === 'rakuten') return this.addApi(p)
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
      ...signatureOf(p.signature),
      createdAt: this.now().toISOString(),
    }
    await this.saveSecrets(account, p)
    this.store.accounts[account.id] = account
    this.store.docs.accounts.changed()
    await this.store.docs.accounts.flush()
    return view(account)
  }

  /** An eBay or Rakuten API account: its token or keys sealed like passwords, never in accounts.json. */
  private async addApi(p: ApiDraft): Promise<AccountView> {
    const api = apiSettingsOf(p)
    const duplicate = Object.values(this.store.accounts).find(
      (a) => a.kind === p.kind && a.address.toLowerCase() === apiAddress(p.kind, api).toLowerCase(),
    )
    if (duplicate)
      throw new EngineError('conflict', `This ${kindName(p.kind)} account is already set up as “${duplicate.label}”.`)
    const account: Account = {
      id: `acc_${randomUUID()}`,
      label: p.label,
      kind: p.kind,
      address: apiAddress(p.kind, api),
      ...(p.displayName !== undefined ? { displayName: p.displayName } : {}),
      api,
      ...signatureOf(p.signature),
      createdAt: this.now().toISOString(),
    }
    await this.saveSecrets(account, apiSecretsOf(p))
    this.store.accounts[account.id] = account
    this.store.docs.accounts.changed()
    await this.store.docs.accounts.flush()
    return view(account)
  }

  async update(p: RequestParams<'account.update'>): Promise<AccountView> {
    const current = this.get(p.id)
    if (isApiAccount(current)) return this.updateApi(current, p)
    // The demo's and imported mail's accounts have no servers: only what the seller calls them,
    // the name shown and the signature are theirs to change.
    if (current.kind === 'demo' || current.kind === 'local') return this.updateOwnDetails(current, p)
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
    withSignature(next, p.signature)
    await this.saveSecrets(next, p)
    this.store.accounts[next.id] = next
    this.store.docs.accounts.changed()
    await this.store.docs.accounts.flush()
    return view(next)
  }

  /** Reconnecting (a new token or license key), a new label, or another API address. */
  private async updateApi(current: Account, p: RequestParams<'account.update'>): Promise<AccountView> {
    const api = {
      ...current.api!,
      ...(p.baseUrl !== undefined ? { baseUrl: p.baseUrl } : {}),
      ...(p.username !== undefined && current.kind === 'ebay' ? { username: p.username } : {}),
      ...(p.shopId !== undefined && current.kind === 'rakuten' ? { shopId: p.shopId } : {}),
    }
    const next: Account = {
      ...current,
      ...(p.label !== undefined ? { label: p.label } : {}),
      ...(p.displayName !== undefined ? { displayName: p.displayName } : {}),
      api,
      address: apiAddress(current.kind as ApiDraft['kind'], api),
    }
    withSignature(next, p.signature)
    await this.saveSecrets(next, {
      ...(p.accessToken !== undefined && current.kind === 'ebay' ? { accessToken: p.accessToken } : {}),
      ...(p.serviceSecret !== undefined ? { serviceSecret: p.serviceSecret } : {}),
      ...(p.licenseKey !== undefined ? { licenseKey: p.licenseKey } : {}),
    })
    this.store.accounts[next.id] = next
    this.store.docs.accounts.changed()
    await this.store.docs.accounts.flush()
    return view(next)
  }

  private async updateOwnDetails(current: Account, p: RequestParams<'account.update'>): Promise<AccountView> {
    const servers = ['address', 'imap', 'smtp', 'password', 'accessToken', 'folders'] as const
    const given = servers.filter((k) => p[k] !== undefined && p[k] !== null)
    if (given.length > 0) {
      throw new EngineError(
        'bad_request',
        `“${current.label}” has no mail server: only its name, display name and signature can be changed.`,
      )
    }
    const next: Account = {
      ...current,
      ...(p.label !== undefined ? { label: p.label } : {}),
      ...(p.displayName !== undefined ? { displayName: p.displayName } : {}),
    }
    withSignature(next, p.signature)
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

  async test(p: RequestParams<'account.test'>): Promise<AccountTest | ApiAccountTest> {
    if ('id' in p ? isApiAccount(this.get(p.id)) : p.draft.kind === 'ebay' || p.draft.kind === 'rakuten') {
      return this.testApi(p)
    }
    const [settings, secrets] =
      'id' in p
        ? [this.get(p.id), await this.secretsOf(this.get(p.id))]
        : [
            p.draft as MailDraft,
            { password: (p.draft as MailDraft).password, accessToken: (p.draft as MailDraft).accessToken },
          ]
    if (!settings.imap || !settings.smtp)
      throw new EngineError('bad_request', 'This account has no server settings to test.')
    const [imap, smtp] = await Promise.all([
      testConnection({ ...settings.imap, ...secrets }),
      testSmtp({ ...settings.smtp, ...secrets }),
    ])
    return { imap, smtp }
  }

  /** One authenticated request to the marketplace: is the token or are the keys accepted? */
  private async testApi(p: RequestParams<'account.test'>): Promise<ApiAccountTest> {
    let account: Account
    let secrets: ApiSecrets
    if ('id' in p) {
      account = this.get(p.id)
      secrets = await this.secretsOf(account)
    } else {
      const draft = p.draft as ApiDraft
      const api = apiSettingsOf(draft)
      account = {
        id: 'draft',
        label: draft.label,
        kind: draft.kind,
        address: apiAddress(draft.kind, api),
        api,
        createdAt: '',
      }
      secrets = apiSecretsOf(draft)
    }
    try {
      await connectorFor(account, secrets, this.now).test()
      return { api: { ok: true, capabilities: [] } }
    } catch (err) {
      const e = err instanceof ApiError ? err : undefined
      const code =
        e?.kind === 'auth' ? 'auth_failed' : e?.kind === 'network' ? 'connection_failed' : (e?.kind ?? 'failed')
      const action =
        e?.kind === 'auth'
          ? account.kind === 'ebay'
            ? 'Sign in to eBay again and paste a new user access token (scope commerce.message).'
            : 'Check the service secret and license key in RMS (license keys expire every 90 days).'
          : e?.kind === 'network'
            ? 'Check the internet connection and the API address.'
            : 'Try again in a few minutes.'
      return { api: { ok: false, code, message: (err as Error).message, action } }
    }
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
    const given = strip(p)
    if (Object.keys(given).length === 0) return
    const merged = { ...(await this.secretsOf(account)), ...given }
    account.secretRef ??= `account:${account.id}`
    await this.secrets.set(account.secretRef, JSON.stringify(merged))
  }
}

/** The signature as stored; a blank one is none. */
function signatureOf(given: string | undefined): Pick<Account, 'signature'> {
  const text = normaliseSignature(given)
  return text === '' ? {} : { signature: text }
}

/** Sets (or, given a blank one, removes) the signature; absent leaves it as it was. */
function withSignature(account: Account, given: string | undefined): void {
  if (given === undefined) return
  const { signature } = signatureOf(given)
  if (signature === undefined) delete account.signature
  else account.signature = signature
}

function strip(p: AccountSecrets): AccountSecrets {
  return {
    ...(p.password !== undefined ? { password: p.password } : {}),
    ...(p.accessToken !== undefined ? { accessToken: p.accessToken } : {}),
    ...(p.serviceSecret !== undefined ? { serviceSecret: p.serviceSecret } : {}),
    ...(p.licenseKey !== undefined ? { licenseKey: p.licenseKey } : {}),
  }
}

function apiSettingsOf(p: ApiDraft): NonNullable<Account['api']> {
  return p.kind === 'ebay'
    ? { baseUrl: p.baseUrl ?? EBAY_BASE_URL, username: p.username }
    : { baseUrl: p.baseUrl ?? RAKUTEN_BASE_URL, shopId: p.shopId }
}

function apiSecretsOf(p: ApiDraft): ApiSecrets {
  return p.kind === 'ebay'
    ? { accessToken: p.accessToken }
    : { serviceSecret: p.serviceSecret, licenseKey: p.licenseKey }
}

/**
 * What stands for the account's address (an API account has none): the seller side of its
 * messages and how duplicates are told. Never mailed.
 */
function apiAddress(kind: ApiDraft['kind'], api: NonNullable<Account['api']>): string {
  return kind === 'ebay'
    ? `${(api.username ?? '').toLowerCase().replace(/[^a-z0-9_+-]+/g, '-') || 'seller'}@seller.ebay-api.invalid`
    : `shop-${api.shopId ?? 0}@rms.rakuten-api.invalid`
}

function kindName(kind: ApiDraft['kind']): string {
  return kind === 'ebay' ? 'eBay' : 'Rakuten'
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
    ...(a.api ? { api: a.api } : {}),
    ...(a.folders !== undefined ? { folders: a.folders } : {}),
    ...(a.signature !== undefined ? { signature: a.signature } : {}),
    hasSecret: Boolean(a.secretRef),
  }
}
