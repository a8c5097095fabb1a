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
import { BUILTIN_RULES } from '../core/marketplaces/builtin'
import { withMarketplace } from '../core/marketplaces/conversation'
import { Recogniser, type Recognised } from '../core/marketplaces/recognise'
import type { Account, Address, Channel, Conversation, Customer, IdentityKey, MessageRecord } from '../core/model'
import { customerWrote } from '../core/status'
import type { MessageTerms } from '../core/search-tokens'
import { baseSubject, findConversation } from '../core/threading'
import type { ApiMessage } from '../channels/api/types'
import { apiParsedMail } from '../channels/api/stored'
import type { ParsedMail } from '../channels/mail/parse'
import { snippetOf } from '../channels/mail/parse'
import { hashOf } from '../store/message-index'
import type { MessageIndexEntry, Store } from '../store/store'

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
  /**
   * Hash of customer and base subject → the conversation id(s) with it. Numbers as keys and
   * the conversations' own id strings as values: at 100,000 messages a Map keyed by the
   * joined strings held about 8 MB of keys and arrays, this one about 2 MB.
   */
  private bySubject: Map<number, string | string[]> | undefined
  /** Order number → customer, from the orders document (an Amazon relay mail joins who ordered). */
  private orderOwners: Map<string, string> | undefined
  /** Customer and marketplace thread → conversation. */
  private byThread: Map<string, string> | undefined
  /** Recognises marketplace mail; the engine swaps in the seller's rules (engine/marketplace-rules.ts). */
  marketplaces = new Recogniser(BUILTIN_RULES)

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    /**
     * Told of every message stored for the first time, with its body text and, when the parsing
     * thread worked them out, its search terms (alerts, rules, search).
     */
    private readonly onCreated: (record: MessageRecord, text: string, terms?: MessageTerms) => void = () => undefined,
  ) {}

  /** Customers were merged, split or imported: look them up afresh. */
  customersChanged(): void {
    this.customerIndex = undefined
    this.orderOwners = undefined
    this.byThread = undefined
    // A merge or split moves conversations between customers: the subject index names the old one.
    this.bySubject = undefined
  }

  async add(input: IngestInput): Promise<IngestResult> {
    const { parsed, account } = input
    const messageId = parsed.messageId ?? syntheticMessageId(input.raw)
    const known = await this.store.messageIds.get(messageId)
    if (known) {
      const record = await this.store.getMessage(known.month, known.id)
      if (record) return { record, created: false }
    }

    // The messages this one answers, looked up once (the index is on disk) for threading below.
    // A kill -9 between the index's write and the documents' (store.bulk writes the index first)
    // leaves entries whose record and conversation were never written: those are not threaded
    // into (the messages they name are taken again when fetched again).
    const related = new Map(
      [
        ...(await this.store.messageIds.getMany(
          [parsed.inReplyTo, ...parsed.references].filter((id): id is string => Boolean(id)),
        )),
      ].filter(([, entry]) => Object.hasOwn(this.store.conversations, entry.conversationId)),
    )
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
    // Marketplace mail: the buyer is the customer, never the notification robot that sent it.
    const market =
      direction === 'in'
        ? this.marketplaces.recognise({ from, replyTo: parsed.replyTo, subject: parsed.subject, text: parsed.text })
        : undefined
    const repliedTo = direction === 'out' ? this.marketplaces.channelOfAddress(counterpart.address) : undefined
    const channel = input.channel ?? market?.channel ?? repliedTo?.channel ?? 'email'
    const customer = market
      ? await this.buyerFor(market, from, parsed, date)
      : repliedTo
        ? this.sellerReplyCustomer(counterpart, repliedTo.relay, parsed, date, related)
        : this.customerFor(counterpart, parsed, date)

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
          ...(market ? { threads: market.threads } : {}),
        },
        (id) => related.get(id)?.conversationId,
        this.sameSubject(customer.id, parsed.subject),
        (thread) => this.threadConversation(customer.id, thread),
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
      ...(market ? { marketplace: market.facts } : {}),
    }
    await this.store.putMessage(record)
    this.store.messageIds.put(messageId, { id: record.id, conversationId, month: date.slice(0, 7) })
    // The customer wrote again: done or snoozed, it waits for the seller now.
    const joined = withMessage(customerWrote(this.store.conversations[conversationId]!, record), record)
    const conversation = market ? withMarketplace(joined, market) : joined
    for (const thread of conversation.marketplaceThreads ?? [])
      this.byThread?.set(threadKey(customer.id, thread), conversationId)
    this.store.conversations[conversationId] = conversation
    this.remember(conversation)
    this.store.docs.conversations.changed('conversations', conversationId)
    this.onCreated(record, parsed.text, parsed.terms)
    return { record, created: true }
  }

  /**
   * Takes one message pulled from a marketplace API (no MIME): the same customer, conversation
   * and record steps as mail, keyed by the buyer the API names on either side, its raw JSON kept
   * in the data folder instead of an .eml. Seen before (same id) → not added twice.
   */
  async addApi(account: Account, message: ApiMessage, stored?: string): Promise<IngestResult> {
    const known = await this.store.messageIds.get(message.messageId)
    if (known) {
      const record = await this.store.getMessage(known.month, known.id)
      if (record) return { record, created: false }
    }
    const { market } = message
    const parsed = apiParsedMail(message.subject, message.text)
    const buyer = message.direction === 'in' ? message.from : (message.to[0] ?? message.from)
    const customer = await this.buyerFor(market, buyer, parsed, message.date)
    const conversationId =
      findConversation(
        {
          references: [],
          subject: message.subject,
          customerId: customer.id,
          channel: market.channel,
          accountId: account.id,
          date: message.date,
          threads: market.threads,
        },
        () => undefined,
        // Only the API's own thread joins messages: two questions about one listing stay apart.
        [],
        (thread) => this.threadConversation(customer.id, thread),
      ) ?? this.newConversation(customer.id, account.id, market.channel, message.subject)
    const emlPath = stored ?? (await this.store.mail.write(account.id, message.date, apiRawOf(message), true, 'json'))
    const record: MessageRecord = {
      id: `msg_${randomUUID()}`,
      conversationId,
      customerId: customer.id,
      accountId: account.id,
      channel: market.channel,
      direction: message.direction,
      messageId: message.messageId,
      references: [],
      from: message.from,
      to: message.to,
      subject: message.subject,
      date: message.date,
      snippet: snippetOf(message.text),
      seen: message.seen,
      attachments: [],
      emlPath,
      format: 'api-json',
      marketplace: market.facts,
    }
    await this.store.putMessage(record)
    this.store.messageIds.put(message.messageId, { id: record.id, conversationId, month: message.date.slice(0, 7) })
    const current = this.store.conversations[conversationId]!
    const joined = withMessage(customerWrote(current, record), record)
    const conversation = withMarketplace(joined, market)
    for (const thread of conversation.marketplaceThreads ?? [])
      this.byThread?.set(threadKey(customer.id, thread), conversationId)
    this.store.conversations[conversationId] = conversation
    this.remember(conversation)
    this.store.docs.conversations.changed('conversations', conversationId)
    this.onCreated(record, message.text)
    return { record, created: true }
  }

  private customerFor(address: Address, parsed: ParsedMail, date: string): Customer {
    // The seller's merge/split decisions take part, so a key split off keeps its customer.
    this.customerIndex ??= indexCustomers(
      Object.values(this.store.customers),
      Object.values(this.store.identityDecisions.decisions),
    )
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
   * The buyer of a marketplace mail: the customer holding its relay address, buyer id or order
   * number (in that order), else the one who placed the order (orders document), else a new
   * customer with those keys. A found customer learns the keys nobody else holds, so the next
   * mail without an order number still finds them.
   */
  private async buyerFor(market: Recognised, from: Address, parsed: ParsedMail, date: string): Promise<Customer> {
    const index = this.index()
    const { facts } = market
    let keys = market.keys
    // A notification naming nobody but a display name ("さくらさんからコメント"): the name stands in.
    if (keys.length === 0 && facts.buyerName)
      keys = [{ kind: 'buyer', value: `${market.channel}:name:${facts.buyerName.toLowerCase()}` }]
    if (keys.length === 0) return this.customerFor(from, parsed, date)
    let id = findCustomer(index, keys)
    if (!id && facts.orderNumber) id = await this.orderOwner(facts.orderNumber)
    const existing = id ? this.store.customers[id] : undefined
    if (existing) {
      this.learnKeys(existing, keys)
      return existing
    }
    const name = facts.buyerName ?? facts.buyerId ?? displayName(from)
    return this.createCustomer(
      name,
      guessLanguage(facts.buyerName, parsed.subject, parsed.text.slice(0, 500)),
      keys.filter((k) => !index.has(keyId(k))),
      date,
    )
  }

  /**
   * The customer of the seller's own reply to a marketplace: the relay address names the buyer;
   * a reply to a notifier (eBay's members@) belongs to the conversation it answers.
   */
  private sellerReplyCustomer(
    to: Address,
    relay: boolean,
    parsed: ParsedMail,
    date: string,
    related: Map<string, MessageIndexEntry>,
  ): Customer {
    if (relay) {
      const key: IdentityKey = { kind: 'relay', value: normaliseAddress(to.address) }
      const id = findCustomer(this.index(), [key])
      const found = id ? this.store.customers[id] : undefined
      return found ?? this.createCustomer(displayName(to), guessLanguage(to.name, parsed.subject), [key], date)
    }
    for (const ref of [parsed.inReplyTo, ...[...parsed.references].reverse()]) {
      const conversationId = ref ? related.get(ref)?.conversationId : undefined
      const owner = conversationId ? this.store.conversations[conversationId]?.customerId : undefined
      if (owner && this.store.customers[owner]) return this.store.customers[owner]
    }
    return this.customerFor(to, parsed, date)
  }

  private index(): Map<string, string> {
    this.customerIndex ??= indexCustomers(
      Object.values(this.store.customers),
      Object.values(this.store.identityDecisions.decisions),
    )
    return this.customerIndex
  }

  private async orderOwner(orderNumber: string): Promise<string | undefined> {
    if (!this.orderOwners) {
      await this.store.load('orders')
      this.orderOwners = new Map(Object.values(this.store.orders).map((o) => [o.orderNumber, o.customerId]))
    }
    return this.orderOwners.get(orderNumber)
  }

  private learnKeys(customer: Customer, keys: IdentityKey[]): void {
    const index = this.index()
    const fresh = keys.filter((k) => !index.has(keyId(k)))
    if (fresh.length === 0) return
    customer.keys = [...customer.keys, ...fresh]
    for (const k of fresh) index.set(keyId(k), customer.id)
    this.store.docs.customers.changed('customers', customer.id)
  }

  private createCustomer(name: string, language: Customer['language'], keys: IdentityKey[], date: string): Customer {
    const customer: Customer = { id: `cus_${randomUUID()}`, name, language, keys, tags: [], note: '', createdAt: date }
    this.store.customers[customer.id] = customer
    this.store.docs.customers.changed('customers', customer.id)
    const index = this.index()
    for (const k of keys) index.set(keyId(k), customer.id)
    return customer
  }

  private threadConversation(customerId: string, thread: string): string | undefined {
    if (!this.byThread) {
      this.byThread = new Map()
      for (const c of Object.values(this.store.conversations))
        for (const thread of c.marketplaceThreads ?? []) this.byThread.set(threadKey(c.customerId, thread), c.id)
    }
    return this.byThread.get(threadKey(customerId, thread))
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
    const at = this.bySubject.get(subjectKey(customerId, subject))
    if (at === undefined) return []
    // Current versions from the store; another customer's whose key shares the hash is not one.
    const found: Conversation[] = []
    for (const id of typeof at === 'string' ? [at] : at) {
      const c = this.store.conversations[id]
      if (c && c.customerId === customerId) found.push(c)
    }
    return found
  }

  /** Adds a conversation to the subject index. */
  private remember(c: Conversation): void {
    if (!this.bySubject) return // built from the store on first use
    const key = subjectKey(c.customerId, c.subject)
    const at = this.bySubject.get(key)
    if (at === undefined) this.bySubject.set(key, c.id)
    else if (typeof at === 'string') {
      if (at !== c.id) this.bySubject.set(key, [at, c.id])
    } else if (!at.includes(c.id)) at.push(c.id)
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

/** The raw copy kept of an API message: the API's JSON of it. */
export function apiRawOf(message: ApiMessage): Buffer {
  return Buffer.from(JSON.stringify(message.raw), 'utf8')
}

function isRelay(address: Address): boolean {
  return keyForAddress(address.address).kind === 'relay'
}

/** For messages without a Message-ID: stable, so importing the same file twice dedupes. */
function syntheticMessageId(raw: Uint8Array): string {
  return `<sha256-${createHash('sha256').update(raw).digest('hex').slice(0, 32)}@seller-inbox.invalid>`
}

function threadKey(customerId: string, thread: string): string {
  return `${customerId}\u0000${thread}`
}

function subjectKey(customerId: string, subject: string): number {
  return hashOf(`${customerId}\u0000${baseSubject(subject)}`)
}
