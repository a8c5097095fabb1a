// The list of customers waiting, most urgent first.
import { useEffect, useRef, useState } from 'react'
import type { InboxPage, InboxRow } from '../../../../preload/api'
import { shortDuration, words, type Lang } from '../../app/i18n'
import { ChannelBadge } from '../../ui/ChannelBadge'

interface Props {
  page: InboxPage | null
  selected: number
  lang: Lang
  onOpen(index: number): void
}

export function InboxScreen({ page, selected, lang, onOpen }: Props) {
  const t = words(lang)
  const list = useRef<HTMLUListElement>(null)
  const now = useNow(30_000)
  useEffect(() => {
    const row = list.current?.children[selected] as HTMLElement | undefined
    row?.scrollIntoView({ block: 'nearest' })
    row?.focus({ preventScroll: true })
  }, [selected, page])

  if (!page) return <p className="muted">{t.loading}</p>
  if (page.rows.length === 0) return <p className="empty">{t.empty}</p>
  return (
    <section aria-label={t.waiting}>
      <h1 className="screen-title">{t.customersWaiting(page.total)}</h1>
      <ul className="inbox" role="listbox" aria-label={t.waiting} ref={list}>
        {page.rows.map((row, i) => (
          <Row
            key={row.customerId}
            row={row}
            now={now}
            lang={lang}
            selected={i === selected}
            onOpen={() => onOpen(i)}
          />
        ))}
      </ul>
    </section>
  )
}

function Row({
  row,
  now,
  lang,
  selected,
  onOpen,
}: {
  row: InboxRow
  now: number
  lang: Lang
  selected: boolean
  onOpen(): void
}) {
  const t = words(lang)
  const left = row.dueAt ? Date.parse(row.dueAt) - now : undefined
  const clock =
    left === undefined
      ? ''
      : left < 0
        ? `${t.overdue} ${shortDuration(left, lang)}`
        : t.dueIn(shortDuration(left, lang))
  const urgency = left === undefined ? '' : left < 0 ? 'late' : left < 4 * 3_600_000 ? 'soon' : ''
  return (
    <li
      role="option"
      aria-selected={selected}
      tabIndex={selected ? 0 : -1}
      className={`row${selected ? ' selected' : ''}`}
      onDoubleClick={onOpen}
      data-customer={row.customerId}
    >
      <div className="row-main">
        <span className="name">{row.name}</span>
        {row.channels.map((c) => (
          <ChannelBadge key={c} channel={c} />
        ))}
        {row.unreadCount > 0 && <span className="unread">{row.unreadCount}</span>}
        <span className="subject">{row.subject}</span>
      </div>
      <div className="row-sub">
        <span className="snippet">{row.snippet}</span>
        {row.orderNumber && <span className="order">#{row.orderNumber}</span>}
        <span className={`clock ${urgency}`}>{clock}</span>
      </div>
    </li>
  )
}

/** The current time, re-read every `everyMs` so response clocks count down. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
  return now
}
