// The outbox: every reply goes through it. Queued items are on disk before the request
// returns, wait out the undo-send window, and are delivered once: the state moves
// queued → sending → sent with a durable write between each step, and every item keeps
// the Message-ID chosen when it was queued, so a crash mid-send is recognisable.
import { createHash, randomUUID } from 'node:crypto'
import MailComposer from 'nodemailer/lib/mail-composer'
import { EngineError, type RequestParams } from '../../preload/api'
import { withMessage } from '../core/conversations'
import type { Account, MessageRecord, OutboxItem } from '../core/model'
import type { Store } from '../store/store'
import type { EventHub } from './events'

/** Delivers one composed message for one kind of account. */
export interface Sender {
  /**
   * Sends the message. Must call `accepted` as soon as the server has taken it, before any
   * further work (such as the Sent copy): the outbox records that durably, so a crash after
   * it never sends the message again.
   */
  deliver(item: OutboxItem, account: Account, raw: Buffer, accepted: () => Promise<void>): Promise<void>
  /** After a crash during delivery: did the message already go out? */
  wasDelivered(item: OutboxItem, account: Account): Promise<boolean>
  /** After a crash once the server had accepted it: finish what deliver does afterwards. */
  finish?(item: OutboxItem, account: Account, raw: Buffer): Promise<void>
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

  constructor(
    private readonly store: Store,
    private readonly hub: EventHub,
    private readonly now: () => Date,
    private readonly log: (line: string) => void,
  ) {}

  /** The e-mail channel registers its SMTP sender here. */
  register(kind: Account['kind'], sender: Sender): void {
    this.senders.set(kind, sender)
  }

  start(): void {
    this.stopped = false
    this.schedule(0)
  }

  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
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
    const now = this.now()
    const domain = account.address.split('@')[1] ?? 'seller-inbox.local'
    const item: OutboxItem = {
      id: `out_${randomUUID()}`,
      accountId: account.id,
      conversationId: p.conversationId,
      messageId: `<${randomUUID()}@${domain}>`,
      to: p.to,
      cc: p.cc,
      subject: p.subject,
      text: p.text,
      inReplyTo: p.inReplyTo,
      references: p.references,
      queuedAt: now.toISOString(),
      sendAfter: new Date(now.getTime() + this.store.settings.undoSendSeconds * 1000).toISOString(),
      state: 'queued',
      attempts: 0,
    }
    this.store.outbox[item.id] = item
    this.store.docs.outbox.changed()
    await this.store.docs.outbox.flush() // durable before we say "queued"
    this.changed()
    this.schedule(Date.parse(item.sendAfter) - now.getTime())
    return item
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
    this.changed()
    return item
  }

  private changed(): void {
    this.hub.emit('outbox.changed', { items: this.list() })
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return
    clearTimeout(this.timer)
    this.timer = setTimeout(() => void this.run(), Math.max(0, Math.min(delayMs, 60_000)))
  }

  private async run(): Promise<void> {
    if (this.running || this.stopped) return
    this.running = true
    try {
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
    if (account && sender && (await sender.wasDelivered(item, account))) await this.markSent(item)
    else await this.send(item)
  }

  private async send(item: OutboxItem): Promise<void> {
    const account = this.store.accounts[item.accountId]
    const sender = account && this.senders.get(account.kind)
    if (!account || !sender) return this.update({ ...item, state: 'failed', lastError: 'The account is gone.' })
    await this.update({ ...item, state: 'sending', attempts: item.attempts + 1 })
    try {
      const raw = await compose(item, account)
      await sender.deliver(item, account, raw, () =>
        this.update({ ...item, state: 'submitted', attempts: item.attempts + 1 }),
      )
      await this.markSent(item, raw)
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
        const retryAt = new Date(this.now().getTime() + Math.min(30_000 * 2 ** (attempts - 1), 30 * 60_000))
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
    const raw = await compose(item, account)
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
      const body = raw ?? (await compose(item, account))
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
        subject: item.subject,
        date: sentAt,
        snippet: item.text.replace(/\s+/g, ' ').trim().slice(0, 140),
        seen: true,
        attachments: [],
        emlPath: await this.store.mail.write(account.id, sentAt, body),
      }
      await this.store.putMessage(record)
      // So the copy the server keeps in Sent is recognised when it syncs back.
      await this.store.load('messageIndex')
      this.store.messageIndex[item.messageId] = {
        id: record.id,
        conversationId: conversation.id,
        month: sentAt.slice(0, 7),
      }
      this.store.docs.messageIndex.changed()
      this.store.conversations[conversation.id] = withMessage(conversation, record)
      this.store.docs.conversations.changed()
      this.hub.emit('inbox.changed', { customerIds: [conversation.customerId] })
    }
    await this.update({ ...item, state: 'sent', sentAt })
  }

  private async update(item: OutboxItem): Promise<void> {
    this.store.outbox[item.id] = item
    this.store.docs.outbox.changed()
    await this.store.flush()
    this.changed()
  }
}

const MAX_ATTEMPTS = 12

/** Senders mark failures worth retrying (network down, 4xx) with `temporary: true`. */
function isTemporary(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { temporary?: unknown }).temporary === true
}

function compose(item: OutboxItem, account: Account): Promise<Buffer> {
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
  })
  return new Promise((resolve, reject) => mail.compile().build((err, buf) => (err ? reject(err) : resolve(buf))))
}
