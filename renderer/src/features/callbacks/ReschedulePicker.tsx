// `r` on a callback: when it moves to — in an hour, later today, tomorrow morning, the next
// business day, next week — with the arrows or 1–5 and Enter; Esc cancels.
import { useMemo } from 'react'
import { rescheduleTo, RESCHEDULE_CHOICES, type RescheduleChoice } from '../../../../preload/api'
import { formatWhen, type Lang } from '../../app/i18n'
import { ChoiceList } from '../../ui/ChoiceList'
import { Dialog } from '../../ui/Dialog'
import { callbackWords } from './words'

interface Props {
  open: boolean
  lang: Lang
  name: string | undefined
  onClose(): void
  onChoose(choice: RescheduleChoice): void
}

export function ReschedulePicker(props: Props) {
  const t = callbackWords(props.lang)
  return (
    <Dialog open={props.open} onClose={props.onClose} label={t.rescheduleTitle} className="snooze">
      <Choices {...props} />
    </Dialog>
  )
}

function Choices({ lang, name, onClose, onChoose }: Props) {
  const t = callbackWords(lang)
  const options = useMemo(() => {
    const now = new Date()
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
    return RESCHEDULE_CHOICES.map((choice) => ({ choice, at: rescheduleTo(choice, now, zone) }))
  }, [])
  const choose = (i: number) => {
    onClose()
    onChoose(options[i]!.choice)
  }
  return (
    <div className="snooze-body">
      <h2 className="dialog-title" id="reschedule-title">
        {t.rescheduleTitle}
        {name && <span className="muted"> · {name}</span>}
      </h2>
      <ChoiceList
        idPrefix="reschedule"
        labelledBy="reschedule-title"
        initial={2}
        autoFocus
        choices={options.map((o) => ({
          key: o.choice,
          label: t.reschedule[o.choice],
          detail: formatWhen(new Date(o.at), lang),
        }))}
        onChoose={choose}
      />
      <p className="cheatsheet-help muted">{t.rescheduleHelp}</p>
    </div>
  )
}
