// Which folders of an account are synced: the server's folders as checkboxes, the ones synced
// now ticked (the default choice for a new account: Inbox, Sent, Archive), the inbox always.
// Saved with account.update { folders }; an unchanged default choice stays the default.
import { useCallback, useEffect, useId, useRef, useState } from 'react'
import type { AccountFolder, AccountView, Api } from '../../../../preload/api'
import { formatNumber, type Lang } from '../../app/i18n'
import { focusFirstIn } from './focus'
import { settingsWords } from './words'

interface Props {
  api: Api
  lang: Lang
  account: AccountView
  onDone(): void
}

function isInbox(f: AccountFolder): boolean {
  return f.path.toUpperCase() === 'INBOX' || f.specialUse === '\\Inbox'
}

export function FolderChoice({ api, lang, account, onDone }: Props) {
  const t = settingsWords(lang)
  const id = useId()
  const root = useRef<HTMLDivElement>(null)
  const [folders, setFolders] = useState<AccountFolder[] | null>(null)
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const [error, setError] = useState<string | null>(null)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const fetchFolders = useCallback(
    () =>
      api.call('account.folders', { id: account.id }).then(
        (list) => {
          setFolders(list)
          setChosen(new Set(list.filter((f) => f.chosen || isInbox(f)).map((f) => f.path)))
        },
        (e: Error) => setError(e.message),
      ),
    [api, account.id],
  )
  useEffect(() => void fetchFolders(), [fetchFolders])
  const retry = () => {
    setError(null)
    setFolders(null)
    void fetchFolders()
  }

  // Once the list (or the error) is there, the focus goes to its first control.
  useEffect(() => {
    if ((folders !== null || error !== null) && root.current) focusFirstIn(root.current)
  }, [folders, error])

  const save = () => {
    if (!folders) return
    const initial = new Set(folders.filter((f) => f.chosen || isInbox(f)).map((f) => f.path))
    const same = initial.size === chosen.size && [...chosen].every((p) => initial.has(p))
    // Nothing changed on an account still on the default: leave it on the default.
    if (same && account.folders === undefined) return onDone()
    setSaving(true)
    setSaveError(null)
    const paths = folders.filter((f) => chosen.has(f.path)).map((f) => f.path)
    api.call('account.update', { id: account.id, folders: paths }).then(onDone, (e: Error) => {
      setSaving(false)
      setSaveError(e.message)
    })
  }

  const toggle = (path: string, on: boolean) =>
    setChosen((c) => (on ? new Set([...c, path]) : new Set([...c].filter((p) => p !== path))))

  return (
    <div
      ref={root}
      className="folder-choice"
      onKeyDown={(e) => {
        // Esc here means "not now": the account keeps the folders it has.
        if (e.key === 'Escape' && !e.nativeEvent.isComposing) {
          e.preventDefault()
          onDone()
        }
      }}
    >
      <h3 className="form-title" id={`${id}-title`}>
        {t.foldersTitle(account.label)}
      </h3>
      {error ? (
        <>
          <p role="alert" className="field-error">
            {t.couldNotList} {error}
          </p>
          <div className="form-buttons">
            <button className="primary" onClick={retry}>
              {t.tryAgain}
            </button>
            <button className="secondary" onClick={onDone}>
              {t.keepDefault}
            </button>
          </div>
        </>
      ) : folders === null ? (
        <p className="muted" role="status">
          {t.foldersLoading}
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault()
            save()
          }}
        >
          <fieldset className="field" aria-describedby={`${id}-help`}>
            <legend className="visually-hidden">{t.foldersTitle(account.label)}</legend>
            <p className="field-help" id={`${id}-help`}>
              {t.foldersHelp}
            </p>
            <ul className="folder-list">
              {folders.map((f, i) => {
                const inbox = isInbox(f)
                const role = f.specialUse ? t.specialUse[f.specialUse] : undefined
                return (
                  <li key={f.path} className="field-row">
                    <input
                      id={`${id}-f${i}`}
                      type="checkbox"
                      checked={chosen.has(f.path)}
                      disabled={inbox}
                      onChange={(e) => toggle(f.path, e.target.checked)}
                    />
                    <label htmlFor={`${id}-f${i}`}>
                      {f.path}
                      {role && role.toLowerCase() !== f.path.toLowerCase() && <span className="muted"> · {role}</span>}
                      {inbox && <span className="muted"> · {t.inboxAlways}</span>}
                      {f.messages !== undefined && (
                        <span className="muted folder-count">
                          {' '}
                          · {t.folderMessages(f.messages, formatNumber(f.messages, lang))}
                        </span>
                      )}
                    </label>
                  </li>
                )
              })}
            </ul>
          </fieldset>
          {saveError && (
            <p role="alert" className="field-error">
              {t.couldNotSave} {saveError}
            </p>
          )}
          <div className="form-buttons">
            <button type="submit" className="primary" disabled={saving}>
              {saving ? t.saving : t.saveFolders}
            </button>
            <button type="button" className="secondary" onClick={onDone}>
              {account.folders === undefined ? t.keepDefault : t.cancel}
            </button>
          </div>
        </form>
      )}
    </div>
  )
}
