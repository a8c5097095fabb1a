// The data folder: several small lowdb documents, month shards of message records, and
// raw .eml files. The only module that touches the folder.
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import {
  DEFAULT_SETTINGS,
  type Account,
  type Conversation,
  type Customer,
  type MessageRecord,
  type Order,
  type OutboxItem,
  type Reminder,
  type SavedDraft,
  type Settings,
  type Template,
  type TemplateChoice,
} from '../core/model'
import type { IdentityChange } from '../core/customers/identity-change'
import type { IdentityDecision } from '../core/identity-decisions'
import type { CallLog, CallPlan } from '../core/callbacks/call-five'
import type { RuleLogDocument, RulesDocument } from '../core/rules/log'
import type { TemplateReply } from '../core/reports/template-effect'
import { pathExists, writeFileAtomic } from './atomic-file'
import { StoreTooNewError } from './errors'
import {
  DEFAULT_FLUSH,
  JsonDocument,
  foldJournals,
  hasRecordMaps,
  isPlainObject,
  type DocumentSpec,
  type FlushPolicy,
  type NoticeSink,
} from './json-document'
import { acquireLock, type DataLock } from './lock'
import { journalPathOf } from './journal'
import { MailFiles } from './mail-files'
import { MessageIndex } from './message-index'
import { OutboxFiles } from './outbox-files'
import { RecordGroups } from './record-groups'
import { ShardIndex } from './shard-index'
import { UidMaps } from './uid-maps'
import { MIGRATIONS, SCHEMA_VERSION, backupDocuments, type Migration } from './migrations'

type ById<T> = Record<string, T>

export interface Meta {
  schemaVersion: number
  createdAt: string
}

export type { MessageIndexEntry } from './message-index'

/** What templates learned: which was chosen for which message, and whether the starters were given. */
export interface TemplateLearning {
  /** When the starter templates were added; set once, so deleted starters never come back. */
  starterSeededAt?: string
  choices: ById<TemplateChoice>
}

/** Sent replies written with templates, by message record id: what reports compare (core/reports/template-effect.ts). */
export interface TemplateRepliesDocument {
  replies: ById<TemplateReply>
}

/** Merges and splits the seller made (kept for undo) and the decisions they stand for. */
export interface IdentityDecisions {
  decisions: ById<IdentityDecision>
  changes: ById<IdentityChange>
}

/** The weekly "call five" plans (by week) and the calls the seller logged (the voice of the customer). */
export interface CallsDocument {
  plans: ById<CallPlan>
  calls: ById<CallLog>
}

export interface SyncState {
  /** Per account and folder: opaque cursor owned by the channel (UIDVALIDITY, MODSEQ…). */
  accounts: ById<ById<unknown>>
  /** Changes made here, in order, not yet applied on the server (offline, or in flight). */
  pending?: PendingServerAction[]
}

/** A change the seller made here that must reach the mail server (engine/server-actions.ts). */
export type PendingServerAction = PendingFlagChange | PendingMove

/** Which message record an action is about, to find the message again if it moved meanwhile. */
interface ActionTarget {
  recordId: string
  /** Month shard of the record. */
  month: string
  /** RFC 5322 Message-ID: finds the message by search when no UID map knows where it is. */
  messageId?: string
}

export interface PendingFlagChange extends Partial<ActionTarget> {
  /** Absent in entries written before moves existed: those are all flag changes. */
  kind?: 'flags'
  accountId: string
  /** Where the message was when the change was made; its target says where it is now. */
  folder: string
  uid: number
  add: string[]
  remove: string[]
  at: string
}

export interface PendingMove extends ActionTarget {
  kind: 'move'
  accountId: string
  /** A folder path, or '\\Archive': the account's archive folder, found (or created) when applied. */
  folder: string
  /** The UID in `folder` when it was queued, if known. */
  uid?: number
  /** A folder path, or '\\Archive' as for `folder`. */
  destination: string
  at: string
}

