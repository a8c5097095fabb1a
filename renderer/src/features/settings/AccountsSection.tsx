// Accounts: the seller's mailboxes with their sync state and last problem, and what can be done
// to each (sync now, edit, folders, remove); adding one goes form → connection test → save →
// folder choice. The focus always lands somewhere useful when a step ends.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { AccountView, Api, Events, SyncAccountStatus, SyncStatus } from '../../../../preload/api'
import { signaturePreview } from '../../../../preload/api'
import { formatNumber, formatTime, type Lang } from '../../app/i18n'
import { Dialog } from '../../ui/Dialog'
import { AccountFormView } from './AccountFormView'
import { ApiAccountForm } from './ApiAccountForm'
import { apiAccountWords } from './apiAccountWords'
import { FolderChoice } from './FolderChoice'
import { SignatureForm } from './SignatureForm'
import { signatureWords } from './signatureWords'
import { focusMarked } from './focus'
import { settingsWords } from './words'

interface Props {
  api: Api
  lang: Lang
  /** Open on the add-account form (the "Add a mail account" command). */
  startAdding: boolean
  /** Open on the eBay / Rakuten form (the "Add an eBay or Rakuten account" command). */
  startAddingApi?: boolean
}

type Mode =
  | { kind: 'list' }
  | { kind: 'add' }
  | { kind: 'edit'; account: AccountView }
  /** An eBay or Rakuten account: added, or reconnected with a new key. */
  | { kind: 'api'; account?: AccountView }
  | { kind: 'folders'; account: AccountView; afterAdd: boolean }
  /** Any account, the demo's too: the signature is the seller's text, not a server setting. */
  | { kind: 'signature'; account: AccountView }

/** While the screen is open the state shown should be current: the engine pushes no "idle". */
const POLL_MS = 3000

