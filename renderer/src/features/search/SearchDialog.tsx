// Search (`/`): a field over every stored message, results as the seller types, newest first.
// In the field ↑/↓ move and Enter opens; Tab goes to the list, where j/k work too and `/` goes
// back to the field. Esc closes and the focus returns where it was. IME-safe: while Japanese is
// being composed, Enter and the arrows belong to the input method and nothing is searched.
import { useId, useRef, useState, type KeyboardEvent } from 'react'
import type { Api, SearchHit } from '../../../../preload/api'
import { formatNumber, formatShortDate, type Lang } from '../../app/i18n'
import { ChannelBadge } from '../../ui/ChannelBadge'
import { Dialog } from '../../ui/Dialog'
import { Marked } from './Marked'
import { useSearch } from './useSearch'
import { searchWords } from './words'
import './search.css'

interface Props {
  api: Api
  open: boolean
  lang: Lang
  /** Kept by the shell, so coming back from a hit shows the same results. */
  query: string
  active: number
  onQuery(query: string): void
  onActive(index: number): void
  onClose(): void
  onOpenHit(hit: SearchHit, index: number): void
}

export function SearchDialog(props: Props) {
  const t = searchWords(props.lang)
  return (
    <Dialog open={props.open} onClose={props.onClose} label={t.title} className="search-dialog">
      <SearchBody {...props} />
    </Dialog>
  )
}

function SearchBody({ api, lang, query, active, onQuery, onActive, onClose, onOpenHit }: Props) {
  const t = searchWords(lang)
  const [composing, setComposing] = useState(false)
  // Dates are shown relative to when the search opened ("10:42", "Mar 3").
  const [now] = useState(() => Date.now())
  const state = useSearch(api, query, composing)
  const input = useRef<HTMLInputElement>(null)
  const list = useRef<HTMLUListElement>(null)
  const id = useId()
  const results = state.kind === 'done' ? state.results : state.kind === 'searching' ? state.last : undefined
  const hits = results?.hits ?? []
  const current = Math.min(active, Math.max(0, hits.length - 1))

  const keys = (e: KeyboardEvent<HTMLElement>, inList: boolean) => {
    // An input method composing Japanese owns Enter and the arrows.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return
    if (e.altKey || e.metaKey || (e.ctrlKey && !['n', 'p'].includes(e.key))) return
    const move = (to: number) => {
      e.preventDefault()
      onActive(Math.max(0, Math.min(to, hits.length - 1)))
    }
    const next = e.key === 'ArrowDown' || (e.ctrlKey && e.key === 'n') || (inList && e.key === 'j')
    const previous = e.key === 'ArrowUp' || (e.ctrlKey && e.key === 'p') || (inList && e.key === 'k')
    if (next) move(current + 1)
    else if (previous) move(current - 1)
    else if (e.key === 'PageDown') move(current + 8)
    else if (e.key === 'PageUp') move(current - 8)
    else if (inList && e.key === 'Home') move(0)
    else if (inList && e.key === 'End') move(hits.length - 1)
    else if (e.key === 'Enter') {
      e.preventDefault()
      const hit = hits[current]
      if (hit) onOpenHit(hit, current)
    } else if (inList && e.key === '/') {
      e.preventDefault()
      input.current?.focus()
      input.current?.select()
    } else if (e.key === 'Escape') {
      e.preventDefault()
      onClose()
    }
  }

  const optionId = (i: number) => `${id}-hit-${i}`
  return (
    <div className="search-body">
      <input
        ref={input}
        className="search-input"
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={hits.length > 0 ? optionId(current) : undefined}
        aria-label={t.title}
        placeholder={t.placeholder}
        value={query}
        autoFocus
        spellCheck={false}
        onChange={(e) => {
          onQuery(e.target.value)
          onActive(0)
        }}
        onCompositionStart={() => setComposing(true)}
        onCompositionEnd={(e) => {
          setComposing(false)
          onQuery(e.currentTarget.value)
        }}
        onKeyDown={(e) => keys(e, false)}
      />
      <div className="search-meta" role="status">
        {state.kind === 'error' ? (
          <span className="search-error" role="alert">
            {state.message}
          </span>
        ) : results && query.trim() !== '' ? (
          <>
            <span>
              {t.results(formatNumber(results.total, lang), results.totalIsLowerBound, String(results.tookMs))}
            </span>
            {results.indexing && <span className="search-indexing">{t.indexing}</span>}
          </>
        ) : state.kind === 'searching' ? (
          <span>{t.searching}</span>
        ) : null}
      </div>
      {query.trim() === '' ? (
        <Teach lang={lang} />
      ) : (
        <ul
          ref={list}
          className="search-list"
          role="listbox"
          id={`${id}-list`}
          aria-label={t.hitsLabel}
          aria-activedescendant={hits.length > 0 ? optionId(current) : undefined}
          tabIndex={0}
          onKeyDown={(e) => keys(e, true)}
        >
          {hits.map((hit, i) => (
            <li
              key={hit.messageId}
              id={optionId(i)}
              role="option"
              aria-selected={i === current}
              className={`search-hit${i === current ? ' active' : ''}`}
              ref={i === current ? (el) => el?.scrollIntoView({ block: 'nearest' }) : undefined}
              onMouseMove={() => i !== current && onActive(i)}
              onClick={() => onOpenHit(hit, i)}
            >
              <div className="search-hit-head">
                <span className="search-hit-name">{hit.customerName}</span>
                <ChannelBadge channel={hit.channel} lang={lang} />
                <span className="search-hit-subject">
                  <Marked text={hit.subject} marks={hit.subjectMarks} />
                </span>
                <time className="search-hit-date" dateTime={hit.date}>
                  {formatShortDate(hit.date, now, lang)}
                </time>
              </div>
              <div className="search-hit-snippet">
                {hit.direction === 'out' && <span className="search-hit-you">{t.you}: </span>}
                <Marked text={hit.snippet} marks={hit.snippetMarks} />
              </div>
            </li>
          ))}
          {state.kind === 'done' && hits.length === 0 && <li className="search-empty">{t.noResults}</li>}
        </ul>
      )}
      <p className="search-keys">{t.keysHint}</p>
    </div>
  )
}

/** The empty state: what can be typed. */
function Teach({ lang }: { lang: Lang }) {
  const t = searchWords(lang)
  return (
    <div className="search-teach">
      <p>{t.teachTitle}</p>
      <dl>
        {t.filters.map(([example, meaning]) => (
          <div key={example}>
            <dt>
              <code>{example}</code>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t.example}</p>
    </div>
  )
}
