// Every command and the keys it answers to now, grouped, and where keys are changed: Enter on a
// command records a new key (or two, like `g i`), Delete restores the default. A key already
// used where the command applies is refused, naming the command that has it. Shown by the cheat
// sheet (`?`) and by Settings › Keyboard; both save through settings.json (KeyBindings.tsx).
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { COMMAND_GROUPS, type Command } from '../../app/commands'
import { words, type Lang } from '../../app/i18n'
import { chordOf, formatSequence } from '../../app/keymap'
import { useCommandsContext, useRegistry } from '../../app/useCommands'
import { KeySequence } from '../../ui/Keys'
import { rebind, resetBinding } from './bindings'
import { useSaveBindings } from './KeyBindings'
import { keyWords } from './words'

/** How long the second key of a recorded sequence may wait. */
const SECOND_KEY_MS = 1000

interface Props {
  lang: Lang
  /** Ids of the list's parts (the help line), unique per place it is shown. */
  idPrefix: string
  /** Focus the first command when shown (the cheat sheet; Settings focuses its section itself). */
  autoFocus?: boolean
  /** `?` in the list closes it (the cheat sheet). */
  onClose?(): void
  /** Tells the caller what the last change said, for a status line of its own. */
  message: string | null
  onMessage(message: string | null): void
}

export function KeyList({ lang, idPrefix, autoFocus = false, onClose, message, onMessage }: Props) {
  const t = words(lang)
  const registry = useRegistry()
  const { keymap, mac } = useCommandsContext()
  const save = useSaveBindings()
  const [recording, setRecording] = useState<{ id: string; chords: string[] } | null>(null)
  const body = useRef<HTMLDivElement>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  useEffect(() => {
    if (autoFocus) body.current?.querySelector<HTMLElement>('.rebind')?.focus()
    return () => clearTimeout(timer.current)
  }, [autoFocus])

  /** Says `done` once saved, or why it could not be (the keys are as they were then). */
  const report = (saving: Promise<void>, done: string) =>
    saving.then(
      () => onMessage(done),
      (e: Error) => onMessage(keyWords(lang).couldNotSave(e.message)),
    )

  const commit = (command: Command, chords: string[]) => {
    clearTimeout(timer.current)
    setRecording(null)
    const result = rebind(registry, keymap, command, chords)
    if (!result.ok) return onMessage(t.keyTaken(result.by.label[lang]))
    void report(save(result.overrides), t.keySaved(command.label[lang]))
  }

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, command: Command) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return
    if (recording?.id === command.id) {
      // Every key goes to the recording, none to the keymap or the dialog around.
      e.preventDefault()
      e.stopPropagation()
      if (e.key === 'Escape') {
        clearTimeout(timer.current)
        setRecording(null)
        onMessage(null)
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
      onMessage(t.recording)
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault()
      void report(save(resetBinding(registry.getOverrides(), command.id)), t.keyReset(command.label[lang]))
    } else if (e.key === '?' && onClose) {
      e.preventDefault()
      onClose()
    }
  }

  const commands = registry.list()
  return (
    <div className="key-list" ref={body}>
      <div className="cheatsheet-groups">
        {COMMAND_GROUPS.map((group) => {
          const inGroup = commands.filter((c) => c.group === group)
          if (inGroup.length === 0) return null
          return (
            <section key={group} className="cheatsheet-group" aria-labelledby={`${idPrefix}-${group}`}>
              <h3 id={`${idPrefix}-${group}`}>{t.groups[group]}</h3>
              <ul>
                {inGroup.map((c) => {
                  const sequences = keymap.sequencesOf(c)
                  const isRecording = recording?.id === c.id
                  return (
                    <li key={c.id} className={`cheat${isRecording ? ' recording' : ''}`}>
                      <button
                        className="rebind"
                        data-command={c.id}
                        aria-describedby={`${idPrefix}-help`}
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
      <p className="cheatsheet-help muted" id={`${idPrefix}-help`}>
        {t.rebindHelp}
      </p>
      <p className="cheatsheet-message" role="status">
        {message}
      </p>
    </div>
  )
}
