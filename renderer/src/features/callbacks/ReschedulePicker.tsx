// `r` on a callback: when it moves to — in an hour, later today, tomorrow morning, the next
// business day, next week — with the arrows or 1–5 and Enter; Esc cancels.
import { useMemo, useState, type KeyboardEvent } from 'react'
import { rescheduleTo, RESCHEDULE_CHOICES, type RescheduleChoice } from '../../../../preload/api'
import { formatWhen, type Lang } from '../../app/i18n'
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
  const [active, setActive] = useState(2)
  const choose = (i: number) => {
    const option = options[i]
    if (!option) return
    onClose()
    onChoose(option.choice)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return
    if (e.key === 'ArrowDown' || e.key === 'j') setActive((a) => Math.min(a + 1, options.length - 1))
    else if (e.key === 'ArrowUp' || e.key === 'k') setActive((a) => Math.max(a - 1, 0))
    else if (e.key === 'Enter' || e.key === ' ') choose(active)
    else if (/^[1-9]$/.test(e.key)) choose(Number(e.key) - 1)
    else return
    e.preventDefault()
  }
  return (
    <div className="snooze-body">
      <h2 className="dialog-title" id="reschedule-title">
        {t.rescheduleTitle}
        {name && <span className="muted"> · {name}</span>}
      </h2>
      <ul
        className="snooze-list"
        role="listbox"
        aria-labelledby="reschedule-title"
        aria-activedescendant={`reschedule-${active}`}
        tabIndex={0}
        autoFocus
        onKeyDown={onKeyDown}
      >
        {options.map((o, i) => (
          <li
            key={o.choice}
            id={`reschedule-${i}`}
            role="option"
            aria-selected={i === active}
            className={`snooze-option${i === active ? ' active' : ''}`}
            onClick={() => choose(i)}
          >
            <kbd>{i + 1}</kbd>
            <span className="snooze-label">{t.reschedule[o.choice]}</span>
            <span className="muted">{formatWhen(new Date(o.at), lang)}</span>
          </li>
        ))}
      </ul>
      <p className="cheatsheet-help muted">{t.rescheduleHelp}</p>
    </div>
  )
}