export function AccountsSection({ api, lang, startAdding, startAddingApi = false }: Props) {
  const t = settingsWords(lang)
  const ta = apiAccountWords(lang)
  const ts = signatureWords(lang)
  const root = useRef<HTMLDivElement>(null)
  const [accounts, setAccounts] = useState<AccountView[] | null>(null)
  const [status, setStatus] = useState<SyncStatus | null>(null)
  const [progress, setProgress] = useState<Record<string, Events['sync.progress']>>({})
  const [mode, setMode] = useState<Mode>(
    startAddingApi ? { kind: 'api' } : startAdding ? { kind: 'add' } : { kind: 'list' },
  )
  const [syncing, setSyncing] = useState<ReadonlySet<string>>(new Set())
  const [actionErrors, setActionErrors] = useState<Record<string, string>>({})
  const [removing, setRemoving] = useState<AccountView | null>(null)
  const [removeError, setRemoveError] = useState<string | null>(null)
  const [announce, setAnnounce] = useState<string | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  /** `data-focus` key of the control to focus after the next render. */
  const focusWish = useRef<string | null>(null)

  const loadAccounts = useCallback(
    () =>
      api.call('account.list', {}).then(
        (list) => {
          setAccounts(list)
          setLoadError(null)
        },
        (e: Error) => setLoadError(e.message),
      ),
    [api],
  )
  const loadStatus = useCallback(
    () =>
      api.call('sync.status', {}).then(
        (s) => {
          setStatus(s)
          const busy = new Set(s.accounts.filter((a) => a.state === 'syncing').map((a) => a.accountId))
          setProgress((p) => Object.fromEntries(Object.entries(p).filter(([id]) => busy.has(id))))
        },
        () => undefined,
      ),
    [api],
  )

  useEffect(() => {
    void loadAccounts()
    void loadStatus()
    const poll = setInterval(() => void loadStatus(), POLL_MS)
    const off = api.on('sync.progress', (p) => setProgress((all) => ({ ...all, [p.accountId]: p })))
    return () => {
      clearInterval(poll)
      off()
    }
  }, [api, loadAccounts, loadStatus])

  // An effect, not a layout effect: it runs after the confirm dialog's own, so the dialog's
  // handing back of the focus on close comes first and this wins.
  useEffect(() => {
    const key = focusWish.current
    if (key === null) return
    if (focusMarked(root.current, key)) focusWish.current = null
  })

  const backToList = (focus: string) => {
    focusWish.current = focus
    setMode({ kind: 'list' })
  }

  const syncNow = (account: AccountView) => {
    setSyncing((s) => new Set([...s, account.id]))
    setActionErrors(({ [account.id]: _, ...rest }) => rest)
    api
      .call('account.sync', { id: account.id })
      .then(setStatus, (e: Error) =>
        setActionErrors((all) => ({ ...all, [account.id]: `${t.syncFailed} ${e.message}` })),
      )
      .finally(() => {
        setSyncing((s) => new Set([...s].filter((id) => id !== account.id)))
        void loadStatus()
      })
  }

  const remove = (account: AccountView) => {
    setRemoveError(null)
    api.call('account.remove', { id: account.id }).then(
      () => {
        const list = accounts ?? []
        const at = list.findIndex((a) => a.id === account.id)
        const rest = list.filter((a) => a.id !== account.id)
        const neighbour = rest[Math.min(Math.max(at, 0), rest.length - 1)]
        // All in one render: the dialog closes (handing the focus back to a button that is gone)
        // and then the focus goes to the next account, or to "Add" when none is left.
        setAccounts(rest)
        setRemoving(null)
        setAnnounce(t.removed(account.label))
        focusWish.current = neighbour ? `account:${neighbour.id}` : 'add'
        void loadStatus()
      },
      (e: Error) => setRemoveError(e.message),
    )
  }

  if (mode.kind === 'add' || mode.kind === 'edit') {
    const editing = mode.kind === 'edit' ? mode.account : undefined
    return (
      <div ref={root}>
        <AccountFormView
          api={api}
          lang={lang}
          account={editing}
          onCancel={() => backToList(editing ? `edit:${editing.id}` : 'add')}
          onSaved={(saved) => {
            void loadAccounts()
            void loadStatus()
            if (editing) backToList(`account:${saved.id}`)
            else setMode({ kind: 'folders', account: saved, afterAdd: true })
          }}
        />
      </div>
    )
  }

  if (mode.kind === 'api') {
    const editing = mode.account
    return (
      <div ref={root}>
        <ApiAccountForm
          api={api}
          lang={lang}
          account={editing}
          onCancel={() => backToList(editing ? `edit:${editing.id}` : 'add-api')}
          onSaved={(saved) => {
            void loadAccounts()
            void loadStatus()
            backToList(`account:${saved.id}`)
          }}
        />
      </div>
    )
  }

  if (mode.kind === 'folders') {
    const { account } = mode
    return (
      <div ref={root}>
        <FolderChoice
          api={api}
          lang={lang}
          account={account}
          onDone={() => {
            void loadAccounts()
            void loadStatus()
            backToList(mode.afterAdd ? `account:${account.id}` : `folders:${account.id}`)
          }}
        />
      </div>
    )
  }

  if (mode.kind === 'signature') {
    const { account } = mode
    return (
      <div ref={root}>
        <SignatureForm
          api={api}
          lang={lang}
          account={account}
          onCancel={() => backToList(`signature:${account.id}`)}
          onSaved={(saved) => {
            void loadAccounts()
            backToList(`signature:${saved.id}`)
          }}
        />
      </div>
    )
  }

  const stateOf = (id: string): SyncAccountStatus | undefined => status?.accounts.find((a) => a.accountId === id)

  return (
    <div ref={root} className="accounts">
      <p className="field-help">{t.accountsIntro}</p>
      {loadError && (
        <p role="alert" className="field-error">
          {loadError}
        </p>
      )}
      {accounts === null ? (
        <p className="muted">{t.loading}</p>
      ) : accounts.length === 0 ? (
        <p>{t.noAccounts}</p>
      ) : (
        <ul className="account-list">
          {accounts.map((a) => {
            const s = stateOf(a.id)
            const p = progress[a.id]
            const busy = syncing.has(a.id) || s?.state === 'syncing'
            const mail = a.kind === 'imap'
            const marketplace = a.kind === 'ebay' || a.kind === 'rakuten'
            return (
              <li key={a.id} className="account" aria-labelledby={`account-${a.id}`}>
                <div className="account-main">
                  <div className="account-title">
                    <strong id={`account-${a.id}`}>{a.label}</strong>
                    {marketplace ? (
                      // An API account has no address of its own: its user name or shop says which it is.
                      <span className="muted">
                        {a.kind === 'ebay'
                          ? ta.ebayAccount(a.api?.username ?? '')
                          : ta.rakutenAccount(a.api?.shopId ?? 0)}
                      </span>
                    ) : (
                      a.label !== a.address && <span className="muted">{a.address}</span>
                    )}
                  </div>
                  <div className="account-state">
                    <span className={`state state-${busy ? 'syncing' : (s?.state ?? 'idle')}`}>
                      {t.state[busy ? 'syncing' : (s?.state ?? 'idle')]}
                    </span>
                    {p && busy && (
                      <span className="muted">
                        {p.folder} {formatNumber(p.done, lang)} / {formatNumber(p.total, lang)}
                      </span>
                    )}
                    {!busy && (
                      <span className="muted">
                        {s?.lastSyncAt
                          ? t.syncedAt(formatTime(s.lastSyncAt, lang))
                          : mail || marketplace
                            ? t.notSyncedYet
                            : ''}
                      </span>
                    )}
                    {mail && (
                      <span className="muted">{a.folders ? t.foldersChosen(a.folders.length) : t.foldersDefault}</span>
                    )}
                  </div>
                  {s?.lastError && (s.state === 'error' || s.state === 'offline') && (
                    <p className="account-error">
                      <strong>{t.lastError}</strong> <span lang="en">{s.lastError}</span>
                      {s.state === 'offline' && <span className="muted"> {t.offlineHelp}</span>}
                    </p>
                  )}
                  <p className="muted account-signature">
                    {a.signature ? ts.listed(signaturePreview(a.signature)) : ts.none}
                  </p>
                  {actionErrors[a.id] && (
                    <p role="alert" className="account-error">
                      {actionErrors[a.id]}
                    </p>
                  )}
                </div>
                <div className="account-actions" role="group" aria-label={t.accountActions(a.label)}>
                  {(mail || marketplace) && (
                    <>
                      <button
                        className="secondary"
                        data-focus={`account:${a.id}`}
                        disabled={syncing.has(a.id)}
                        onClick={() => syncNow(a)}
                      >
                        {syncing.has(a.id) ? t.syncing : t.syncNow}
                      </button>
                      <button
                        className="secondary"
                        data-focus={`edit:${a.id}`}
                        onClick={() =>
                          setMode(marketplace ? { kind: 'api', account: a } : { kind: 'edit', account: a })
                        }
                      >
                        {t.edit}
                      </button>
                    </>
                  )}
                  <button
                    className="secondary"
                    data-focus={`signature:${a.id}`}
                    onClick={() => setMode({ kind: 'signature', account: a })}
                  >
                    {ts.signature}
                  </button>
                  {mail && (
                    <button
                      className="secondary"
                      data-focus={`folders:${a.id}`}
                      onClick={() => setMode({ kind: 'folders', account: a, afterAdd: false })}
                    >
                      {t.folders}
                    </button>
                  )}
                  {(mail || marketplace) && (
                    <button
                      className="secondary danger"
                      onClick={() => {
                        setRemoveError(null)
                        setRemoving(a)
                      }}
                    >
                      {t.remove}
                    </button>
                  )}
                </div>
              </li>
            )
          })}
        </ul>
      )}
      <p>
        <button className="primary" data-focus="add" onClick={() => setMode({ kind: 'add' })}>
          {t.addAccount}
        </button>{' '}
        <button className="secondary" data-focus="add-api" onClick={() => setMode({ kind: 'api' })}>
          {ta.addApiAccount}
        </button>
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>
      <Dialog
        open={removing !== null}
        onClose={() => setRemoving(null)}
        label={removing ? t.removeTitle(removing.label) : ''}
        className="confirm"
      >
        {removing && (
          <RemoveConfirm
            lang={lang}
            label={removing.label}
            error={removeError}
            onConfirm={() => remove(removing)}
            onCancel={() => setRemoving(null)}
          />
        )}
      </Dialog>
    </div>
  )
}

function RemoveConfirm({
  lang,
  label,
  error,
  onConfirm,
  onCancel,
}: {
  lang: Lang
  label: string
  error: string | null
  onConfirm(): void
  onCancel(): void
}) {
  const t = settingsWords(lang)
  return (
    <div className="confirm-body">
      <h2 className="dialog-title">{t.removeTitle(label)}</h2>
      <p>{t.removeBody}</p>
      {error && (
        <p role="alert" className="field-error">
          {t.couldNotRemove} {error}
        </p>
      )}
      {/* Cancel first: the dialog focuses its first button, so Enter straight away keeps the account. */}
      <div className="form-buttons">
        <button className="secondary" onClick={onCancel}>
          {t.cancel}
        </button>
        <button className="danger-primary" onClick={onConfirm}>
          {t.removeConfirm}
        </button>
      </div>
    </div>
  )
}
