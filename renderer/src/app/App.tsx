// The minimal shell proving the wiring: the inbox of waiting customers and one customer's
// timeline, driven by j / k / Enter / Esc. The full UI replaces the screens, not the shell.
import { useCallback, useEffect, useState } from 'react'
import type { Api, AppInfo, InboxPage } from '../../../preload/api'
import { CustomerScreen } from '../features/conversation/CustomerScreen'
import { InboxScreen } from '../features/inbox/InboxScreen'
import { Welcome } from '../features/onboarding/Welcome'
import { systemLanguage, words, type Lang } from './i18n'

export function App({ api }: { api: Api }) {
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [page, setPage] = useState<InboxPage | null>(null)
  const [selected, setSelected] = useState(0)
  const [openCustomer, setOpenCustomer] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const lang: Lang = info && info.language !== 'system' ? info.language : systemLanguage()
  const t = words(lang)

  const refresh = useCallback(() => {
    api.call('inbox.list', { view: 'waiting', limit: 500 }).then(setPage, (e: Error) => setError(e.message))
  }, [api])

  useEffect(() => {
    api.call('app.info', {}).then(setInfo, (e: Error) => setError(e.message))
    refresh()
    const offChanged = api.on('inbox.changed', refresh)
    const offNotice = api.on('app.notice', () => void api.call('app.info', {}).then(setInfo))
    return () => {
      offChanged()
      offNotice()
    }
  }, [api, refresh])

  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Typing (and Japanese IME composition) never triggers shortcuts.
      const target = e.target as HTMLElement
      if (
        e.isComposing ||
        e.ctrlKey ||
        e.metaKey ||
        e.altKey ||
        target.closest('input, textarea, [contenteditable="true"]')
      )
        return
      const rows = page?.rows ?? []
      if (e.key === 'Enter' && target.closest('button')) return // Enter presses a focused button
      if (openCustomer) {
        if (e.key === 'Escape') setOpenCustomer(null)
        return
      }
      if (e.key === 'j' || e.key === 'ArrowDown') setSelected((i) => Math.min(i + 1, rows.length - 1))
      else if (e.key === 'k' || e.key === 'ArrowUp') setSelected((i) => Math.max(i - 1, 0))
      else if (e.key === 'Enter' && rows[selected]) setOpenCustomer(rows[selected].customerId)
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [page, selected, openCustomer])

  return (
    <div className="app">
      <header className="topbar">
        <strong>Seller Inbox</strong>
        {info?.demo && <span className="pill">{t.demo}</span>}
        <span className="hint">{t.keysHint}</span>
      </header>
      {info?.notices.map((n) => (
        <div key={n.id} role="alert" className={`notice notice-${n.level}`}>
          {n.message} {n.action}
        </div>
      ))}
      {error && (
        <div role="alert" className="notice notice-error">
          {t.error}: {error}
        </div>
      )}
      <main className="content">
        {info && info.counts.customers === 0 ? (
          <Welcome api={api} lang={lang} onOpened={setInfo} />
        ) : openCustomer ? (
          <CustomerScreen api={api} customerId={openCustomer} lang={lang} onBack={() => setOpenCustomer(null)} />
        ) : (
          <InboxScreen
            page={page}
            selected={selected}
            lang={lang}
            onOpen={(i) => (setSelected(i), setOpenCustomer(page!.rows[i]!.customerId))}
          />
        )}
      </main>
    </div>
  )
}
