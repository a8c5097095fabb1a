// The composer: From (any account that can send), To, Cc, subject, the body and attachments,
// autosaved as a draft while the seller types. Ctrl+Enter sends (through the outbox, with an
// undo window: see pendingSends and UndoSendToast); Esc closes and keeps the draft. Japanese
// input is safe: the keymap ignores keys while an input method composes, and only Esc,
// Ctrl+Enter and the palette reach past a text field at all.
import { useEffect, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react'
import type { Language } from '../../../../main/core/model'
import type { AccountView, Api, TemplateRendering } from '../../../../preload/api'
import {
  attachmentsTooLarge,
  findFields,
  MAX_ATTACHMENT_BYTES,
  nextField,
  swapSignature,
} from '../../../../preload/api'
import type { Command } from '../../app/commands'
import { formatTime, type Lang } from '../../app/i18n'
import { RequestError } from '../../app/transport'
import { useCommandContext, useCommands, useKeysOf } from '../../app/useCommands'
import { WithKeys } from '../../ui/Keys'
import { PaperclipIcon } from '../../ui/PaperclipIcon'
import { TemplatePicker } from '../templates/TemplatePicker'
import { templatesWords } from '../templates/words'
import { looksLikeAddress, parseAddressList } from './addresses'
import { DraftAutosave, type SaveStatus } from './draftAutosave'
import { sendInput, type ComposerState } from './draftState'
import { readPickedFile } from './files'
import { pendingSends } from './pendingSends'
import { composerWords } from './words'
import './composer.css'

interface Props {
  api: Api
  lang: Lang
  initial: ComposerState
  accounts: readonly AccountView[]
  /** Whom the toast names after sending ("Sending to 岡本 典子 in 10 s"). */
  recipientName: string
  /** The customer screen it was opened from (undo gives the draft back there). */
  customerId?: string
  /** Save at once (a draft given back by undo exists nowhere else). */
  saveAtOnce?: boolean
  /** The customer's language: the template picker lists their variant. */
  customerLanguage?: Language
  /** Open the template picker as soon as the composer opens (`t` on the conversation screen). */
  pickTemplate?: boolean
  /**
   * Closed with Esc: the composer as it was, and the id of the draft holding it once every
   * save is done (undefined if nothing was ever saved).
   */
  onClose(state: ComposerState, draftId: Promise<string | undefined>): void
  /** Queued in the outbox: the draft it came from is gone. */
  onSent(draftId: string | undefined): void
  /** Discarded: the draft deleted, if one had been saved. */
  onDiscarded(draftId: string | undefined): void
}

/** Accounts that can send: mail accounts with an outgoing server, and the demo's (it sends locally). */
export function sendingAccounts(accounts: readonly AccountView[]): AccountView[] {
  return accounts.filter((a) => a.kind === 'demo' || (a.kind === 'imap' && a.smtp !== undefined))
}

export function Composer(props: Props) {
  const { api, lang, initial, accounts, recipientName, customerId } = props
  const t = composerWords(lang)
  const keysOf = useKeysOf()
  const [state, setState] = useState(initial)
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' })
  const [error, setError] = useState<string | null>(null)
  const [sending, setSending] = useState(false)
  // The autosave knows the draft's id (state.draftId is only where it started).
  const [autosave] = useState(() => new DraftAutosave(api, initial.draftId, (s) => setStatus(s)))
  const body = useRef<HTMLTextAreaElement>(null)
  const toField = useRef<HTMLInputElement>(null)
  const filePicker = useRef<HTMLInputElement>(null)
  const busy = useRef(false)
  const [picking, setPicking] = useState(props.pickTemplate === true)
  /** Where a template goes: the body's selection when it last had the focus. */
  const insertAt = useRef({ start: 0, end: 0 })
  useCommandContext('composer')

  useEffect(() => {
    // Replies start above the quote; a forward or a new message starts with whom to send it to.
    if (initial.mode === 'forward' || (initial.mode === 'new' && initial.to === '')) {
      toField.current?.focus()
    } else if (body.current) {
      body.current.focus()
      body.current.setSelectionRange(0, 0)
      body.current.scrollTop = 0
    }
    if (props.saveAtOnce) autosave.changed(initial)
    // Once, when the composer opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const update = (patch: Partial<ComposerState>) => {
    setError(null)
    const next = { ...state, ...patch }
    setState(next)
    autosave.changed(next)
  }

  /** Another From account brings its signature, unless the seller has edited the one there. */
  const changeFrom = (accountId: string) => {
    const signatureOf = (id: string) => accounts.find((a) => a.id === id)?.signature
    const text = swapSignature(state.text, signatureOf(state.accountId), signatureOf(accountId))
    update(text === null ? { accountId } : { accountId, text })
  }

  /** Selects a blank (or puts the cursor) in the body, once React has drawn the text. */
  const selectInBody = (start: number, end: number) => {
    // After the picker's dialog has handed the focus back, or it would take it again.
    setTimeout(() => {
      const el = body.current
      if (!el) return
      el.focus()
      el.setSelectionRange(start, end)
      insertAt.current = { start, end }
    }, 0)
  }

  const insertTemplate = (rendering: TemplateRendering, templateId: string) => {
    const { start, end } = insertAt.current
    const text = state.text.slice(0, start) + rendering.text + state.text.slice(end)
    const templateIds = state.templateIds?.includes(templateId)
      ? state.templateIds
      : [...(state.templateIds ?? []), templateId]
    update({ text, templateIds })
    const first = rendering.fields[0]
    if (first) selectInBody(start + first.start, start + first.end)
    else selectInBody(start + rendering.text.length, start + rendering.text.length)
    // Counted, and remembered for suggestions on similar messages.
    void api
      .call('template.used', {
        templateId,
        ...(state.conversationId !== undefined ? { conversationId: state.conversationId } : {}),
      })
      .catch(() => undefined)
  }

  /** Tab and Shift+Tab go from blank to blank while there are any; else they move the focus as usual. */
  const onBodyKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== 'Tab' || e.ctrlKey || e.altKey || e.metaKey || e.nativeEvent.isComposing) return
    const el = e.currentTarget
    const field = e.shiftKey ? nextField(el.value, el.selectionStart, true) : nextField(el.value, el.selectionEnd)
    if (!field) return
    e.preventDefault()
    el.setSelectionRange(field.start, field.end)
  }

  const send = async () => {
    if (busy.current) return
    // A blank left from a template would go out as "⟦new date⟧": never.
    const blanks = findFields(state.text)
    if (blanks.length > 0) {
      setError(templatesWords(lang).fillIn(blanks[0]!.label, blanks.length))
      selectInBody(blanks[0]!.start, blanks[0]!.end)
      return
    }
    const to = parseAddressList(state.to)
    const all = [...to, ...parseAddressList(state.cc)]
    const bad = all.find((a) => !looksLikeAddress(a.address))
    const total = state.files.reduce((n, f) => n + f.size, 0) + state.forwarded.reduce((n, a) => n + a.size, 0)
    const problem =
      to.length === 0
        ? t.noRecipient
        : bad
          ? t.badAddress(bad.address)
          : total > MAX_ATTACHMENT_BYTES
            ? attachmentsTooLarge(total)
            : null
    if (problem) {
      setError(problem)
      if (to.length === 0 || bad) toField.current?.focus()
      return
    }
    busy.current = true
    setSending(true)
    setError(null)
    // No save may land after the send: it would bring the sent draft back.
    const draftId = await autosave.stop()
    const sent: ComposerState = { ...state, ...(draftId !== undefined ? { draftId } : {}) }
    try {
      const item = await api.call('message.send', sendInput(sent))
      pendingSends.add({ item, snapshot: sent, recipient: recipientName, ...(customerId ? { customerId } : {}) })
      props.onSent(draftId)
    } catch (err) {
      busy.current = false
      setSending(false)
      autosave.resume()
      autosave.changed(sent)
      setError(`${t.couldNotSend} ${describe(err)}`)
    }
  }

  const close = () => {
    if (busy.current) return
    busy.current = true
    props.onClose(state, autosave.flush())
  }

  const discard = async () => {
    if (busy.current) return
    busy.current = true
    const draftId = await autosave.stop()
    if (draftId !== undefined) {
      try {
        await api.call('draft.delete', { draftId })
      } catch (err) {
        busy.current = false
        autosave.resume()
        setError(describe(err))
        return
      }
    }
    props.onDiscarded(draftId)
  }

  const pickFiles = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])]
    e.target.value = ''
    for (const file of files) {
      try {
        const picked = await readPickedFile(file)
        setState((current) => ({ ...current, files: [...current.files, picked] }))
      } catch (err) {
        setError(`${t.couldNotRead(file.name)} ${describe(err)}`)
      }
    }
  }

  const commands: Command[] = [
    {
      id: 'composer.send',
      label: { en: 'Send', ja: '送信' },
      group: 'compose',
      keys: ['Mod+Enter'],
      when: 'composer',
      global: true,
      run: () => void send(),
    },
    {
      id: 'composer.close',
      label: { en: 'Close the composer (keep the draft)', ja: '作成画面を閉じる（下書きは保存）' },
      group: 'compose',
      keys: ['Escape'],
      when: 'composer',
      global: true,
      run: close,
    },
    {
      id: 'composer.discard',
      label: { en: 'Discard draft', ja: '下書きを破棄' },
      group: 'compose',
      keys: ['Mod+Shift+Backspace'],
      when: 'composer',
      global: true,
      run: () => void discard(),
    },
    {
      id: 'composer.template',
      label: { en: 'Insert a template', ja: 'テンプレートを挿入' },
      group: 'compose',
      keys: ['t'],
      when: 'composer',
      enabled: () => !picking,
      run: () => setPicking(true),
    },
    {
      // `t` types a t in the text; from there the picker is one modifier away.
      id: 'composer.templateFromText',
      label: { en: 'Insert a template (from the text)', ja: 'テンプレートを挿入（本文から）' },
      group: 'compose',
      keys: ['Alt+T'],
      when: 'composer',
      global: true,
      enabled: () => !picking,
      run: () => setPicking(true),
    },
    {
      id: 'composer.attach',
      label: { en: 'Attach files', ja: 'ファイルを添付' },
      group: 'compose',
      when: 'composer',
      run: () => filePicker.current?.click(),
    },
  ]
  useCommands(commands)

  const senders = sendingAccounts(accounts)
  const current = accounts.find((a) => a.id === state.accountId)
  const fromChoices = current && !senders.includes(current) ? [...senders, current] : senders
  const statusText =
    status.kind === 'saving'
      ? t.saving
      : status.kind === 'saved'
        ? t.saved(formatTime(status.at, lang))
        : status.kind === 'failed'
          ? `${t.notSaved} ${status.message}`
          : ''

  return (
    <section className="composer" aria-label={t.composer}>
      <header className="composer-head">
        <strong>{t.mode[state.mode]}</strong>
        <span className="muted composer-hint">
          <WithKeys
            text={`{template} ${templatesWords(lang).picker} · {send} ${t.send} · {close} ${t.close}`}
            keys={{
              template: keysOf('composer.templateFromText'),
              send: keysOf('composer.send'),
              close: keysOf('composer.close'),
            }}
          />
        </span>
      </header>
      <div className="composer-fields">
        <label htmlFor="composer-from">{t.from}</label>
        <select id="composer-from" value={state.accountId} onChange={(e) => changeFrom(e.target.value)}>
          {fromChoices.map((a) => (
            <option key={a.id} value={a.id}>
              {a.displayName ? `${a.displayName} <${a.address}>` : a.address} — {a.label}
              {senders.includes(a) ? '' : ` ${t.cannotSend}`}
            </option>
          ))}
        </select>
        <label htmlFor="composer-to">{t.to}</label>
        <input
          id="composer-to"
          ref={toField}
          value={state.to}
          onChange={(e) => update({ to: e.target.value })}
          autoComplete="off"
          spellCheck={false}
        />
        <label htmlFor="composer-cc">{t.cc}</label>
        <input
          id="composer-cc"
          value={state.cc}
          onChange={(e) => update({ cc: e.target.value })}
          autoComplete="off"
          spellCheck={false}
        />
        <label htmlFor="composer-subject">{t.subject}</label>
        <input id="composer-subject" value={state.subject} onChange={(e) => update({ subject: e.target.value })} />
      </div>
      <textarea
        ref={body}
        className="composer-body"
        aria-label={t.body}
        value={state.text}
        rows={12}
        onChange={(e) => update({ text: e.target.value })}
        onKeyDown={onBodyKey}
        onSelect={(e) => {
          insertAt.current = { start: e.currentTarget.selectionStart, end: e.currentTarget.selectionEnd }
        }}
      />
      <TemplatePicker
        open={picking}
        api={api}
        lang={lang}
        {...(state.conversationId !== undefined ? { conversationId: state.conversationId } : {})}
        {...(props.customerLanguage !== undefined ? { customerLanguage: props.customerLanguage } : {})}
        manageKeys={keysOf('templates.manage')}
        onClose={() => setPicking(false)}
        onInsert={(rendering, template) => insertTemplate(rendering, rendering.templateId ?? template.id)}
      />
      {(state.forwarded.length > 0 || state.files.length > 0) && (
        <ul className="composer-attachments">
          {state.forwarded.map((a) => (
            <li key={`${a.fromMessage}:${a.index}`}>
              <PaperclipIcon /> {a.filename} <span className="muted">({t.forwarded})</span>
              <button
                className="link"
                aria-label={t.removeAttachment(a.filename)}
                onClick={() => update({ forwarded: state.forwarded.filter((x) => x !== a) })}
              >
                {t.remove}
              </button>
            </li>
          ))}
          {state.files.map((f, i) => (
            <li key={`file:${i}:${f.name}`}>
              <PaperclipIcon /> {f.name}
              <button
                className="link"
                aria-label={t.removeAttachment(f.name)}
                onClick={() => update({ files: state.files.filter((x) => x !== f) })}
              >
                {t.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p role="alert" className="composer-error">
          {error}
        </p>
      )}
      <footer className="composer-actions">
        <button className="primary" onClick={() => void send()} disabled={sending}>
          {sending ? t.sending : t.send} <WithKeys text="{k}" keys={{ k: keysOf('composer.send') }} />
        </button>
        <button className="ghost" onClick={() => filePicker.current?.click()}>
          {t.attach}
        </button>
        <input ref={filePicker} type="file" multiple hidden onChange={(e) => void pickFiles(e)} />
        <button className="ghost" onClick={() => void discard()}>
          {t.discard}
        </button>
        <span className="muted composer-status" role="status">
          {statusText}
        </span>
      </footer>
    </section>
  )
}

function describe(err: unknown): string {
  if (err instanceof RequestError && err.error.issues?.length) {
    return `${err.error.message} ${err.error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`
  }
  return (err as Error).message
}
