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
  type Settings,
  type Template,
} from '../core/model'
import { pathExists, writeFileAtomic } from './atomic-file'
import { StoreTooNewError } from './errors'
import {
  DEFAULT_FLUSH,
  JsonDocument,
  hasRecordMaps,
  isPlainObject,
  type DocumentSpec,
  type FlushPolicy,
  type NoticeSink,
} from './json-document'
import { acquireLock, type DataLock } from './lock'
import { MailFiles } from './mail-files'
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
  /** Flag changes made here, in order, not yet applied on the server (offline, or in flight). */
  pending?: PendingFlagChange[]
}

export interface PendingFlagChange {
  accountId: string
  folder: string
  uid: number
  add: string[]
  remove: string[]
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
} as const

type Specs = typeof SPECS
/** Not needed for the first inbox page: read on first use, to keep cold start short. */
const LAZY: readonly (keyof Specs)[] = ['orders', 'messageIndex']
type Docs = { [K in keyof Specs]: JsonDocument<ReturnType<Specs[K]['empty']>> }

const shardSpec = (month: string) => recordDoc<'messages', MessageRecord>(join('messages', `${month}.json`), 'messages')
export type MessageShard = JsonDocument<{ messages: ById<MessageRecord> }>

export interface OpenStoreOptions {
  notify?: NoticeSink
  flush?: FlushPolicy
  /** Replaces the built-in migrations (tests). */
  migrations?: Migration[]
  schemaVersion?: number
}

export class Store {
  readonly mail: MailFiles
  private readonly shards = new Map<string, Promise<MessageShard>>()

  private constructor(
    readonly dataDir: string,
    readonly docs: Docs,
    private readonly lock: DataLock,
    private readonly notify: NoticeSink,
    private readonly policy: FlushPolicy,
  ) {
    this.mail = new MailFiles(dataDir)
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

  /** The month shard ("2026-11") of message records, loaded on first use. */
  shard(month: string): Promise<MessageShard> {
    if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`bad shard name ${month}`)
    let shard = this.shards.get(month)
    if (!shard) {
      const doc: MessageShard = new JsonDocument(
        join(this.dataDir, 'messages', `${month}.json`),
        shardSpec(month),
        this.notify,
        this.policy,
      )
      shard = doc.load().then(() => doc)
      this.shards.set(month, shard)
    }
    return shard
  }

  /** Adds or replaces a message record in its month shard. */
  async putMessage(message: MessageRecord): Promise<void> {
    await this.putMessages([message])
  }

  /** Adds or replaces many message records, touching each month shard once. */
  async putMessages(messages: MessageRecord[]): Promise<void> {
    const byMonth = new Map<string, MessageRecord[]>()
    for (const m of messages) {
      const month = m.date.slice(0, 7)
      const list = byMonth.get(month)
      if (list) list.push(m)
      else byMonth.set(month, [m])
    }
    for (const [month, list] of byMonth) {
      const shard = await this.shard(month)
      if (this.bulkDepth > 0) shard.hold()
      for (const m of list) shard.data.messages[m.id] = m
      shard.changed()
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
      if (--this.bulkDepth === 0) await Promise.all((await this.allDocuments()).map((d) => d.release()))
    }
  }

  private async allDocuments(): Promise<JsonDocument<unknown>[]> {
    return [...Object.values(this.docs), ...(await Promise.all(this.shards.values()))] as JsonDocument<unknown>[]
  }

  async messagesOf(conversation: Conversation): Promise<MessageRecord[]> {
    const out: MessageRecord[] = []
    for (const month of conversation.shards) {
      const shard = await this.shard(month)
      for (const m of Object.values(shard.data.messages)) {
        if (m.conversationId === conversation.id) out.push(m)
      }
    }
    return out.sort((a, b) => a.date.localeCompare(b.date))
  }

  /** Writes every pending change now. */
  async flush(): Promise<void> {
    await Promise.all((await this.allDocuments()).map((d) => d.flush()))
  }

  async close(): Promise<void> {
    try {
      await this.flush()
    } finally {
      await this.lock.release()
    }
  }
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
