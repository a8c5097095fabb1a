// What the status bar shows, kept current from the engine: each account's sync state and
// progress (`sync.status`, asked again on `sync.changed`; `sync.progress`), the outbox
// (`outbox.changed`) and whether the machine is online. A slow poll stays as a safety net.
import { useEffect, useState } from 'react'
import type { Api, Events, SyncStatus } from '../../../../preload/api'

type Progress = Events['sync.progress']

export interface SyncState {
  status: SyncStatus | null
  /** The latest progress of each account syncing now. */
  progress: Record<string, Progress>
  outbox: { queued: number; failed: number; lastError?: string }
  online: boolean
}

const POLL_MS = 15_000
/** After progress, ask for the status this much later (catches idle, error and offline). */
const SETTLE_MS = 1500

export function useSyncStatus(api: Api): SyncState {
  const [status, setStatus] = useState<SyncStatus | null>(null)
  const [progress, setProgress] = useState<Record<string, Progress>>({})
  const [outbox, setOutbox] = useState<SyncState['outbox']>({ queued: 0, failed: 0 })
  const [online, setOnline] = useState(() => navigator.onLine)

  useEffect(() => {
    let live = true
    let settle: ReturnType<typeof setTimeout> | undefined
    const load = () =>
      api.call('sync.status', {}).then(
        (s) => {
          if (!live) return
          setStatus(s)
          setOutbox((o) => ({ ...o, queued: s.outbox.queued, failed: s.outbox.failed }))
          // Progress of an account no longer syncing is over.
          setProgress((p) => {
            const syncing = new Set(s.accounts.filter((a) => a.state === 'syncing').map((a) => a.accountId))
            const kept = Object.entries(p).filter(([id]) => syncing.has(id))
            return kept.length === Object.keys(p).length ? p : Object.fromEntries(kept)
          })
        },
        () => undefined,
      )
    void load()
    const poll = setInterval(load, POLL_MS)
    const offProgress = api.on('sync.progress', (p) => {
      setProgress((all) => ({ ...all, [p.accountId]: p }))
      clearTimeout(settle)
      settle = setTimeout(load, SETTLE_MS)
    })
    const offChanged = api.on('sync.changed', () => void load())
    const offOutbox = api.on('outbox.changed', ({ items }) => {
      const failed = items.filter((i) => i.state === 'failed')
      setOutbox({
        queued: items.filter((i) => i.state === 'queued' || i.state === 'sending' || i.state === 'submitted').length,
        failed: failed.length,
        lastError: failed.at(-1)?.lastError,
      })
    })
    const offNotice = api.on('app.notice', () => void load())
    const onOnline = () => setOnline(navigator.onLine)
    window.addEventListener('online', onOnline)
    window.addEventListener('offline', onOnline)
    return () => {
      live = false
      clearInterval(poll)
      clearTimeout(settle)
      offProgress()
      offChanged()
      offOutbox()
      offNotice()
      window.removeEventListener('online', onOnline)
      window.removeEventListener('offline', onOnline)
    }
  }, [api])

  return { status, progress, outbox, online }
}
