// Sending & triage: the undo-send window, reading on open, what "done" does on the mail server,
// and the senders whose remote images load without asking. Each change is saved at once.
import { useEffect, useId, useRef, useState } from 'react'
import { DONE_ACTIONS, type DoneAction, type Settings } from '../../../../main/core/model'
import type { RequestInput } from '../../../../preload/api'
import type { Lang } from '../../app/i18n'
import { settingsWords } from './words'

interface Props {
  lang: Lang
  settings: Settings
  update(patch: RequestInput<'settings.update'>): Promise<Settings>
}

type Saved = { field: string; ok: true } | { field: string; ok: false; error: string }

/** Typing "12" passes through "1": save once the seller pauses. */
const TYPING_PAUSE_MS = 500

export function SendingSection({ lang, settings, update }: Props) {
  const t = settingsWords(lang)
  const id = useId()
  const [saved, setSaved] = useState<Saved | null>(null)
  const [seconds, setSeconds] = useState(String(settings.undoSendSeconds))
  const secondsField = useRef<HTMLInputElement>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  /** Typed but not saved yet (the pause not over): saved on the way out, never dropped. */
  const unsaved = useRef<number | null>(null)

  // Changed elsewhere (another window): follow, unless the seller is typing here.
  useEffect(() => {
    if (document.activeElement !== secondsField.current) setSeconds(String(settings.undoSendSeconds))
  }, [settings.undoSendSeconds])
  useEffect(
    () => () => {
      clearTimeout(timer.current)
      if (unsaved.current !== null) update({ undoSendSeconds: unsaved.current }).catch(() => undefined)
    },
    [update],
  )

  const save = (field: string, patch: RequestInput<'settings.update'>) => {
    if (field === 'seconds') unsaved.current = null
    update(patch).then(
      () => setSaved({ field, ok: true }),
      (e: Error) => setSaved({ field, ok: false, error: e.message }),
    )
  }

  const secondsValue = parseSeconds(seconds)
  const saveSeconds = () => {
    clearTimeout(timer.current)
    if (secondsValue !== null && secondsValue !== settings.undoSendSeconds) {
      save('seconds', { undoSendSeconds: secondsValue })
    } else unsaved.current = null
  }

  const status = (field: string) =>
    saved?.field !== field ? null : saved.ok ? (
      <span className="settings-saved">{t.saved}</span>
    ) : (
      <span className="field-error">
        {t.couldNotSave} {saved.error}
      </span>
    )

  return (
    <div className="settings-form">
      <div className="field">
        <label htmlFor={`${id}-seconds`}>{t.undoSeconds}</label>
        <div className="field-row">
          <input
            ref={secondsField}
            id={`${id}-seconds`}
            type="number"
            inputMode="numeric"
            min={0}
            max={120}
            step={1}
            className="input-narrow"
            value={seconds}
            aria-invalid={secondsValue === null}
            aria-describedby={`${id}-seconds-help ${id}-seconds-status`}
            onChange={(e) => {
              setSeconds(e.target.value)
              setSaved(null)
              clearTimeout(timer.current)
              const value = parseSeconds(e.target.value)
              unsaved.current = value
              if (value !== null)
                timer.current = setTimeout(() => save('seconds', { undoSendSeconds: value }), TYPING_PAUSE_MS)
            }}
            onBlur={saveSeconds}
          />
          <span id={`${id}-seconds-status`} aria-live="polite">
            {secondsValue === null ? <span className="field-error">{t.undoSecondsBad}</span> : status('seconds')}
          </span>
        </div>
        <p className="field-help" id={`${id}-seconds-help`}>
          {t.undoSecondsHelp}
        </p>
      </div>

      <div className="field">
        <div className="field-row">
          <input
            id={`${id}-seen`}
            type="checkbox"
            checked={settings.markSeenOnOpen}
            aria-describedby={`${id}-seen-help`}
            onChange={(e) => save('seen', { markSeenOnOpen: e.target.checked })}
          />
          <label htmlFor={`${id}-seen`}>{t.markSeen}</label>
          <span aria-live="polite">{status('seen')}</span>
        </div>
        <p className="field-help field-help-indent" id={`${id}-seen-help`}>
          {t.markSeenHelp}
        </p>
      </div>

      <fieldset className="field">
        <legend>{t.doneAction}</legend>
        {DONE_ACTIONS.map((action: DoneAction) => (
          <div key={action} className="field-row">
            <input
              id={`${id}-done-${action}`}
              type="radio"
              name={`${id}-done`}
              value={action}
              checked={settings.doneAction === action}
              onChange={() => save('done', { doneAction: action })}
            />
            <label htmlFor={`${id}-done-${action}`}>{t.doneActions[action]}</label>
          </div>
        ))}
        <span aria-live="polite">{status('done')}</span>
      </fieldset>

      <div className="field">
        <h3 className="field-title" id={`${id}-remote`}>
          {t.remoteImages}
        </h3>
        {settings.remoteImagesFrom.length === 0 ? (
          <p className="field-help">{t.remoteImagesNone}</p>
        ) : (
          <>
            <ul className="sender-list" aria-labelledby={`${id}-remote`}>
              {settings.remoteImagesFrom.map((sender) => (
                <li key={sender}>{sender}</li>
              ))}
            </ul>
            <p className="field-help">{t.remoteImagesReadOnly}</p>
          </>
        )}
      </div>
    </div>
  )
}

/** Whole seconds from 0 to 120, as the engine takes them; null for anything else. */
function parseSeconds(text: string): number | null {
  const t = text.trim()
  if (!/^\d{1,3}$/.test(t)) return null
  const n = Number(t)
  return n <= 120 ? n : null
}
