// On a customer's screen, beside the timeline: their open callbacks and what they said on the
// calls the seller logged (the answers are kept on the customer). Follows `callbacks.changed`,
// so a callback planned with `c` on this screen shows at once.
import { useEffect, useState } from 'react'
import type { Reminder } from '../../../../main/core/model'
import type { Api, CallLog, CustomerView } from '../../../../preload/api'
import { formatWhen, type Lang } from '../../app/i18n'
import { callbackWords } from './words'

export function CustomerCalls({ api, lang, view }: { api: Api; lang: Lang; view: CustomerView }) {
  const t = callbackWords(lang)
  const customerId = view.customer.id
  const [fresh, setFresh] = useState<{ reminders: Reminder[]; calls: CallLog[] } | null>(null)
  // When the screen opened: what was overdue then is shown so (the list itself is the clock).
  const [now] = useState(() => Date.now())

  useEffect(
    () =>
      api.on('callbacks.changed', ({ customerIds }) => {
        if (customerIds && !customerIds.includes(customerId)) return
        Promise.all([api.call('callback.list', {}), api.call('voice.list', { customerId })]).then(
          ([list, voice]) =>
            setFresh({
              reminders: [...list.overdue, ...list.today, ...list.upcoming].filter((r) => r.customerId === customerId),
              calls: voice,
            }),
          () => undefined,
        )
      }),
    [api, customerId],
  )

  const reminders = (fresh?.reminders ?? view.reminders)
    .filter((r) => !r.done)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
  const calls = (fresh?.calls ?? view.calls ?? []).filter((c) => c.liked || c.disliked || c.better || c.note)
  if (reminders.length === 0 && calls.length === 0) return null
  return (
    <section aria-labelledby="sidebar-callbacks" className="customer-calls">
      <h2 id="sidebar-callbacks">{t.title}</h2>
      <ul className="customer-calls-list">
        {reminders.map((r) => (
          <li key={r.id} className={Date.parse(r.dueAt) <= now ? 'overdue' : undefined}>
            <span className="cb-when">{formatWhen(new Date(r.dueAt), lang)}</span> {r.reason}
            {r.phone && <span className="muted"> · {r.phone}</span>}
          </li>
        ))}
      </ul>
      {calls.length > 0 && (
        <>
          <h2>{t.tabs.voice}</h2>
          <ul className="customer-calls-list">
            {calls.slice(0, 3).map((c) => (
              <li key={c.id}>
                <span className="muted">
                  {formatWhen(new Date(c.at), lang)}
                  {c.score !== undefined && ` · ${t.scoreOf(c.score)}`}
                </span>
                {c.liked && <div>+ {c.liked}</div>}
                {c.disliked && <div>− {c.disliked}</div>}
                {c.better && <div>→ {c.better}</div>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
