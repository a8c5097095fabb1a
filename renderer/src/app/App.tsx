// The shell: top bar with the views, the screen (inbox or one customer), the status bar, the
// palette and the cheat sheet. It owns the commands that are not any one screen's: moving in
// the inbox, opening, done and undo, going to a view, the palette, the language.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import { CHANNELS, type Channel, type Settings } from '../../../main/core/model'
import { INBOX_VIEWS, type Api, type AppInfo, type InboxView, type SearchHit } from '../../../preload/api'
import { CheatSheet } from '../features/commands/CheatSheet'
import { CommandPalette } from '../features/commands/CommandPalette'
import { UndoSendToast } from '../features/composer/UndoSendToast'
import { InboxScreen, ROW_HEIGHT } from '../features/inbox/InboxScreen'
import { useInbox, type TriageEntry } from '../features/inbox/useInbox'
import { SnoozePicker } from '../features/inbox/SnoozePicker'
import { workingWeekOf, type SnoozeUntil } from '../features/inbox/snoozeOptions'
import { ViewBar } from '../features/inbox/ViewBar'
import { tagCommands } from '../features/inbox/tagCommands'
import { useTags } from '../features/inbox/useTags'
import { Welcome } from '../features/onboarding/Welcome'
import { SearchDialog } from '../features/search/SearchDialog'
import type { SettingsTarget } from '../features/settings/SettingsScreen'
import { SettingsButton, settingsCommands } from '../features/settings/settingsCommands'
import { LazyReportsScreen } from '../features/reports/LazyReportsScreen'
import { reportsCommands } from '../features/reports/reportsCommands'
import { templatesCommands } from '../features/templates/templatesCommands'
import { CallbackDialog, type CallbackTarget } from '../features/callbacks/CallbackDialog'
import { callbackCommands, callbackTargetOf, callbackSaved } from '../features/callbacks/callbackCommands'
import type { CallbacksTab } from '../features/callbacks/CallbacksScreen'
import { rulesCommands } from '../features/rules/rulesCommands'
import { AlertToasts } from '../features/status/AlertToasts'
import { StatusBar } from '../features/status/StatusBar'
import { useSyncStatus } from '../features/status/useSyncStatus'
import { WithKeys } from '../ui/Keys'
import { OrderImport } from '../features/orders/OrderImportDialog'
import { KeyBindings } from '../features/keys/KeyBindings'
import { Lingering, useLingering } from '../features/conversation/Lingering'
import type { Command } from './commands'
import {
  CallbacksScreen,
  CustomerScreen,
  RulesScreen,
  SettingsScreen,
  TemplatesScreen,
  preloadScreensWhenIdle,
} from './lazyScreens'
import { formatWhen, systemLanguage, words, type Lang } from './i18n'
import { formatSequence } from './keymap'
import { CommandsProvider, useCommandContext, useCommands, useCommandsContext, useKeysOf } from './useCommands'

export function App({ api }: { api: Api }) {
  return (
    <CommandsProvider>
      <KeyBindings api={api}>
        <Shell api={api} />
      </KeyBindings>
    </CommandsProvider>
  )
}

/** What the status bar says about the last action. */
type Message =
  | { kind: 'triaged'; entry: TriageEntry }
  | { kind: 'reopened'; entry: TriageEntry }
  | { kind: 'nothingToUndo' }
  | { kind: 'failed'; entry: TriageEntry | null; error: string }
  | { kind: 'callback'; text: string }

const VIEW_KEYS: Record<InboxView, string> = { waiting: 'g i', overdue: 'g o', snoozed: 'g s', done: 'g d', all: 'g a' }
const VIEW_LABELS: Record<InboxView, { en: string; ja: string }> = {
  waiting: { en: 'Go to the inbox (Waiting)', ja: '受信トレイ（対応待ち）へ移動' },
  overdue: { en: 'Show overdue customers (clock ran out)', ja: '返信期限を過ぎたお客様を表示' },
  snoozed: { en: 'Show snoozed customers', ja: 'スヌーズ中のお客様を表示' },
  done: { en: 'Show customers done', ja: '対応済みのお客様を表示' },
  all: { en: 'Show all customers', ja: 'すべてのお客様を表示' },
}

