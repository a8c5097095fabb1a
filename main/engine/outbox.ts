// The outbox: every reply goes through it. Queued items are on disk before the request
// returns, wait out the undo-send window, and are delivered once: the state moves
// queued → sending → sent with a durable write between each step, and every item keeps
// the Message-ID chosen when it was queued, so a crash mid-send is recognisable.
// Attachments are written to the data folder before the item is queued and composed from
// there on every attempt, so a retry after a crash sends the very same message.
import { createHash, randomUUID } from 'node:crypto'
import { loadMailComposer } from '../channels/mail/clients'
import { EngineError, MAX_ATTACHMENT_BYTES, attachmentsTooLarge, type RequestParams } from '../../preload/api'
import { withMessage } from '../core/conversations'
import type { Account, AttachmentMeta, MessageRecord, OutboxItem } from '../core/model'
import { findFields } from '../core/templates/fields'
import { parseStored } from './stored-message'
import { recordTemplateReply } from './template-replies'
import type { Store } from '../store/store'
import type { EventHub } from './events'

/** Delivers one composed message for one kind of account. */
export interface Sender {
  /**
   * Sends the message. Must call `accepted` as soon as the server has taken it, before any
   * further work (such as the Sent copy): the outbox records that durably, so a crash after
   * it never sends the message again.
   */
  deliver(
    item: OutboxItem,
    account: Account,
    raw: Buffer,
    /** `remoteMessageId`: the id the channel gave its copy (a marketplace API's), see OutboxItem. */
    accepted: (remoteMessageId?: string) => Promise<void>,
  ): Promise<void>
  /** After a crash during delivery: did the message already go out? (With the id of the copy, if known.) */
  wasDelivered(item: OutboxItem, account: Account): Promise<boolean | { remoteMessageId?: string }>
  /** After a crash once the server had accepted it: finish what deliver does afterwards. */
  finish?(item: OutboxItem, account: Account, raw: Buffer): Promise<void>
  /**
   * Why this channel cannot take the message at all (too long, attachments, no thread to answer),
   * said before it is queued so the seller can fix it; undefined when it can.
   */
  refuse?(p: RequestParams<'message.send'>, account: Account): { path: string; message: string } | undefined
}

/**
 * Demo accounts are offline by design: "sending" records the reply in the local
 * workspace only, so the demo can be used end to end without a mail server.
 */
const localOnlySender: Sender = {
  deliver: async (_item, _account, _raw, accepted) => accepted(),
  wasDelivered: async () => false,
}

export class Outbox {
  private readonly senders = new Map<Account['kind'], Sender>([['demo', localOnlySender]])
  private timer: NodeJS.Timeout | undefined
  private running = false
  private stopped = false
  /** Items whose attachments are being written, not yet in the outbox document. */
  private readonly writing = new Set<string>()
  private pruned = false

  /** The wait after the first failed attempt; it doubles with each (tests shorten it). */
  private readonly retryBaseMs: number

  constructor(
    private readonly store: Store,
    private readonly hub: EventHub,
    private readonly now: () => Date,
    private readonly log: (line: string) => void,
    options: { retryBaseMs?: number } = {},
  ) {
    this.retryBaseMs = Math.max(1, options.retryBaseMs ?? 30_000)
  }

  /** The e-mail channel registers its SMTP sender here. */
  register(kind: Account['kind'], sender: Sender): void {
    this.senders.set(kind, sender)
  }

  start(): void {
    this.stopped = false
    this.schedule(0)
  }

