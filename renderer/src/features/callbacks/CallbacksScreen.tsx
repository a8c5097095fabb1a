// `g c`: the callbacks screen, over whatever the seller was doing. Three tabs: the callback list
// (overdue highlighted, due today, upcoming; j/k, Enter opens the customer, e done, s snooze an
// hour, r reschedule, E edit, Delete delete), this week's five customers to call with the call
// script and a form to log each call (`g f`), and the voice of the customer (what they said).
// A modal <dialog> like the settings: the keymap keeps running, in the `callbacks` context.
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type {
  Api,
  CallbackEntry,
  CallbackList,
  CallPlanView,
  RescheduleChoice,
  VoiceEntry,
} from '../../../../preload/api'
import type { Command } from '../../app/commands'
import { formatWhen, type Lang } from '../../app/i18n'
import { useCommandContext, useCommands, useKeysOf } from '../../app/useCommands'
import { ChannelBadge } from '../../ui/ChannelBadge'
import { WithKeys } from '../../ui/Keys'
import { CallbackDialog, type CallbackTarget } from './CallbackDialog'
import { CallFive, type CallFiveHandle } from './CallFive'
import { ReschedulePicker } from './ReschedulePicker'
import { VoiceList } from './VoiceList'
import { callbackWords } from './words'
import './callbacks.css'

export type CallbacksTab = 'list' | 'five' | 'voice'
const TABS: readonly CallbacksTab[] = ['list', 'five', 'voice']
const TAB_KEYS: Record<CallbacksTab, string> = { list: '1', five: '2', voice: '3' }

interface Props {
  api: Api
  lang: Lang
  start: CallbacksTab
  onClose(): void
  onOpenCustomer(customerId: string, conversationId: string | undefined): void
}

