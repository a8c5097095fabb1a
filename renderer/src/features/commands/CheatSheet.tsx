// The cheat sheet (`?`): every command and the keys it answers to now, grouped. Also where keys
// are changed: Enter on a command records a new key (or two, like `g i`), Delete restores the
// default. A key already used in the same place is refused, naming the command that has it.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { COMMAND_GROUPS, type Command } from '../../app/commands'
import { words, type Lang } from '../../app/i18n'
import { chordOf, formatSequence } from '../../app/keymap'
import { saveKeyOverrides, useCommandsContext, useRegistry } from '../../app/useCommands'
import { Dialog } from '../../ui/Dialog'
import { KeySequence } from '../../ui/Keys'

/** How long the second key of a recorded sequence may wait. */
const SECOND_KEY_MS = 1000

interface Props {
  open: boolean
  lang: Lang
  onClose(): void
}

export function CheatSheet({ open, lang, onClose }: Props) {
  const t = words(lang)
  return (
    <Dialog open={open} onClose={onClose} label={t.shortcuts} className="cheatsheet">
      <CheatSheetBody lang={lang} onClose={onClose} />
    </Dialog>
  )
}

function CheatSheetBody({ lang, onClose }: { lang: Lang; onClose(): void }) {
  const t = words(lang)
  const registry = useRegistry()
  const { keymap, mac } = useCommandsContext()
  const [recording, setRecording] = useState<{ id: string; chords: string[] } | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const body = useRef<HTMLDivElement>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  useEffect(() => {
    body.current?.querySelector<HTMLElement>('.rebind')?.focus()
    return () => clearTimeout(timer.current)
  }, [])

  const commands = registry.list()
  const save = (command: Command, keys: readonly string[] | undefined) => {
    const overrides = { ...registry.getOverrides() }
    if (keys === undefined) delete overrides[command.id]
    else overrides[command.id] = keys
    registry.setOverrides(overrides)
    saveKeyOverrides(overrides)
  }

  const commit = (command: Command, chords: string[]) => {
    clearTimeout(timer.current)
    setRecording(null)
    const other = keymap.conflictFor(command, chords)
    if (other) {
      setMessage(t.keyTaken(other.label[lang]))
      return
    }
    // The new key replaces the first one; other keys (↓ beside j) stay.
    const rest = registry.keysOf(command).slice(1)
    save(command, [chords.join(' '), ...rest])
    setMessage(t.keySaved(command.label[lang]))
  }

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, command: Command) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return
    if (recording?.id === command.id) {
      e.preventDefault()
      e.stopPropagation()
      if (e.key === 'Escape') {
        clearTimeout(timer.current)
        setRecording(null)
        setMessage(null)
        return
      }
      const chord = chordOf(e.nativeEvent, mac)
      if (chord === null) return
      const chords = [...recording.chords, chord]
      if (chords.length >= 2) return commit(command, chords)
      setRecording({ id: command.id, chords })
      clearTimeout(timer.current)
      timer.current = setTimeout(() => commit(command, chords), SECOND_KEY_MS)
      return
    }
    const buttons = [...(body.current?.querySelectorAll<HTMLElement>('.rebind') ?? [])]
    const at = buttons.indexOf(e.currentTarget)
    if (e.key === 'ArrowDown' || e.key === 'j') {
      e.preventDefault()
      buttons[Math.min(at + 1, buttons.length - 1)]?.focus()
    } else if (e.key === 'ArrowUp' || e.key === 'k') {
      e.preventDefault()
      buttons[Math.max(at - 1, 0)]?.focus()
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault()
      setRecording({ id: command.id, chords: [] })
      setMessage(t.recording)
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault()
      save(command, undefined)
      setMessage(t.keyReset(command.label[lang]))
    } else if (e.key === '?') {
      e.preventDefault()
      onClose()
    }
  }

  return (
    <div className="cheatsheet-body" ref={body}>
      <h2 className="dialog-title">{t.shortcuts}</h2>
      <div className="cheatsheet-groups">
        {COMMAND_GROUPS.map((group) => {
          const inGroup = commands.filter((c) => c.group === group)
          if (inGroup.length === 0) return null
          return (
            <section key={group} className="cheatsheet-group" aria-labelledby={`cheat-${group}`}>
              <h3 id={`cheat-${group}`}>{t.groups[group]}</h3>
              <ul>
                {inGroup.map((c) => {
                  const sequences = keymap.sequencesOf(c)
                  const isRecording = recording?.id === c.id
                  return (
                    <li key={c.id} className={`cheat${isRecording ? ' recording' : ''}`}>
                      <button
                        className="rebind"
                        aria-describedby="cheat-help"
                        onKeyDown={(e) => onKeyDown(e, c)}
                        onClick={() => setRecording({ id: c.id, chords: [] })}
                      >
                        <span className="cheat-label">{c.label[lang]}</span>
                        <span className="cheat-keys">
                          {isRecording ? (
                            <span className="muted">
                              {recording.chords.length > 0 ? formatSequence(recording.chords, mac).join(' ') : '…'}
                            </span>
                          ) : sequences.length === 0 ? (
                            <span className="muted">{t.noKey}</span>
                          ) : (
                            sequences.map((s, i) => (
                              <KeySequence key={i} chords={formatSequence(s, mac)} then={t.then} />
                            ))
                          )}
                        </span>
                      </button>
                    </li>
                  )
                })}
              </ul>
            </section>
          )
        })}
      </div>
      <p className="cheatsheet-help muted" id="cheat-help">
        {t.rebindHelp}
      </p>
      <p className="cheatsheet-message" role="status">
        {message}
      </p>
    </div>
  )
}
