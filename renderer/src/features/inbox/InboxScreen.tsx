// The inbox: one row per customer, most urgent first, in a virtualised list that holds only
// the rows on screen, so 20,000 customers scroll like 20. The list keeps the keyboard focus and
// points at the selected row (aria-activedescendant), which stays rendered even when scrolled
// away: rows come and go, the focus never does, and moving costs no focus change.
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual'
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { formatNumber, words, type Lang } from '../../app/i18n'
import { WithKeys } from '../../ui/Keys'
import { CustomerRow } from './CustomerRow'
import { rowId } from './rowId'
import { tagWords } from './tagWords'
import { useInboxList, type Inbox } from './useInbox'

/** Fixed, so scrolling never measures: two lines of text at 14px with room for CJK glyphs. */
export const ROW_HEIGHT = 56

interface Props {
  inbox: Inbox
  lang: Lang
  /** Bumped by the shell when the list should take the focus back (after a dialog, a view change). */
  focusRequest: number
  /**
   * A customer is open over the inbox. The inbox stays mounted behind it, unrendered, so going
   * back is a style change: no rebuilt rows, no lost scroll position, no layout read.
   */
  behind?: boolean
  keysOf(id: string): string[] | undefined
  onOpen(index: number): void
}

// Memoised, with its own subscription to the model: a move or a done re-renders the list, not the
// shell around it.
export const InboxScreen = memo(function InboxScreen({
  inbox,
  lang,
  focusRequest,
  behind = false,
  keysOf,
  onOpen,
}: Props) {
  useInboxList(inbox)
  const t = words(lang)
  const scroller = useRef<HTMLDivElement>(null)
  const listRef = useRef<HTMLUListElement>(null)
  const now = useNow(30_000)
  const { selected, total, view, channel } = inbox
  const count = total ?? 0

  // No React Compiler here: the virtualizer re-renders this component itself on scroll.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    // Rows keyed by customer: marking one done shifts the rows below it, and each keeps its
    // DOM (only its position changes) instead of every row being rewritten with another's text.
    getItemKey: useCallback((index: number) => inbox.rowAt(index)?.customerId ?? `#${index}`, [inbox]),
    overscan: 8,
    // Scroll updates render in the next frame instead of inside the scroll event: overscan
    // rows cover the gap, and a key press never waits for a synchronous re-render.
    useFlushSync: false,
    // The selected row stays mounted while scrolled away: it holds the focus.
    rangeExtractor: useCallback(
      (range: Range) => {
        const indexes = defaultRangeExtractor(range)
        if (selected < count && !indexes.includes(selected)) indexes.push(selected)
        return indexes.sort((a, b) => a - b)
      },
      [selected, count],
    ),
  })
  const items = virtualizer.getVirtualItems()
  const first = virtualizer.range?.startIndex ?? 0
  const last = virtualizer.range?.endIndex ?? 0

  useEffect(() => inbox.showing(first, last), [inbox, first, last])

  // Selection moves: bring it into view and give it the focus, unless the seller is busy in a
  // field or a dialog elsewhere. The row may render a little later (first paint, a page
  // arriving), so the wish to focus it waits until it is there.
  const wantFocus = useRef<'if-free' | 'force' | null>('if-free')
  const empty = count === 0
  useLayoutEffect(() => {
    if (empty) return
    // Rows have a fixed height, so where the selected one is needs no measuring; scrolling only
    // when it is out of view keeps a key press to one style-and-layout pass.
    const el = scroller.current
    if (el) {
      const top = virtualizer.scrollOffset ?? el.scrollTop
      const height = virtualizer.scrollRect?.height ?? el.clientHeight
      const start = selected * ROW_HEIGHT
      if (start < top) el.scrollTop = start
      else if (start + ROW_HEIGHT > top + height) el.scrollTop = start + ROW_HEIGHT - height
    }
    wantFocus.current ??= 'if-free'
  }, [virtualizer, selected, empty])
  useLayoutEffect(() => {
    if (focusRequest > 0) wantFocus.current = 'force'
  }, [focusRequest])
  useLayoutEffect(() => {
    if (wantFocus.current === null || behind) return
    const list = listRef.current
    if (!list) return
    const active = document.activeElement
    const free = !active || active === document.body || scroller.current?.contains(active)
    if (active !== list && (free || wantFocus.current === 'force')) list.focus({ preventScroll: true })
    wantFocus.current = null
  })

  const title =
    t.viewTitle[view](count, formatNumber(count, lang)) +
    (channel ? ` · ${t.channels[channel]}` : '') +
    (inbox.tag !== undefined ? tagWords(lang).titleSuffix(inbox.tag) : '')
  return (
    <section className={behind ? 'inbox-screen behind' : 'inbox-screen'} aria-labelledby="inbox-title" inert={behind}>
      <h1 className="screen-title" id="inbox-title">
        {total === null ? t.loading : title}
      </h1>
      {inbox.error && (
        <p role="alert" className="notice notice-error">
          {t.error}: {inbox.error}
        </p>
      )}
      {total === 0 ? (
        <Empty inbox={inbox} lang={lang} keysOf={keysOf} />
      ) : (
        <div className="inbox-scroller" ref={scroller}>
          <ul
            className="inbox"
            role="listbox"
            aria-label={t.customerList}
            aria-busy={total === null}
            aria-activedescendant={count > 0 ? rowId(selected) : undefined}
            tabIndex={0}
            ref={listRef}
            style={{ height: virtualizer.getTotalSize() }}
          >
            {items.map((item) => (
              <CustomerRow
                key={item.key}
                row={inbox.rowAt(item.index)}
                index={item.index}
                total={count}
                view={view}
                now={now}
                lang={lang}
                selected={item.index === selected}
                top={item.start}
                onSelect={inbox.select}
                onOpen={onOpen}
              />
            ))}
          </ul>
        </div>
      )}
    </section>
  )
})

function Empty({ inbox, lang, keysOf }: { inbox: Inbox; lang: Lang; keysOf(id: string): string[] | undefined }) {
  const t = words(lang)
  const keys = {
    e: keysOf('inbox.done'),
    all: keysOf('view.all'),
    palette: keysOf('app.palette'),
    tag: keysOf('tag.filter'),
  }
  // The narrowest filter says why the list is empty: the tag, then the channel, then the view.
  const [title, hint] = inbox.tag
    ? [tagWords(lang).emptyTag(inbox.tag), tagWords(lang).emptyTagHint]
    : inbox.channel
      ? [t.emptyChannel(t.channels[inbox.channel]), t.emptyChannelHint]
      : {
          waiting: [t.emptyWaiting, t.emptyWaitingHint],
          overdue: [t.emptyOverdue, t.emptyOverdueHint],
          snoozed: [t.emptySnoozed, t.emptySnoozedHint],
          done: [t.emptyDone, t.emptyDoneHint],
          all: [t.emptyAll, t.emptyAllHint],
        }[inbox.view]
  return (
    <div className="empty" role="status">
      <p className="empty-title">{title}</p>
      <p className="muted">
        <WithKeys text={hint!} keys={keys} />
      </p>
      {inbox.view !== 'all' && keys.all && (
        <p className="muted">
          <WithKeys text={t.showEveryone} keys={keys} />
        </p>
      )}
    </div>
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