export function CallbacksScreen({ api, lang, start, onClose, onOpenCustomer }: Props) {
  const t = callbackWords(lang)
  const keysOf = useKeysOf()
  const dialog = useRef<HTMLDialogElement>(null)
  const body = useRef<HTMLDivElement>(null)
  const five = useRef<CallFiveHandle>(null)
  const [tab, setTab] = useState<CallbacksTab>(start)
  const [list, setList] = useState<CallbackList | null>(null)
  const [plan, setPlan] = useState<CallPlanView | null>(null)
  const [voice, setVoice] = useState<VoiceEntry[] | null>(null)
  const [selected, setSelected] = useState<Record<CallbacksTab, number>>({ list: 0, five: 0, voice: 0 })
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [rescheduling, setRescheduling] = useState(false)
  const [editing, setEditing] = useState<CallbackTarget | null>(null)
  useCommandContext('callbacks')

  // `g f` while the screen is open switches to the plan: follow `start` when it changes.
  const [shownStart, setShownStart] = useState(start)
  if (start !== shownStart) {
    setShownStart(start)
    setTab(start)
  }

  useLayoutEffect(() => {
    const el = dialog.current
    const before = document.activeElement
    if (el && !el.open) el.showModal()
    body.current?.focus()
    return () => {
      if (el?.open) el.close()
      if (before instanceof HTMLElement && before.isConnected) before.focus({ preventScroll: true })
    }
  }, [])

  useEffect(() => {
    const fail = (e: Error) => setError(e.message)
    const load = () => {
      api.call('callback.list', {}).then(setList, fail)
      api.call('callFive.plan', {}).then(setPlan, fail)
      api.call('voice.list', {}).then(setVoice, fail)
    }
    load()
    return api.on('callbacks.changed', load)
  }, [api])

  const entries: CallbackEntry[] = list ? [...list.overdue, ...list.today, ...list.upcoming] : []
  const lengthOf = (which: CallbacksTab) =>
    which === 'list' ? entries.length : which === 'five' ? (plan?.picks.length ?? 0) : (voice?.length ?? 0)
  const at = Math.min(selected[tab], Math.max(0, lengthOf(tab) - 1))
  const current = tab === 'list' ? entries[at] : undefined
  const move = (by: number) =>
    setSelected((s) => ({ ...s, [tab]: Math.max(0, Math.min(lengthOf(tab) - 1, s[tab] + by)) }))

  useEffect(() => {
    document.querySelector('.callbacks-screen .cb-row.selected')?.scrollIntoView({ block: 'nearest' })
  }, [at, tab])

  const update = (entry: CallbackEntry, change: { done?: boolean; reschedule?: RescheduleChoice }) => {
    api.call('callback.update', { id: entry.id, ...change }).then(
      (r) =>
        setMessage(
          change.done
            ? t.doneSaid(entry.customerName)
            : t.snoozedSaid(entry.customerName, formatWhen(new Date(r.dueAt), lang)),
        ),
      (e: Error) => setError(e.message),
    )
  }

  const showTab = (next: CallbacksTab) => {
    setTab(next)
    setMessage(null)
    body.current?.focus()
  }

  const inField = () => {
    const el = document.activeElement
    return el instanceof HTMLElement && el.closest('input, textarea, select') !== null
  }

  const commands: Command[] = [
    {
      id: 'callbacks.close',
      label: { en: 'Close the callbacks', ja: '折り返し電話を閉じる' },
      group: 'go',
      keys: ['Escape'],
      when: 'callbacks',
      global: true,
      run: () => {
        // From a field of the log form, Esc first leaves the field (nothing typed is lost).
        if (inField()) body.current?.focus()
        else onClose()
      },
    },
    ...TABS.map((which): Command => ({
      id: `callbacks.tab.${which}`,
      label: {
        en: `Callbacks: ${callbackWords('en').tabs[which]}`,
        ja: `折り返し電話: ${callbackWords('ja').tabs[which]}`,
      },
      group: 'go',
      keys: [TAB_KEYS[which]],
      when: 'callbacks',
      run: () => showTab(which),
    })),
    {
      id: 'callbacks.next',
      label: { en: 'Next callback', ja: '次の折り返し電話' },
      group: 'move',
      keys: ['j', 'ArrowDown'],
      when: 'callbacks',
      run: () => move(1),
    },
    {
      id: 'callbacks.previous',
      label: { en: 'Previous callback', ja: '前の折り返し電話' },
      group: 'move',
      keys: ['k', 'ArrowUp'],
      when: 'callbacks',
      run: () => move(-1),
    },
    {
      id: 'callbacks.first',
      label: { en: 'First callback', ja: '最初の折り返し電話' },
      group: 'move',
      keys: ['Home'],
      when: 'callbacks',
      run: () => move(-lengthOf(tab)),
    },
    {
      id: 'callbacks.last',
      label: { en: 'Last callback', ja: '最後の折り返し電話' },
      group: 'move',
      keys: ['End'],
      when: 'callbacks',
      run: () => move(lengthOf(tab)),
    },
    {
      id: 'callbacks.open',
      label: { en: 'Open the customer', ja: 'お客様を開く' },
      group: 'move',
      keys: ['Enter'],
      when: 'callbacks',
      enabled: () => lengthOf(tab) > 0,
      run: () => {
        if (tab === 'list' && current) onOpenCustomer(current.customerId, current.openConversationId)
        const pick = tab === 'five' ? plan?.picks[at] : undefined
        if (pick) onOpenCustomer(pick.customerId, pick.openConversationId)
        const said = tab === 'voice' ? voice?.[at] : undefined
        if (said) onOpenCustomer(said.customerId, undefined)
      },
    },
    {
      id: 'callbacks.done',
      label: { en: 'Callback done', ja: '折り返し電話を完了にする' },
      group: 'triage',
      keys: ['e'],
      when: 'callbacks',
      enabled: () => tab === 'list' && current !== undefined,
      run: () => current && update(current, { done: true }),
    },
    {
      id: 'callbacks.snooze',
      label: { en: 'Snooze the callback an hour', ja: '折り返し電話を1時間後に' },
      group: 'triage',
      keys: ['s'],
      when: 'callbacks',
      enabled: () => tab === 'list' && current !== undefined,
      run: () => current && update(current, { reschedule: 'hour' }),
    },
    {
      id: 'callbacks.reschedule',
      label: { en: 'Reschedule the callback…', ja: '折り返し電話の日時を変更…' },
      group: 'triage',
      keys: ['r'],
      when: 'callbacks',
      enabled: () => tab === 'list' && current !== undefined,
      run: () => setRescheduling(true),
    },
    {
      id: 'callbacks.edit',
      label: { en: 'Edit the callback…', ja: '折り返し電話を編集…' },
      group: 'triage',
      keys: ['E'],
      when: 'callbacks',
      enabled: () => tab === 'list' && current !== undefined,
      run: () =>
        current && setEditing({ customerId: current.customerId, name: current.customerName, editing: current }),
    },
    {
      id: 'callbacks.delete',
      label: { en: 'Delete the callback', ja: '折り返し電話を削除' },
      group: 'triage',
      keys: ['Delete'],
      when: 'callbacks',
      enabled: () => tab === 'list' && current !== undefined,
      run: () =>
        current &&
        api.call('callback.delete', { id: current.id }).then(
          () => setMessage(t.deletedSaid(current.customerName)),
          (e: Error) => setError(e.message),
        ),
    },
    {
      id: 'callFive.logCall',
      label: { en: 'Log the call', ja: '通話を記録' },
      group: 'triage',
      keys: ['l'],
      when: 'callbacks',
      enabled: () => tab === 'five' && (plan?.picks.length ?? 0) > 0,
      run: () => five.current?.focusForm(),
    },
    {
      id: 'callFive.save',
      label: { en: 'Save the call', ja: '通話を保存' },
      group: 'triage',
      keys: ['Mod+Enter'],
      when: 'callbacks',
      global: true,
      enabled: () => tab === 'five' && (plan?.picks.length ?? 0) > 0,
      run: () => five.current?.save(),
    },
  ]
  useCommands(commands)

  const k = (id: string) => keysOf(id)
  return (
    <dialog
      ref={dialog}
      className="full-screen callbacks-screen"
      aria-label={t.title}
      onCancel={(e) => e.preventDefault()}
    >
      <header className="callbacks-head">
        <h1>{t.title}</h1>
        <nav className="callbacks-tabs" role="tablist">
          {TABS.map((which) => (
            <button
              key={which}
              role="tab"
              aria-selected={tab === which}
              className={`callbacks-tab${tab === which ? ' active' : ''}`}
              tabIndex={-1}
              onClick={() => showTab(which)}
            >
              <kbd>{TAB_KEYS[which]}</kbd> {t.tabs[which]}
              {which === 'list' && list && list.overdue.length > 0 && (
                <span className="cb-count late">{list.overdue.length}</span>
              )}
            </button>
          ))}
        </nav>
        <span className="muted callbacks-close">
          <WithKeys text="{esc}" keys={{ esc: k('callbacks.close') }} />
        </span>
      </header>
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}
      <div className="callbacks-body" ref={body} tabIndex={-1}>
        {tab === 'list' && <CallbackListView lang={lang} list={list} entries={entries} at={at} keysOf={k} />}
        {tab === 'five' && (
          <CallFive
            ref={five}
            api={api}
            lang={lang}
            plan={plan}
            at={at}
            keysOf={k}
            onLogged={(name) => {
              setMessage(t.logged(name))
              body.current?.focus()
            }}
            onError={setError}
          />
        )}
        {tab === 'voice' && <VoiceList lang={lang} voice={voice} at={at} keysOf={k} />}
      </div>
      <footer className="callbacks-foot" role="status">
        {message ?? (
          <span className="muted">
            {tab === 'list' ? (
              <WithKeys
                text={t.listHelp}
                keys={{
                  j: k('callbacks.next'),
                  k: k('callbacks.previous'),
                  enter: k('callbacks.open'),
                  e: k('callbacks.done'),
                  s: k('callbacks.snooze'),
                  r: k('callbacks.reschedule'),
                  edit: k('callbacks.edit'),
                  del: k('callbacks.delete'),
                }}
              />
            ) : tab === 'five' ? (
              <WithKeys
                text={t.fiveHelp}
                keys={{
                  j: k('callbacks.next'),
                  k: k('callbacks.previous'),
                  enter: k('callbacks.open'),
                  l: k('callFive.logCall'),
                  save: k('callFive.save'),
                }}
              />
            ) : null}
          </span>
        )}
      </footer>
      <ReschedulePicker
        open={rescheduling}
        lang={lang}
        name={current?.customerName}
        onClose={() => {
          setRescheduling(false)
          body.current?.focus()
        }}
        onChoose={(choice) => current && update(current, { reschedule: choice })}
      />
      <CallbackDialog
        api={api}
        lang={lang}
        target={editing}
        onClose={() => {
          setEditing(null)
          body.current?.focus()
        }}
        onSaved={(r, name) => setMessage(t.saved(name, formatWhen(new Date(r.dueAt), lang)))}
      />
    </dialog>
  )
}

