// Response times: each channel's policy (calendar hours or business time), the shop's days and
// hours, its time zone, and whether Japanese public holidays are days off. Each change is saved
// at once (typed numbers and times once the seller pauses or leaves the field); a value the
// engine refuses is shown with its reason and nothing else changes.
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react'
import { CHANNELS, type Channel, type Settings } from '../../../../main/core/model'
import {
  DEFAULT_BUSINESS_HOURS,
  DEFAULT_RESPONSE_POLICIES,
  dueAt,
  isoDate,
  japaneseHolidays,
  minutesOf,
  POLICY_UNITS,
  wallTime,
  type BusinessHours,
  type PolicyUnit,
  type RequestInput,
  type ResponsePolicy,
} from '../../../../preload/api'
import { formatWhen, words, type Lang } from '../../app/i18n'
import { workingWeekOf } from '../inbox/snoozeOptions'
import { responseTimesWords } from './responseTimesWords'
import { settingsWords } from './words'
import './responseTimes.css'

interface Props {
  lang: Lang
  settings: Settings
  update(patch: RequestInput<'settings.update'>): Promise<Settings>
}

type Saved = { field: string; ok: true } | { field: string; ok: false; error: string }

/** Typing "12" passes through "1": save once the seller pauses. */
const TYPING_PAUSE_MS = 600
/** Monday first, as shops plan their week. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0]

export function ResponseTimesSection({ lang, settings, update }: Props) {
  const t = responseTimesWords(lang)
  const common = settingsWords(lang)
  const id = useId()
  const [saved, setSaved] = useState<Saved | null>(null)
  const policies = useMemo(
    () => ({ ...DEFAULT_RESPONSE_POLICIES, ...settings.responsePolicies }),
    [settings.responsePolicies],
  )
  // The moment the section opened: what the example clock and the coming holidays count from.
  const [now] = useState(() => Date.now())
  const hours = settings.businessHours ?? DEFAULT_BUSINESS_HOURS
  const week = useMemo(() => workingWeekOf(settings), [settings])
  const zones = useMemo(() => timeZones(), [])

  const save = (field: string, patch: RequestInput<'settings.update'>) => {
    setSaved(null)
    update(patch).then(
      () => setSaved({ field, ok: true }),
      (e: Error) => setSaved({ field, ok: false, error: e.message }),
    )
  }
  // The hours last sent: two quick changes (a day, then a time) must not undo each other while
  // the first is on its way to the engine.
  const sentHours = useRef<BusinessHours | null>(null)
  const latestHours = () => sentHours.current ?? hours
  const saveHours = (field: string, next: BusinessHours) => {
    sentHours.current = next
    setSaved(null)
    update({ businessHours: next })
      .then(
        () => setSaved({ field, ok: true }),
        (e: Error) => setSaved({ field, ok: false, error: e.message }),
      )
      .finally(() => {
        if (sentHours.current === next) sentHours.current = null
      })
  }
  const status = (field: string) =>
    saved?.field !== field ? null : saved.ok ? (
      <span className="settings-saved">{common.saved}</span>
    ) : (
      <span className="field-error" role="alert">
        {common.couldNotSave} {saved.error}
      </span>
    )

  const upcoming = useMemo(() => nextHolidays(now, week.timeZone, 3), [now, week.timeZone])
  const example = useMemo(() => {
    const channel = CHANNELS.find((c) => policies[c].unit !== 'hours')
    if (!channel) return null
    const due = dueAt(channel, new Date(now).toISOString(), { ...week, policies })
    return t.example(words(lang).channels[channel], formatWhen(new Date(due), lang))
  }, [now, week, policies, t, lang])

  return (
    <div className="settings-form response-times">
      <p className="field-help">{t.intro}</p>

      <fieldset className="field">
        <legend>{t.policies}</legend>
        <div className="policy-grid">
          {CHANNELS.map((channel) => (
            <PolicyRow
              key={channel}
              id={`${id}-${channel}`}
              channel={channel}
              lang={lang}
              policy={policies[channel]}
              status={status(`policy-${channel}`)}
              onSave={(policy) => save(`policy-${channel}`, { responsePolicies: { [channel]: policy } })}
            />
          ))}
        </div>
        {example && <p className="field-help">{example}</p>}
      </fieldset>

      <fieldset className="field">
        <legend>{t.hours}</legend>
        <div className="field-row weekday-row" role="group" aria-label={t.days}>
          <span className="field-label-inline">{t.days}</span>
          {WEEK_ORDER.map((day) => (
            <span key={day} className="weekday">
              <input
                id={`${id}-day-${day}`}
                type="checkbox"
                checked={hours.days.includes(day)}
                onChange={(e) => {
                  const base = latestHours()
                  const days = e.target.checked ? [...base.days, day] : base.days.filter((d) => d !== day)
                  saveHours('days', { ...base, days })
                }}
              />
              <label htmlFor={`${id}-day-${day}`}>{t.weekdays[day]}</label>
            </span>
          ))}
          <span aria-live="polite">{status('days')}</span>
        </div>
        <div className="field-row">
          <TimeField
            id={`${id}-opens`}
            label={t.opens}
            bad={t.timeBad}
            value={hours.start}
            onSave={(start) => saveHours('hours', { ...latestHours(), start })}
          />
          <TimeField
            id={`${id}-closes`}
            label={t.closes}
            bad={t.timeBad}
            value={hours.end}
            onSave={(end) => saveHours('hours', { ...latestHours(), end })}
          />
          <span aria-live="polite">{status('hours')}</span>
        </div>
      </fieldset>

      <div className="field">
        <label htmlFor={`${id}-zone`}>{t.timeZone}</label>
        <div className="field-row">
          <select
            id={`${id}-zone`}
            value={settings.timeZone ?? 'system'}
            onChange={(e) => save('zone', { timeZone: e.target.value })}
          >
            <option value="system">{t.systemZone(Intl.DateTimeFormat().resolvedOptions().timeZone)}</option>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
          <span aria-live="polite">{status('zone')}</span>
        </div>
      </div>

      <div className="field">
        <div className="field-row">
          <input
            id={`${id}-holidays`}
            type="checkbox"
            checked={settings.observeJapaneseHolidays ?? true}
            aria-describedby={`${id}-holidays-help`}
            onChange={(e) => save('holidays', { observeJapaneseHolidays: e.target.checked })}
          />
          <label htmlFor={`${id}-holidays`}>{t.holidays}</label>
          <span aria-live="polite">{status('holidays')}</span>
        </div>
        <p className="field-help field-help-indent" id={`${id}-holidays-help`}>
          {t.holidaysHelp(upcoming.map((h) => `${h.date} ${h.name}`).join(lang === 'ja' ? '、' : ', '))}
        </p>
      </div>
    </div>
  )
}

function PolicyRow({
  id,
  channel,
  lang,
  policy,
  status,
  onSave,
}: {
  id: string
  channel: Channel
  lang: Lang
  policy: ResponsePolicy
  status: ReactNode
  onSave(policy: ResponsePolicy): void
}) {
  const t = responseTimesWords(lang)
  const name = words(lang).channels[channel]
  const [amount, setAmount] = useState(String(policy.amount))
  const field = useRef<HTMLInputElement>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  // Changed elsewhere: follow, unless the seller is typing here.
  useEffect(() => {
    if (document.activeElement !== field.current) setAmount(String(policy.amount))
  }, [policy.amount])
  useEffect(() => () => clearTimeout(timer.current), [])
  const value = parseAmount(amount)
  const commit = (text: string) => {
    clearTimeout(timer.current)
    const n = parseAmount(text)
    if (n !== null && n !== policy.amount) onSave({ ...policy, amount: n })
  }
  return (
    <div className="policy-row">
      <label htmlFor={`${id}-amount`} className="policy-channel">
        {name}
      </label>
      <input
        ref={field}
        id={`${id}-amount`}
        type="number"
        inputMode="decimal"
        min={0}
        step="any"
        className="input-tiny"
        aria-label={t.amount(name)}
        aria-invalid={value === null}
        value={amount}
        onChange={(e) => {
          setAmount(e.target.value)
          clearTimeout(timer.current)
          const text = e.target.value
          timer.current = setTimeout(() => commit(text), TYPING_PAUSE_MS)
        }}
        onBlur={() => commit(amount)}
      />
      <select
        aria-label={t.unit(name)}
        value={policy.unit}
        // With the amount as shown: a number just typed may not be back from the engine yet.
        onChange={(e) => onSave({ amount: value ?? policy.amount, unit: e.target.value as PolicyUnit })}
      >
        {POLICY_UNITS.map((unit) => (
          <option key={unit} value={unit}>
            {t.units[unit]}
          </option>
        ))}
      </select>
      <span aria-live="polite">{value === null ? <span className="field-error">{t.amountBad}</span> : status}</span>
    </div>
  )
}

function TimeField({
  id,
  label,
  bad,
  value,
  onSave,
}: {
  id: string
  label: string
  bad: string
  value: string
  onSave(time: string): void
}) {
  const [text, setText] = useState(value)
  const field = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (document.activeElement !== field.current) setText(value)
  }, [value])
  const valid = minutesOf(text) !== undefined
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        ref={field}
        id={id}
        type="time"
        step={900}
        value={text}
        aria-invalid={!valid}
        title={valid ? undefined : bad}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          if (valid && text !== value) onSave(text)
        }}
      />
    </>
  )
}

/** A positive number of hours or days, as typed; null for anything else. */
function parseAmount(text: string): number | null {
  const n = Number(text.trim())
  return text.trim() !== '' && Number.isFinite(n) && n > 0 ? n : null
}

/** Every zone this platform knows, for the picker ("UTC" first among them when it is there). */
function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone')
  } catch {
    return ['UTC', 'Asia/Tokyo', 'America/New_York', 'Europe/London']
  }
}

/** The next `count` Japanese holidays from `now` (dates in the seller's zone). */
function nextHolidays(now: number, zone: string, count: number): { date: string; name: string }[] {
  const w = wallTime(now, zone)
  const today = isoDate(w)
  const out: { date: string; name: string }[] = []
  for (let year = w.year; out.length < count && year <= w.year + 1; year++) {
    for (const [date, name] of [...japaneseHolidays(year)].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (date >= today && out.length < count) out.push({ date, name })
    }
  }
  return out
}
