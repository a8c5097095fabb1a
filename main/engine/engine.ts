// The application service: implements every request of the contract on top of the store
// and core, pushes events, and runs the outbox. Plain Node: no Electron here.
import { randomUUID } from 'node:crypto'
import {
  EngineError,
  type AppInfo,
  type ConversationSummary,
  type CustomerView,
  type InboxRow,
  type InboxView,
  type Notice,
  type RequestParams,
  type RemoteImagesAllowed,
  type Result,
  type SyncStatus,
} from '../../preload/api'
import { normaliseAddress } from '../core/identity'
import { buildInbox, nextClockEnd, nextSnoozeEnd } from '../core/inbox'
import { tagCounts, tagKey } from '../core/customers/tags'
import {
  DEFAULT_SETTINGS,
  isApiAccount,
  type Account,
  type Channel,
  type Conversation,
  type MessageRecord,
} from '../core/model'
import type { ResponseClocks } from '../core/clocks/policies'
import { dueAt } from '../core/sla'
import { parseSearchQuery, SearchQueryError } from '../core/search-query'
import { markDone, reopen, snooze } from '../core/status'
import { generateDemo } from '../demo/generate'
import { seedWorkspace } from '../demo/seed'
import { presetFor } from '../channels/mail/presets'
import { SmtpSender } from '../channels/smtp/sender'
import type { StoreNotice } from '../store/json-document'
import { KeyFileCipher, SecretStore, type SecretCipher } from '../store/secrets'
import { Store, monthOf, type OpenStoreOptions } from '../store/store'
import { Accounts } from './accounts'
import { Alerts } from './alerts'
import { Callbacks } from './callbacks'
import { clocksOf } from './clocks'
import { updateCustomer } from './customers'
import { dispatch, type Handlers } from './dispatch'
import { draftFor } from './drafts'
import { EventHub, type EventListener } from './events'
import { importFiles } from './import-files'
import { Ingest } from './ingest'
import { CustomerIdentity } from './customer-identity'
import { OrderImport } from './orders'
import { MailSync, imapConfigOf, type MailSyncOptions } from './mail-sync'
import { ApiSync, type ApiSyncOptions } from './api-sync'
import { ApiSender } from './api-sender'
import { connectorFor } from './api-connectors'
import { Outbox } from './outbox'
import { SearchIndex, type SearchIndexOptions } from './search-index'
import { readAttachment, readMessageBody, readTimelineMessage } from './read-message'
import { loadRecogniser } from './marketplace-rules'
import { SavedDrafts } from './saved-drafts'
import { SnoozeWaker } from './snooze-waker'
import { Templates } from './templates'
import { Reports } from './reports'
import { ReportClusters } from './report-clusters'
import { ReportTopics } from './report-topics'
import { Rules, type RulesOptions } from './rules'
import { BIG_DOCUMENTS, FirstPage, InboxSnapshotWriter } from './first-page'
import { InboxSnapshotFile } from '../store/inbox-snapshot-file'

/** With a first page to show, the rest of a cold start waits for it to be asked, at most this long. */
const FIRST_PAGE_WAIT_MS = 3000
/** Inbox rows whose customers are made quick to open after a start (a screenful and a bit). */
const PREPARED_ROWS = 30

export interface EngineOptions {
  dataDir: string
  /** Seed the demo workspace if the folder has no accounts yet. */
  demo?: boolean
  /** Size of a seeded demo workspace (messages). */
  demoMessages?: number
  version?: string
  now?: () => Date
  log?: (line: string) => void
  store?: Omit<OpenStoreOptions, 'notify'>
  /** Seals account secrets: Electron's safeStorage in the desktop app; else a key file. */
  cipher?: SecretCipher
  /** Where the key-file cipher keeps its key (tests); default: the user's config folder. */
  keyFile?: string
  /** Start syncing IMAP accounts in the background (default true). */
  sync?: boolean
  /** How often other folders are synced and how retries back off (tests shorten them). */
  mailSync?: MailSyncOptions
  /** How often marketplace API accounts are pulled and how retries back off (tests shorten them). */
  apiSync?: ApiSyncOptions
  /** The outbox's first wait after a failed send (default 30 s; it doubles). Tests shorten it. */
  outboxRetryMs?: number
  /** Search index timing and test hooks (engine/search-index.ts). */
  search?: SearchIndexOptions
  /** How often rules look at the time triggers (engine/rules.ts). */
  rules?: RulesOptions
  /** Build the default reports dashboard this long after the search index caught up (default 2 s); false: never (benchmarks of a cold report). */
  reportsWarmUpMs?: number | false
}

