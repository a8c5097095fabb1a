// This week's five customers to call, each with why they were picked, the call script in the
// customer's language (the three questions), and a form to log the call: the outcome, a score
// if they gave one, and their answers. The answers go to the customer and the voice list.
import { useImperativeHandle, useRef, useState, type Ref } from 'react'
import {
  CALL_OUTCOMES,
  type Api,
  type CallOutcome,
  type CallPickView,
  type CallPlanView,
} from '../../../../preload/api'
import { formatWhen, type Lang } from '../../app/i18n'
import { WithKeys } from '../../ui/Keys'
import { CALL_SCRIPT, callbackWords } from './words'

export interface CallFiveHandle {
  focusForm(): void
  save(): void
}

interface Props {
  ref: Ref<CallFiveHandle>
  api: Api
  lang: Lang
  plan: CallPlanView | null
  at: number
  keysOf(id: string): string[] | undefined
  onLogged(name: string): void
  onError(message: string): void
}

export function CallFive({ ref, api, lang, plan, at, keysOf, onLogged, onError }: Props) {
  const t = callbackWords(lang)
  const pick = plan?.picks[at]
  const form = useRef<LogFormHandle>(null)
  useImperativeHandle(ref, () => ({ focusForm: () => form.current?.focus(), save: () => form.current?.save() }), [])

  if (!plan) return <p className="muted">…</p>
  if (plan.picks.length === 0) {
    return (
      <div className="empty">
        <p>{t.fiveEmpty}</p>
        <p className="muted">{t.fiveEmptyHint}</p>
      </div>
    )
  }
  return (
    <div className="five">
      <div className="five-list">
        <p className="muted five-intro">{t.fiveIntro}</p>
        <ol className="cb-rows" role="listbox" aria-label={t.tabs.five}>
          {plan.picks.map((p, i) => (
            <li
              key={p.customerId}
              role="option"
              aria-selected={i === at}
              className={`cb-row five-pick${i === at ? ' selected' : ''}`}
            >
              <span className={`five-slot slot-${p.slot}`}>{t.slot[p.slot]}</span>
              <strong className="cb-who">{p.customerName}</strong>
              <span className={`cb-phone${p.phone ? '' : ' muted'}`}>{p.phone ?? t.noPhone}</span>
              <span className="five-reasons">
                {p.reasons.map((r) => t.reason_[r.code](r.detail ?? '')).join(' · ')}
              </span>
              {p.noPhone && <span className="five-flag">{t.noPhonePick}</span>}
              {p.repeat && <span className="five-flag">{t.repeatPick}</span>}
              {p.calls.length > 0 && (
                <span className="five-called">
                  ✓ {t.called(p.calls.length)} · {t.outcomes[p.calls[0]!.outcome]}
                </span>
              )}
            </li>
          ))}
        </ol>
        {plan.unfilled.length > 0 && (
          <p className="muted">{t.unfilled(plan.unfilled.map((s) => t.slot[s]).join(', '))}</p>
        )}
      </div>
      {pick && (
        <div className="five-side">
          <Script pick={pick} lang={lang} />
          <LogForm
            key={pick.customerId}
            ref={form}
            api={api}
            lang={lang}
            planId={plan.id}
            pick={pick}
            keysOf={keysOf}
            onLogged={onLogged}
            onError={onError}
          />
        </div>
      )}
    </div>
  )
}

function Script({ pick, lang }: { pick: CallPickView; lang: Lang }) {
  const t = callbackWords(lang)
  const spoken = CALL_SCRIPT[pick.customerLanguage]
  const mine = CALL_SCRIPT[lang]
  return (
    <section className="five-script" aria-label={t.script}>
      <h2>
        {t.script} <span className="muted">· {t.scriptIn(t.languageName[pick.customerLanguage])}</span>
      </h2>
      <p className="five-greeting" lang={pick.customerLanguage}>
        {spoken.greeting}
      </p>
      <ol>
        {spoken.questions.map((q, i) => (
          <li key={q}>
            <span lang={pick.customerLanguage}>{q}</span>
            {pick.customerLanguage !== lang && <span className="muted"> ({mine.questions[i]})</span>}
          </li>
        ))}
      </ol>
    </section>
  )
}

interface LogFormHandle {
  focus(): void
  save(): void
}

function LogForm({
  ref,
  api,
  lang,
  planId,
  pick,
  keysOf,
  onLogged,
  onError,
}: {
  ref: Ref<LogFormHandle>
  api: Api
  lang: Lang
  planId: string
  pick: CallPickView
  keysOf(id: string): string[] | undefined
  onLogged(name: string): void
  onError(message: string): void
}) {
  const t = callbackWords(lang)
  const [outcome, setOutcome] = useState<CallOutcome>('reached')
  const [score, setScore] = useState('')
  const [liked, setLiked] = useState('')
  const [disliked, setDisliked] = useState('')
  const [better, setBetter] = useState('')
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const first = useRef<HTMLInputElement>(null)

  const save = () => {
    if (saving) return
    const trimmed = score.trim()
    const n = Number(trimmed)
    if (trimmed !== '' && !(Number.isInteger(n) && n >= 0 && n <= 10)) return setProblem(t.badScore)
    setProblem(null)
    setSaving(true)
    api
      .call('callFive.log', {
        customerId: pick.customerId,
        planId,
        outcome,
        ...(trimmed !== '' ? { score: n } : {}),
        liked,
        disliked,
        better,
        note,
      })
      .then(
        () => {
          setSaving(false)
          setLiked('')
          setDisliked('')
          setBetter('')
          setNote('')
          setScore('')
          onLogged(pick.customerName)
        },
        (e: Error) => {
          setSaving(false)
          onError(e.message)
        },
      )
  }
  useImperativeHandle(ref, () => ({ focus: () => first.current?.focus(), save }))

  return (
    <form
      className="five-log"
      aria-label={t.logTitle(pick.customerName)}
      onSubmit={(e) => {
        e.preventDefault()
        save()
      }}
    >
      <h2>{t.logTitle(pick.customerName)}</h2>
      {pick.calls[0] && (
        <p className="muted">
          {formatWhen(new Date(pick.calls[0].at), lang)} · {t.outcomes[pick.calls[0].outcome]}
        </p>
      )}
      <fieldset className="five-outcome">
        <legend>{t.outcome}</legend>
        {CALL_OUTCOMES.map((o, i) => (
          <label key={o}>
            <input
              ref={i === 0 ? first : undefined}
              type="radio"
              name="outcome"
              value={o}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />
            {t.outcomes[o]}
          </label>
        ))}
      </fieldset>
      <label className="callback-field">
        <span className="callback-label">{t.score}</span>
        <input
          inputMode="numeric"
          className="five-score"
          value={score}
          maxLength={2}
          onChange={(e) => setScore(e.target.value)}
        />
      </label>
      {(
        [
          [t.liked, liked, setLiked],
          [t.disliked, disliked, setDisliked],
          [t.better, better, setBetter],
          [t.note, note, setNote],
        ] as const
      ).map(([label, value, set]) => (
        <label className="callback-field" key={label}>
          <span className="callback-label">{label}</span>
          <textarea rows={2} value={value} onChange={(e) => set(e.target.value)} />
        </label>
      ))}
      {problem && (
        <p role="alert" className="status-error">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={saving}>
        {t.logSave} <WithKeys text="{k}" keys={{ k: keysOf('callFive.save') }} />
      </button>
    </form>
  )
}
