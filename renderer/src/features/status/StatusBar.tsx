// The line at the bottom: sync progress per account, offline, the outbox, the last problem and
// what to do about it, the result of the last action (with its undo key), and the keys being typed.
import type { ReactNode } from 'react'
import { formatNumber, formatTime, words, type Lang } from '../../app/i18n'
import { WithKeys } from '../../ui/Keys'
import type { SyncState } from './useSyncStatus'

interface Props {
  sync: SyncState
  lang: Lang
  /** The result of the last action, announced politely to screen readers. */
  message: ReactNode
  /** The first keys of a sequence being typed, as the seller reads them. */
  pending: readonly string[]
  keysOf(id: string): string[] | undefined
}

export function StatusBar({ sync, lang, message, pending, keysOf }: Props) {
  const t = words(lang)
  const { status, progress, outbox } = sync
  const accounts = status?.accounts ?? []
  const offline = !sync.online || status?.online === false
  const failing = accounts.find((a) => a.state === 'error' || (a.state === 'offline' && a.lastError))
  const lastSync = accounts.reduce<string | undefined>(
    (m, a) => (a.lastSyncAt && (!m || a.lastSyncAt > m) ? a.lastSyncAt : m),
    undefined,
  )
  const n = (x: number) => formatNumber(x, lang)

  return (
    <footer className="statusbar" aria-label={t.status}>
      <div className="status-sync">
        {offline && (
          <span className="status-offline" title={t.offlineHelp}>
            <span className="dot dot-off" aria-hidden="true" />
            {t.offline}
          </span>
        )}
        {Object.values(progress).map((p) => {
          const account = accounts.find((a) => a.accountId === p.accountId)
          const pct = p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0
          return (
            <span key={p.accountId} className="status-progress">
              {t.syncing(account?.label ?? p.accountId, p.folder)}{' '}
              <progress max={p.total || 1} value={p.done} aria-label={`${account?.label ?? ''} ${pct}%`} />{' '}
              <span className="muted">{t.syncProgress(n(p.done), n(p.total))}</span>
            </span>
          )
        })}
        {!offline && Object.keys(progress).length === 0 && status && (
          <span className="muted">
            {accounts.length === 0 ? t.noAccounts : lastSync ? t.syncedAt(formatTime(lastSync, lang)) : t.upToDate}
          </span>
        )}
        {outbox.queued > 0 && <span className="status-outbox">{t.outbox(n(outbox.queued))}</span>}
      </div>
      <div className="status-problem" role={failing || outbox.failed > 0 || offline ? 'alert' : undefined}>
        {failing ? (
          <span className="status-error">
            <strong>{t.accountError(failing.label)}</strong> {failing.lastError}{' '}
            <span className="muted">{failing.state === 'offline' ? t.accountOfflineHelp : t.accountErrorHelp}</span>
          </span>
        ) : outbox.failed > 0 ? (
          <span className="status-error">
            <strong>{t.outboxFailed(n(outbox.failed))}</strong> {outbox.lastError}{' '}
            <span className="muted">{t.outboxFailedHelp}</span>
          </span>
        ) : offline ? (
          <span className="muted">{t.offlineHelp}</span>
        ) : null}
      </div>
      <div className="status-message" role="status" aria-live="polite">
        {message}
      </div>
      <div className="status-keys">
        {pending.length > 0 ? (
          <kbd className="pending">{t.pendingKeys(pending.join(' '))}</kbd>
        ) : (
          <WithKeys text={t.keysHint} keys={{ help: keysOf('app.shortcuts'), palette: keysOf('app.palette') }} />
        )}
      </div>
    </footer>
  )
}