export class Engine {
  private readonly hub = new EventHub()
  private readonly notices: Notice[] = []
  private readonly handlers: Handlers
  private store!: Store
  private outbox!: Outbox
  private accounts!: Accounts
  private ingest!: Ingest
  private orderImport!: OrderImport
  private identity!: CustomerIdentity
  private mailSync!: MailSync
  private apiSync!: ApiSync
  private drafts!: SavedDrafts
  private waker!: SnoozeWaker
  private alerts!: Alerts
  private callbacks!: Callbacks
  private search!: SearchIndex
  private templates!: Templates
  private reports!: Reports
  private reportTopics!: ReportTopics
  private reportClusters!: ReportClusters
  private rules!: Rules
  private snapshots!: InboxSnapshotWriter
  /** The last run's first inbox page, answered while the big documents are not read yet. */
  private firstPage: FirstPage | undefined
  /** Settles once every part runs (`finishStart`); `beginStart` lets it go. */
  private started!: Promise<void>
  private beginStart!: () => void
  private running = false
  private earlyHandlers: Handlers | undefined

  private constructor(private readonly options: EngineOptions) {
    this.handlers = this.makeHandlers()
  }

  /** The engine with every part running (tests, tools): `launch` and `ready`. */
  static async start(options: EngineOptions): Promise<Engine> {
    const engine = await Engine.launch(options, { early: false })
    await engine.ready()
    return engine
  }

  /**
   * Cold start of the app: with `early` and a snapshot the last run left that still holds, resolves
   * once the small documents are read, and the first inbox page, the app info, settings and accounts
   * are answered from it before conversations and customers are parsed; the rest of the start runs
   * once that page is served, and every other request waits for it. Otherwise resolves fully started.
   */
  static async launch(options: EngineOptions, { early = true }: { early?: boolean } = {}): Promise<Engine> {
    const engine = new Engine(options)
    const defer = early ? BIG_DOCUMENTS : []
    engine.store = await Store.open(options.dataDir, { ...options.store, notify: (n) => engine.notice(n), defer })
    const secrets = new SecretStore(options.dataDir, options.cipher ?? new KeyFileCipher(options.keyFile))
    engine.accounts = new Accounts(engine.store, secrets, engine.now)
    const snapshotFile = new InboxSnapshotFile(options.dataDir)
    // A demo about to be seeded has no first page to show yet.
    const seeding = options.demo === true && Object.keys(engine.store.accounts).length === 0
    if (early && !seeding)
      engine.firstPage = await FirstPage.read(engine.store, snapshotFile, engine.now().toISOString())
    let go!: () => void
    engine.started = new Promise<void>((resolve) => (go = resolve)).then(() => Engine.finishStart(engine, snapshotFile))
    engine.started.catch((err: unknown) => engine.log(`could not start: ${(err as Error).stack ?? String(err)}`))
    const timer = engine.firstPage ? setTimeout(() => engine.beginStart(), FIRST_PAGE_WAIT_MS) : undefined
    engine.beginStart = () => {
      clearTimeout(timer)
      go()
    }
    // Nothing to answer early (no snapshot, or a demo being seeded): start as a whole, as before.
    if (!engine.firstPage) await engine.ready()
    return engine
  }

  /** Resolves once every part of the engine runs (starting it now if it waited for the first page). */
  ready(): Promise<void> {
    this.beginStart()
    return this.started
  }

