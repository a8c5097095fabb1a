// One message on the timeline: channel, sender, date; the text with what it quotes folded
// behind "…", or its HTML in a sandboxed frame; the remote-images bar; the attachments, each
// with a Save button. The body (HTML, attachments by index, inline images) is asked for when
// the card comes near the screen.
import { memo, useEffect, useMemo, useRef, useState } from 'react'
import type { MessageBody, RemoteImageScope, TimelineMessage } from '../../../../preload/api'
import { formatDate, words, type Lang } from '../../app/i18n'
import { ChannelBadge } from '../../ui/ChannelBadge'
import { PaperclipIcon } from '../../ui/PaperclipIcon'
import { HtmlFrame } from './HtmlFrame'
import { foldQuotes } from './quotes'
import { MarketplaceFactsLine } from './SiteOnlyReply'
import { conversationWords, formatSize } from './words'

/** What a card can ask of the screen; one stable object for every card, so cards re-render only when their own props change. */
export interface CardActions {
  nearScreen(messageId: string): void
  select(messageId: string): void
  toggleQuoted(messageId: string): void
  allowRemote(messageId: string, scope: RemoteImageScope): void
  save(messageId: string, index: number): Promise<void>
  article(messageId: string, el: HTMLElement | null): void
}

interface Props {
  message: TimelineMessage
  body: MessageBody | undefined
  lang: Lang
  selected: boolean
  quotedOpen: boolean
  remoteError?: string
  actions: CardActions
}

export const MessageCard = memo(function MessageCard({
  message: m,
  body,
  lang,
  selected,
  quotedOpen,
  remoteError,
  actions,
}: Props) {
  const t = conversationWords(lang)
  const common = words(lang)
  const item = useRef<HTMLLIElement>(null)
  const [htmlQuote, setHtmlQuote] = useState(false)
  const [saving, setSaving] = useState<number | null>(null)
  const [saveError, setSaveError] = useState<string | null>(null)

  useEffect(() => {
    const el = item.current
    if (!el) return
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          actions.nearScreen(m.id)
          observer.disconnect()
        }
      },
      { rootMargin: '800px 0px' },
    )
    observer.observe(el)
    return () => observer.disconnect()
  }, [actions, m.id])

  const text = body?.text ?? m.text
  const folded = useMemo(() => foldQuotes(text), [text])
  const html = body?.html !== undefined && !body.unreadable ? body.html : undefined
  const hasQuote = html !== undefined ? htmlQuote : folded.folded !== null
  const remoteBlocked = body !== undefined && body.hasRemoteImages && !body.remoteImagesAllowed
  const from = m.direction === 'out' ? common.you : m.from.name || m.from.address
  const attachments = body
    ? body.attachments
        .filter((a) => !(a.inline && a.contentId !== undefined && body.inlineImages[a.contentId.toLowerCase()]))
        .map((a) => ({ index: a.index, name: a.name, size: a.size }))
    : m.attachments.map((a, index) => ({ index, name: a.filename, size: a.size }))

  const save = async (index: number, name: string) => {
    setSaving(index)
    setSaveError(null)
    try {
      await actions.save(m.id, index)
    } catch (err) {
      setSaveError(`${t.couldNotSave(name)} ${(err as Error).message}`)
    } finally {
      setSaving(null)
    }
  }

  return (
    <li ref={item} className={`message ${m.direction}${selected ? ' selected' : ''}`} data-message={m.id}>
      <article
        ref={(el) => actions.article(m.id, el)}
        tabIndex={-1}
        aria-label={`${from} · ${formatDate(m.date, lang)} · ${m.subject}`}
        onMouseDown={() => actions.select(m.id)}
        onFocus={() => actions.select(m.id)}
      >
        <header className="message-head">
          <ChannelBadge channel={m.channel} lang={lang} />
          <span className="from" title={m.from.address}>
            {from}
          </span>
          {m.direction === 'in' && m.from.name && <span className="address">{m.from.address}</span>}
          <time dateTime={m.date}>{formatDate(m.date, lang)}</time>
        </header>
        <div className="message-subject">{m.subject}</div>
        {m.marketplace && <MarketplaceFactsLine facts={m.marketplace} lang={lang} />}
        {(m.unreadable || body?.unreadable) && <p className="notice notice-warning">{common.couldNotRead}</p>}
        {remoteBlocked && (
          <div className="remote-bar" role="group" aria-label={t.remoteBlocked}>
            <span>
              <strong>{t.remoteBlocked}</strong> <span className="muted">{t.remoteBlockedHelp}</span>
            </span>
            <span className="remote-actions">
              <button className="link" onClick={() => actions.allowRemote(m.id, 'message')}>
                {t.loadForMessage}
              </button>
              <button className="link" onClick={() => actions.allowRemote(m.id, 'sender')}>
                {t.alwaysForSender}
              </button>
            </span>
            {remoteError && <span className="remote-error">{`${t.remoteFailed} ${remoteError}`}</span>}
          </div>
        )}
        {html !== undefined ? (
          <HtmlFrame
            html={html}
            remoteImages={body?.remoteImagesAllowed ?? false}
            inlineImages={body?.inlineImages ?? {}}
            foldQuotes={!quotedOpen}
            title={t.htmlTitle(m.subject)}
            onFacts={(f) => setHtmlQuote(f.hasQuote)}
          />
        ) : (
          <div className="message-body">{quotedOpen || folded.folded === null ? text.trimEnd() : folded.shown}</div>
        )}
        {hasQuote && (
          <button
            className="quote-toggle"
            aria-expanded={quotedOpen}
            aria-label={quotedOpen ? t.hideQuoted : t.showQuoted}
            title={quotedOpen ? t.hideQuoted : t.showQuoted}
            onClick={() => actions.toggleQuoted(m.id)}
          >
            …
          </button>
        )}
        {attachments.length > 0 && (
          <ul className="attachments" aria-label={t.attachments}>
            {attachments.map((a) => (
              <li key={a.index}>
                <PaperclipIcon /> <span className="attachment-name">{a.name}</span>{' '}
                <span className="muted">{formatSize(a.size, lang)}</span>{' '}
                <button className="link" disabled={saving === a.index} onClick={() => void save(a.index, a.name)}>
                  {saving === a.index ? t.saving : t.save}
                </button>
              </li>
            ))}
          </ul>
        )}
        {saveError && <p className="notice notice-error">{saveError}</p>}
      </article>
    </li>
  )
})
