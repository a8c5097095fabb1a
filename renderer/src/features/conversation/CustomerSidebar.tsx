// Beside the timeline: who the customer is and how to reach them, their orders and what they
// have spent, the seller's tags and private note (saved as typed with customer.update), and
// their conversations with status.
// Everything is reachable from the keyboard: `n` goes to the note, `#` to the tags, Esc back.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react'
import type { Customer, Order } from '../../../../main/core/model'
import type { Api, CustomerView } from '../../../../preload/api'
import { formatDate, formatShortDate, words, type Lang } from '../../app/i18n'
import { ChannelBadge } from '../../ui/ChannelBadge'
import { CustomerCalls } from '../callbacks/CustomerCalls'
import { CustomerRules } from '../rules/CustomerRules'
import { CustomerIdentity } from '../customers/CustomerIdentity'
import { CustomerProfile } from './CustomerProfile'
import { conversationWords, formatMoney } from './words'

interface Props {
  api: Api
  lang: Lang
  view: CustomerView
  now: number
  noteRef: RefObject<HTMLTextAreaElement | null>
  tagsRef: RefObject<HTMLInputElement | null>
  onCustomer(customer: Customer): void
  /** Show a conversation's latest message in the timeline. */
  onJump(conversationId: string): void
  /** The seller is done in a field (Esc): back to the timeline. */
  onLeaveField(): void
}

const NOTE_SAVE_MS = 600

