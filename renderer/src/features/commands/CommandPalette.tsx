// The command palette (Ctrl+K): every command that can run here, found by typing a few letters
// of its name in the current language or in English, run with Enter. A combobox over a listbox.
import { useMemo, useState } from 'react'
import { COMMAND_GROUPS, isEnabled, type Command } from '../../app/commands'
import { bestScore } from '../../app/fuzzy'
import { words, type Lang } from '../../app/i18n'
import { formatSequence } from '../../app/keymap'
import { useCommandsContext, useRegistry } from '../../app/useCommands'
import { Dialog } from '../../ui/Dialog'
import { FilterList } from '../../ui/FilterList'
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
  const run = (command: Command) => {
    onClose()
    onRun(command.id)
  }

  return (
    <div className="palette-body">
      <FilterList
        label={t.commands}
        placeholder={t.commandPlaceholder}
        query={query}
        onQuery={setQuery}
        items={matches}
        keyOf={(c) => c.id}
        active={current}
        onActive={setActive}
        onChoose={run}
        onClose={onClose}
        // Ctrl+K again closes the palette, as it opened it.
        onKey={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
            e.preventDefault()
            onClose()
          }
        }}
        render={(c) => {
          const keys = keymap.sequencesOf(c)[0]
          return (
            <>
              <span className="palette-label">
                {c.label[lang]}
                {lang !== 'en' && <span className="palette-alt">{c.label.en}</span>}
              </span>
              <span className="palette-group">{t.groups[c.group]}</span>
              {keys && <KeySequence chords={formatSequence(keys, mac)} />}
            </>
          )
        }}
      />
      {matches.length === 0 && (
        <p className="palette-empty" role="status">
          {t.noCommand}
        </p>
      )}
    </div>
  )
}
