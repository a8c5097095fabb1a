// One customer in the inbox: name, channels, unread count, order, how long they have waited,
// the response clock (coloured as it nears or passes its limit), and the last message.
import { memo } from 'react'
import type { InboxRow, InboxView } from '../../../../preload/api'
import { formatDate, formatShortDate, formatWhen, shortDuration, words, type Lang } from '../../app/i18n'
import { ChannelBadge } from '../../ui/ChannelBadge'
import { urgencyOf } from './clock'
import { rowId } from './rowId'

interface Props {
  row: InboxRow | undefined
  index: number
  total: number
  view: InboxView
  now: number
  lang: Lang
  selected: boolean
  top: number
  onSelect(index: number): void
  onOpen(index: number): void
}

export const CustomerRow = memo(function CustomerRow({
  row,
  index,
  total,
  view,
  now,
  lang,
  selected,
  top,
  onSelect,
  onOpen,
}: Props) {
  const t = words(lang)
  const common = {
    role: 'option',
    id: rowId(index),
    'aria-selected': selected,
    'aria-setsize': total,
    'aria-posinset': index + 1,
    'data-index': index,
    style: { transform: `translateY(${top}px)` },
    onMouseDown: () => onSelect(index),
  } as const
  if (!row) {
    return (
      <li
        {...common}
        className={`row placeholder${selected ? ' selected' : ''}`}
        aria-busy="true"
        aria-label={t.loadingRow}
      >
        <span className="bar bar-name" />
        <span className="bar bar-text" />
      </li>
    )
  }
  const clock = row.dueAt && row.status === 'open' && view !== 'done' ? urgencyOf(row.dueAt, now) : undefined
  const since = row.waitingSince ?? row.lastMessageAt
  return (
    <li
      {...common}
      className={`row${selected ? ' selected' : ''}${row.unreadCount > 0 ? ' has-unread' : ''}`}
      data-customer={row.customerId}
      lang={row.language}
      onDoubleClick={() => onOpen(index)}
    >
      <span className="row-unread">
        {row.unreadCount > 0 && (
          <span className="unread" aria-label={t.unread(row.unreadCount)}>
            {row.unreadCount}
          </span>
        )}
      </span>
      <span className="row-who">
        <span className="name">{row.name}</span>
        {row.channels.map((c) => (
          <ChannelBadge key={c} channel={c} lang={lang} />
        ))}
        {row.status === 'done' && view !== 'done' && <span className="status-done">{t.done}</span>}
        {row.priority === 'high' && <span className="status-done priority-high">{t.highPriority}</span>}
      </span>
      <span className="row-order" title={row.orderNumber && `${t.order} #${row.orderNumber}`}>
        {row.orderNumber && `#${row.orderNumber}`}
      </span>
      {clock ? (
        <>
          <span className="row-age" title={t.waitingFor(shortDuration(now - Date.parse(since), lang))}>
            {shortDuration(now - Date.parse(since), lang)}
          </span>
          <span className={`row-clock clock ${clock.urgency}`}>
            {clock.left < 0 ? t.overdue(shortDuration(clock.left, lang)) : t.dueIn(shortDuration(clock.left, lang))}
          </span>
        </>
      ) : row.status === 'snoozed' && row.snoozedUntilReply ? (
        <>
          <span className="row-age" />
          <span className="row-clock when snoozed">{t.snoozedUntilReply}</span>
        </>
      ) : row.status === 'snoozed' && row.snoozedUntil ? (
        <>
          <span className="row-age" />
          <time className="row-clock when snoozed" dateTime={row.snoozedUntil}>
            {t.snoozedUntil(formatWhen(new Date(row.snoozedUntil), lang))}
          </time>
        </>
      ) : (
        <>
          <span className="row-age" />
          <time className="row-clock when" dateTime={row.lastMessageAt} title={formatDate(row.lastMessageAt, lang)}>
            {formatShortDate(row.lastMessageAt, now, lang)}
          </time>
        </>
      )}
      <span className="row-text">
        <span className="subject">{row.subject}</span>
        <span className="snippet">{row.snippet}</span>
      </span>
    </li>
  )
})