function recordDoc<K extends string, T>(file: string, key: K): DocumentSpec<Record<K, ById<T>>> {
  return {
    file,
    empty: () => ({ [key]: {} }) as Record<K, ById<T>>,
    isValid: (raw): raw is Record<K, ById<T>> => hasRecordMaps(raw, [key]),
  }
}

const SPECS = {
  meta: {
    file: 'meta.json',
    empty: (): Meta => ({ schemaVersion: SCHEMA_VERSION, createdAt: new Date().toISOString() }),
    isValid: (raw: unknown): raw is Meta => isPlainObject(raw) && typeof raw.schemaVersion === 'number',
  },
  settings: {
    file: 'settings.json',
    empty: (): Settings => ({ ...DEFAULT_SETTINGS }),
    isValid: (raw: unknown): raw is Settings => isPlainObject(raw),
  },
  accounts: recordDoc<'accounts', Account>('accounts.json', 'accounts'),
  customers: recordDoc<'customers', Customer>('customers.json', 'customers'),
  conversations: recordDoc<'conversations', Conversation>('conversations.json', 'conversations'),
  orders: recordDoc<'orders', Order>('orders.json', 'orders'),
  templates: recordDoc<'templates', Template>('templates.json', 'templates'),
  reminders: recordDoc<'reminders', Reminder>('reminders.json', 'reminders'),
  outbox: recordDoc<'items', OutboxItem>('outbox.json', 'items'),
  syncState: recordDoc<'accounts', ById<unknown>>('sync-state.json', 'accounts') as DocumentSpec<SyncState>,
  drafts: recordDoc<'drafts', SavedDraft>('drafts.json', 'drafts'),
  identityDecisions: {
    file: 'identity-decisions.json',
    empty: (): IdentityDecisions => ({ decisions: {}, changes: {} }),
    isValid: (raw: unknown): raw is IdentityDecisions => hasRecordMaps(raw, ['decisions', 'changes']),
  },
  calls: {
    file: 'calls.json',
    empty: (): CallsDocument => ({ plans: {}, calls: {} }),
    isValid: (raw: unknown): raw is CallsDocument => hasRecordMaps(raw, ['plans', 'calls']),
  },
  templateLearning: {
    file: 'template-learning.json',
    empty: (): TemplateLearning => ({ choices: {} }),
    isValid: (raw: unknown): raw is TemplateLearning => hasRecordMaps(raw, ['choices']),
  },
  templateReplies: {
    file: 'template-replies.json',
    empty: (): TemplateRepliesDocument => ({ replies: {} }),
    isValid: (raw: unknown): raw is TemplateRepliesDocument => hasRecordMaps(raw, ['replies']),
  },
  rules: {
    file: 'rules.json',
    empty: (): RulesDocument => ({ rules: {} }),
    isValid: (raw: unknown): raw is RulesDocument => hasRecordMaps(raw, ['rules']),
  },
  ruleLog: {
    file: 'rule-log.json',
    empty: (): RuleLogDocument => ({ entries: {}, delivered: {} }),
    isValid: (raw: unknown): raw is RuleLogDocument => hasRecordMaps(raw, ['entries', 'delivered']),
  },
} as const

type Specs = typeof SPECS
/** Not needed for the first inbox page: read on first use, to keep cold start short. */
const LAZY: readonly (keyof Specs)[] = ['orders']
type Docs = { [K in keyof Specs]: JsonDocument<ReturnType<Specs[K]['empty']>> }

const shardSpec = (month: string) => recordDoc<'messages', MessageRecord>(join('messages', `${month}.json`), 'messages')
export type MessageShard = JsonDocument<{ messages: ById<MessageRecord> }>
interface ShardEntry {
  doc: MessageShard
  loading: Promise<MessageShard>
  ready: boolean
}
/**
 * Month shards kept in memory: the months being synced or read now. A first sync of years
 * of mail would otherwise end up holding every message record of the workspace.
 */