  private static async finishStart(engine: Engine, snapshotFile: InboxSnapshotFile): Promise<void> {
    const options = engine.options
    await Promise.all(BIG_DOCUMENTS.map((name) => engine.store.load(name)))
    // From here on the data can change: the snapshot no longer answers.
    engine.firstPage = undefined
    const log = (line: string) => engine.log(line)
    engine.alerts = new Alerts(engine.store, engine.hub, engine.now)
    engine.callbacks = new Callbacks(engine.store, engine.hub, engine.now, () => engine.alerts.checkCallbacks())
    engine.search = new SearchIndex(engine.store, (n) => engine.notice(n), log, engine.now, options.search)
    engine.orderImport = new OrderImport(engine.store, engine.now, () => engine.ingest.customersChanged())
    engine.identity = new CustomerIdentity(engine.store, engine.now, () => engine.ingest.customersChanged())
    engine.ingest = new Ingest(engine.store, engine.now, (record, text, terms) => {
      engine.alerts.added(record)
      engine.rules.added(record, text)
      engine.search.added(record, text, terms)
    })
    engine.ingest.marketplaces = await loadRecogniser(options.dataDir, (n) => engine.notice(n))
    engine.outbox = new Outbox(engine.store, engine.hub, engine.now, log, { retryBaseMs: options.outboxRetryMs })
    const imapOf = async (account: Account) => imapConfigOf(account, await engine.accounts.secretsOf(account))
    engine.outbox.register(
      'imap',
      new SmtpSender(async (account) => ({ ...account.smtp!, ...(await engine.accounts.secretsOf(account)) }), {
        imap: imapOf,
        log,
      }),
    )
    engine.mailSync = new MailSync(engine.store, engine.ingest, engine.hub, imapOf, log, engine.now, options.mailSync)
    // eBay and Rakuten accounts: pulled through their message APIs, answered through them.
    const apiOf = async (account: Account) =>
      connectorFor(account, await engine.accounts.secretsOf(account), engine.now)
    engine.apiSync = new ApiSync(engine.store, engine.ingest, engine.hub, apiOf, log, engine.now, options.apiSync)
    const apiSender = new ApiSender(apiOf, (item) =>
      item.conversationId ? (engine.store.conversations[item.conversationId]?.marketplaceThreads ?? []) : [],
    )
    engine.outbox.register('ebay', apiSender)
    engine.outbox.register('rakuten', apiSender)
    engine.drafts = new SavedDrafts(engine.store, engine.now)
    engine.waker = new SnoozeWaker(engine.store, engine.now, (woken) =>
      engine.hub.emit('inbox.changed', { customerIds: [...new Set(woken.map((c) => c.customerId))] }),
    )
    engine.templates = new Templates(engine.store, engine.now)
    engine.reportTopics = new ReportTopics(engine.store, log)
    engine.reports = new Reports(engine.store, engine.now, log, engine.reportTopics)
    engine.reportClusters = new ReportClusters(engine.store, engine.reportTopics, engine.now)
    engine.rules = new Rules(
      engine.store,
      engine.hub,
      engine.now,
      {
        createCallback: (p) => engine.callbacks.create(p),
        updateCustomer: async (p) => {
          const customer = await updateCustomer(engine.store, p)
          engine.hub.emit('inbox.changed', { customerIds: [customer.id] })
          return customer
        },
        setStatus: (c, next) => engine.changeStatus(c, next),
      },
      (n) => engine.notice(n),
      log,
      options.rules,
    )
    if (options.demo && Object.keys(engine.store.accounts).length === 0) await engine.seedDemo()
    engine.search.start()
    await engine.templates.seedStarters()
    // Snoozes that ended while the app was closed come back now.
    engine.waker.start()
    engine.alerts.start()
    await engine.rules.start()
    engine.outbox.start()
    const warmUp = options.reportsWarmUpMs
    if (warmUp !== false)
      engine.reports.warmSoon(warmUp, async () => {
        await engine
          .prepareTopOfInbox()
          .catch((err: Error) => engine.log(`could not prepare the inbox: ${err.message}`))
        await engine.search.catchUp()
      })
    if (options.sync !== false) {
      engine.mailSync.startAll()
      engine.apiSync.startAll()
    }
    engine.snapshots = new InboxSnapshotWriter(engine.store, snapshotFile, () => engine.inboxState(), engine.now, log)
    engine.snapshots.start()
    void engine.snapshots.save()
    engine.running = true
  }

  get dataDir(): string {
    return this.options.dataDir
  }

  on(listener: EventListener): () => void {
    return this.hub.on(listener)
  }

