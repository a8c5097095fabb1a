// "Same person?" in the customer sidebar: merge another customer into this one, split some
// conversations and addresses off to a new customer, and undo either. Each is a command in the
// registry (palette, cheat sheet) and works from the keyboard alone.
import { Fragment, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import type { Api, CustomerMatch, CustomerView } from '../../../../preload/api'
import type { Command } from '../../app/commands'
import { words, type Lang } from '../../app/i18n'
import { useCommands } from '../../app/useCommands'
import { Dialog } from '../../ui/Dialog'
import { FilterList } from '../../ui/FilterList'
import { flash } from '../../ui/flash'
import { identityWords } from './words'
import './customers.css'

interface Props {
  api: Api
  lang: Lang
  view: CustomerView
}

// The customer screen reloads itself on the engine's inbox.changed, which names the customers a
// merge, split or undo touched: nothing to refresh here.
export function CustomerIdentity({ api, lang, view }: Props) {
  const t = identityWords(lang)
  const [dialog, setDialog] = useState<'merge' | 'split' | null>(null)
  const { customer } = view
  const commands: Command[] = [
    {
      id: 'customer.merge',
      label: { en: identityWords('en').mergeCommand, ja: identityWords('ja').mergeCommand },
      group: 'triage',
      when: 'conversation',
      run: () => setDialog('merge'),
    },
    {
      id: 'customer.split',
      label: { en: identityWords('en').splitCommand, ja: identityWords('ja').splitCommand },
      group: 'triage',
      when: 'conversation',
      enabled: () => view.conversations.length + customer.keys.length > 1,
      run: () => setDialog('split'),
    },
    {
      id: 'customer.undoIdentity',
      label: { en: identityWords('en').undoCommand, ja: identityWords('ja').undoCommand },
      group: 'triage',
      when: 'conversation',
      run: () => {
        api.call('customer.undoIdentity', {}).then(
          (r) => flash(t.undone(r.kind)),
          (err: Error) => flash(`${t.failed} ${err.message}`, true),
        )
      },
    },
  ]
  useCommands(commands)
  const close = () => setDialog(null)
  return (
    <section aria-labelledby="sidebar-identity" className="identity">
      <h2 id="sidebar-identity">{t.identity}</h2>
      {customer.aliases && customer.aliases.length > 0 && (
        <p className="muted identity-aliases">
          {t.alsoKnownAs}: {customer.aliases.join(', ')}
        </p>
      )}
      <div className="identity-actions">
        <button className="ghost" onClick={() => setDialog('merge')}>
          {t.mergeButton}
        </button>
        <button className="ghost" onClick={() => setDialog('split')}>
          {t.splitButton}
        </button>
      </div>
      <Dialog open={dialog === 'merge'} onClose={close} label={t.mergeTitle(customer.name)} className="identity-dialog">
        <MergePicker api={api} lang={lang} view={view} onClose={close} />
      </Dialog>
      <Dialog open={dialog === 'split'} onClose={close} label={t.splitTitle(customer.name)} className="identity-dialog">
        <SplitPicker api={api} lang={lang} view={view} onClose={close} />
      </Dialog>
    </section>
  )
}

interface PickerProps {
  api: Api
  lang: Lang
  view: CustomerView
  onClose(): void
}

/** Type a few letters, ↑ ↓ to choose, Enter, then Enter again to confirm. */
function MergePicker({ api, lang, view, onClose }: PickerProps) {
  const t = identityWords(lang)
  const keep = view.customer
  const [query, setQuery] = useState('')
  const [matches, setMatches] = useState<CustomerMatch[]>([])
  const [active, setActive] = useState(0)
  const [chosen, setChosen] = useState<CustomerMatch | null>(null)
  const [error, setError] = useState<string | null>(null)
  const confirmRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    let live = true
    api.call('customer.find', { query, exclude: keep.id, limit: 12 }).then(
      (m) => {
        if (!live) return
        setMatches(m)
        setActive(0)
      },
      (err: Error) => live && setError(err.message),
    )
    return () => {
      live = false
    }
  }, [api, query, keep.id])

  useEffect(() => {
    if (chosen) confirmRef.current?.focus()
  }, [chosen])

  const merge = () => {
    if (!chosen) return
    api.call('customer.merge', { keepId: keep.id, mergeId: chosen.id }).then(
      () => {
        flash(t.merged(chosen.name, keep.name))
        onClose()
      },
      (err: Error) => setError(`${t.failed} ${err.message}`),
    )
  }

  return (
    <div className="identity-body">
      <h2 className="dialog-title">{t.mergeTitle(keep.name)}</h2>
      {chosen ? (
        <div className="identity-confirm">
          <p>{t.mergeConfirm(chosen.name, keep.name)}</p>
          <div className="identity-buttons">
            <button
              onClick={() => setChosen(null)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault()
                  setChosen(null)
                }
              }}
            >
              {t.back}
            </button>
            <button
              ref={confirmRef}
              className="primary"
              onClick={merge}
              onKeyDown={(e) => {
                // Esc steps back to the list rather than closing the whole dialog.
                if (e.key === 'Escape') {
                  e.preventDefault()
                  e.stopPropagation()
                  setChosen(null)
                }
              }}
            >
              {t.merge}
            </button>
          </div>
        </div>
      ) : (
        <FilterList
          label={t.mergeTitle(keep.name)}
          placeholder={t.mergeSearch}
          query={query}
          onQuery={setQuery}
          items={matches}
          keyOf={(m) => m.id}
          active={Math.min(active, Math.max(0, matches.length - 1))}
          onActive={setActive}
          onChoose={(m) => setChosen(m)}
          empty={t.noMatch}
          render={(m) => (
            <>
              <span className="palette-label">{m.name}</span>
              <span className="palette-group">{m.detail}</span>
            </>
          )}
        />
      )}
      {error && (
        <p className="order-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/** A checklist of the customer's conversations and keys: ↑ ↓, Space, then a name and Ctrl+Enter. */
function SplitPicker({ api, lang, view, onClose }: PickerProps) {
  const t = identityWords(lang)
  const id = useId()
  const items = [
    ...view.conversations.map((c) => ({
      id: `c:${c.id}`,
      group: 'c' as const,
      label: c.subject,
      detail: words(lang).channels[c.channel],
    })),
    ...view.customer.keys.map((k) => ({
      id: `k:${k.kind}:${k.value}`,
      group: 'k' as const,
      label: k.value,
      detail: t.keyKinds[k.kind] ?? k.kind,
    })),
  ]
  const [active, setActive] = useState(0)
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const listRef = useRef<HTMLUListElement>(null)
  useEffect(() => listRef.current?.focus(), [])

  const toggle = (itemId: string) =>
    setChosen((s) => {
      const next = new Set(s)
      if (next.has(itemId)) next.delete(itemId)
      else next.add(itemId)
      return next
    })

  const split = () => {
    const picked = [...chosen]
    api
      .call('customer.split', {
        customerId: view.customer.id,
        conversationIds: picked.filter((p) => p.startsWith('c:')).map((p) => p.slice(2)),
        keys: picked.filter((p) => p.startsWith('k:')).map((p) => p.slice(2)),
        ...(name.trim() ? { name: name.trim() } : {}),
      })
      .then(
        (r) => {
          const created = r.customers.find((c) => c.id !== view.customer.id)
          flash(t.splitDone(created?.name ?? name))
          onClose()
        },
        (err: Error) => setError(`${t.failed} ${err.message}`),
      )
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      split()
    }
  }

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'j') setActive((a) => Math.min(a + 1, items.length - 1))
    else if (e.key === 'ArrowUp' || e.key === 'k') setActive((a) => Math.max(a - 1, 0))
    else if (e.key === ' ' && items[active]) toggle(items[active]!.id)
    else return
    e.preventDefault()
  }

  const section = (group: 'c' | 'k') => (
    <li role="presentation" className="split-group">
      {group === 'c' ? t.conversations : t.keys}
    </li>
  )

  return (
    <div className="identity-body" onKeyDown={onKeyDown}>
      <h2 className="dialog-title">{t.splitTitle(view.customer.name)}</h2>
      <p className="field-help">{t.splitHelp}</p>
      <ul
        className="palette-list split-list"
        role="listbox"
        aria-multiselectable="true"
        aria-label={t.splitTitle(view.customer.name)}
        aria-activedescendant={items[active] ? `${id}-${active}` : undefined}
        tabIndex={0}
        ref={listRef}
        onKeyDown={onListKey}
      >
        {items.map((item, i) => (
          <Fragment key={item.id}>
            {(i === 0 || items[i - 1]!.group !== item.group) && section(item.group)}
            <li
              id={`${id}-${i}`}
              role="option"
              aria-selected={chosen.has(item.id)}
              className={`palette-option${i === active ? ' active' : ''}`}
              onClick={() => {
                setActive(i)
                toggle(item.id)
              }}
            >
              <span className="split-check" aria-hidden="true">
                {chosen.has(item.id) ? '☑' : '☐'}
              </span>
              <span className="palette-label">{item.label}</span>
              <span className="palette-group">{item.detail}</span>
            </li>
          </Fragment>
        ))}
      </ul>
      <label className="split-name">
        {t.newName}
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      {error && (
        <p className="order-error" role="alert">
          {error}
        </p>
      )}
      <div className="identity-buttons">
        <button className="primary" disabled={chosen.size === 0} onClick={split}>
          {t.split} <kbd>Ctrl+Enter</kbd>
        </button>
      </div>
    </div>
  )
}
