// Alerts inside the page (browser mode, or the desktop window in front): a new customer
// message, a response clock about to run out, or a callback come due. A few at a time in the top right corner,
// announced to screen readers, gone after a while; they never take the keyboard focus.
import { memo, useEffect, useState } from 'react'
import type { Alert, Api } from '../../../../preload/api'
import { formatTime, type Lang } from '../../app/i18n'
import { ChannelBadge } from '../../ui/ChannelBadge'

const SHOWN_MS = 12_000
const AT_MOST = 3

function title(alert: Alert, lang: Lang): string {
  if (alert.kind === 'message') {
    return lang === 'ja' ? `${alert.customerName} 様から新着メッセージ` : `New message from ${alert.customerName}`
  }
  if (alert.kind === 'callback') {
    return lang === 'ja' ? `折り返しのお電話の時間です: ${alert.customerName} 様` : `Time to call ${alert.customerName}`
  }
  const time = formatTime(alert.dueAt ?? alert.at, lang)
  return lang === 'ja'
    ? `${time} までに返信が必要です: ${alert.customerName} 様`
    : `Reply to ${alert.customerName} by ${time}`
}

// Memoised: it changes only when an alert comes or goes, not with the shell around it.
export const AlertToasts = memo(function AlertToasts({ api, lang }: { api: Api; lang: Lang }) {
  const [alerts, setAlerts] = useState<Alert[]>([])

  useEffect(
    () =>
      api.on('alert', (alert) => {
        setAlerts((list) => [...list.filter((a) => a.id !== alert.id), alert].slice(-AT_MOST))
        setTimeout(() => setAlerts((list) => list.filter((a) => a.id !== alert.id)), SHOWN_MS)
      }),
    [api],
  )

  return (
    <div className="alert-toasts" role="status" aria-live="polite">
      {alerts.map((alert) => (
        <div key={alert.id} className={`alert-toast alert-${alert.kind}`}>
          <div className="alert-title">
            {alert.channel && <ChannelBadge channel={alert.channel} lang={lang} />} {title(alert, lang)}
          </div>
          <div className="alert-body">
            {alert.subject}
            {alert.phone && <> · {alert.phone}</>}
          </div>
        </div>
      ))}
    </div>
  )
})
