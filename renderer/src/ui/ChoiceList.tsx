// A short numbered list of choices in a dialog (snooze until…, reschedule to…, call back when…):
// the arrows or j/k move, a digit or Enter chooses, and the list keeps the focus while the active
// row shows it. Ctrl/⌘+Enter is left to the form around it (save).
import { useState, type KeyboardEvent, type ReactNode } from 'react'

export interface Choice {
  key: string
  label: ReactNode
  /** Shown muted at the end of the row: when the choice lands. */
  detail: ReactNode
}

interface Props {
  /** Prefix of the rows' ids (aria-activedescendant points at them). */
  idPrefix: string
  /** Id of the heading that names the list. */
  labelledBy: string
  choices: readonly Choice[]
  /** The row active at first; -1 for none until the seller moves. */
  initial?: number
  /** Set to follow the active row from outside (e.g. cleared when a date is typed instead). */
  active?: number
  onActive?(index: number): void
  className?: string
  autoFocus?: boolean
  onChoose(index: number): void
}

export function ChoiceList(props: Props) {
  const { idPrefix, labelledBy, choices, initial = 0, className, autoFocus, onChoose } = props
  const [own, setOwn] = useState(initial)
  const active = props.active ?? own
  const setActive = (i: number) => {
    setOwn(i)
    props.onActive?.(i)
  }
  const choose = (i: number) => {
    if (i >= 0 && i < choices.length) onChoose(i)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return
    if (e.key === 'ArrowDown' || e.key === 'j') setActive(Math.min(active + 1, choices.length - 1))
    else if (e.key === 'ArrowUp' || e.key === 'k') setActive(Math.max(active - 1, 0))
    else if ((e.key === 'Enter' || e.key === ' ') && !e.ctrlKey && !e.metaKey) choose(Math.max(active, 0))
    else if (/^[1-9]$/.test(e.key)) choose(Number(e.key) - 1)
    else return
    e.preventDefault()
  }
  return (
    <ul
      className={className ? `snooze-list ${className}` : 'snooze-list'}
      role="listbox"
      aria-labelledby={labelledBy}
      aria-activedescendant={active >= 0 ? `${idPrefix}-${active}` : undefined}
      tabIndex={0}
      autoFocus={autoFocus}
      onKeyDown={onKeyDown}
    >
      {choices.map((c, i) => (
        <li
          key={c.key}
          id={`${idPrefix}-${i}`}
          role="option"
          aria-selected={i === active}
          className={`snooze-option${i === active ? ' active' : ''}`}
          onMouseMove={() => setActive(i)}
          onClick={() => choose(i)}
        >
          <kbd>{i + 1}</kbd>
          <span className="snooze-label">{c.label}</span>
          <span className="muted">{c.detail}</span>
        </li>
      ))}
    </ul>
  )
}
