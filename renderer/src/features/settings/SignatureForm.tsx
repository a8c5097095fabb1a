// Editing an account's e-mail signature: plain text with a count of what is left and the line
// the account list will show. Any kind of account has one, the demo's too: it is the seller's
// own text, not a server setting. Ctrl+Enter saves, Esc goes back, IME composition untouched.
import { useEffect, useId, useRef, useState } from 'react'
import { MAX_SIGNATURE_LENGTH, signaturePreview } from '../../../../preload/api'
import type { AccountView, Api } from '../../../../preload/api'
import type { Lang } from '../../app/i18n'
import { signatureWords } from './signatureWords'

interface Props {
  api: Api
  lang: Lang
  account: AccountView
  onCancel(): void
  onSaved(account: AccountView): void
}

export function SignatureForm({ api, lang, account, onCancel, onSaved }: Props) {
  const t = signatureWords(lang)
  const id = useId()
  const field = useRef<HTMLTextAreaElement>(null)
  const [text, setText] = useState(account.signature ?? '')
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const tooLong = text.length > MAX_SIGNATURE_LENGTH
  const preview = signaturePreview(text)

  useEffect(() => field.current?.focus(), [])

  const save = async () => {
    if (saving) return
    if (tooLong) {
      setError(t.tooLong(MAX_SIGNATURE_LENGTH))
      field.current?.focus()
      return
    }
    setSaving(true)
    try {
      onSaved(await api.call('account.update', { id: account.id, signature: text }))
    } catch (e) {
      setSaving(false)
      setError(`${t.couldNotSave} ${(e as Error).message}`)
    }
  }

  return (
    <div
      className="account-form signature-form"
      onKeyDown={(e) => {
        if (e.nativeEvent.isComposing) return
        if (e.key === 'Escape') {
          e.preventDefault()
          e.stopPropagation()
          onCancel()
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault()
          e.stopPropagation()
          void save()
        }
      }}
    >
      <h3 className="form-title">{t.editTitle(account.label)}</h3>
      <p className="field-help">{t.intro}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          void save()
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-signature`}>{t.field}</label>
          <textarea
            id={`${id}-signature`}
            ref={field}
            data-focus="field:signature"
            rows={6}
            value={text}
            spellCheck={false}
            aria-invalid={tooLong}
            aria-describedby={`${id}-count ${id}-preview`}
            onChange={(e) => {
              setError(null)
              setText(e.target.value)
            }}
          />
          <p className={tooLong ? 'field-error' : 'field-help'} id={`${id}-count`}>
            {tooLong ? t.tooLong(MAX_SIGNATURE_LENGTH) : t.count(text.length, MAX_SIGNATURE_LENGTH)}
          </p>
          <p className="field-help signature-preview" id={`${id}-preview`}>
            <strong>{t.preview}:</strong> {preview === '' ? t.none : `-- ${preview}`}
          </p>
        </div>
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
        <div className="form-buttons">
          <button type="button" className="secondary" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="submit" className="primary" data-focus="save" disabled={saving}>
            {saving ? t.saving : t.save}
          </button>
        </div>
        <p className="field-help">{t.keys}</p>
      </form>
    </div>
  )
}
