// `s`: when the selected customer comes back. A short list of moments (later today, this
// evening, the next business morning…) or "until they reply", chosen with the arrows or 1–6 and
// Enter; or Tab to a date and time of the seller's own. Esc cancels.
import { useMemo, useState } from 'react'
import type { WorkingWeek } from '../../../../preload/api'
import { formatWhen, words, type Lang } from '../../app/i18n'
import { ChoiceList } from '../../ui/ChoiceList'
import { Dialog } from '../../ui/Dialog'
import { snoozeOptions, typedSnooze, type SnoozeUntil } from './snoozeOptions'

interface Props {
  open: boolean
  lang: Lang
  /** Who is snoozed, for the dialog's title. */
  name: string | undefined
  /** The seller's hours, zone and holidays: what "next business morning" means. */
  week: WorkingWeek
  onClose(): void
  onSnooze(until: SnoozeUntil): void
}

export function SnoozePicker({ open, lang, name, week, onClose, onSnooze }: Props) {
  const t = words(lang)
  return (
    <Dialog open={open} onClose={onClose} label={t.snoozeTitle} className="snooze">
      <SnoozeList lang={lang} name={name} week={week} onClose={onClose} onSnooze={onSnooze} />
    </Dialog>
  )
}

function SnoozeList({ lang, name, week, onClose, onSnooze }: Omit<Props, 'open'>) {
  const t = words(lang)
  // Worked out once as the picker opens: the moments do not move under the seller's eyes.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const options = useMemo(() => snoozeOptions(new Date(), week), [])
  const [typed, setTyped] = useState('')
  const [typedError, setTypedError] = useState(false)
  const chooseTyped = () => {
    const until = typedSnooze(typed, new Date(), week)
    if (!until) return setTypedError(true)
    onClose()
    onSnooze(until)
  }
  const choose = (i: number) => {
    onClose()
    onSnooze(options[i]!.until)
  }
  return (
    <div className="snooze-body">
      <h2 className="dialog-title" id="snooze-title">
        {t.snoozeTitle}
        {name && <span className="muted"> · {name}</span>}
      </h2>
      <ChoiceList
        idPrefix="snooze"
        labelledBy="snooze-title"
        choices={options.map((o) => ({
          key: o.choice,
          label: t.snoozeChoices[o.choice],
          detail: o.until === 'reply' ? t.snoozeNoTime : formatWhen(o.until, lang),
        }))}
        onChoose={choose}
      />
      <label className="snooze-typed">
        <span>{t.snoozePickTime}</span>
        <input
          type="datetime-local"
          value={typed}
          aria-invalid={typedError}
          aria-describedby={typedError ? 'snooze-typed-error' : undefined}
          onChange={(e) => {
            setTyped(e.target.value)
            setTypedError(false)
          }}
          onKeyDown={(e) => {
            if (e.nativeEvent.isComposing || e.keyCode === 229 || e.key !== 'Enter') return
            e.preventDefault()
            chooseTyped()
          }}
        />
      </label>
      {typedError && (
        <p id="snooze-typed-error" role="alert" className="status-error">
          {t.snoozeTypedInvalid}
        </p>
      )}
      <p className="cheatsheet-help muted">{t.snoozeHelp}</p>
    </div>
  )
}
