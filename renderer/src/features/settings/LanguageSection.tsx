// Language: English, Japanese, or whatever this computer uses. Saved at once; the whole app
// (this screen too) follows through the engine's settings.changed event.
import { useId, useState } from 'react'
import type { Settings } from '../../../../main/core/model'
import type { RequestInput } from '../../../../preload/api'
import { systemLanguage, type Lang } from '../../app/i18n'
import { settingsWords } from './words'

interface Props {
  lang: Lang
  settings: Settings
  update(patch: RequestInput<'settings.update'>): Promise<Settings>
}

const CHOICES = ['en', 'ja', 'system'] as const

export function LanguageSection({ lang, settings, update }: Props) {
  const t = settingsWords(lang)
  const id = useId()
  const [error, setError] = useState<string | null>(null)
  const system = t.languages[systemLanguage()]

  return (
    <div className="settings-form">
      <fieldset className="field">
        <legend>{t.languageLegend}</legend>
        {CHOICES.map((choice) => (
          <div key={choice} className="field-row">
            <input
              id={`${id}-${choice}`}
              type="radio"
              name={`${id}-language`}
              value={choice}
              // The language names are in their own language, whatever the screen's is.
              lang={choice === 'system' ? undefined : choice}
              checked={settings.language === choice}
              onChange={() => {
                setError(null)
                update({ language: choice }).catch((e: Error) => setError(e.message))
              }}
            />
            <label htmlFor={`${id}-${choice}`} lang={choice === 'system' ? undefined : choice}>
              {t.languages[choice]}
              {choice === 'system' && <span className="muted"> ({t.systemNow(system)})</span>}
            </label>
          </div>
        ))}
        {error && (
          <p role="alert" className="field-error">
            {t.couldNotSave} {error}
          </p>
        )}
      </fieldset>
    </div>
  )
}