export function CustomerSidebar({ api, lang, view, now, noteRef, tagsRef, onCustomer, onJump, onLeaveField }: Props) {
  const t = conversationWords(lang)
  const common = words(lang)
  const { customer, orders, conversations } = view
  // Edits overlap (a tag added while the note saves): an older answer must not replace the
  // customer shown after a newer edit, or the next edit would be built on stale tags.
  const latest = useRef(0)
  const update = useCallback(
    (fields: { tags?: string[]; note?: string }) => {
      const mine = ++latest.current
      return api.call('customer.update', { customerId: customer.id, ...fields }).then((c) => {
        if (mine === latest.current) onCustomer(c)
        return c
      })
    },
    [api, customer.id, onCustomer],
  )

  return (
    <aside className="sidebar" aria-label={t.customerDetails}>
      <CustomerProfile view={view} lang={lang} />
      <section aria-labelledby="sidebar-orders">
        <h2 id="sidebar-orders">{common.orders}</h2>
        <LifetimeValue orders={orders} lang={lang} />
        {orders.length === 0 ? (
          <p className="muted">{t.noOrders}</p>
        ) : (
          <ul className="orders">
            {orders.map((o) => (
              <li key={o.id}>
                <div className="order-head">
                  <ChannelBadge channel={o.channel} lang={lang} />
                  <span className="order">#{o.orderNumber}</span>
                  <span className={`order-status order-${o.status}`}>{t.orderStatus[o.status]}</span>
                </div>
                <div className="order-items">
                  {o.items.map((i, n) => (
                    <div key={n}>
                      {i.title} <span className="muted">× {i.quantity}</span>
                    </div>
                  ))}
                </div>
                <div className="order-foot">
                  <strong>{formatMoney(o.total, o.currency, lang)}</strong>
                  <span className="muted">{formatShortDate(o.placedAt, now, lang)}</span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Tags
        lang={lang}
        customer={customer}
        inputRef={tagsRef}
        update={update}
        onCustomer={onCustomer}
        onLeave={onLeaveField}
      />
      <Note
        lang={lang}
        customer={customer}
        noteRef={noteRef}
        update={update}
        onCustomer={onCustomer}
        onLeave={onLeaveField}
      />
      <CustomerIdentity api={api} lang={lang} view={view} />
      <CustomerCalls api={api} lang={lang} view={view} />
      <CustomerRules api={api} lang={lang} customerId={customer.id} />
      <section aria-labelledby="sidebar-conversations">
        <h2 id="sidebar-conversations">{t.pastConversations}</h2>
        <ul className="past-conversations">
          {conversations.map((c) => (
            <li key={c.id}>
              <button className="past-conversation" onClick={() => onJump(c.id)}>
                <span className="past-head">
                  <ChannelBadge channel={c.channel} lang={lang} />
                  <span className={`conversation-status status-${c.status}`}>{t.status[c.status]}</span>
                  <span className="muted">{formatShortDate(c.lastMessageAt, now, lang)}</span>
                </span>
                <span className="past-subject">{c.subject}</span>
                <span className="muted past-meta">
                  {t.messages(c.messageCount)}
                  {c.status === 'snoozed' && c.snoozedUntil && ` · ${t.snoozedUntil(formatDate(c.snoozedUntil, lang))}`}
                  {c.status === 'snoozed' && c.snoozedUntilReply && ` · ${t.untilTheyReply}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </aside>
  )
}

/** What the customer has spent, per currency, leaving out cancelled and returned orders. */
function LifetimeValue({ orders, lang }: { orders: Order[]; lang: Lang }) {
  const t = conversationWords(lang)
  const totals = new Map<string, number>()
  for (const o of orders) {
    if (o.status === 'cancelled' || o.status === 'returned') continue
    totals.set(o.currency, (totals.get(o.currency) ?? 0) + o.total)
  }
  if (totals.size === 0) return null
  return (
    <p className="lifetime">
      <span className="muted">{t.lifetimeValue}</span>{' '}
      <strong>{[...totals].map(([currency, total]) => formatMoney(total, currency, lang)).join(' + ')}</strong>
    </p>
  )
}

interface FieldProps {
  lang: Lang
  customer: Customer
  /** Saves fields of the customer; the shown customer follows only the latest answer. */
  update(fields: { tags?: string[]; note?: string }): Promise<Customer>
  onCustomer(customer: Customer): void
  onLeave(): void
}

function Tags({
  lang,
  update,
  customer,
  inputRef,
  onCustomer,
  onLeave,
}: FieldProps & { inputRef: RefObject<HTMLInputElement | null> }) {
  const t = conversationWords(lang)
  const [draft, setDraft] = useState('')
  const [error, setError] = useState<string | null>(null)

  const save = (tags: string[]) => {
    setError(null)
    onCustomer({ ...customer, tags })
    update({ tags }).catch((e: Error) => {
      setError(e.message)
      onCustomer(customer)
    })
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return
    if (e.key === 'Enter' || e.key === ',') {
      e.preventDefault()
      const tag = draft.trim()
      if (tag && !customer.tags.some((x) => x.toLowerCase() === tag.toLowerCase())) save([...customer.tags, tag])
      setDraft('')
    } else if (e.key === 'Backspace' && draft === '' && customer.tags.length > 0) {
      e.preventDefault()
      save(customer.tags.slice(0, -1))
    } else if (e.key === 'Escape') {
      e.preventDefault()
      setDraft('')
      onLeave()
    }
  }

  return (
    <section aria-labelledby="sidebar-tags">
      <h2 id="sidebar-tags">
        <label htmlFor="sidebar-tag-input">{t.tags}</label>
      </h2>
      <div className="tags">
        {customer.tags.map((tag) => (
          <span key={tag} className="tag">
            {tag}
            <button
              className="tag-remove"
              aria-label={t.removeTag(tag)}
              onClick={() => save(customer.tags.filter((x) => x !== tag))}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id="sidebar-tag-input"
          ref={inputRef}
          className="tag-input"
          value={draft}
          placeholder={t.tagsPlaceholder}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          autoComplete="off"
        />
      </div>
      {error && <p className="field-error">{error}</p>}
    </section>
  )
}

function Note({
  lang,
  customer,
  noteRef,
  update,
  onLeave,
}: FieldProps & { noteRef: RefObject<HTMLTextAreaElement | null> }) {
  const t = conversationWords(lang)
  const [text, setText] = useState(customer.note)
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | { error: string }>('idle')
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  // The note as the engine has it: what was loaded, or last saved from here.
  const [saved, setSaved] = useState(customer.note)

  // Changed elsewhere (another window) while nothing was being typed here: show the new one.
  if (customer.note !== saved && text === saved) {
    setSaved(customer.note)
    setText(customer.note)
  }

  const save = (note: string) => {
    clearTimeout(timer.current)
    if (note === saved) return
    setState('saving')
    update({ note }).then(
      (c) => {
        setSaved(c.note)
        setState('saved')
      },
      (e: Error) => setState({ error: e.message }),
    )
  }

  useEffect(() => () => clearTimeout(timer.current), [])

  return (
    <section aria-labelledby="sidebar-note">
      <h2 id="sidebar-note">
        <label htmlFor="sidebar-note-input">{t.note}</label>
        <span className="note-state" role="status">
          {state === 'saving' ? t.noteSaving : state === 'saved' ? t.noteSaved : ''}
        </span>
      </h2>
      <textarea
        id="sidebar-note-input"
        ref={noteRef}
        className="note"
        value={text}
        rows={4}
        placeholder={t.notePlaceholder}
        onChange={(e) => {
          const note = e.target.value
          setText(note)
          clearTimeout(timer.current)
          timer.current = setTimeout(() => save(note), NOTE_SAVE_MS)
        }}
        onBlur={() => save(text)}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing || e.keyCode === 229) return
          if (e.key === 'Escape') {
            e.preventDefault()
            save(text)
            onLeave()
          }
        }}
      />
      {typeof state === 'object' && <p className="field-error">{state.error}</p>}
    </section>
  )
}