  /** The one entry point of both transports. */
  call(method: unknown, input: unknown): Promise<Result<unknown>> {
    const handlers = this.running ? this.handlers : (this.earlyHandlers ??= this.makeEarlyHandlers())
    return dispatch(handlers, method, input, (err) =>
      this.log(`internal error in ${String(method)}: ${(err as Error).stack ?? String(err)}`),
    )
  }

  async close(): Promise<void> {
    try {
      await this.ready()
    } catch {
      // Parts never ran: only the store is open.
      await this.store.close()
      return
    }
    this.snapshots.stop()
    this.waker.stop()
    this.alerts.stop()
    this.rules.stop()
    await this.rules.settled()
    await this.outbox.stop()
    await this.mailSync.stopAll()
    await this.apiSync.stopAll()
    await this.search.close()
    await this.reports.close()
    await this.store.close(() => this.snapshots.save(true))
  }

  /**
   * While the big documents are not read: the snapshot's first page and counts, the small
   * documents' settings and accounts; any other request waits for the whole start.
   */
  private makeEarlyHandlers(): Handlers {
    const gated = Object.fromEntries(
      Object.entries(this.handlers).map(([method, handler]) => [
        method,
        async (p: unknown) => {
          await this.ready()
          return (handler as (p: unknown) => Promise<unknown>)(p)
        },
      ]),
    ) as Handlers
    return {
      ...gated,
      'inbox.list': async (p) => {
        const page = this.firstPage?.page(p, this.now().toISOString())
        if (!page) return gated['inbox.list'](p)
        // The rest of the start, once this page is on its way.
        setImmediate(() => this.beginStart())
        return page
      },
      'app.info': async (p) => (this.firstPage ? this.info(this.firstPage.counts) : gated['app.info'](p)),
      'settings.get': this.handlers['settings.get'],
      'account.list': this.handlers['account.list'],
    }
  }

  /** The Waiting view as the inbox snapshot keeps it. */
  private inboxState() {
    const rows = this.inboxRows('waiting', undefined, undefined)
    const until = this.inboxCache.get('waiting::')?.until
    return { rows, ...(until !== undefined ? { until } : {}), counts: this.info().counts }
  }

  /**
   * Gets ready to open the customers at the top of the inbox, the ones the seller opens next:
   * without, the first one opened after a start waits for its months to be indexed.
   */
  private async prepareTopOfInbox(): Promise<void> {
    const top = this.inboxRows('waiting', undefined, undefined).slice(0, PREPARED_ROWS)
    // Their orders (the sidebar's): the first ask groups every order by customer.
    await this.store.load('orders')
    for (const row of top) this.store.ordersOf(row.customerId)
    await this.store.prepareToRead(top.flatMap((row) => this.store.conversationsOf(row.customerId)))
  }

  private readonly now = (): Date => (this.options.now ? this.options.now() : new Date())

  private log(line: string): void {
    ;(this.options.log ?? ((l: string) => process.stderr.write(`${l}\n`)))(line)
  }

  private notice(n: StoreNotice): void {
    const notice: Notice = { id: randomUUID(), at: this.now().toISOString(), ...n }
    this.notices.push(notice)
    this.log(`[${n.level}] ${n.message}${n.action ? ` ${n.action}` : ''}`)
    this.hub.emit('app.notice', notice)
  }

  private async seedDemo(): Promise<void> {
    this.templates.dropUntouchedStarters()
    const demo = generateDemo({ now: this.now(), messages: this.options.demoMessages })
    await seedWorkspace(this.store, demo)
    // The generator knows each body's text: no need to parse the .eml files just written.
    await this.search.addMany(demo.messages)
  }

  /** Resolves once the search index is read back and holds every stored message (tests, benchmarks). */
  searchReady(): Promise<void> {
    return this.search.catchUp()
  }

  /** Resolves once the reports dashboard built in the background after start is ready (benchmarks). */
  reportsWarmedUp(): Promise<void> {
    return this.reports.warmedUp()
  }

  /** Resolves once the rules have looked at everything that happened so far (tests). */
  rulesSettled(): Promise<void> {
    return this.rules.settled()
  }

  /** Rules look at the time triggers now rather than at the next minute (tests that move the clock). */
  checkRules(): Promise<void> {
    return this.rules.scan()
  }

