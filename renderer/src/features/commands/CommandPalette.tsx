// The command palette (Ctrl+K): every command that can run here, found by typing a few letters
// of its name in the current language or in English, run with Enter. A combobox over a listbox.
import { useId, useMemo, useState, type KeyboardEvent } from 'react'
import { COMMAND_GROUPS, isEnabled, type Command } from '../../app/commands'
import { bestScore } from '../../app/fuzzy'
import { words, type Lang } from '../../app/i18n'
import { formatSequence } from '../../app/keymap'
import { useCommandsContext, useRegistry } from '../../app/useCommands'
import { Dialog } from '../../ui/Dialog'
import { KeySequence } from '../../ui/Keys'

interface Props {
  open: boolean
  lang: Lang
  onClose(): void
  /** Runs the chosen command once the palette has closed and handed the focus back. */
  onRun(id: string): void
}

export function CommandPalette({ open, lang, onClose, onRun }: Props) {
  const t = words(lang)
  return (
    <Dialog open={open} onClose={onClose} label={t.commands} className="palette">
      <PaletteBody lang={lang} onClose={onClose} onRun={onRun} />
    </Dialog>
  )
}

function PaletteBody({ lang, onClose, onRun }: Omit<Props, 'open'>) {
  const t = words(lang)
  const registry = useRegistry()
  // Commands come and go while the palette is open (a tag list arriving, a screen mounting):
  // the list follows the registry's content, not just the query.
  const version = registry.snapshot()
  const { keymap, mac } = useCommandsContext()
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const id = useId()

  const matches = useMemo(() => {
    const runnable = registry.active().filter((c) => c.id !== 'app.palette' && isEnabled(c))
    if (query.trim() === '') {
      const rank = (c: Command) => COMMAND_GROUPS.indexOf(c.group)
      return runnable
        .map((c, i) => ({ c, i }))
        .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
        .map((x) => x.c)
    }
    return runnable
      .map((c) => ({ c, score: bestScore(query, [c.label[lang], c.label.en, c.id]) }))
      .filter((x): x is { c: Command; score: number } => x.score !== null)
      .sort((a, b) => b.score - a.score)
      .map((x) => x.c)
    // `version` stands for the registry's content, which `registry.active()` reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [registry, version, query, lang])

  const current = Math.min(active, Math.max(0, matches.length - 1))
  const run = (command: Command | undefined) => {
    if (!command) return
    onClose()
    onRun(command.id)
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // An input method composing Japanese owns Enter and the arrows.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return
    const move = (to: number) => {
      e.preventDefault()
      setActive(Math.max(0, Math.min(to, matches.length - 1)))
    }
    if (e.key === 'ArrowDown' || (e.ctrlKey && e.key === 'n')) move(current + 1)
    else if (e.key === 'ArrowUp' || (e.ctrlKey && e.key === 'p')) move(current - 1)
    else if (e.key === 'PageDown') move(current + 8)
    else if (e.key === 'PageUp') move(current - 8)
    else if (e.key === 'Enter') {
      e.preventDefault()
      run(matches[current])
    } else if (e.key === 'Escape' || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k')) {
      e.preventDefault()
      onClose()
    }
  }

  const optionId = (i: number) => `${id}-option-${i}`
  return (
    <div className="palette-body">
      <input
        className="palette-input"
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={matches.length > 0 ? optionId(current) : undefined}
        aria-label={t.commands}
        placeholder={t.commandPlaceholder}
        value={query}
        autoFocus
        spellCheck={false}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="palette-list" role="listbox" id={`${id}-list`} aria-label={t.commands}>
        {matches.map((c, i) => {
          const keys = keymap.sequencesOf(c)[0]
          return (
            <li
              key={c.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              className={`palette-option${i === current ? ' active' : ''}`}
              ref={i === current ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}
              onMouseMove={() => i !== current && setActive(i)}
              onClick={() => run(c)}
            >
              <span className="palette-label">
                {c.label[lang]}
                {lang !== 'en' && <span className="palette-alt">{c.label.en}</span>}
              </span>
              <span className="palette-group">{t.groups[c.group]}</span>
              {keys && <KeySequence chords={formatSequence(keys, mac)} />}
            </li>
          )
        })}
      </ul>
      {matches.length === 0 && (
        <p className="palette-empty" role="status">
          {t.noCommand}
        </p>
      )}
    </div>
  )
}