function CallbackListView({
  lang,
  list,
  entries,
  at,
  keysOf,
}: {
  lang: Lang
  list: CallbackList | null
  entries: CallbackEntry[]
  at: number
  keysOf(id: string): string[] | undefined
}) {
  const t = callbackWords(lang)
  if (!list) return <p className="muted">…</p>
  if (entries.length === 0) {
    return (
      <div className="empty">
        <p>{t.empty}</p>
        <p className="muted">
          <WithKeys text={t.emptyHint} keys={{ c: keysOf('callback.new') }} />
        </p>
      </div>
    )
  }
  const selectedId = entries[at]?.id
  const group = (kind: 'overdue' | 'today' | 'upcoming') => (
    <section className={`cb-group cb-${kind}`} aria-label={t[kind]}>
      <h2>
        {t[kind]} <span className="muted">{list[kind].length}</span>
      </h2>
      {list[kind].length === 0 ? (
        <p className="muted cb-none">{t.groupEmpty}</p>
      ) : (
        <ul className="cb-rows" role="listbox" aria-label={t[kind]}>
          {list[kind].map((r) => (
            <li
              key={r.id}
              role="option"
              aria-selected={r.id === selectedId}
              className={`cb-row${r.id === selectedId ? ' selected' : ''}${kind === 'overdue' ? ' overdue' : ''}`}
            >
              <span className="cb-when">{formatWhen(new Date(r.dueAt), lang)}</span>
              <span className="cb-who">
                {r.channel && <ChannelBadge channel={r.channel} lang={lang} />} <strong>{r.customerName}</strong>
              </span>
              <span className="cb-reason">
                {r.reason}
                {r.note && <span className="muted cb-note"> — {r.note}</span>}
              </span>
              <span className={`cb-phone${r.callPhone ? '' : ' muted'}`}>
                {r.callPhone ?? t.noPhone}
                {r.phoneSource && t.phoneFrom[r.phoneSource] && (
                  <span className="muted"> · {t.phoneFrom[r.phoneSource]}</span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
  return (
    <>
      {group('overdue')}
      {group('today')}
      {group('upcoming')}
    </>
  )
}