  /** Built inbox views, by view and channel; rebuilt only once the data or a snooze moved. */
  private readonly inboxCache = new Map<string, { version: string; until?: string; rows: InboxRow[] }>()

  /**
   * The rows of one inbox view. Scrolling asks for page after page of the same view, and a
   * build sorts every customer (40,000 in a big workspace): build once per change, page from it.
   */
  private inboxRows(view: InboxView, channel: Channel | undefined, tag: string | undefined): InboxRow[] {
    // The tag folded to its key: "VIP" and "vip" are one view (core/customers/tags.ts).
    const key = `${view}:${channel ?? ''}:${tag === undefined ? '' : tagKey(tag)}`
    // Settings too: they hold the response clocks the rows' due times and Overdue come from.
    const { conversations: cv, customers: cu, settings: sv } = this.store.docs
    const version = `${cv.version}:${cu.version}:${sv.version}`
    const now = this.now().toISOString()
    const cached = this.inboxCache.get(key)
    if (cached && cached.version === version && (cached.until === undefined || now < cached.until)) return cached.rows
    const conversations = Object.values(this.store.conversations)
    const clocks = clocksOf(this.store)
    const rows = buildInbox(this.store.customers, conversations, { view, channel, tag, now, clocks })
    // Overdue also changes by itself when the next clock runs out.
    const snoozeEnd = nextSnoozeEnd(conversations, now)
    const clockEnd = view === 'overdue' ? nextClockEnd(conversations, now, clocks) : undefined
    const until = snoozeEnd === undefined || (clockEnd !== undefined && clockEnd < snoozeEnd) ? clockEnd : snoozeEnd
    this.inboxCache.set(key, { version, until, rows })
    return rows
  }

  private conversation(id: string): Conversation {
    // Own keys only: "constructor" names no conversation.
    const c = Object.hasOwn(this.store.conversations, id) ? this.store.conversations[id] : undefined
    if (!c) throw new EngineError('not_found', `No conversation ${id}.`)
    return c
  }

