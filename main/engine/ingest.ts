// Takes one received or imported message into the workspace, whatever channel it came
// through: stores the raw .eml, finds or creates the customer and the conversation,
// records the parsed facts. A message seen before (same Message-ID) is not added twice.
import { createHash, randomUUID } from 'node:crypto'
import { withMessage, emptyConversation } from '../core/conversations'
import {
  displayName,
  findCustomer,
  guessLanguage,
  indexCustomers,
  keyForAddress,
  keyId,
  normaliseAddress,
} from '../core/identity'
import type { Account, Address, Channel, Conversation, Customer, MessageRecord } from '../core/model'
import { customerWrote } from '../core/status'
import { baseSubject, findConversation } from '../core/threading'
import type { ParsedMail } from '../channels/mail/parse'
import { snippetOf } from '../channels/mail/parse'
import type { Store } from '../store/store'

export interface IngestInput {
  account: Account
  raw: Uint8Array
  parsed: ParsedMail
  /** Seen on the server already (or imported as read). */
  seen?: boolean
  /** When the server received it; used when the Date header is missing or broken. */
  receivedAt?: string
  channel?: Channel
  /** The raw message already stored (bulk paths write files concurrently beforehand). */
  emlPath?: string
}

export interface IngestResult {
  record: MessageRecord
  created: boolean
}

export class Ingest {
  private customerIndex: Map<string, string> | undefined
  private bySubject: Map<string, Conversation[]> | undefined

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    /** Told of every message stored for the first time (alerts). */
    private readonly onCreated: (record: MessageRecord) => void = () => undefined,
  ) {}

  async add(input: IngestInput): Promise<IngestResult> {
    await this.store.load('messageIndex')
    const { parsed, account } = input
    const messageId = parsed.messageId ?? syntheticMessageId(input.raw)
    const known = this.store.messageIndex[messageId]
    if (known) {
      const record = await this.store.getMessage(known.month, known.id)
      if (record) return { record, created: false }
    }

    const date = parsed.date ?? input.receivedAt ?? this.now().toISOString()
    const ownAddresses = new Set(Object.values(this.store.accounts).map((a) => normaliseAddress(a.address)))
    // "From: Undisclosed" and friends: all such mail shares one "unknown sender" customer.
    const from: Address = parsed.from?.address
      ? parsed.from
      : { name: parsed.from?.name || 'Unknown sender', address: 'unknown-sender@seller-inbox.invalid' }
    const direction: MessageRecord['direction'] = ownAddresses.has(normaliseAddress(from.address)) ? 'out' : 'in'
    // The customer is the other side: the sender of what came in, the recipient of what we sent.
    const counterpart =
      direction === 'in'
        ? parsed.replyTo[0] && isRelay(parsed.replyTo[0])
          ? parsed.replyTo[0]
          : from
        : (parsed.to[0] ?? from)
    const channel = input.channel ?? 'email'
    const customer = this.customerFor(counterpart, parsed, date)

    const conversationId =
      findConversation(
        {
          inReplyTo: parsed.inReplyTo,
          references: parsed.references,
          subject: parsed.subject,
          customerId: customer.id,
          channel,
          accountId: account.id,
          date,
        },
        (id) => this.store.messageIndex[id]?.conversationId,
        this.sameSubject(customer.id, parsed.subject),
      ) ?? this.newConversation(customer.id, account.id, channel, parsed.subject)

    const emlPath = input.emlPath ?? (await this.store.mail.write(account.id, date, input.raw))
    const record: MessageRecord = {
      id: `msg_${randomUUID()}`,
      conversationId,
      customerId: customer.id,
      accountId: account.id,
      channel,
      direction,
      messageId,
      inReplyTo: parsed.inReplyTo,
      references: parsed.references,
      from,
      to: parsed.to,
      // Kept for replying: reply-all answers the Cc too, and a reply goes to the Reply-To.
      ...(parsed.cc.length ? { cc: parsed.cc } : {}),
      ...(parsed.replyTo.length ? { replyTo: parsed.replyTo } : {}),
      subject: parsed.subject,
      date,
      snippet: snippetOf(parsed.text),
      seen: direction === 'out' || Boolean(input.seen),
      attachments: parsed.attachments,
      emlPath,
      ...(parsed.unreadable ? { unreadable: parsed.unreadable } : {}),
    }
    await this.store.putMessage(record)
    this.store.messageIndex[messageId] = { id: record.id, conversationId, month: date.slice(0, 7) }
    this.store.docs.messageIndex.changed('ids', messageId)
    // The customer wrote again: done or snoozed, it waits for the seller now.
    const conversation = withMessage(customerWrote(this.store.conversations[conversationId]!, record), record)
    this.store.conversations[conversationId] = conversation
    this.remember(conversation)
    this.store.docs.conversations.changed('conversations', conversationId)
    this.onCreated(record)
    return { record, created: true }
  }

  private customerFor(address: Address, parsed: ParsedMail, date: string): Customer {
    this.customerIndex ??= indexCustomers(Object.values(this.store.customers))
    const key = keyForAddress(address.address)
    const existing = findCustomer(this.customerIndex, [key])
    if (existing && this.store.customers[existing]) return this.store.customers[existing]
    const customer: Customer = {
      id: `cus_${randomUUID()}`,
      name: displayName(address),
      language: guessLanguage(address.name, parsed.subject, parsed.text.slice(0, 500)),
      keys: [key],
      tags: [],
      note: '',
      createdAt: date,
    }
    this.store.customers[customer.id] = customer
    this.store.docs.customers.changed('customers', customer.id)
    this.customerIndex.set(keyId(key), customer.id)
    return customer
  }

  /**
   * The customer's conversations with the same base subject: the only ones a subject match
   * can pick. Indexed, because one sender (a marketplace notifier, "unknown sender") can have
   * thousands of conversations, and scanning them per message would make a sync quadratic.
   */
  private sameSubject(customerId: string, subject: string): Conversation[] {
    if (!this.bySubject) {
      this.bySubject = new Map()
      for (const c of Object.values(this.store.conversations)) this.remember(c)
    }
    return this.bySubject.get(subjectKey(customerId, subject)) ?? []
  }

  /** Adds or refreshes a conversation in the subject index. */
  private remember(c: Conversation): void {
    if (!this.bySubject) return // built from the store on first use
    const key = subjectKey(c.customerId, c.subject)
    const list = this.bySubject.get(key)
    if (!list) this.bySubject.set(key, [c])
    else {
      const i = list.findIndex((x) => x.id === c.id)
      if (i >= 0) list[i] = c
      else list.push(c)
    }
  }

  private newConversation(customerId: string, accountId: string, channel: Channel, subject: string): string {
    const c = emptyConversation({
      id: `cnv_${randomUUID()}`,
      customerId,
      accountId,
      channel,
      subject: subject || '(no subject)',
      status: 'open',
    })
    this.store.conversations[c.id] = c
    this.remember(c)
    return c.id
  }
}

function isRelay(address: Address): boolean {
  return keyForAddress(address.address).kind === 'relay'
}

/** For messages without a Message-ID: stable, so importing the same file twice dedupes. */
function syntheticMessageId(raw: Uint8Array): string {
  return `<sha256-${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@seller-inbox.invalid>`
}

function subjectKey(customerId: string, subject: string): string {
  return `${customerId}\u0000${baseSubject(subject)}`
}
