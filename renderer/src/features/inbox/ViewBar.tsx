// Which customers the inbox shows: Waiting, Overdue, Snoozed, Done or All, on every channel or
// one, with every tag or one (`#`, "Show customers tagged X"). The same choices are commands (`g i`, `g o`, `g s`, `g d`, `g a`, "Channel: Amazon"); this bar shows
// where the seller is and offers them to the mouse.
import { CHANNELS, type Channel } from '../../../../main/core/model'
import { useEffect, useRef } from 'react'
import { INBOX_VIEWS, type InboxView, type TagCount } from '../../../../preload/api'
import { words, type Lang } from '../../app/i18n'
import { KeySequence } from '../../ui/Keys'
import { tagWords } from './tagWords'
import './tags.css'

interface Props {
  view: InboxView
  channel: Channel | undefined
  tag: string | undefined
  /** The tags in use, most used first (customer.tags). */
  tags: readonly TagCount[]
  /** Bumped by "Filter by tag…": the tag picker takes the focus. */
  tagPickRequest: number
  lang: Lang
  keysOf(id: string): string[] | undefined
  onView(view: InboxView): void
  onChannel(channel: Channel | undefined): void
  onTag(tag: string | undefined): void
  /** Enter or Esc on the tag picker: back to the list. */
  onTagPicked(): void
}

export function ViewBar(props: Props) {
  const { view, channel, tag, tags, tagPickRequest, lang, keysOf, onView, onChannel, onTag, onTagPicked } = props
  const t = words(lang)
  const tw = tagWords(lang)
  // The tag shown stays offered after its last customer lost it, so the picker says where we are.
  const current = tag !== undefined && !tags.some((x) => x.tag.toLowerCase() === tag.toLowerCase())
  const filterKeys = keysOf('tag.filter')
  const tagPicker = useRef<HTMLSelectElement>(null)
  useEffect(() => {
    if (tagPickRequest > 0) tagPicker.current?.focus()
  }, [tagPickRequest])
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
      <label className="channel-pick tag-pick" title={filterKeys ? filterKeys.join(' ') : undefined}>
        <span className="visually-hidden">{tw.tag}</span>
        <select
          ref={tagPicker}
          value={tag === undefined ? '' : (tags.find((x) => x.tag.toLowerCase() === tag.toLowerCase())?.tag ?? tag)}
          onChange={(e) => onTag(e.target.value === '' ? undefined : e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' && e.key !== 'Escape') return
            e.preventDefault()
            onTagPicked()
          }}
        >
          <option value="">{tw.allTags}</option>
          {current && <option value={tag}>{tw.option(tag, 0)}</option>}
          {tags.map((x) => (
            <option key={x.tag} value={x.tag}>
              {tw.option(x.tag, x.customers)}
            </option>
          ))}
        </select>
      </label>
    </nav>
  )
}
