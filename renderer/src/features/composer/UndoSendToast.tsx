// The undo-send toast: "Sending to 岡本 典子 in 8 s — Undo (u)" for the undo window
// (settings.undoSendSeconds, as the outbox item's sendAfter says), then "Sent" or why not; in
// between, short messages from screens the seller has left (ui/flash). Mounted by the shell, so
// it stays while the seller moves on (`e` straight after sending).
import { useEffect, useState, useSyncExternalStore } from 'react'
import type { Api } from '../../../../preload/api'
import type { Command } from '../../app/commands'
import type { Lang } from '../../app/i18n'
import { useCommands, useKeysOf, useRegistry } from '../../app/useCommands'
import { clearFlash, currentFlash, flash, subscribeFlash } from '../../ui/flash'
import { WithKeys } from '../../ui/Keys'
import { pendingSends } from './pendingSends'
import { composerWords } from './words'
import './composer.css'

/** How long "Sent" and other results stay. */
const RESULT_MS = 4000
/** Still not sent this long after its window (offline: it waits in the outbox): the status bar tells. */
const LINGER_MS = 8000

export function UndoSendToast({ api, lang }: { api: Api; lang: Lang }) {
  const t = composerWords(lang)
  const keysOf = useKeysOf()
  const registry = useRegistry()
  useSyncExternalStore(pendingSends.subscribe, pendingSends.snapshot)
  const [now, setNow] = useState(() => Date.now())
  const notice = useSyncExternalStore(subscribeFlash, currentFlash)

  useEffect(() => api.on('outbox.changed', ({ items }) => pendingSends.outboxChanged(items)), [api])

  const entries = pendingSends.list()
  const entry = entries.at(-1)
  useEffect(() => {
    if (!entry) return
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(timer)
  }, [entry])

  // A sent message's toast goes after a moment.
  useEffect(() => {
    if (entry?.state !== 'sent') return
    const timer = setTimeout(() => pendingSends.dismiss(entry.item.id), RESULT_MS)
    return () => clearTimeout(timer)
  }, [entry])

  useEffect(() => {
    if (entry?.state === 'waiting' && now > Date.parse(entry.item.sendAfter) + LINGER_MS)
      pendingSends.dismiss(entry.item.id)
  }, [entry, now])

  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => clearFlash(notice.id), RESULT_MS)
    return () => clearTimeout(timer)
  }, [notice])

  // The clock ticks only while there is something to count down: never older than the entry.
  const clock = Math.max(now, entry?.addedAt ?? 0)
  const undoable = entry?.state === 'waiting' && Date.parse(entry.item.sendAfter) > clock ? entry : undefined
  const undo = () => {
    const target = pendingSends.undoable()
    if (!target) return
    pendingSends.undo(api, target.item.id).then(
      () => flash(t.undone),
      (err: Error) => flash(`${t.tooLate} ${err.message}`, true),
    )
  }

  const commands: Command[] = [
    {
      id: 'composer.undoSend',
      label: { en: 'Undo send', ja: '送信を取り消す' },
      group: 'compose',
      keys: ['u'],
      // Only where no other `u` is: in the inbox, `u` undoes "mark done" (the toast's button works there).
      when: 'conversation',
      enabled: () => pendingSends.undoable() !== undefined,
      run: undo,
    },
  ]
  useCommands(commands)

  // The key only where it works (in the inbox `u` is "undo mark done").
  const undoCommand = registry.get('composer.undoSend')
  const undoKeys = undoCommand && registry.applies(undoCommand) ? keysOf('composer.undoSend') : undefined

  // A send in its window comes first; then a fresh message; then how the last send went.
  const showEntry = entry && (entry.state === 'waiting' || entry.state === 'undoing' || !notice)
  if (!showEntry) {
    if (!notice) return null
    return (
      <div className={`send-toast${notice?.failed ? ' failed' : ''}`} role="status">
        <span className="toast-text">{notice?.text}</span>
      </div>
    )
  }
  const who = entry.recipient
  const seconds = Math.max(0, Math.ceil((Date.parse(entry.item.sendAfter) - clock) / 1000))
  return (
    <div className={`send-toast${entry.state === 'failed' ? ' failed' : ''}`} role="status" data-state={entry.state}>
      <span className="toast-text">
        {entry.state === 'sent'
          ? t.sentTo(who)
          : entry.state === 'failed'
            ? `${t.sendFailed(who)} ${entry.error ?? ''}`
            : entry.state === 'undoing'
              ? t.undoing
              : undoable
                ? t.sendingIn(who, seconds)
                : t.sendingNow(who)}
      </span>
      {undoable && (
        <button onClick={undo}>
          {t.undo} <WithKeys text="{u}" keys={{ u: undoKeys }} />
        </button>
      )}
      {(entry.state === 'failed' || entry.state === 'sent') && (
        <button onClick={() => pendingSends.dismiss(entry.item.id)}>{t.dismiss}</button>
      )}
    </div>
  )
}