function Shell({ api }: { api: Api }) {
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [settings, setSettings] = useState<Settings | null>(null)
  const [accounts, setAccounts] = useState<number | null>(null)
  const [openRow, setOpenRow] = useState<{ customerId: string; conversationId: string } | null>(null)
  const [palette, setPalette] = useState(false)
  const [cheatSheet, setCheatSheet] = useState(false)
  const [snoozing, setSnoozing] = useState(false)
  const [search, setSearch] = useState({ open: false, query: '', active: 0 })
  /** The message a search hit opened the customer at; Esc there goes back to the results. */
  const [hitOpened, setHitOpened] = useState<string | null>(null)
  const [settingsAt, setSettingsAt] = useState<SettingsTarget | null>(null)
  const [reportsOpen, setReportsOpen] = useState(false)
  const [templatesOpen, setTemplatesOpen] = useState(false)
  const [rulesOpen, setRulesOpen] = useState(false)
  const [callbacksAt, setCallbacksAt] = useState<CallbacksTab | null>(null)
  const [callbackFor, setCallbackFor] = useState<CallbackTarget | null>(null)
  const [focusRequest, setFocusRequest] = useState(0)
  const [message, setMessage] = useState<Message | null>(null)
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set())
  const [error, setError] = useState<string | null>(null)
  const { registry, pending, mac } = useCommandsContext()
  const keysOf = useKeysOf()
  const sync = useSyncStatus(api)

  const language = settings?.language ?? info?.language ?? 'system'
  const lang: Lang = language === 'system' ? systemLanguage() : language
  const t = words(lang)

  const onDoneFailed = useCallback(
    (entry: TriageEntry | null, error: string) => setMessage({ kind: 'failed', entry, error }),
    [],
  )
  const inbox = useInbox(api, onDoneFailed)

  useEffect(() => {
    const fail = (e: Error) => setError(e.message)
    const loadInfo = () => api.call('app.info', {}).then(setInfo, fail)
    void loadInfo()
    api.call('settings.get', {}).then(setSettings, fail)
    api.call('account.list', {}).then((a) => setAccounts(a.length), fail)
    const offSettings = api.on('settings.changed', setSettings)
    const offNotice = api.on('app.notice', () => void loadInfo())
    // A workspace filling for the first time (demo opened, first sync) leaves the welcome screen.
    const offChanged = api.on('inbox.changed', () => {
      setInfo((i) => {
        if (i && i.counts.customers === 0) void loadInfo()
        return i
      })
    })
    return () => {
      offSettings()
      offNotice()
      offChanged()
    }
  }, [api])

  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])

  // The inbox is about to show: then fetch the screens its first paint did not need.
  useEffect(() => {
    if (info) preloadScreensWhenIdle()
  }, [info])

  useEffect(() => {
    if (!message || message.kind === 'failed') return
    const timer = setTimeout(() => setMessage(null), 10_000)
    return () => clearTimeout(timer)
  }, [message])

  const welcome = info !== null && info.counts.customers === 0 && accounts === 0
  const tags = useTags(api, !welcome)
  /** Bumped by "Filter by tag…": the view bar focuses its tag picker. */
  const [tagPickRequest, setTagPickRequest] = useState(0)
  const screen = welcome ? 'welcome' : openRow ? 'conversation' : 'inbox'
  // The customer screen stays mounted, hidden, for a moment after Esc (features/conversation/Lingering).
  const customerShown = useLingering(useMemo(() => openRow && { ...openRow, hit: hitOpened }, [openRow, hitOpened]))
  useCommandContext(screen === 'conversation' ? 'conversation' : 'inbox')

  const open = useCallback(
    (index: number) => {
      const row = inbox.rowAt(index)
      if (!row) return
      inbox.select(index)
      setOpenRow({ customerId: row.customerId, conversationId: row.conversationId })
    },
    [inbox],
  )
  const backToInbox = useCallback(() => {
    setOpenRow(null)
    setHitOpened(null)
    setSettingsAt(null)
    setCallbacksAt(null)
    setFocusRequest((n) => n + 1)
  }, [])
  const showView = useCallback(
    (view: InboxView, channel?: Channel, tag?: string) => {
      inbox.setView(view, channel, tag)
      backToInbox()
    },
    [inbox, backToInbox],
  )

  // Read when a command runs, not when the shell rendered: the shell does not re-render on every
  // move in the list (useInbox), only the list does.
  const selectedRow = () => inbox.rowAt(inbox.selected)
  const pageRows = () => Math.max(1, Math.floor((window.innerHeight - 160) / ROW_HEIGHT))
  const inInbox = screen === 'inbox'
  const commands: Command[] = [
    {
      id: 'inbox.next',
      label: { en: 'Next customer', ja: '次のお客様' },
      group: 'move',
      keys: ['j', 'ArrowDown'],
      when: 'inbox',
      enabled: () => inInbox,
      run: () => inbox.select(inbox.selected + 1),
    },
    {
      id: 'inbox.previous',
      label: { en: 'Previous customer', ja: '前のお客様' },
      group: 'move',
      keys: ['k', 'ArrowUp'],
      when: 'inbox',
      enabled: () => inInbox,
      run: () => inbox.select(inbox.selected - 1),
    },
    {
      id: 'inbox.pageDown',
      label: { en: 'A page down', ja: '1 ページ下へ' },
      group: 'move',
      keys: ['PageDown'],
      when: 'inbox',
      enabled: () => inInbox,
      run: () => inbox.select(inbox.selected + pageRows()),
    },
    {
      id: 'inbox.pageUp',
      label: { en: 'A page up', ja: '1 ページ上へ' },
      group: 'move',
      keys: ['PageUp'],
      when: 'inbox',
      enabled: () => inInbox,
      run: () => inbox.select(inbox.selected - pageRows()),
    },
    {
      id: 'inbox.first',
      label: { en: 'First customer', ja: '最初のお客様' },
      group: 'move',
      keys: ['Home'],
      when: 'inbox',
      enabled: () => inInbox,
      run: () => inbox.select(0),
    },
    {
      id: 'inbox.last',
      label: { en: 'Last customer', ja: '最後のお客様' },
      group: 'move',
      keys: ['End'],
      when: 'inbox',
      enabled: () => inInbox,
      run: () => inbox.select((inbox.total ?? 1) - 1),
    },
    {
      id: 'inbox.open',
      label: { en: 'Open the customer', ja: 'お客様を開く' },
      group: 'move',
      keys: ['Enter'],
      when: 'inbox',
      enabled: () => inInbox && selectedRow() !== undefined,
      run: () => open(inbox.selected),
    },
    {
      id: 'conversation.back',
      label: { en: 'Back to the inbox', ja: '受信トレイに戻る' },
      group: 'move',
      keys: ['Escape'],
      when: 'conversation',
      run: () => {
        if (hitOpened === null) return backToInbox()
        setHitOpened(null)
        setOpenRow(null)
        setSearch((s) => ({ ...s, open: true }))
      },
    },
    {
      id: 'search.open',
      label: { en: 'Search all messages', ja: 'すべてのメッセージを検索' },
      group: 'go',
      keys: ['/'],
      when: ['inbox', 'conversation'],
      enabled: () => !welcome,
      run: () => setSearch((s) => ({ ...s, open: true })),
    },
    {
      id: 'inbox.done',
      label: { en: 'Mark done', ja: '対応済みにする' },
      group: 'triage',
      keys: ['e'],
      when: ['inbox', 'conversation'],
      enabled: () => !welcome && (openRow !== null || (selectedRow() ?? { status: 'done' }).status !== 'done'),
      run: () => {
        // The open customer may have left this view meanwhile (the reply went out, so they no
        // longer wait) and the selection moved on to the next one: `e` is still about the open
        // customer. Their conversation is marked done directly (without an undo entry).
        if (openRow && selectedRow()?.customerId !== openRow.customerId) {
          api
            .call('conversation.setStatus', { conversationId: openRow.conversationId, status: 'done' })
            .catch((e: Error) => setError(e.message))
          backToInbox()
          return
        }
        const entry = inbox.markDone()
        if (!entry) return
        setMessage({ kind: 'triaged', entry })
        if (openRow) backToInbox()
      },
    },
    {
      id: 'inbox.snooze',
      label: { en: 'Snooze…', ja: 'スヌーズ…' },
      group: 'triage',
      keys: ['s'],
      // The conversation screen has its own snooze (same key, same picker behaviour).
      when: 'inbox',
      enabled: () => !welcome && selectedRow() !== undefined,
      run: () => setSnoozing(true),
    },
    {
      id: 'inbox.undo',
      label: { en: 'Undo done or snooze', ja: '対応済み・スヌーズを取り消す' },
      group: 'triage',
      keys: ['u'],
      when: 'inbox',
      enabled: () => inInbox,
      run: () => {
        const entry = inbox.undo()
        setMessage(entry ? { kind: 'reopened', entry } : { kind: 'nothingToUndo' })
      },
    },
    ...INBOX_VIEWS.map((view): Command => ({
      id: `view.${view}`,
      label: VIEW_LABELS[view],
      group: 'go',
      keys: [VIEW_KEYS[view]],
      when: 'anywhere',
      enabled: () => !welcome,
      run: () => showView(view),
    })),
    {
      id: 'channel.all',
      label: { en: 'Channel: all channels', ja: 'チャネル: すべて' },
      group: 'go',
      when: 'anywhere',
      enabled: () => !welcome && inbox.channel !== undefined,
      run: () => showView(inbox.view, undefined, inbox.tag),
    },
    ...CHANNELS.map((channel): Command => ({
      id: `channel.${channel}`,
      label: { en: `Channel: ${words('en').channels[channel]}`, ja: `チャネル: ${words('ja').channels[channel]}` },
      group: 'go',
      when: 'anywhere',
      enabled: () => !welcome && inbox.channel !== channel,
      run: () => showView(inbox.view, channel, inbox.tag),
    })),
    {
      id: 'app.palette',
      label: { en: 'Command palette', ja: 'コマンドパレット' },
      group: 'app',
      keys: ['Mod+K'],
      when: 'anywhere',
      global: true,
      run: () => setPalette(true),
    },
    {
      id: 'app.shortcuts',
      label: { en: 'Keyboard shortcuts', ja: 'キーボードショートカット' },
      group: 'app',
      keys: ['?'],
      when: 'anywhere',
      run: () => setCheatSheet(true),
    },
    {
      id: 'app.language',
      label: { en: 'Switch language (English ⇄ 日本語)', ja: '言語を切り替える（日本語 ⇄ English）' },
      group: 'app',
      when: 'anywhere',
      run: () => {
        const next: Lang = lang === 'ja' ? 'en' : 'ja'
        setSettings((s) => (s ? { ...s, language: next } : s))
        api.call('settings.update', { language: next }).then(setSettings, (e: Error) => setError(e.message))
      },
    },
    ...settingsCommands(setSettingsAt),
    ...reportsCommands(
      () => setReportsOpen(true),
      () => !welcome,
    ),
    ...templatesCommands(() => setTemplatesOpen(true)),
    ...rulesCommands(
      () => setRulesOpen(true),
      () => !welcome,
    ),
    ...tagCommands({
      tags,
      current: inbox.tag,
      available: !welcome,
      show: (tag) => showView(inbox.view, inbox.channel, tag),
      openPicker: () => setTagPickRequest((n) => n + 1),
    }),
    ...callbackCommands({
      target: () => callbackTargetOf(openRow, selectedRow()),
      plan: setCallbackFor,
      open: setCallbacksAt,
      enabled: () => !welcome,
    }),
  ]
  useCommands(commands)

  const closeDialog = useCallback(() => {
    setPalette(false)
    setCheatSheet(false)
    setSnoozing(false)
    setFocusRequest((n) => n + 1)
  }, [])
  const closeSettings = useCallback(() => {
    setSettingsAt(null)
    setFocusRequest((n) => n + 1)
    // An account added (or the last one removed) there ends (or brings back) the welcome screen.
    api.call('account.list', {}).then(
      (a) => setAccounts(a.length),
      (e: Error) => setError(e.message),
    )
  }, [api])
  const closeSearch = useCallback(() => {
    setSearch((s) => ({ ...s, open: false }))
    // After the dialog has handed the focus back: back from a customer opened by a hit, what
    // had the focus is gone, and the inbox is what is left to focus.
    if (!openRow) setTimeout(() => setFocusRequest((n) => n + 1), 0)
  }, [openRow])
  const openHit = useCallback((hit: SearchHit, index: number) => {
    setSearch((s) => ({ ...s, open: false, active: index }))
    // Once the dialog has closed and handed the focus back, so the customer's screen keeps it.
    setTimeout(() => {
      setHitOpened(hit.messageId)
      setOpenRow({ customerId: hit.customerId, conversationId: hit.conversationId })
    }, 0)
  }, [])
  const week = useMemo(() => workingWeekOf(settings), [settings])
  const snooze = (until: SnoozeUntil) => {
    const entry = inbox.snooze(until)
    if (!entry) return
    setMessage({ kind: 'triaged', entry })
    if (openRow) backToInbox()
  }
  // After the palette closed and the focus is back: a command that moves the focus wins.
  const runFromPalette = useCallback((id: string) => setTimeout(() => registry.run(id), 0), [registry])

  const notices = (info?.notices ?? []).filter((n) => !dismissed.has(n.id))
  const pendingShown = useMemo(() => formatSequence(pending, mac), [pending, mac])

  return (
    <div className="app">
      <header className="topbar">
        <strong className="brand">{t.appName}</strong>
        {info?.demo && <span className="pill">{t.demo}</span>}
        {!welcome && (
          <ViewBar
            view={inbox.view}
            channel={inbox.channel}
            tag={inbox.tag}
            tags={tags}
            tagPickRequest={tagPickRequest}
            lang={lang}
            keysOf={keysOf}
            onView={(v) => showView(v, inbox.channel, inbox.tag)}
            onChannel={(c) => showView(inbox.view, c, inbox.tag)}
            // In the inbox the picker keeps the focus, so arrows step through the tags; Enter or Esc
            // hands it back to the list.
            onTag={(tag) =>
              screen === 'inbox'
                ? inbox.setView(inbox.view, inbox.channel, tag)
                : showView(inbox.view, inbox.channel, tag)
            }
            onTagPicked={() => setFocusRequest((n) => n + 1)}
          />
        )}
        <span className="topbar-actions">
          <SettingsButton
            lang={lang}
            keys={keysOf('app.settings')}
            onOpen={() => setSettingsAt({ section: 'accounts' })}
          />
          <button className="ghost" onClick={() => setPalette(true)}>
            {t.commands} <WithKeys text="{k}" keys={{ k: keysOf('app.palette') }} />
          </button>
          <button className="ghost" onClick={() => setCheatSheet(true)} aria-label={t.shortcuts}>
            <WithKeys text="{k}" keys={{ k: keysOf('app.shortcuts') ?? ['?'] }} />
          </button>
        </span>
      </header>
      {notices.map((n) => (
        <div key={n.id} role="alert" className={`notice notice-${n.level}`}>
          <span>
            {n.message} {n.action}
          </span>
          <button className="link" onClick={() => setDismissed(new Set([...dismissed, n.id]))}>
            {t.dismiss}
          </button>
        </div>
      ))}
      {error && (
        <div role="alert" className="notice notice-error">
          <span>
            {t.error}: {error}
          </span>
        </div>
      )}
      <main className="content">
        {info === null || accounts === null ? (
          <p className="muted">{t.loading}</p>
        ) : welcome ? (
          <Welcome
            api={api}
            lang={lang}
            onOpened={(i) => {
              setInfo(i)
              setFocusRequest((n) => n + 1)
            }}
          />
        ) : (
          <>
            <InboxScreen
              inbox={inbox}
              lang={lang}
              focusRequest={focusRequest}
              behind={openRow !== null}
              keysOf={keysOf}
              onOpen={open}
            />
            {customerShown.value && (
              <Lingering lingering={customerShown.lingering}>
                <CustomerScreen
                  key={`${customerShown.value.customerId}:${customerShown.value.hit ?? ''}`}
                  api={api}
                  customerId={customerShown.value.customerId}
                  lang={lang}
                  onBack={backToInbox}
                  startAt={customerShown.value.hit ?? undefined}
                />
              </Lingering>
            )}
          </>
        )}
      </main>
      {settingsAt && <SettingsScreen api={api} lang={lang} start={settingsAt} onClose={closeSettings} />}
      {reportsOpen && (
        <LazyReportsScreen
          api={api}
          lang={lang}
          onClose={() => setReportsOpen(false)}
          onOpenCustomer={(customerId, conversationId) => {
            setReportsOpen(false)
            setOpenRow({ customerId, conversationId })
          }}
        />
      )}
      {templatesOpen && <TemplatesScreen api={api} lang={lang} onClose={() => setTemplatesOpen(false)} />}
      {rulesOpen && (
        <RulesScreen
          api={api}
          lang={lang}
          onClose={() => {
            setRulesOpen(false)
            setFocusRequest((n) => n + 1)
          }}
          onOpenCustomer={(customerId, conversationId) => {
            setRulesOpen(false)
            setOpenRow({ customerId, conversationId: conversationId ?? '' })
          }}
        />
      )}
      {callbacksAt && (
        <CallbacksScreen
          api={api}
          lang={lang}
          start={callbacksAt}
          onClose={() => {
            setCallbacksAt(null)
            setFocusRequest((n) => n + 1)
          }}
          onOpenCustomer={(customerId, conversationId) => {
            setCallbacksAt(null)
            setOpenRow({ customerId, conversationId: conversationId ?? '' })
          }}
        />
      )}
      <CallbackDialog
        api={api}
        lang={lang}
        target={callbackFor}
        onClose={() => setCallbackFor(null)}
        onSaved={(reminder, name) => setMessage({ kind: 'callback', text: callbackSaved(lang, reminder, name) })}
      />
      <StatusBar
        sync={sync}
        lang={lang}
        pending={pendingShown}
        keysOf={keysOf}
        message={message && <MessageText message={message} lang={lang} keysOf={keysOf} />}
      />
      <CommandPalette open={palette} lang={lang} onClose={closeDialog} onRun={runFromPalette} />
      <CheatSheet open={cheatSheet} lang={lang} onClose={closeDialog} />
      <SearchDialog
        api={api}
        open={search.open}
        lang={lang}
        query={search.query}
        active={search.active}
        onQuery={(query) => setSearch((s) => ({ ...s, query }))}
        onActive={(active) => setSearch((s) => ({ ...s, active }))}
        onClose={closeSearch}
        onOpenHit={openHit}
      />
      <UndoSendToast api={api} lang={lang} />
      <OrderImport api={api} lang={lang} />
      <AlertToasts api={api} lang={lang} />
      <SnoozePicker
        open={snoozing}
        lang={lang}
        name={selectedRow()?.name}
        week={week}
        onClose={closeDialog}
        onSnooze={snooze}
      />
    </div>
  )
}

function MessageText({
  message,
  lang,
  keysOf,
}: {
  message: Message
  lang: Lang
  keysOf(id: string): string[] | undefined
}): ReactNode {
  const t = words(lang)
  switch (message.kind) {
    case 'triaged': {
      const { entry } = message
      const what =
        entry.kind === 'snooze' && entry.until === 'reply'
          ? t.markedSnoozedUntilReply(entry.row.name)
          : entry.kind === 'snooze' && entry.until
            ? t.markedSnoozed(entry.row.name, formatWhen(new Date(entry.until), lang))
            : t.markedDone(entry.row.name)
      return (
        <>
          {what} <WithKeys text={t.undoHint} keys={{ u: keysOf('inbox.undo') }} />
        </>
      )
    }
    case 'reopened':
      return t.reopened(message.entry.row.name)
    case 'nothingToUndo':
      return t.nothingToUndo
    case 'callback':
      return message.text
    case 'failed': {
      const { entry } = message
      const what = !entry
        ? t.error
        : entry.kind === 'snooze'
          ? t.couldNotSnooze(entry.row.name)
          : t.couldNotMarkDone(entry.row.name)
      return (
        <span className="status-error">
          {what} {message.error}
        </span>
      )
    }
  }
}
