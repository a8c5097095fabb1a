// A search box over a list of results (the command palette, the template picker, "merge with…"):
// typing filters, ↑ ↓ (or Ctrl+N / Ctrl+P, PageUp / PageDown) move, Enter chooses, Esc closes.
// The box keeps the focus; the active row is announced through aria-activedescendant. What is
// listed and how it is matched stay with the caller: this is the keyboard and the markup.
import { useId, type KeyboardEvent, type ReactNode } from 'react'

const PAGE = 8

interface Props<T> {
  /** The box's accessible name; the list's too unless `listLabel` says otherwise. */
  label: string
  listLabel?: string
  placeholder?: string
  query: string
  onQuery(query: string): void
  items: readonly T[]
  keyOf(item: T): string
  /** The row's content (inside an `li.palette-option`). */
  render(item: T, index: number): ReactNode
  /** Classes added to a row. */
  optionClass?(item: T, index: number): string
  /** The active row, already within the list. */
  active: number
  onActive(index: number): void
  onChoose(item: T, index: number): void
  /** Esc (composition aside); without it, Esc is left to the dialog. */
  onClose?(): void
  /** Keys of the caller's own, seen first; one it handles calls preventDefault. */
  onKey?(e: KeyboardEvent<HTMLInputElement>): void
  /** Shown as the list's only row when nothing matches. */
  empty?: ReactNode
  /** Beside the list (the template preview): list and aside go in a `div` of this class. */
  aside?: { className: string; content: ReactNode }
}

export function FilterList<T>(p: Props<T>) {
  const id = useId()
  const { items, active } = p
  const optionId = (i: number) => `${id}-option-${i}`

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // An input method composing Japanese owns Enter and the arrows.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return
    p.onKey?.(e)
    if (e.defaultPrevented) return
    const move = (to: number) => {
      e.preventDefault()
      p.onActive(Math.max(0, Math.min(to, items.length - 1)))
    }
    if (e.key === 'ArrowDown' || (e.ctrlKey && e.key === 'n')) move(active + 1)
    else if (e.key === 'ArrowUp' || (e.ctrlKey && e.key === 'p')) move(active - 1)
    else if (e.key === 'PageDown') move(active + PAGE)
    else if (e.key === 'PageUp') move(active - PAGE)
    else if (e.key === 'Enter') {
      e.preventDefault()
      if (items[active] !== undefined) p.onChoose(items[active]!, active)
    } else if (e.key === 'Escape' && p.onClose) {
      e.preventDefault()
      p.onClose()
    }
  }

  const list = (
    <ul className="palette-list" role="listbox" id={`${id}-list`} aria-label={p.listLabel ?? p.label}>
      {items.length === 0 && p.empty !== undefined && <li className="palette-empty">{p.empty}</li>}
      {items.map((item, i) => (
        <li
          key={p.keyOf(item)}
          id={optionId(i)}
          role="option"
          aria-selected={i === active}
          className={`palette-option${i === active ? ' active' : ''}${p.optionClass ? ` ${p.optionClass(item, i)}` : ''}`}
          ref={i === active ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}
          onMouseMove={() => i !== active && p.onActive(i)}
          // A click on the row under the pointer chooses it (moving the pointer made it active).
          onClick={() => (i === active ? p.onChoose(item, i) : p.onActive(i))}
        >
          {p.render(item, i)}
        </li>
      ))}
    </ul>
  )

  return (
    <>
      <input
        className="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={items.length > 0 ? optionId(active) : undefined}
        aria-label={p.label}
        placeholder={p.placeholder}
        value={p.query}
        autoFocus
        spellCheck={false}
        onChange={(e) => {
          p.onQuery(e.target.value)
          p.onActive(0)
        }}
        onKeyDown={onKeyDown}
      />
      {p.aside ? (
        <div className={p.aside.className}>
          {list}
          {p.aside.content}
        </div>
      ) : (
        list
      )}
    </>
  )
}