const SHARDS_IN_MEMORY = 6
/**
 * …and no more message records than this in them, beyond the two used last: a month of a
 * big workspace holds thousands of records, so six of them would grow with the workspace.
 */
const SHARD_RECORDS_IN_MEMORY = 5000
const SHARDS_ALWAYS_KEPT = 2

export interface OpenStoreOptions {
  notify?: NoticeSink
  flush?: FlushPolicy
  /** Replaces the built-in migrations (tests). */
  migrations?: Migration[]
  schemaVersion?: number
  /**
   * Documents not read at open but later with `load()` (the engine's cold start reads the big
   * ones after the first inbox page); until then their data is the empty default: not to be used.
   */
  defer?: readonly (keyof Specs)[]
}

export class Store {
  readonly mail: MailFiles
  /** Attachment bytes of queued messages. */
  readonly outboxFiles: OutboxFiles
  private readonly shards = new Map<string, ShardEntry>()
  /**
   * Where each record of the months not in memory is on disk: opening a customer reads (and
   * marks read) a few records of a month without loading all of it (see shard-index.ts).
   */
  private readonly onDisk: ShardIndex
  private readonly conversationsByCustomer: RecordGroups<Conversation>
  private readonly ordersByCustomer: RecordGroups<Order>
  /** Changes to each month's records in this process: what reports cache their per-month work by. */
  private readonly monthVersions = new Map<string, number>()
  /**
   * Message-ID → record (threading, de-duplication), kept on disk with a hash per entry in
   * memory: `await messageIds.get(id)`, `messageIds.put(id, entry)` (see message-index.ts).
   */
  readonly messageIds: MessageIndex
  /** Each mail account's UID → record maps, on disk (see uid-maps.ts; mail-sync.ts uses them). */
  readonly uidMaps: UidMaps

  private constructor(
    readonly dataDir: string,
    readonly docs: Docs,
    private readonly lock: DataLock,
    private readonly notify: NoticeSink,
    private readonly policy: FlushPolicy,
  ) {
    this.mail = new MailFiles(dataDir)
    this.outboxFiles = new OutboxFiles(dataDir)
    this.messageIds = new MessageIndex(dataDir, () => this.everyMessage(), notify, policy)
    this.uidMaps = new UidMaps(dataDir, notify)
    this.onDisk = new ShardIndex((month) => shardPath(dataDir, month))
    const customerOf = (r: { customerId: string }) => r.customerId
    this.conversationsByCustomer = new RecordGroups<Conversation>(
      docs.conversations,
      'conversations',
      () => this.conversations,
      customerOf,
    )
    this.ordersByCustomer = new RecordGroups<Order>(docs.orders, 'orders', () => this.orders, customerOf)
  }

  static async open(dataDir: string, options: OpenStoreOptions = {}): Promise<Store> {
    const notify = options.notify ?? (() => undefined)
    const policy = options.flush ?? DEFAULT_FLUSH
    await fs.mkdir(join(dataDir, 'messages'), { recursive: true })
    const lock = await acquireLock(dataDir)
    try {
      await removeStaleTempFiles(dataDir)
      const isNew = !(await pathExists(join(dataDir, SPECS.meta.file)))
      await migrate(dataDir, isNew, options.migrations ?? MIGRATIONS, options.schemaVersion ?? SCHEMA_VERSION, notify)
      const docs = Object.fromEntries(
        Object.entries(SPECS).map(([key, spec]) => [
          key,
          new JsonDocument(join(dataDir, spec.file), spec as DocumentSpec<unknown>, notify, policy),
        ]),
      ) as Docs
      await Promise.all(
        Object.entries(docs)
          .filter(([k]) => !LAZY.includes(k as keyof Specs) && !options.defer?.includes(k as keyof Specs))
          .map(([, d]) => d.load()),
      )
      if (isNew) docs.meta.changed()
      return new Store(dataDir, docs, lock, notify, policy)
    } catch (err) {
      await lock.release()
      throw err
    }
  }

