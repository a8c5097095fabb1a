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
} from '../core/model'
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
import { MailFiles } from './mail-files'
import { OutboxFiles } from './outbox-files'
import { MIGRATIONS, SCHEMA_VERSION, backupDocuments, type Migration } from './migrations'

type ById<T> = Record<string, T>

export interface Meta {
  schemaVersion: number
  createdAt: string
}

/** Where the message with a given RFC 5322 Message-ID is: for threading and de-duplication. */
export interface MessageIndexEntry {
  /** Message record id. */
  id: string
  conversationId: string
  /** Month shard holding the record. */
  month: string
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
  messageIndex: recordDoc<'ids', MessageIndexEntry>('message-index.json', 'ids'),
  drafts: recordDoc<'drafts', SavedDraft>('drafts.json', 'drafts'),
} as const

type Specs = typeof SPECS
/** Not needed for the first inbox page: read on first use, to keep cold start short. */
const LAZY: readonly (keyof Specs)[] = ['orders', 'messageIndex']
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

export interface OpenStoreOptions {
  notify?: NoticeSink
  flush?: FlushPolicy
  /** Replaces the built-in migrations (tests). */
  migrations?: Migration[]
  schemaVersion?: number
}

export class Store {
  readonly mail: MailFiles
  /** Attachment bytes of queued messages. */
  readonly outboxFiles: OutboxFiles
  private readonly shards = new Map<string, ShardEntry>()

  private constructor(
    readonly dataDir: string,
    readonly docs: Docs,
    private readonly lock: DataLock,
    private readonly notify: NoticeSink,
    private readonly policy: FlushPolicy,
  ) {
    this.mail = new MailFiles(dataDir)
    this.outboxFiles = new OutboxFiles(dataDir)
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
          .filter(([k]) => !LAZY.includes(k as keyof Specs))
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

  /** Message-ID → record; read lazily: `await store.load('messageIndex')` first. */
  get messageIndex(): ById<MessageIndexEntry> {
    return this.loaded('messageIndex').ids
  }

  /** Reads a lazily loaded document (a no-op for the others). */
  async load(name: keyof Specs): Promise<void> {
    await this.docs[name].load()
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
      join(this.dataDir, 'messages', `${month}.json`),
      shardSpec(month),
      this.notify,
      this.policy,
    )
    entry = { doc, loading: doc.load().then(() => doc), ready: false }
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

  /** Drops the least recently used shards beyond `SHARDS_IN_MEMORY`, if fully written. */
  private trimShards(): void {
    let excess = this.shards.size - SHARDS_IN_MEMORY
    for (const [month, entry] of this.shards) {
      if (excess <= 0) break
      if (entry.ready && entry.doc.idle) {
        this.shards.delete(month)
        excess--
      }
    }
  }

  /** How many month shards are in memory (tests and benchmarks). */
  get shardsInMemory(): number {
    return this.shards.size
  }

  /** A month shard's record count and how often its file was written (tests, benchmarks). */
  async shardInfo(month: string): Promise<{ records: number; writes: number }> {
    return this.withShard(month, (s) => ({ records: Object.keys(s.data.messages).length, writes: s.writes }))
  }

  async getMessage(month: string, id: string): Promise<MessageRecord | undefined> {
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
      await this.withShard(month, (shard) => {
        for (const { id } of ids) {
          const record = shard.data.messages[id]
          const next = record && change(record)
          if (!next) continue
          shard.data.messages[id] = next
          shard.changed('messages', id)
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
    for (const d of await this.allDocuments()) d.hold()
    try {
      return await work()
    } finally {
      if (--this.bulkDepth === 0) {
        await Promise.all((await this.allDocuments()).map((d) => d.release()))
        this.trimShards()
      }
    }
  }

  private async allDocuments(): Promise<JsonDocument<unknown>[]> {
    const shards = await Promise.all([...this.shards.values()].map((e) => e.loading))
    return [...Object.values(this.docs), ...shards] as JsonDocument<unknown>[]
  }

  /**
   * A message record by its id alone. The conversation screen has just read the conversation,
   * so its month shard is nearly always in memory; otherwise the Message-ID index, which names
   * every record's month, is searched.
   */
  async findMessage(recordId: string): Promise<MessageRecord | undefined> {
    for (const entry of this.shards.values()) {
      const messages = entry.ready ? entry.doc.data.messages : undefined
      if (messages && Object.hasOwn(messages, recordId)) return messages[recordId]
    }
    await this.load('messageIndex')
    for (const entry of Object.values(this.messageIndex)) {
      if (entry.id === recordId) return this.getMessage(entry.month, entry.id)
    }
    return undefined
  }

  async messagesOf(conversation: Conversation): Promise<MessageRecord[]> {
    const out: MessageRecord[] = []
    for (const month of conversation.shards) {
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
    await Promise.all((await this.allDocuments()).map((d) => d.flush()))
  }

  async close(): Promise<void> {
    try {
      // One file per document again, so the next start reads no journal.
      await Promise.all((await this.allDocuments()).map((d) => d.compact()))
    } finally {
      await this.lock.release()
    }
  }
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
