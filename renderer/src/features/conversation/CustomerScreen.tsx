// One customer: every message on every channel on one timeline, newest at the bottom, the
// customer's orders, tags, note and conversations beside it, and the composer under it.
// Keyboard: j / k move between messages, r reply, Shift+R (or a) reply all, f forward, s snooze,
// i load remote images, q show quoted text, n note, # tags; Esc back, e done (both the shell's).
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import type { Customer, OutboxItem } from '../../../../main/core/model'
import type {
  AccountView,
  Api,
  ComposeMode,
  CustomerView,
  MessageBody,
  RemoteImageScope,
  SavedDraft,
  TimelineMessage,
} from '../../../../preload/api'
import type { Command } from '../../app/commands'
import { formatDate, formatTime, words, type Lang } from '../../app/i18n'
import { useCommandContext, useCommands, useKeysOf } from '../../app/useCommands'
import { Composer } from '../composer/Composer'
import { draftSaveInput, fromComposeDraft, fromSavedDraft, type ComposerState } from '../composer/draftState'
import { pendingSends } from '../composer/pendingSends'
import { composerWords } from '../composer/words'
import { ChannelBadge } from '../../ui/ChannelBadge'
import { download } from '../../ui/download'
import { flash } from '../../ui/flash'
import { WithKeys } from '../../ui/Keys'
import { CustomerSidebar } from './CustomerSidebar'
import { MessageCard, type CardActions } from './MessageCard'
import { SiteOnlyBar, explainSiteOnly, openInLabel, siteOnlyCommands, siteRouteOf } from './SiteOnlyReply'
import { foldQuotes, startsQuote } from './quotes'
// One snooze picker in the app: the inbox's, so `s` offers the same moments everywhere.
import { SnoozePicker } from '../inbox/SnoozePicker'
import type { SnoozeUntil } from '../inbox/snoozeOptions'
import { useWorkingWeek } from '../inbox/useWorkingWeek'
import { conversationWords } from './words'
import './conversation.css'

interface Props {
  api: Api
  customerId: string
  lang: Lang
  onBack(): void
  /** A message to land on (a search hit) instead of the customer's latest. */
  startAt?: string
}

/** Live updates come in bursts (a sync, the outbox): refetch at most this often. */
const REFRESH_MS = 300

interface OpenComposer {
  initial: ComposerState
  /** A new key remounts the composer with a new draft. */
  key: number
  saveAtOnce: boolean
  /** Opened with `t`: the template picker opens with it. */
  pickTemplate?: boolean
}