  private makeHandlers(): Handlers {
    return {
      'app.info': async () => this.info(),
      'demo.open': async () => {
        if (Object.keys(this.store.accounts).length > 0) {
          throw new EngineError('conflict', 'This workspace already has accounts; the demo opens only in an empty one.')
        }
        await this.seedDemo()
        this.waker.rescan()
        this.hub.emit('inbox.changed', {})
        return this.info()
      },
      'inbox.list': async (p) => {
        const rows = this.inboxRows(p.view, p.channel, p.tag)
        return { view: p.view, total: rows.length, offset: p.offset, rows: rows.slice(p.offset, p.offset + p.limit) }
      },
      'customer.get': async (p) => this.customerView(p.customerId),
      'conversation.get': async (p) => {
        const c = this.conversation(p.conversationId)
        const records = await this.store.messagesOf(c)
        return {
          conversation: { ...this.summary(c), customerId: c.customerId, accountId: c.accountId },
          messages: await Promise.all(records.map((m) => readTimelineMessage(this.store, m))),
        }
      },
      'conversation.setStatus': async (p) => {
        const c = this.conversation(p.conversationId)
        return this.changeStatus(c, p.status === 'done' ? markDone(c) : reopen(c))
      },
      'conversation.snooze': async (p) => {
        const c = this.conversation(p.conversationId)
        return this.changeStatus(c, snooze(c, this.snoozeEnd(p.until)))
      },
      'conversation.markSeen': async (p) => this.markSeen(p.conversationId),
      'customer.update': async (p) => {
        const customer = await updateCustomer(this.store, p)
        this.hub.emit('inbox.changed', { customerIds: [customer.id] })
        return customer
      },
      'customer.tags': async () => tagCounts(Object.values(this.store.customers)),
      'message.send': async (p) => {
        const item = await this.outbox.enqueue(p)
        try {
          await this.drafts.sent(p)
        } catch (err) {
          // The message is queued; a draft left behind is only clutter the seller can discard.
          this.log(`drafts: could not remove the draft of ${item.id}: ${(err as Error).message}`)
        }
        return item
      },
      'message.compose': async (p) => draftFor(this.store, p),
      'message.body': async (p) => {
        const m = await this.message(p.messageId)
        return readMessageBody(this.store, m, this.remoteImagesAllowed(m))
      },
      'message.attachment': async (p) => readAttachment(this.store, await this.message(p.messageId), p.index),
      'message.allowRemoteImages': async (p) => this.allowRemoteImages(p),
      'draft.save': async (p) => this.drafts.save(p),
      'draft.get': async (p) => this.drafts.get(p),
      'draft.delete': async (p) => this.drafts.delete(p),
      'draft.list': async () => this.drafts.list(),
      'outbox.cancel': async (p) => this.outbox.cancel(p.id),
      'outbox.list': async () => this.outbox.list(),
      'account.list': async () => this.accounts.list(),
      'account.add': async (p) => {
        const account = await this.accounts.add(p)
        this.startSync(this.accounts.get(account.id))
        this.hub.emit('sync.changed', {})
        return account
      },
      'account.update': async (p) => {
        const account = await this.accounts.update(p)
        await this.stopSync(account.id)
        this.startSync(this.accounts.get(account.id))
        // Reconnected: replies held back by a refused token or password go now.
        this.outbox.retryAccount(account.id)
        return account
      },
      'account.remove': async (p) => {
        await this.stopSync(p.id)
        const removed = await this.accounts.remove(p.id)
        this.hub.emit('sync.changed', {})
        return removed
      },
      'account.test': async (p) => this.accounts.test(p),
      'account.folders': async (p) => this.accounts.folders(p.id),
      'account.preset': async (p) => presetFor(p.address),
      'account.sync': async (p) => {
        const account = this.accounts.get(p.id)
        if (isApiAccount(account)) await this.apiSync.syncOnce(account)
        else await this.mailSync.syncOnce(account)
        return this.syncStatus()
      },
      'import.files': async (p) => {
        const report = await importFiles(this.store, this.ingest, p.paths, this.now)
        this.hub.emit('inbox.changed', {})
        return report
      },
      'orders.preview': async (p) => this.orderImport.preview(p),
      'orders.import': async (p) => {
        const result = await this.orderImport.import(p)
        this.hub.emit('inbox.changed', {})
        return result
      },
      'customer.find': async (p) => this.identity.find(p),
      'customer.merge': async (p) => this.identityChanged(await this.identity.merge(p)),
      'customer.split': async (p) => this.identityChanged(await this.identity.split(p)),
      'customer.undoIdentity': async (p) => this.identityChanged(await this.identity.undo(p)),
      // Defaults first: a settings file from an older version lacks the newer settings.
      'settings.get': async () => ({ ...DEFAULT_SETTINGS, ...this.store.settings }),
      'settings.update': async (p) => {
        // A policy for one channel leaves the others as they were.
        if (p.responsePolicies) {
          const policies = { ...DEFAULT_SETTINGS.responsePolicies, ...this.store.settings.responsePolicies }
          p = { ...p, responsePolicies: { ...policies, ...p.responsePolicies } }
        }
        Object.assign(this.store.settings, Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)))
        this.store.docs.settings.changed()
        await this.store.docs.settings.flush()
        const settings = { ...DEFAULT_SETTINGS, ...this.store.settings }
        this.hub.emit('settings.changed', settings)
        return settings
      },
      'sync.status': async () => this.syncStatus(),
      'search.query': async (p) => {
        let query
        try {
          query = parseSearchQuery(p.query)
        } catch (err) {
          if (!(err instanceof SearchQueryError)) throw err
          throw new EngineError('bad_request', err.message, [{ path: `query.${err.filter}`, message: err.message }])
        }
        return { ...(await this.search.search(query, p.offset, p.limit)), query: p.query }
      },
      'callback.list': async () => this.callbacks.list(),
      'callback.create': async (p) => this.callbacks.create(p),
      'callback.update': async (p) => this.callbacks.update(p),
      'callback.delete': async (p) => this.callbacks.delete(p.id),
      'callFive.plan': async () => this.callbacks.plan(),
      'callFive.log': async (p) => this.callbacks.log(p),
      'voice.list': async (p) => this.callbacks.voice(p),
      'template.list': async () => this.templates.list(),
      'template.save': async (p) => this.templates.save(p),
      'template.delete': async (p) => this.templates.delete(p.id),
      'template.render': async (p) => this.templates.render(p),
      'template.used': async (p) => this.templates.used(p),
      'template.suggest': async (p) =>
        this.rules.withSuggested(p.conversationId, await this.templates.suggest(p), p.limit),
      'reports.get': async (p) => this.reports.get(p),
      'reports.topics': async () => this.reportTopics.get(),
      'reports.topics.save': async (p) => this.reportTopics.save(p),
      'reports.clusters': async (p) => this.reportClusters.get(p),
      'rules.list': async () => this.rules.list(),
      'rules.save': async (p) => this.rules.save(p),
      'rules.delete': async (p) => this.rules.delete(p.id),
      'rules.log': async (p) => this.rules.logOf(p),
    }
  }

  /** A merge, split or undo moved records between customers: the inbox rows change. */
  private identityChanged<T extends { touched: string[] }>(result: T): T {
    this.hub.emit('inbox.changed', { customerIds: result.touched })
    return result
  }

  /** Background sync of an account just added or changed: IMAP, or its marketplace API. */
  private startSync(account: Account): void {
    if (this.options.sync === false) return
    if (isApiAccount(account)) this.apiSync.start(account)
    // The demo's and imported mail's accounts have no server to sync (a new signature must not start one).
    else if (account.kind === 'imap') this.mailSync.start(account)
  }

  private async stopSync(accountId: string): Promise<void> {
    await Promise.all([this.mailSync.stop(accountId), this.apiSync.stop(accountId)])
  }

  private syncStatus(): SyncStatus {
    const accounts = Object.values(this.store.accounts).map((a) => ({
      accountId: a.id,
      label: a.label,
      state: 'idle' as const,
      ...this.mailSync.status.get(a.id),
      ...this.apiSync.status.get(a.id),
    }))
    return {
      online: !accounts.some((a) => a.state === 'offline'),
      accounts,
      outbox: this.outbox.counts(),
    }
  }

  /** `counts`: known already (the inbox snapshot's, while the documents are not read). */
  private info(counts?: AppInfo['counts']): AppInfo {
    const conversations = counts ? [] : Object.values(this.store.conversations)
    return {
      version: this.options.version ?? '0.0.0',
      dataDir: this.options.dataDir,
      demo: this.store.settings.demo,
      language: this.store.settings.language,
      counts: counts ?? {
        customers: Object.keys(this.store.customers).length,
        conversations: conversations.length,
        messages: conversations.reduce((n, c) => n + c.messageCount, 0),
      },
      notices: [...this.notices],
    }
  }

  private async customerView(customerId: string): Promise<CustomerView> {
    const customer = Object.hasOwn(this.store.customers, customerId) ? this.store.customers[customerId] : undefined
    if (!customer) throw new EngineError('not_found', `No customer ${customerId}.`)
    const conversations = this.store.conversationsOf(customerId)
    const records = (await Promise.all(conversations.map((c) => this.store.messagesOf(c)))).flat()
    records.sort((a, b) => a.date.localeCompare(b.date))
    await this.store.load('orders')
    return {
      customer,
      conversations: conversations.map(this.summary).sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt)),
      timeline: await Promise.all(records.map((m) => readTimelineMessage(this.store, m))),
      orders: this.store.ordersOf(customerId).sort((a, b) => b.placedAt.localeCompare(a.placedAt)),
      reminders: Object.values(this.store.reminders).filter((r) => r.customerId === customerId),
      calls: this.callbacks.callsOf(customerId),
    }
  }

  private async markSeen(conversationId: string): Promise<ConversationSummary> {
    const c = this.conversation(conversationId)
    const unseen = (await this.store.messagesOf(c)).filter((m) => m.direction === 'in' && !m.seen)
    if (unseen.length === 0) return this.summary(c)
    await this.store.updateMessages(
      unseen.map((m) => ({ id: m.id, month: monthOf(m) })),
      (m) => ({ ...m, seen: true }),
    )
    const next = { ...c, unreadCount: 0 }
    this.store.conversations[c.id] = next
    this.store.docs.conversations.changed('conversations', c.id)
    await this.store.flush()
    await this.mailSync.queueSeen(unseen)
    // eBay and Rakuten: the marketplace hears of it too (in the background; it may be offline).
    void this.apiSync.markRead(next)
    this.hub.emit('inbox.changed', { customerIds: [c.customerId] })
    return this.summary(next)
  }

  /** Stores a status change, tells the mail server when done-ness changed, and the renderers. */
  private async changeStatus(c: Conversation, next: Conversation): Promise<ConversationSummary> {
    if (next === c) return this.summary(c)
    this.store.conversations[c.id] = next
    this.store.docs.conversations.changed('conversations', c.id)
    // Only a real change of done-ness reaches the server (archive or flag, per doneAction).
    if ((c.status === 'done') !== (next.status === 'done')) {
      await this.mailSync.queueDone(next, next.status === 'done')
    }
    if (next.status === 'snoozed' && next.snoozedUntil !== undefined) this.waker.snoozed(next.snoozedUntil)
    this.hub.emit('inbox.changed', { customerIds: [c.customerId] })
    return this.summary(next)
  }

  /** A conversation as the renderer sees it, its clock under the seller's response policies. */
  private readonly summary = (c: Conversation): ConversationSummary => summaryOf(c, clocksOf(this.store))

  /** A snooze's end as stored (UTC ISO), checked against the clock; 'reply' has no end to check. */
  private snoozeEnd(until: string): string {
    if (until === 'reply') return until
    const at = Date.parse(until)
    const now = this.now().getTime()
    const refuse = (message: string) => new EngineError('bad_request', message, [{ path: 'until', message }])
    if (!(at > now)) throw refuse('A snooze has to end in the future.')
    if (at > now + MAX_SNOOZE_MS) throw refuse('A snooze can last at most a year.')
    return new Date(at).toISOString()
  }

  private async message(recordId: string): Promise<MessageRecord> {
    const m = await this.store.findMessage(recordId)
    if (!m) throw new EngineError('not_found', `No message ${recordId}.`)
    return m
  }

  private remoteImagesAllowed(m: MessageRecord): boolean {
    if (m.remoteImagesAllowed === true) return true
    return (this.store.settings.remoteImagesFrom ?? []).includes(normaliseAddress(m.from.address))
  }

  private async allowRemoteImages(p: RequestParams<'message.allowRemoteImages'>): Promise<RemoteImagesAllowed> {
    const m = await this.message(p.messageId)
    if (p.scope === 'message') {
      if (m.remoteImagesAllowed !== true) {
        await this.store.updateMessages([{ id: m.id, month: monthOf(m) }], (r) => ({ ...r, remoteImagesAllowed: true }))
        await this.store.flush()
      }
      return { messageId: m.id, scope: 'message' }
    }
    const sender = normaliseAddress(m.from.address)
    if (sender.endsWith('@seller-inbox.invalid')) {
      throw new EngineError(
        'bad_request',
        'This message has no sender address to trust; allow its images for this message only.',
        [{ path: 'scope', message: 'No sender address: only this message can be allowed.' }],
      )
    }
    const allowed = this.store.settings.remoteImagesFrom ?? []
    if (!allowed.includes(sender)) {
      // A new array: the settings document may share the default one.
      this.store.settings.remoteImagesFrom = [...allowed, sender]
      this.store.docs.settings.changed('remoteImagesFrom')
      await this.store.docs.settings.flush()
      this.hub.emit('settings.changed', { ...DEFAULT_SETTINGS, ...this.store.settings })
    }
    return { messageId: m.id, scope: 'sender', sender }
  }
}

/** Longer than a year is a typo (a wrong year), not a plan. */
const MAX_SNOOZE_MS = 366 * 24 * 60 * 60 * 1000

function summaryOf(c: Conversation, clocks: ResponseClocks): ConversationSummary {
  return {
    id: c.id,
    channel: c.channel,
    subject: c.subject,
    status: c.status,
    orderNumber: c.orderNumber,
    ...(c.reply ? { reply: c.reply } : {}),
    lastMessageAt: c.lastMessageAt,
    messageCount: c.messageCount,
    unreadCount: c.unreadCount,
    dueAt: c.waitingSince && c.lastFrom === 'customer' ? dueAt(c.channel, c.waitingSince, clocks) : undefined,
    ...(c.snoozedUntil !== undefined ? { snoozedUntil: c.snoozedUntil } : {}),
    ...(c.untilReply === true ? { snoozedUntilReply: true } : {}),
  }
}
