// One customer: every message on every channel on one timeline, orders beside it.
import { useEffect, useState } from 'react'
import type { Api, CustomerView } from '../../../../preload/api'
import { formatDate, words, type Lang } from '../../app/i18n'
import { ChannelBadge } from '../../ui/ChannelBadge'

interface Props {
  api: Api
  customerId: string
  lang: Lang
  onBack(): void
}

export function CustomerScreen({ api, customerId, lang, onBack }: Props) {
  const t = words(lang)
  const [view, setView] = useState<CustomerView | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    api.call('customer.get', { customerId }).then(
      (v) => live && setView(v),
      (e: Error) => live && setError(e.message),
    )
    return () => {
      live = false
    }
  }, [api, customerId])

  useEffect(() => {
    // Opening counts as reading (a setting): unread counts drop here and on the server.
    const unread = view?.conversations.filter((c) => c.unreadCount > 0) ?? []
    if (unread.length === 0) return
    void api.call('settings.get', {}).then((settings) => {
      if (!settings.markSeenOnOpen) return
      for (const c of unread) void api.call('conversation.markSeen', { conversationId: c.id }).catch(() => undefined)
    })
  }, [api, view])

  useEffect(() => {
    // Newest at the bottom, like any chat: land there.
    document.querySelector('.timeline > :last-child')?.scrollIntoView({ block: 'end' })
  }, [view])

  if (error)
    return (
      <p role="alert" className="notice notice-error">
        {error}
      </p>
    )
  if (!view) return <p className="muted">{t.loading}</p>
  return (
    <div className="customer">
      <section className="timeline-pane" aria-label={view.customer.name}>
        <h1 className="screen-title">
          <button className="link" onClick={onBack} aria-label={t.back}>
            ←
          </button>{' '}
          {view.customer.name}
        </h1>
        <ol className="timeline">
          {view.timeline.map((m) => (
            <li key={m.id} className={`message ${m.direction}`}>
              <div className="message-head">
                <ChannelBadge channel={m.channel} />
                <span className="from">{m.direction === 'out' ? t.you : m.from.name || m.from.address}</span>
                <time dateTime={m.date}>{formatDate(m.date, lang)}</time>
              </div>
              <div className="message-subject">{m.subject}</div>
              {m.unreadable && <p className="notice notice-warning">{t.couldNotRead}</p>}
              <div className="message-body">{m.text}</div>
              {m.attachments.length > 0 && (
                <ul className="attachments">
                  {m.attachments.map((a, i) => (
                    <li key={i}>📎 {a.filename}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </section>
      <aside className="sidebar" aria-label={t.orders}>
        <h2>{t.orders}</h2>
        <ul className="orders">
          {view.orders.map((o) => (
            <li key={o.id}>
              <div>
                <ChannelBadge channel={o.channel} /> <span className="order">#{o.orderNumber}</span>
              </div>
              <div className="muted">{o.items.map((i) => `${i.title} × ${i.quantity}`).join(', ')}</div>
              <div>
                {new Intl.NumberFormat(lang === 'ja' ? 'ja-JP' : 'en-US', {
                  style: 'currency',
                  currency: o.currency,
                }).format(o.total)}{' '}
                · {o.status}
              </div>
            </li>
          ))}
        </ul>
        <h2>{t.conversations}</h2>
        <ul className="orders">
          {view.conversations.map((c) => (
            <li key={c.id}>
              <ChannelBadge channel={c.channel} /> {c.subject} <span className="muted">({c.status})</span>
            </li>
          ))}
        </ul>
      </aside>
    </div>
  )
}
