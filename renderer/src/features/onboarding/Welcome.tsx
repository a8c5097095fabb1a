// First start with an empty workspace: say what the app is and offer the demo.
import { useEffect, useRef, useState } from 'react'
import type { Api, AppInfo } from '../../../../preload/api'
import { words, type Lang } from '../../app/i18n'

export function Welcome({ api, lang, onOpened }: { api: Api; lang: Lang; onOpened(info: AppInfo): void }) {
  const t = words(lang)
  const button = useRef<HTMLButtonElement>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => button.current?.focus(), [])

  const open = () => {
    setBusy(true)
    api.call('demo.open', {}).then(onOpened, (e: Error) => {
      setBusy(false)
      setError(e.message)
    })
  }

  return (
    <section className="welcome" aria-labelledby="welcome-title">
      <h1 id="welcome-title">{t.welcomeTitle}</h1>
      <p>{t.welcomeBody}</p>
      <p className="muted">{t.welcomeNoAccounts}</p>
      <button ref={button} className="primary" onClick={open} disabled={busy}>
        {busy ? t.loading : t.openDemo}
      </button>
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}
    </section>
  )
}
