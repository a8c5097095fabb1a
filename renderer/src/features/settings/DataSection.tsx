// Data: where everything is kept, and how to back it up (copy the folder while the app is closed).
import { useId } from 'react'
import type { AppInfo } from '../../../../preload/api'
import { formatNumber, type Lang } from '../../app/i18n'
import { useCommandsContext } from '../../app/useCommands'
import { orderWords } from '../orders/words'
import { settingsWords } from './words'

export function DataSection({ lang, info }: { lang: Lang; info: AppInfo | null }) {
  const t = settingsWords(lang)
  const id = useId()
  const { registry } = useCommandsContext()
  if (!info) return <p className="muted">{t.loading}</p>
  const n = (x: number) => formatNumber(x, lang)
  return (
    <div className="settings-form">
      <div className="field">
        <label htmlFor={`${id}-dir`}>{t.dataFolder}</label>
        {/* Read-only but focusable, so the path can be selected and copied from the keyboard. */}
        <input
          id={`${id}-dir`}
          className="input-path"
          readOnly
          value={info.dataDir}
          aria-describedby={`${id}-help ${id}-backup`}
          onFocus={(e) => e.target.select()}
        />
        <p className="field-help" id={`${id}-help`}>
          {t.dataHelp} {t.dataCounts(n(info.counts.customers), n(info.counts.messages))}
        </p>
        <p className="settings-note" id={`${id}-backup`}>
          {t.backupHelp}
        </p>
      </div>
      {/* Orders come in as files, so their import lives with the data; it is a command anywhere too. */}
      <div className="field">
        <button onClick={() => registry.run('orders.import')}>{orderWords(lang).command}</button>
      </div>
      <p className="muted settings-version">{t.version(info.version)}</p>
    </div>
  )
}
