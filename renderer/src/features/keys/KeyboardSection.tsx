// Settings › Keyboard: the cheat sheet's list of commands and keys, to change them where the
// seller looks for settings, plus one button that puts every key back to its default.
import { useState } from 'react'
import type { Lang } from '../../app/i18n'
import { useRegistry } from '../../app/useCommands'
import { KeyList } from './KeyList'
import { useSaveBindings } from './KeyBindings'
import { keyWords } from './words'
import './keys.css'

export function KeyboardSection({ lang }: { lang: Lang }) {
  const t = keyWords(lang)
  const registry = useRegistry()
  const save = useSaveBindings()
  const [message, setMessage] = useState<string | null>(null)

  const resetAll = () => {
    if (Object.keys(registry.getOverrides()).length === 0) return setMessage(t.nothingToReset)
    save({}).then(
      () => setMessage(t.resetAllDone),
      (e: Error) => setMessage(t.couldNotSave(e.message)),
    )
  }

  return (
    <div className="settings-form keyboard-section">
      <p className="muted">{t.intro}</p>
      <KeyList lang={lang} idPrefix="settings-keys" message={message} onMessage={setMessage} />
      <p>
        <button onClick={resetAll}>{t.resetAll}</button>
      </p>
    </div>
  )
}
