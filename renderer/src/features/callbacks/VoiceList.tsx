// The voice of the customer: what customers said on the calls the seller logged, newest first,
// to read through now and then (what they liked, what they disliked, what could be better).
import type { VoiceEntry } from '../../../../preload/api'
import { formatWhen, type Lang } from '../../app/i18n'
import { WithKeys } from '../../ui/Keys'
import { callbackWords } from './words'

export function VoiceList({
  lang,
  voice,
  at,
  keysOf,
}: {
  lang: Lang
  voice: VoiceEntry[] | null
  at: number
  keysOf(id: string): string[] | undefined
}) {
  const t = callbackWords(lang)
  if (!voice) return <p className="muted">…</p>
  if (voice.length === 0) {
    return (
      <div className="empty">
        <p>{t.voiceEmpty}</p>
        <p className="muted">
          <WithKeys text={t.voiceEmptyHint} keys={{ five: keysOf('callbacks.tab.five') }} />
        </p>
      </div>
    )
  }
  return (
    <ul className="cb-rows voice" role="listbox" aria-label={t.tabs.voice}>
      {voice.map((v, i) => (
        <li
          key={v.id}
          role="option"
          aria-selected={i === at}
          className={`cb-row voice-entry${i === at ? ' selected' : ''}`}
        >
          <div className="voice-head">
            <strong>{v.customerName}</strong> <span className="muted">{formatWhen(new Date(v.at), lang)}</span>
            {v.score !== undefined && <span className="pill">{t.scoreOf(v.score)}</span>}
          </div>
          <dl className="voice-answers">
            {(
              [
                [t.liked, v.liked],
                [t.disliked, v.disliked],
                [t.better, v.better],
                [t.note, v.note],
              ] as const
            )
              .filter(([, text]) => text)
              .map(([label, text]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{text}</dd>
                </div>
              ))}
          </dl>
        </li>
      ))}
    </ul>
  )
}