  get accounts(): ById<Account> {
    return this.docs.accounts.data.accounts
  }
  get customers(): ById<Customer> {
    return this.docs.customers.data.customers
  }
  get conversations(): ById<Conversation> {
    return this.docs.conversations.data.conversations
  }
  /** Orders are read lazily: `await store.load('orders')` first. */
  get orders(): ById<Order> {
    return this.loaded('orders').orders
  }

  /** A customer's conversations, in no particular order. */
  conversationsOf(customerId: string): Conversation[] {
    return this.conversationsByCustomer.of(customerId)
  }

  /** A customer's orders, in no particular order (`await store.load('orders')` first). */
  ordersOf(customerId: string): Order[] {
    return this.ordersByCustomer.of(customerId)
  }

  /** Reads a lazily loaded document (a no-op for the others); 'messageIndex' reads `messageIds`. */
  async load(name: keyof Specs | 'messageIndex'): Promise<void> {
    if (name === 'messageIndex') await this.messageIds.load()
    else await this.docs[name].load()
  }

  private loaded<K extends keyof Specs>(name: K): Docs[K]['data'] {
    if (!this.docs[name].loaded) throw new Error(`${name} is not loaded yet: await store.load('${name}')`)
    return this.docs[name].data
  }

  get templates(): ById<Template> {
    return this.docs.templates.data.templates
  }
  get reminders(): ById<Reminder> {
    return this.docs.reminders.data.reminders
  }
  get outbox(): ById<OutboxItem> {
    return this.docs.outbox.data.items
  }
  get settings(): Settings {
    return this.docs.settings.data
  }
  /** Composer drafts by id; change one with `docs.drafts.changed('drafts', id)`. */
  get drafts(): ById<SavedDraft> {
    return this.docs.drafts.data.drafts
  }
  /** The seller's merges and splits and what they decided; change with `docs.identityDecisions.changed(…)`. */
  get identityDecisions(): IdentityDecisions {
    return this.docs.identityDecisions.data
  }