  /**
   * Stops sending. Resolves once the delivery in progress (if any) has finished its
   * bookkeeping, so the store is never closed under a message the server just took.
   */
  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.current
  }

  list(): OutboxItem[] {
    return Object.values(this.store.outbox).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt))
  }

  counts(): { queued: number; failed: number } {
    const items = Object.values(this.store.outbox)
    return {
      queued: items.filter((i) => i.state === 'queued' || i.state === 'sending' || i.state === 'submitted').length,
      failed: items.filter((i) => i.state === 'failed').length,
    }
  }

  async enqueue(p: RequestParams<'message.send'>): Promise<OutboxItem> {
    const account = this.store.accounts[p.accountId]
    if (!account) throw new EngineError('not_found', `No account ${p.accountId}.`)
    if (!this.senders.has(account.kind)) {
      throw new EngineError('unavailable', `${account.label} cannot send mail yet: it has no outgoing server set up.`)
    }
    if (p.conversationId && !this.store.conversations[p.conversationId]) {
      throw new EngineError('not_found', `No conversation ${p.conversationId}.`)
    }
    const refused = this.senders.get(account.kind)?.refuse?.(p, account)
    if (refused) throw new EngineError('bad_request', refused.message, [refused])
    // A template's fill-in blank never reaches a customer, whichever client sends the text.
    const blanks = findFields(p.text)
    if (blanks.length > 0) {
      const names = blanks.map((b) => `"${b.label}"`).join(', ')
      const message = `Fill in ${names} before sending: the reply still has ${blanks.length === 1 ? 'a blank' : 'blanks'} from a template.`
      throw new EngineError('bad_request', message, [{ path: 'text', message }])
    }
    const id = `out_${randomUUID()}`
    this.writing.add(id)
    try {
      return await this.queue(id, account, p)
    } finally {
      this.writing.delete(id)
    }
  }

  private async queue(id: string, account: Account, p: RequestParams<'message.send'>): Promise<OutboxItem> {
    const files = await this.attachmentsOf(p.attachments)
    const total = files.reduce((n, f) => n + f.size, 0)
    if (total > MAX_ATTACHMENT_BYTES) {
      const message = attachmentsTooLarge(total)
      throw new EngineError('bad_request', message, [{ path: 'attachments', message }])
    }
    // Durable before the item that points at them is: a crash in between leaves only files
    // nobody points at, which the next start removes.
    const paths = files.length ? await this.storeFiles(id, files) : []
    const now = this.now()
    const domain = account.address.split('@')[1] ?? 'seller-inbox.local'
    const item: OutboxItem = {
      id,
      accountId: account.id,
      conversationId: p.conversationId,
      messageId: `<${randomUUID()}@${domain}>`,
      to: p.to,
      cc: p.cc,
      subject: p.subject,
      text: p.text,
      inReplyTo: p.inReplyTo,
      references: p.references,
      ...(p.templateIds?.length ? { templateIds: [...new Set(p.templateIds)] } : {}),
      attachments: files.map((f, i) => ({
        filename: f.filename,
        contentType: f.contentType,
        size: f.size,
        file: paths[i]!,
      })),
      queuedAt: now.toISOString(),
      sendAfter: new Date(now.getTime() + this.store.settings.undoSendSeconds * 1000).toISOString(),
      state: 'queued',
      attempts: 0,
    }
    this.store.outbox[item.id] = item
    this.store.docs.outbox.changed()
    try {
      await this.store.docs.outbox.flush() // durable before we say "queued"
    } catch (err) {
      delete this.store.outbox[item.id]
      this.store.docs.outbox.changed()
      await this.removeFiles(item)
      throw err
    }
    this.changed()
    this.schedule(Date.parse(item.sendAfter) - now.getTime())
    return item
  }

  /**
   * The account was reconnected (a new token or password): replies of it waiting to be tried
   * again go now rather than after the long wait a refused login set.
   */
  retryAccount(accountId: string): void {
    const now = this.now().toISOString()
    let any = false
    for (const item of Object.values(this.store.outbox)) {
      if (item.accountId !== accountId || item.state !== 'queued' || item.attempts === 0 || item.sendAfter <= now)
        continue
      this.store.outbox[item.id] = { ...item, sendAfter: now }
      any = true
    }
    if (!any) return
    this.store.docs.outbox.changed()
    this.schedule(0)
  }

  /** Undo send: only while the item is still waiting. */
  async cancel(id: string): Promise<OutboxItem> {
    const item = this.store.outbox[id]
    if (!item) throw new EngineError('not_found', `No outbox item ${id}.`)
    if (item.state !== 'queued')
      throw new EngineError('conflict', 'Too late to undo: the message is already on its way.')
    delete this.store.outbox[id]
    this.store.docs.outbox.changed()
    await this.store.docs.outbox.flush()
    await this.removeFiles(item)
    this.changed()
    return item
  }

  /** The bytes and names of the attachments of a send request, read and checked. */
  private async attachmentsOf(list: RequestParams<'message.send'>['attachments']): Promise<AttachmentFile[]> {
    const files: AttachmentFile[] = []
    const messages = new Map<string, Promise<{ meta: AttachmentMeta[]; content: Uint8Array[] }>>()
    for (const [n, a] of list.entries()) {
      if ('dataBase64' in a) {
        const content = Buffer.from(a.dataBase64, 'base64')
        files.push({ filename: a.name, contentType: a.contentType, size: content.length, content })
        continue
      }
      let source = messages.get(a.fromMessage)
      if (!source) messages.set(a.fromMessage, (source = this.attachmentsOfMessage(a.fromMessage)))
      const { meta, content } = await source
      const m = meta[a.index]
      const bytes = content[a.index]
      if (!m || !bytes) {
        const message = `That message has ${meta.length === 1 ? 'one attachment' : `${meta.length} attachments`}; there is no attachment ${a.index + 1} to forward.`
        throw new EngineError('bad_request', message, [{ path: `attachments.${n}.index`, message }])
      }
      files.push({ filename: m.filename, contentType: m.contentType, size: bytes.length, content: bytes })
    }
    return files
  }

  private async attachmentsOfMessage(recordId: string): Promise<{ meta: AttachmentMeta[]; content: Uint8Array[] }> {
    const record = await this.store.findMessage(recordId)
    if (!record) throw new EngineError('not_found', `No message ${recordId} to forward an attachment from.`)
    let raw: Buffer
    try {
      raw = await this.store.mail.read(record.emlPath)
    } catch (err) {
      throw new EngineError(
        'unavailable',
        `The stored copy of "${record.subject}" cannot be read (${(err as Error).message}), so its attachments cannot be forwarded.`,
      )
    }
    const parsed = await parseStored(record, raw, { attachmentContent: true })
    if (parsed.unreadable) {
      throw new EngineError(
        'bad_request',
        `"${record.subject}" could not be read (${parsed.unreadable}), so its attachments cannot be forwarded.`,
      )
    }
    return { meta: parsed.attachments, content: parsed.attachmentContent ?? [] }
  }

  private async storeFiles(id: string, files: AttachmentFile[]): Promise<string[]> {
    try {
      return await this.store.outboxFiles.write(
        id,
        files.map((f) => f.content),
      )
    } catch (err) {
      await this.store.outboxFiles.remove(id).catch(() => undefined)
      throw new EngineError(
        'unavailable',
        `The attachments could not be saved in the data folder (${(err as Error).message}); nothing was queued. Check that the disk has free space.`,
      )
    }
  }

  /** Never throws: a leftover folder is removed at the next start. */
  private async removeFiles(item: OutboxItem): Promise<void> {
    if (!item.attachments?.length) return
    try {
      await this.store.outboxFiles.remove(item.id)
    } catch (err) {
      this.log(`outbox: could not remove the attachments of ${item.id}: ${(err as Error).message}`)
    }
  }

  /** Attachment folders of items that are gone or sent: left by a crash at the wrong moment. */
  private async prune(): Promise<void> {
    if (this.pruned) return
    this.pruned = true
    try {
      const removed = await this.store.outboxFiles.prune((id) => {
        const state = this.store.outbox[id]?.state
        return this.writing.has(id) || (state !== undefined && state !== 'sent')
      })
      if (removed.length) this.log(`outbox: removed the attachments of ${removed.length} finished or abandoned item(s)`)
    } catch (err) {
      this.log(`outbox: could not tidy the attachment folder: ${(err as Error).message}`)
    }
  }

  private changed(): void {
    this.hub.emit('outbox.changed', { items: this.list() })
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.run(), Math.max(0, Math.min(delayMs, 60_000)))
  }

  /** The pass over the outbox under way, if any. */
  private current: Promise<void> = Promise.resolve()

  private run(): Promise<void> {
    if (this.running || this.stopped) return this.current
    this.current = this.pass()
    return this.current
  }

  private async pass(): Promise<void> {
    this.running = true
    try {
      await this.prune()
      const now = this.now().toISOString()
      for (const item of this.list()) {
        if (this.stopped) break
        // A crash during delivery, or a retry after a failure that may have come after the
        // server took the message: ask before sending again.
        if (item.state === 'submitted') await this.finish(item)
        else if (item.state === 'sending' || (item.state === 'queued' && item.attempts > 0 && item.sendAfter <= now))
          await this.resume(item)
        else if (item.state === 'queued' && item.sendAfter <= now) await this.send(item)
      }
    } catch (err) {
      this.log(`outbox: ${(err as Error).stack ?? String(err)}`)
    } finally {
      this.running = false
    }
    const next = this.list().find((i) => i.state === 'queued')
    if (next) this.schedule(Date.parse(next.sendAfter) - this.now().getTime())
  }

  private async resume(item: OutboxItem): Promise<void> {
    const account = this.store.accounts[item.accountId]
    const sender = account && this.senders.get(account.kind)
    let delivered: Awaited<ReturnType<Sender['wasDelivered']>>
    try {
      delivered = account && sender ? await sender.wasDelivered(item, account) : false
    } catch (err) {
      // Unknown whether it went out (a marketplace API that cannot be asked right now): sending
      // again could post it twice, so ask again later instead.
      const message = (err as Error).message
      this.log(`outbox: cannot tell yet whether ${item.id} went out: ${message}`)
      const wait = Math.max(this.retryBaseMs * 2 ** Math.min(item.attempts, 6), retryAfterOf(err))
      const sendAfter = new Date(this.now().getTime() + wait).toISOString()
      return this.update({ ...item, state: 'queued', lastError: message, sendAfter })
    }
    if (delivered) await this.markSent(typeof delivered === 'object' ? { ...item, ...delivered } : item)
    else await this.send(item)
  }

  private async send(item: OutboxItem): Promise<void> {
    const account = this.store.accounts[item.accountId]
    const sender = account && this.senders.get(account.kind)
    if (!account || !sender) return this.update({ ...item, state: 'failed', lastError: 'The account is gone.' })
    await this.update({ ...item, state: 'sending', attempts: item.attempts + 1 })
    try {
      const raw = await this.compose(item, account)
      let remote: { remoteMessageId?: string } = {}
      await sender.deliver(item, account, raw, (remoteMessageId) => {
        remote = remoteMessageId ? { remoteMessageId } : {}
        return this.update({ ...item, ...remote, state: 'submitted', attempts: item.attempts + 1 })
      })
      await this.markSent({ ...item, ...remote }, raw)
    } catch (err) {
      if (this.store.outbox[item.id]?.state === 'submitted') {
        // The server has it; only the bookkeeping failed. Never send again: finish later.
        this.log(`outbox: ${item.id} was accepted, completing it later: ${(err as Error).message}`)
        return
      }
      const attempts = item.attempts + 1
      const message = (err as Error).message
      this.log(`outbox: sending ${item.id} failed (attempt ${attempts}): ${message}`)
      if (isTemporary(err) && attempts < MAX_ATTEMPTS) {
        // Offline or a busy server: try again later, waiting longer each time.
        // A server that says how long to wait (429 Retry-After, a refused token) is waited for.
        const wait = Math.max(Math.min(this.retryBaseMs * 2 ** (attempts - 1), 30 * 60_000), retryAfterOf(err))
        const retryAt = new Date(this.now().getTime() + wait)
        await this.update({ ...item, state: 'queued', attempts, lastError: message, sendAfter: retryAt.toISOString() })
      } else {
        await this.update({ ...item, state: 'failed', attempts, lastError: message })
      }
    }
  }

  /** The server took it before a crash: never send again, only complete the bookkeeping. */
  private async finish(item: OutboxItem): Promise<void> {
    const account = this.store.accounts[item.accountId]
    const sender = account && this.senders.get(account.kind)
    if (!account || !sender) return this.update({ ...item, state: 'sent', sentAt: this.now().toISOString() })
    const raw = await this.compose(item, account)
    try {
      await sender.finish?.(item, account, raw)
    } catch (err) {
      this.log(`outbox: completing ${item.id} after a restart: ${(err as Error).message}`)
    }
    await this.markSent(item, raw)
  }

  private async markSent(item: OutboxItem, raw?: Buffer): Promise<void> {
    const account = this.store.accounts[item.accountId]!
    const sentAt = this.now().toISOString()
    const conversation = item.conversationId ? this.store.conversations[item.conversationId] : undefined
    if (conversation) {
      const body = raw ?? (await this.compose(item, account))
      const record: MessageRecord = {
        id: `msg_${createHash('sha256').update(item.messageId).digest('hex').slice(0, 16)}`,
        conversationId: conversation.id,
        customerId: conversation.customerId,
        accountId: account.id,
        channel: conversation.channel,
        direction: 'out',
        messageId: item.messageId,
        inReplyTo: item.inReplyTo,
        references: item.references,
        from: { name: account.displayName, address: account.address },
        to: item.to,
        ...(item.cc.length ? { cc: item.cc } : {}),
        subject: item.subject,
        date: sentAt,
        snippet: item.text.replace(/\s+/g, ' ').trim().slice(0, 140),
        seen: true,
        attachments: (item.attachments ?? []).map(({ filename, contentType, size }) => ({
          filename,
          contentType,
          size,
        })),
        emlPath: await this.store.mail.write(account.id, sentAt, body),
        ...(item.templateIds?.length ? { templateIds: item.templateIds } : {}),
      }
      await this.store.putMessage(record)
      if (item.templateIds?.length) await recordTemplateReply(this.store, record)
      // So the copy the server keeps in Sent is recognised when it syncs back.
      await this.store.load('messageIndex')
      this.store.messageIds.put(item.messageId, {
        id: record.id,
        conversationId: conversation.id,
        month: sentAt.slice(0, 7),
      })
      // A marketplace API's copy has its own id: the next pull finds this record under it.
      if (item.remoteMessageId)
        this.store.messageIds.put(item.remoteMessageId, {
          id: record.id,
          conversationId: conversation.id,
          month: sentAt.slice(0, 7),
        })
      this.store.conversations[conversation.id] = withMessage(conversation, record)
      this.store.docs.conversations.changed('conversations', conversation.id)
      this.hub.emit('inbox.changed', { customerIds: [conversation.customerId] })
    }
    // The attachments go only once 'sent' is durable (until then a restart may compose the
    // message again), and before anyone hears of it: what is shown as sent holds no leftovers.
    await this.update({ ...item, state: 'sent', sentAt }, () => this.removeFiles(item))
  }

  /**
   * The message as it goes out, the same on every attempt: Message-ID, date and MIME
   * boundaries are fixed by the item, and the attachments are read from where they were
   * stored when it was queued.
   */
  private async compose(item: OutboxItem, account: Account): Promise<Buffer> {
    const attachments = await Promise.all(
      (item.attachments ?? []).map(async (a) => ({
        filename: a.filename,
        contentType: a.contentType,
        contentDisposition: 'attachment',
        content: await this.store.outboxFiles.read(a.file),
      })),
    )
    const MailComposer = await loadMailComposer()
    const mail = new MailComposer({
      from: { name: account.displayName ?? '', address: account.address },
      to: item.to.map((a) => ({ name: a.name ?? '', address: a.address })),
      cc: item.cc.map((a) => ({ name: a.name ?? '', address: a.address })),
      subject: item.subject,
      text: item.text,
      messageId: item.messageId,
      inReplyTo: item.inReplyTo,
      references: item.references,
      date: new Date(item.queuedAt),
      attachments,
      baseBoundary: createHash('sha256').update(item.messageId).digest('hex').slice(0, 16),
    })
    return new Promise((resolve, reject) => mail.compile().build((err, buf) => (err ? reject(err) : resolve(buf))))
  }

  /** Stores the item's new state durably, runs `afterWrite`, then tells the renderers. */
  private async update(item: OutboxItem, afterWrite?: () => Promise<void>): Promise<void> {
    this.store.outbox[item.id] = item
    this.store.docs.outbox.changed()
    await this.store.flush()
    await afterWrite?.()
    this.changed()
  }
}

const MAX_ATTEMPTS = 12

/** How long the failure asked to wait before the next attempt (`retryAfterMs`, e.g. HTTP 429), in ms. */
function retryAfterOf(err: unknown): number {
  const ms = typeof err === 'object' && err !== null ? (err as { retryAfterMs?: unknown }).retryAfterMs : undefined
  return typeof ms === 'number' && Number.isFinite(ms) ? ms : 0
}

/** Senders mark failures worth retrying (network down, 4xx) with `temporary: true`. */
function isTemporary(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { temporary?: unknown }).temporary === true
}

interface AttachmentFile extends AttachmentMeta {
  content: Uint8Array
}
