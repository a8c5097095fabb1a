// `c`: plan a callback for the customer on screen or selected in the inbox — or, from the
// Callbacks list, edit one. When (1–3 pick later today, tomorrow morning, next week; or type a
// date and time), why, the number (prefilled from the customer or their order) and a note.
// Keyboard only: the quick times have the focus first, Tab goes through the fields, Enter in a
// one-line field or Ctrl+Enter anywhere saves, Esc cancels.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { Reminder } from '../../../../main/core/model'
import { phoneFor, rescheduleTo, type Api } from '../../../../preload/api'
import { formatWhen, type Lang } from '../../app/i18n'
import { ChoiceList } from '../../ui/ChoiceList'
import { Dialog } from '../../ui/Dialog'
import { callbackWords } from './words'

/** Who the callback is for: a new one for a customer (and conversation), or one to edit. */
export interface CallbackTarget {
  customerId: string
  conversationId?: string
  name?: string
  /** The conversation's subject, for the default reason. */
  subject?: string
  editing?: Reminder
}

interface Props {
  api: Api
  lang: Lang
  target: CallbackTarget | null
  onClose(): void
  onSaved(reminder: Reminder, name: string): void
}

export function CallbackDialog({ api, lang, target, onClose, onSaved }: Props) {
  const t = callbackWords(lang)
  return (
    <Dialog
      open={target !== null}
      onClose={onClose}
      label={target?.editing ? t.editTitle : t.newTitle}
      className="callback-dialog"
    >
      {target && <CallbackForm api={api} lang={lang} target={target} onClose={onClose} onSaved={onSaved} />}
    </Dialog>
  )
}

const QUICK = ['laterToday', 'tomorrowMorning', 'nextWeek'] as const
const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'

/** "2026-11-27T09:00" in this computer's time, what <input type="datetime-local"> holds. */
function localInput(iso: string): string {
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

function CallbackForm({ api, lang, target, onClose, onSaved }: Omit<Props, 'target'> & { target: CallbackTarget }) {
  const t = callbackWords(lang)
  const editing = target.editing
  const quick = useMemo(() => {
    const now = new Date()
    return QUICK.map((choice) => ({ choice, at: rescheduleTo(choice, now, zone()) }))
  }, [])
  const [when, setWhen] = useState(editing ? localInput(editing.dueAt) : '')
  const [active, setActive] = useState(editing ? -1 : 1)
  const [reason, setReason] = useState(editing?.reason ?? (target.subject ? t.reasonDefault(target.subject) : ''))
  const [phone, setPhone] = useState(editing?.phone ?? '')
  const [note, setNote] = useState(editing?.note ?? '')
  const [name, setName] = useState(target.name ?? '')
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const reasonField = useRef<HTMLInputElement>(null)
  // The number and the name from the customer: their own, else their latest order's.
  useEffect(() => {
    let live = true
    api.call('customer.get', { customerId: target.customerId }).then(
      (view) => {
        if (!live) return
        setName((n) => n || view.customer.name)
        if (!editing) setPhone((p) => p || (phoneFor(view.customer, view.orders)?.number ?? ''))
      },
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [api, target.customerId, editing])

  const choose = (i: number) => {
    const option = quick[i]
    if (!option) return
    setActive(i)
    setWhen(localInput(option.at))
    reasonField.current?.focus()
    reasonField.current?.select()
  }

  const save = () => {
    if (saving) return
    if (!when) return setError(t.needWhen)
    if (!reason.trim()) {
      reasonField.current?.focus()
      return setError(t.needReason)
    }
    const dueAt = new Date(when).toISOString()
    setSaving(true)
    const request = editing
      ? api.call('callback.update', {
          id: editing.id,
          // Unchanged, the time stays exactly as it was (an overdue callback can be edited).
          ...(when !== localInput(editing.dueAt) ? { dueAt } : {}),
          reason,
          phone,
          note,
        })
      : api.call('callback.create', {
          customerId: target.customerId,
          ...(target.conversationId ? { conversationId: target.conversationId } : {}),
          dueAt,
          reason,
          ...(phone.trim() ? { phone } : {}),
          note,
        })
    request.then(
      (reminder) => {
        onClose()
        onSaved(reminder, name)
      },
      (e: Error) => {
        setSaving(false)
        setError(e.message)
      },
    )
  }

  const onFormKey = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      save()
    }
  }

  return (
    <form
      className="callback-form"
      onKeyDown={onFormKey}
      onSubmit={(e) => {
        e.preventDefault()
        save()
      }}
    >
      <h2 className="dialog-title">
        {editing ? t.editTitle : t.newTitle}
        {name && <span className="muted"> · {name}</span>}
      </h2>
      <div className="callback-field">
        <span className="callback-label" id="callback-when">
          {t.when}
        </span>
        <ChoiceList
          idPrefix="callback-quick"
          labelledBy="callback-when"
          className="callback-quick"
          choices={quick.map((o) => ({
            key: o.choice,
            label: t.quick[o.choice],
            detail: formatWhen(new Date(o.at), lang),
          }))}
          active={active}
          onActive={setActive}
          autoFocus
          onChoose={choose}
        />
        <input
          type="datetime-local"
          aria-label={t.when}
          value={when}
          onChange={(e) => {
            setWhen(e.target.value)
            setActive(-1)
          }}
        />
      </div>
      <label className="callback-field">
        <span className="callback-label">{t.reason}</span>
        <input ref={reasonField} value={reason} maxLength={300} onChange={(e) => setReason(e.target.value)} />
      </label>
      <label className="callback-field">
        <span className="callback-label">{t.phone}</span>
        <input
          type="tel"
          value={phone}
          maxLength={40}
          placeholder={t.phonePlaceholder}
          onChange={(e) => setPhone(e.target.value)}
        />
      </label>
      <label className="callback-field">
        <span className="callback-label">{t.note}</span>
        <textarea value={note} rows={2} placeholder={t.notePlaceholder} onChange={(e) => setNote(e.target.value)} />
      </label>
      {error && (
        <p role="alert" className="status-error">
          {error}
        </p>
      )}
      <div className="callback-actions">
        <button type="submit" className="primary" disabled={saving}>
          {t.save}
        </button>
        <button type="button" className="ghost" onClick={onClose}>
          {t.cancel}
        </button>
      </div>
      <p className="cheatsheet-help muted">{t.dialogHelp}</p>
    </form>
  )
}