  /**
   * The month shard ("2026-11") of message records, loaded on first use. Shards are the bulk
   * of the workspace, so only the few used last stay in memory (see `trimShards`); callers
   * must not keep a shard across an `await`, which is why this is private.
   */
  private shard(month: string): Promise<MessageShard> {
    if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`bad shard name ${month}`)
    let entry = this.shards.get(month)
    if (entry) {
      // Most recently used last: Map keeps insertion order, so re-inserting is the LRU touch.
      this.shards.delete(month)
      this.shards.set(month, entry)
      return entry.loading
    }
    const doc: MessageShard = new JsonDocument(
      shardPath(this.dataDir, month),
      shardSpec(month),
      this.notify,
      this.policy,
    )
    // Read once what was being read or changed on disk without it is done (its journal lines included).
    const loading = this.onDisk.settled(month).then(() => doc.load())
    entry = { doc, loading: loading.then(() => doc), ready: false }
    const created = entry
    void entry.loading.then(
      () => {
        created.ready = true
      },
      () => this.shards.get(month) === created && this.shards.delete(month),
    )
    this.shards.set(month, entry)
    this.trimShards()
    return entry.loading
  }

  /**
   * Runs `use` on a month shard that is still the cached one when it runs: a shard dropped
   * from memory while we waited for it would otherwise take writes nobody reads back.
   */
  private async withShard<T>(month: string, use: (shard: MessageShard) => T): Promise<T> {
    for (;;) {
      const shard = await this.shard(month)
      if (this.shards.get(month)?.doc === shard) return use(shard)
    }
  }

  /**
   * Drops the least recently used shards beyond `SHARDS_IN_MEMORY` or beyond
   * `SHARD_RECORDS_IN_MEMORY` records, if fully written.
   */
  private trimShards(): void {
    let excess = this.shards.size - SHARDS_IN_MEMORY
    let records = 0
    for (const entry of this.shards.values()) if (entry.ready) records += Object.keys(entry.doc.data.messages).length
    let kept = this.shards.size
    for (const [month, entry] of this.shards) {
      if ((excess <= 0 && records <= SHARD_RECORDS_IN_MEMORY) || kept <= SHARDS_ALWAYS_KEPT) break
      if (entry.ready && entry.doc.idle) {
        this.shards.delete(month)
        records -= Object.keys(entry.doc.data.messages).length
        excess--
        kept--
      }
    }
  }

  /** How many month shards are in memory (tests and benchmarks). */
  get shardsInMemory(): number {
    return this.shards.size
  }

  private monthChanged(month: string): void {
    this.monthVersions.set(month, (this.monthVersions.get(month) ?? 0) + 1)
  }

  /**
   * A number that changes whenever a record of `month` is added or changed through this store, so
   * work derived from a shard (reports) can be kept until it does.
   */
  monthVersion(month: string): number {
    return this.monthVersions.get(month) ?? 0
  }

  /**
   * What a month shard on disk is now (sizes and times of its file and journal), or undefined
   * while it has changes not yet written: derived data saved with this signature is current
   * exactly while the signature stays the same.
   */
  async monthSignature(month: string): Promise<string | undefined> {
    const entry = this.shards.get(month)
    if (entry && !(entry.ready && entry.doc.idle)) return undefined
    return fileSignature(shardPath(this.dataDir, month))
  }

  /** `monthSignature` for a document (whether loaded or not). */
  async docSignature(name: keyof Specs): Promise<string | undefined> {
    const doc = this.docs[name]
    if (doc.loaded && !doc.idle) return undefined
    return fileSignature(doc.path)
  }

  /** Every month that has message records ("2026-11"), oldest first. */
  async months(): Promise<string[]> {
    const names = await fs.readdir(join(this.dataDir, 'messages'))
    // A month written only through its journal so far has no snapshot file yet.
    const months = new Set(
      names.map((n) => /^(\d{4}-\d{2})\.json(?:\.journal)?$/.exec(n)?.[1]).filter((m) => m !== undefined),
    )
    for (const [month, entry] of this.shards) if (entry.ready) months.add(month)
    return [...months].sort()
  }

  /** Reads a month's records (loaded if needed). `read` must not keep them: the shard may be dropped after. */
  async readMonth<T>(month: string, read: (records: Readonly<Record<string, MessageRecord>>) => T): Promise<T> {
    return this.withShard(month, (shard) => read(shard.data.messages))
  }

  /** A month shard's record count and how often its file was written (tests, benchmarks). */
  async shardInfo(month: string): Promise<{ records: number; writes: number }> {
    return this.withShard(month, (s) => ({ records: Object.keys(s.data.messages).length, writes: s.writes }))
  }

  async getMessage(month: string, id: string): Promise<MessageRecord | undefined> {
    if (!this.shards.has(month)) {
      const [found] = (await this.onDisk.records(month, [id])) ?? [undefined]
      if (found !== undefined && !this.shards.has(month)) return found
    }
    return this.withShard(month, (shard) => shard.data.messages[id])
  }

  /**
   * Changes message records in place: `change` returns the new record, or undefined to leave
   * it as it is. Returns the records that changed.
   */
  async updateMessages(
    refs: { id: string; month: string }[],
    change: (record: MessageRecord) => MessageRecord | undefined,
  ): Promise<MessageRecord[]> {
    const updated: MessageRecord[] = []
    for (const [month, ids] of groupBy(refs, (r) => r.month)) {
      if (!this.shards.has(month)) {
        // Not in memory: the changed records go to its journal, as the loaded month's would.
        const changed = await this.onDisk.update(
          month,
          ids.map((r) => r.id),
          change,
        )
        if (changed) {
          if (changed.length > 0) this.monthChanged(month)
          updated.push(...changed)
          continue
        }
      }
      await this.withShard(month, (shard) => {
        for (const { id } of ids) {
          const record = shard.data.messages[id]
          const next = record && change(record)
          if (!next) continue
          shard.data.messages[id] = next
          shard.changed('messages', id)
          this.monthChanged(month)
          updated.push(next)
        }
      })
    }
    return updated
  }

  /** Adds or replaces a message record in its month shard. */
  async putMessage(message: MessageRecord): Promise<void> {
    await this.putMessages([message])
  }

  /** Adds or replaces many message records, touching each month shard once. */
  async putMessages(messages: MessageRecord[]): Promise<void> {
    for (const [month, list] of groupBy(messages, monthOf)) {
      await this.withShard(month, (shard) => {
        if (this.bulkDepth > 0) shard.hold()
        for (const m of list) {
          shard.data.messages[m.id] = m
          shard.changed('messages', m.id)
          this.monthChanged(month)
        }
      })
    }
  }

  private bulkDepth = 0

  /**
   * Runs bulk work (seeding, imports, a first sync) with every document written once at
   * the end rather than rewritten every debounce window while it grows.
   */
  async bulk<T>(work: () => Promise<T>): Promise<T> {
    this.bulkDepth++
    this.messageIds.hold()
    for (const d of await this.allDocuments()) d.hold()
    try {
      return await work()
    } finally {
      const outermost = --this.bulkDepth === 0
      try {
        // The index first: killed in between, it names a record not written yet (which ingest
        // takes again), never misses one whose sync cursor has moved past it.
        await this.messageIds.release()
      } finally {
        if (outermost) {
          await Promise.all((await this.allDocuments()).map((d) => d.release()))
          this.trimShards()
        }
      }
    }
  }

  private async allDocuments(): Promise<JsonDocument<unknown>[]> {
    const shards = await Promise.all([...this.shards.values()].map((e) => e.loading))
    return [...Object.values(this.docs), ...shards] as JsonDocument<unknown>[]
  }

  /**
   * Gets ready to read these conversations' messages: the Message-ID index (which finds a
   * record by id) read, and the months of theirs not in memory indexed, those of the most
   * conversations first.
   */
  async prepareToRead(conversations: readonly Conversation[]): Promise<void> {
    await this.messageIds.load()
    const counts = new Map<string, number>()
    for (const c of conversations) for (const m of c.shards) counts.set(m, (counts.get(m) ?? 0) + 1)
    const months = [...counts].filter(([m]) => !this.shards.has(m)).sort((a, b) => b[1] - a[1])
    await this.onDisk.prepare(months.map(([m]) => m))
  }

  /**
   * A message record by its id alone: from a month in memory, else the Message-ID index names
   * its month (one line read) and just that record is read from the month's file.
   */
  async findMessage(recordId: string): Promise<MessageRecord | undefined> {
    for (const entry of this.shards.values()) {
      const messages = entry.ready ? entry.doc.data.messages : undefined
      if (messages && Object.hasOwn(messages, recordId)) return messages[recordId]
    }
    const entry = await this.messageIds.locate(recordId)
    return entry && this.getMessage(entry.month, entry.id)
  }

  /** Every message record, one month shard at a time (what the Message-ID index is rebuilt from). */
  async *everyMessage(): AsyncGenerator<MessageRecord[]> {
    const onDisk = (await fs.readdir(join(this.dataDir, 'messages'))).map((n) => /^(\d{4}-\d{2})\.json$/.exec(n)?.[1])
    const months = [...new Set([...onDisk, ...this.shards.keys()])].filter((m): m is string => m !== undefined).sort()
    for (const month of months) yield await this.withShard(month, (s) => Object.values(s.data.messages))
  }

  async messagesOf(conversation: Conversation): Promise<MessageRecord[]> {
    const out: MessageRecord[] = []
    for (const month of conversation.shards) {
      if (!this.shards.has(month)) {
        const found = await this.onDisk.recordsOf(month, conversation.id)
        // Loaded meanwhile, the month in memory may hold more than its files: read from it then.
        if (found && !this.shards.has(month)) {
          out.push(...found)
          continue
        }
      }
      await this.withShard(month, (shard) => {
        for (const m of Object.values(shard.data.messages)) {
          if (m.conversationId === conversation.id) out.push(m)
        }
      })
    }
    return out.sort((a, b) => a.date.localeCompare(b.date))
  }

  /** Writes every pending change now. */
  async flush(): Promise<void> {
    await this.messageIds.flush()
    await this.uidMaps.flush()
    await Promise.all((await this.allDocuments()).map((d) => d.flush()))
  }

  /** `beforeRelease`: last derived writes, once every document is on disk, still holding the lock. */
  async close(beforeRelease?: () => Promise<void>): Promise<void> {
    try {
      await this.messageIds.close()
      await this.uidMaps.close()
      // One file per document again, so the next start reads no journal.
      await Promise.all((await this.allDocuments()).map((d) => d.compact()))
      await beforeRelease?.()
    } finally {
      await this.lock.release()
    }
  }
}

