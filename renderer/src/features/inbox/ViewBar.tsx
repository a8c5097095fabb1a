// Which customers the inbox shows: Waiting, Overdue, Snoozed, Done or All, on every channel or
// one. The same choices are commands (`g i`, `g o`, `g s`, `g d`, `g a`, "Channel: Amazon"); this bar shows
// where the seller is and offers them to the mouse.
import { CHANNELS, type Channel } from '../../../../main/core/model'
import { INBOX_VIEWS, type InboxView } from '../../../../preload/api'
import { words, type Lang } from '../../app/i18n'
import { KeySequence } from '../../ui/Keys'

interface Props {
  view: InboxView
  channel: Channel | undefined
  lang: Lang
  keysOf(id: string): string[] | undefined
  onView(view: InboxView): void
  onChannel(channel: Channel | undefined): void
}

export function ViewBar({ view, channel, lang, keysOf, onView, onChannel }: Props) {
  const t = words(lang)
  return (
    <nav className="viewbar" aria-label={t.views}>
      {INBOX_VIEWS.map((v) => {
        const keys = keysOf(`view.${v}`)
        return (
          <button
            key={v}
            className={`view-tab${v === view ? ' current' : ''}`}
            aria-current={v === view ? 'page' : undefined}
            onClick={() => onView(v)}
            title={keys ? keys.join(' ') : undefined}
          >
            {t.viewNames[v]}
            {keys && <KeySequence chords={keys} />}
          </button>
        )
      })}
      <label className="channel-pick">
        <span className="visually-hidden">{t.channel}</span>
        <select
          value={channel ?? ''}
          onChange={(e) => onChannel(e.target.value === '' ? undefined : (e.target.value as Channel))}
        >
          <option value="">{t.allChannels}</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t.channels[c]}
            </option>
          ))}
        </select>
      </label>
    </nav>
  )
}