// Memoised: the shell re-renders on every status change, and a long timeline need not follow.
export const CustomerScreen = memo(function CustomerScreen({ api, customerId, lang, onBack, startAt }: Props) {
  const t = conversationWords(lang)
  const common = words(lang)
  const keysOf = useKeysOf()
  const [view, setView] = useState<CustomerView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [bodies, setBodies] = useState<Record<string, MessageBody>>({})
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [quotedOpen, setQuotedOpen] = useState<ReadonlySet<string>>(new Set())
  const [remoteErrors, setRemoteErrors] = useState<Record<string, string>>({})
  const [accounts, setAccounts] = useState<AccountView[]>([])
  const [drafts, setDrafts] = useState<SavedDraft[]>([])
  const [outbox, setOutbox] = useState<OutboxItem[]>([])
  const [composer, setComposer] = useState<OpenComposer | null>(null)
  const [composeError, setComposeError] = useState<string | null>(null)
  const [snoozing, setSnoozing] = useState(false)
  const [now, setNow] = useState(() => Date.now())
  const articles = useRef(new Map<string, HTMLElement>())
  const loading = useRef(new Set<string>())
  const noteRef = useRef<HTMLTextAreaElement>(null)
  const tagsRef = useRef<HTMLInputElement>(null)
  const composerKey = useRef(0)
  /** Where the focus goes next render: a message (after j / k, or the composer closing). */
  const focusWish = useRef<{ id: string; align: 'nearest' | 'start' | 'end-of-timeline' } | null>(null)
  const landed = useRef(false)
  useCommandContext('conversation')

  // ── Loading ────────────────────────────────────────────────────────────────────────────
  /** Edits of the customer made here (tags, note): a reload that left before one keeps the edit. */
  const edits = useRef(0)
  const load = useCallback(() => {
    const asked = edits.current
    return api.call('customer.get', { customerId }).then(
      (v) => setView((old) => (asked === edits.current || !old ? v : { ...v, customer: old.customer })),
      (e: Error) => setError(e.message),
    )
  }, [api, customerId])

  /** Forwards written here this time: they belong to no conversation, so nothing else finds them. */
  const forwards = useRef(new Set<string>())
  const loadDrafts = useCallback(
    (conversationIds: readonly string[]) =>
      api.call('draft.list', {}).then(async (list) => {
        const mine = list.filter((d) =>
          d.conversationId !== undefined ? conversationIds.includes(d.conversationId) : forwards.current.has(d.id),
        )
        const full = await Promise.all(mine.map((d) => api.call('draft.get', { draftId: d.id })))
        setDrafts(full.filter((d): d is SavedDraft => d !== null))
      }),
    [api],
  )

  useEffect(() => {
    void load()
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = api.on('inbox.changed', ({ customerIds }) => {
      if (customerIds && !customerIds.includes(customerId)) return
      clearTimeout(timer)
      timer = setTimeout(() => void load(), REFRESH_MS)
    })
    return () => {
      off()
      clearTimeout(timer)
    }
  }, [api, customerId, load])

  useEffect(() => {
    api.call('account.list', {}).then(setAccounts, () => undefined)
    api.call('outbox.list', {}).then(setOutbox, () => undefined)
    return api.on('outbox.changed', ({ items }) => setOutbox(items))
  }, [api])

  const week = useWorkingWeek(api)
  const conversationKey = view?.conversations.map((c) => c.id).join(',') ?? ''
  useEffect(() => {
    if (conversationKey === '') return
    loadDrafts(conversationKey.split(',')).catch(() => undefined)
  }, [conversationKey, loadDrafts])

  useEffect(() => {
    // Opening counts as reading (a setting): unread counts drop here and on the server.
    const unread = view?.conversations.filter((c) => c.unreadCount > 0) ?? []
    if (unread.length === 0) return
    void api.call('settings.get', {}).then((settings) => {
      if (!settings.markSeenOnOpen) return
      for (const c of unread) void api.call('conversation.markSeen', { conversationId: c.id }).catch(() => undefined)
    })
  }, [api, view])

  // The clock: every second while a reply counts down in the outbox, else every minute.
  const counting = outbox.some((o) => o.state === 'queued')
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), counting ? 1000 : 60_000)
    return () => clearInterval(timer)
  }, [counting])

  const ensureBody = useCallback(
    (messageId: string) => {
      if (loading.current.has(messageId)) return
      loading.current.add(messageId)
      api.call('message.body', { messageId }).then(
        (b) => setBodies((all) => ({ ...all, [messageId]: b })),
        () => loading.current.delete(messageId), // shown from its text; asked again when it comes back on screen
      )
    },
    [api],
  )

  // ── The timeline and the selection ─────────────────────────────────────────────────────
  const timeline = useMemo(() => view?.timeline ?? [], [view])
  const conversationIds = useMemo(() => new Set(view?.conversations.map((c) => c.id)), [view])
  const pending = outbox.filter(
    (o) => o.state !== 'sent' && o.conversationId !== undefined && conversationIds.has(o.conversationId),
  )
  const selectedIndex = timeline.findIndex((m) => m.id === selectedId)
  const selected: TimelineMessage | undefined = timeline[selectedIndex]
  // Etsy, Yahoo! Shopping, Mercari Shops…: answered on the site, not by e-mail.
  const siteRoute = siteRouteOf(view, (selected ?? timeline.at(-1))?.conversationId)

  // First view: the latest message from the customer is selected, the newest at the bottom shown.
  useLayoutEffect(() => {
    if (!view || landed.current) return
    landed.current = true
    const hit = startAt === undefined ? undefined : timeline.find((m) => m.id === startAt)
    const latestIn = hit ?? timeline.findLast((m) => m.direction === 'in') ?? timeline.at(-1)
    if (!latestIn) return
    setSelectedId(latestIn.id)
    focusWish.current = { id: latestIn.id, align: hit ? 'start' : 'nearest' }
    if (!hit) document.querySelector('.timeline > :last-child')?.scrollIntoView({ block: 'end' })
  }, [view, timeline, startAt])

  // The focus follows the selection, and the selected message comes into view.
  useLayoutEffect(() => {
    const wish = focusWish.current
    if (!wish) return
    const el = articles.current.get(wish.id)
    if (!el) return
    focusWish.current = null
    el.focus({ preventScroll: true })
    if (wish.align === 'end-of-timeline') {
      // Just sent: the reply waiting in the outbox is at the end; show it.
      document.querySelector('.timeline > :last-child')?.scrollIntoView({ block: 'end' })
      return
    }
    const tall = el.getBoundingClientRect().height > window.innerHeight * 0.6
    el.scrollIntoView({ block: tall ? 'start' : wish.align })
  })

  const select = (index: number) => {
    const m = timeline[Math.max(0, Math.min(timeline.length - 1, index))]
    if (!m) return
    setSelectedId(m.id)
    focusWish.current = { id: m.id, align: 'nearest' }
  }

  const backToTimeline = (align: 'nearest' | 'end-of-timeline' = 'nearest') => {
    const id = selected?.id ?? timeline.at(-1)?.id
    if (id) focusWish.current = { id, align }
    // Re-render so the wish is acted on even if nothing else changed.
    setNow(Date.now())
  }

  // ── Composing ──────────────────────────────────────────────────────────────────────────
  const openComposer = (initial: ComposerState, saveAtOnce = false, pickTemplate = false) => {
    setComposeError(null)
    setComposer({ initial, key: ++composerKey.current, saveAtOnce, pickTemplate })
  }

  const composing = useRef(false)
  const compose = async (mode: ComposeMode, pickTemplate = false) => {
    const m = selected ?? timeline.at(-1)
    if (!m || composer || composing.current) return
    if (siteRoute && mode !== 'forward')
      return explainSiteOnly(siteRoute, lang, keysOf('conversation.openInMarketplace'))
    // A draft of that conversation is carried on, whichever reply key was pressed.
    const saved = mode !== 'forward' ? drafts.find((d) => d.conversationId === m.conversationId) : undefined
    if (saved) return openComposer(fromSavedDraft(saved), false, pickTemplate)
    composing.current = true
    try {
      const draft = await api.call('message.compose', { conversationId: m.conversationId, messageId: m.id, mode })
      openComposer(fromComposeDraft(draft), false, pickTemplate)
    } catch (err) {
      setComposeError(`${composerWords(lang).couldNotOpen} ${(err as Error).message}`)
    } finally {
      composing.current = false
    }
  }

  const closeComposer = (align: 'nearest' | 'end-of-timeline' = 'nearest') => {
    setComposer(null)
    backToTimeline(align)
  }

  // Undo send gives the draft back here while this customer is open.
  const composerOpen = composer !== null
  const restore = useRef<(snapshot: ComposerState) => void>(() => undefined)
  useEffect(() => {
    restore.current = (snapshot) => {
      if (composerOpen) {
        // Busy writing something else: keep the one given back as a draft.
        void api
          .call('draft.save', draftSaveInput(snapshot))
          .then(() => loadDrafts([...conversationIds]))
          .catch(() => undefined)
      } else {
        openComposer(snapshot, true)
      }
    }
  })
  useEffect(() => pendingSends.onRestore(customerId, (s) => restore.current(s)), [customerId])

  const discardDraft = async (draft: SavedDraft) => {
    try {
      await api.call('draft.delete', { draftId: draft.id })
      setDrafts((all) => all.filter((d) => d.id !== draft.id))
    } catch (err) {
      setComposeError((err as Error).message)
    }
  }

  // ── Remote images, attachments, snooze ─────────────────────────────────────────────────
  const allowRemote = async (m: TimelineMessage, scope: RemoteImageScope) => {
    try {
      await api.call('message.allowRemoteImages', { messageId: m.id, scope })
      const sender = m.from.address.toLowerCase()
      setBodies((all) =>
        Object.fromEntries(
          Object.entries(all).map(([id, b]) => {
            const of = timeline.find((x) => x.id === id)
            const allowed = id === m.id || (scope === 'sender' && of?.from.address.toLowerCase() === sender)
            return [id, allowed ? { ...b, remoteImagesAllowed: true } : b]
          }),
        ),
      )
      setRemoteErrors(({ [m.id]: _gone, ...rest }) => rest)
    } catch (err) {
      setRemoteErrors((all) => ({ ...all, [m.id]: (err as Error).message }))
    }
  }

  const saveAttachment = async (messageId: string, index: number) => {
    download(await api.call('message.attachment', { messageId, index }))
  }

  const snooze = async (when: SnoozeUntil) => {
    setSnoozing(false)
    if (!view) return
    const until = when === 'reply' ? when : when.toISOString()
    // The customer leaves Waiting: every conversation of theirs that waits for an answer.
    let targets = view.conversations.filter((c) => c.status === 'open' && c.dueAt !== undefined)
    if (targets.length === 0)
      targets = view.conversations.filter((c) => c.id === selected?.conversationId && c.status === 'open')
    if (targets.length === 0) {
      flash(t.nothingToSnooze)
      backToTimeline()
      return
    }
    try {
      await Promise.all(targets.map((c) => api.call('conversation.snooze', { conversationId: c.id, until })))
      flash(
        until === 'reply'
          ? t.snoozedUntilReply(view.customer.name)
          : t.snoozed(view.customer.name, formatDate(until, lang)),
      )
      onBack()
    } catch (err) {
      flash(`${t.couldNotSnooze} ${(err as Error).message}`, true)
      backToTimeline()
    }
  }

  // Cards get one stable set of actions that always run the latest code: a key press re-renders
  // only the cards whose selection changed, however long the timeline.
  const latest = useRef<CardActions | null>(null)
  useLayoutEffect(() => {
    latest.current = {
      nearScreen: ensureBody,
      select: (id) => setSelectedId(id),
      toggleQuoted,
      allowRemote: (id, scope) => {
        const m = timeline.find((x) => x.id === id)
        if (m) void allowRemote(m, scope)
      },
      save: saveAttachment,
      article: () => undefined,
    }
  })
  const cardActions = useMemo<CardActions>(
    () => ({
      nearScreen: (id) => latest.current?.nearScreen(id),
      select: (id) => latest.current?.select(id),
      toggleQuoted: (id) => latest.current?.toggleQuoted(id),
      allowRemote: (id, scope) => latest.current?.allowRemote(id, scope),
      save: (id, index) => latest.current?.save(id, index) ?? Promise.resolve(),
      article: (id, el) => {
        if (el) articles.current.set(id, el)
        else articles.current.delete(id)
      },
    }),
    [],
  )

  // ── Commands ───────────────────────────────────────────────────────────────────────────
  const ready = view !== null && timeline.length > 0
  const selectedBody = selected ? bodies[selected.id] : undefined
  const canLoadImages = selectedBody !== undefined && selectedBody.hasRemoteImages && !selectedBody.remoteImagesAllowed
  const canToggleQuoted = selected !== undefined
  const commands: Command[] = [
    ...siteOnlyCommands(siteRoute),
    {
      id: 'conversation.nextMessage',
      label: { en: 'Next message', ja: '次のメッセージ' },
      group: 'move',
      keys: ['j'],
      when: 'conversation',
      enabled: () => ready,
      run: () => select(selectedIndex + 1),
    },
    {
      id: 'conversation.previousMessage',
      label: { en: 'Previous message', ja: '前のメッセージ' },
      group: 'move',
      keys: ['k'],
      when: 'conversation',
      enabled: () => ready,
      run: () => select(selectedIndex < 0 ? timeline.length - 1 : selectedIndex - 1),
    },
    {
      id: 'compose.reply',
      label: { en: 'Reply', ja: '返信' },
      group: 'compose',
      keys: ['r'],
      when: 'conversation',
      enabled: () => ready && !composerOpen,
      run: () => void compose('reply'),
    },
    {
      id: 'compose.replyWithTemplate',
      label: { en: 'Reply with a template', ja: 'テンプレートで返信' },
      group: 'compose',
      keys: ['t'],
      when: 'conversation',
      enabled: () => ready && !composerOpen,
      run: () => void compose('reply', true),
    },
    {
      id: 'compose.replyAll',
      label: { en: 'Reply all', ja: '全員に返信' },
      group: 'compose',
      keys: ['R', 'a'],
      when: 'conversation',
      enabled: () => ready && !composerOpen,
      run: () => void compose('replyAll'),
    },
    {
      id: 'compose.forward',
      label: { en: 'Forward', ja: '転送' },
      group: 'compose',
      keys: ['f'],
      when: 'conversation',
      enabled: () => ready && !composerOpen,
      run: () => void compose('forward'),
    },
    {
      id: 'draft.discard',
      label: { en: 'Discard draft', ja: '下書きを破棄' },
      group: 'compose',
      keys: ['Mod+Shift+Backspace'],
      when: 'conversation',
      enabled: () => drafts.length > 0,
      run: () => {
        const draft = drafts.find((d) => d.conversationId === selected?.conversationId) ?? drafts[0]
        if (draft) void discardDraft(draft)
      },
    },
    {
      id: 'conversation.snooze',
      label: { en: 'Snooze this customer…', ja: 'このお客様をスヌーズ…' },
      group: 'triage',
      keys: ['s'],
      when: 'conversation',
      enabled: () => view !== null,
      run: () => setSnoozing(true),
    },
    {
      id: 'message.loadImages',
      label: { en: 'Load remote images of this message', ja: 'このメッセージの外部画像を表示' },
      group: 'triage',
      keys: ['i'],
      when: 'conversation',
      enabled: () => canLoadImages,
      run: () => selected && void allowRemote(selected, 'message'),
    },
    {
      id: 'message.imagesFromSender',
      label: { en: 'Always load remote images from this sender', ja: 'この送信者の外部画像を常に表示' },
      group: 'triage',
      when: 'conversation',
      enabled: () => canLoadImages,
      run: () => selected && void allowRemote(selected, 'sender'),
    },
    {
      id: 'message.toggleQuoted',
      label: { en: 'Show or hide quoted text', ja: '引用の表示を切り替える' },
      group: 'move',
      keys: ['q'],
      when: 'conversation',
      enabled: () => canToggleQuoted,
      run: () => selected && toggleQuoted(selected.id),
    },
    {
      id: 'customer.note',
      label: { en: 'Edit the private note', ja: '非公開メモを編集' },
      group: 'triage',
      keys: ['n'],
      when: 'conversation',
      enabled: () => view !== null,
      run: () => noteRef.current?.focus(),
    },
    {
      id: 'customer.tags',
      label: { en: 'Edit tags', ja: 'タグを編集' },
      group: 'triage',
      keys: ['#'],
      when: 'conversation',
      enabled: () => view !== null,
      run: () => tagsRef.current?.focus(),
    },
  ]
  useCommands(commands)

  function toggleQuoted(id: string) {
    setQuotedOpen((open) => {
      const next = new Set(open)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  }

  // ── Rendering ──────────────────────────────────────────────────────────────────────────
  if (error)
    return (
      <p role="alert" className="notice notice-error">
        {error}
      </p>
    )
  if (!view) return <p className="muted">{common.loading}</p>
  const channels = [...new Set(view.conversations.map((c) => c.channel))]
  const draftsShown = drafts.filter((d) => !composer || d.id !== composer.initial.draftId)
  const composerT = composerWords(lang)

  return (
    <div className="customer cv">
      <section className="timeline-pane" aria-label={`${t.timeline}: ${view.customer.name}`}>
        <header className="screen-title cv-title">
          <button className="link" onClick={onBack} aria-label={common.back}>
            ←
          </button>
          <h1>{view.customer.name}</h1>
          {channels.map((c) => (
            <ChannelBadge key={c} channel={c} lang={lang} />
          ))}
          <span className="cv-keys muted">
            <WithKeys
              text={`${siteRoute ? `{o} ${openInLabel(siteRoute, lang)}` : `{r} ${composerT.mode.reply}`} · {e} ${common.done} · {s} ${t.snooze} · {esc} ${common.back}`}
              keys={{
                r: keysOf('compose.reply'),
                o: keysOf('conversation.openInMarketplace'),
                e: keysOf('inbox.done'),
                s: keysOf('conversation.snooze'),
                esc: keysOf('conversation.back'),
              }}
            />
          </span>
        </header>
        {timeline.length === 0 && <p className="muted">{t.noMessages}</p>}
        <ol className="timeline">
          {timeline.map((m) => (
            <MessageCard
              key={m.id}
              message={m}
              body={bodies[m.id]}
              lang={lang}
              selected={m.id === selectedId}
              quotedOpen={quotedOpen.has(m.id)}
              remoteError={remoteErrors[m.id]}
              actions={cardActions}
            />
          ))}
          {pending.map((o) => {
            const left = Date.parse(o.sendAfter) - Math.max(now, Date.parse(o.queuedAt))
            return (
              <li key={o.id} className="message out pending" data-outbox={o.id} data-state={o.state}>
                <article aria-label={t.outboxWaiting}>
                  <header className="message-head">
                    <span className="from">{common.you}</span>
                    <span className={`outbox-state${o.state === 'failed' ? ' failed' : ''}`}>
                      {o.state === 'failed'
                        ? `${t.outboxFailed} ${o.lastError ?? ''}`
                        : o.state === 'queued' && left > 0
                          ? t.outboxQueued(Math.ceil(left / 1000))
                          : o.state === 'queued'
                            ? t.outboxWaiting
                            : t.outboxSending}
                    </span>
                  </header>
                  <div className="message-subject">{o.subject}</div>
                  <div className="message-body">{foldQuotes(o.text).shown.trimEnd()}</div>
                </article>
              </li>
            )
          })}
        </ol>
        {draftsShown.map((d) => (
          <div key={d.id} className="draft-card" data-draft={d.id}>
            <span className="draft-label">
              {t.draft} · {composerT.mode[d.mode ?? 'reply']}
            </span>
            <span className="draft-snippet">{draftSnippet(d)}</span>
            <span className="muted">{t.draftSaved(formatTime(d.savedAt, lang))}</span>
            <button className="link" onClick={() => openComposer(fromSavedDraft(d))} disabled={composerOpen}>
              {t.continueDraft}{' '}
              {d.conversationId !== undefined && <WithKeys text="{r}" keys={{ r: keysOf('compose.reply') }} />}
            </button>
            <button className="link" onClick={() => void discardDraft(d)}>
              {t.discardDraft}
            </button>
          </div>
        ))}
        {composeError && (
          <p role="alert" className="notice notice-error">
            {composeError}
          </p>
        )}
        {siteRoute && !composer && (
          <SiteOnlyBar route={siteRoute} lang={lang} openKeys={keysOf('conversation.openInMarketplace')} />
        )}
        {composer && (
          <Composer
            key={composer.key}
            api={api}
            lang={lang}
            initial={composer.initial}
            accounts={accounts}
            recipientName={view.customer.name}
            customerId={customerId}
            saveAtOnce={composer.saveAtOnce}
            pickTemplate={composer.pickTemplate === true}
            customerLanguage={view.customer.language}
            onClose={(state, draftId) => {
              closeComposer()
              void draftId
                .then((id) => {
                  if (id !== undefined && state.conversationId === undefined) forwards.current.add(id)
                  return loadDrafts([...conversationIds])
                })
                .catch(() => undefined)
            }}
            onSent={(draftId) => {
              setDrafts((all) => all.filter((d) => d.id !== draftId))
              closeComposer('end-of-timeline')
              void loadDrafts([...conversationIds]).catch(() => undefined)
            }}
            onDiscarded={(draftId) => {
              setDrafts((all) => all.filter((d) => d.id !== draftId))
              closeComposer()
              void loadDrafts([...conversationIds]).catch(() => undefined)
            }}
          />
        )}
      </section>
      <CustomerSidebar
        api={api}
        lang={lang}
        view={view}
        now={now}
        noteRef={noteRef}
        tagsRef={tagsRef}
        onCustomer={(customer: Customer) => {
          edits.current++
          setView((v) => (v ? { ...v, customer } : v))
        }}
        onJump={(conversationId) => {
          const last = timeline.findLast((m) => m.conversationId === conversationId)
          if (last) select(timeline.indexOf(last))
        }}
        onLeaveField={backToTimeline}
      />
      <SnoozePicker
        open={snoozing}
        lang={lang}
        name={view.customer.name}
        week={week}
        onClose={() => {
          setSnoozing(false)
          backToTimeline()
        }}
        onSnooze={(until) => void snooze(until)}
      />
    </div>
  )
})

/** What a draft card shows: the words written above any quote or forwarded message, else whom and what. */
function draftSnippet(d: SavedDraft): string {
  const own: string[] = []
  for (const line of d.text.split(/\r?\n/)) {
    if (startsQuote(line)) break
    own.push(line)
  }
  const text = own.join(' ').replace(/\s+/g, ' ').trim()
  if (text) return text
  const to = d.to.map((a) => a.name || a.address).join(', ')
  return [to, d.subject].filter(Boolean).join(' · ')
}