function shardPath(dataDir: string, month: string): string {
  if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`bad shard name ${month}`)
  return join(dataDir, 'messages', `${month}.json`)
}

/** The month shard a record belongs in. */
export function monthOf(record: { date: string }): string {
  return record.date.slice(0, 7)
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = groups.get(k)
    if (list) list.push(item)
    else groups.set(k, [item])
  }
  return groups
}

async function migrate(
  dataDir: string,
  isNew: boolean,
  migrations: Migration[],
  target: number,
  notify: NoticeSink,
): Promise<void> {
  if (isNew) return
  const metaPath = join(dataDir, SPECS.meta.file)
  let version: number
  try {
    const meta = JSON.parse(await fs.readFile(metaPath, 'utf8')) as Partial<Meta>
    version = typeof meta.schemaVersion === 'number' ? meta.schemaVersion : target
  } catch {
    return // a damaged meta.json is recovered by its document like any other
  }
  if (version > target) {
    throw new StoreTooNewError(
      `This data folder was written by a newer Seller Inbox (data version ${version}; this app knows up to ${target}).`,
      'Update Seller Inbox, or choose another data folder.',
    )
  }
  if (version === target) return
  await foldJournals(dataDir)
  const backup = await backupDocuments(dataDir, `before-v${target}-${new Date().toISOString().replace(/[:.]/g, '-')}`)
  for (const m of migrations.filter((m) => m.to > version && m.to <= target).sort((a, b) => a.to - b.to)) {
    await m.run(dataDir)
    version = m.to
    const meta = JSON.parse(await fs.readFile(metaPath, 'utf8')) as Meta
    await writeFileAtomic(metaPath, JSON.stringify({ ...meta, schemaVersion: version }))
  }
  notify({
    level: 'info',
    message: `Your data was upgraded to version ${version}.`,
    action: `A copy from before the upgrade is in ${backup}.`,
  })
}

/** Temp files of writes cut short by a crash; we hold the lock, so none is in use. */
async function removeStaleTempFiles(dataDir: string): Promise<void> {
  for (const dir of [dataDir, join(dataDir, 'messages')]) {
    for (const name of await fs.readdir(dir)) {
      if (name.startsWith('.') && name.endsWith('.tmp')) await fs.rm(join(dir, name), { force: true })
    }
  }
}

/** A file's size and modification time, and its journal's: changes whenever either is written. */
async function fileSignature(file: string): Promise<string> {
  const stat = (path: string) =>
    fs.stat(path).then(
      (s) => `${s.size}:${s.mtimeMs}`,
      () => '-',
    )
  return `${await stat(file)}|${await stat(journalPathOf(file))}`
}
