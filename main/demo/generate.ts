// The demo workspace: Aiko's Tea Ware (藍子の茶器), its customers, orders, threads and raw
// messages, derived only from `seed` and `now` so the same inputs give the same workspace.
// Pure: no disk, no clock, no global randomness; the seeder writes the result to a store.
// plan.ts decides the stories, orders.ts and thread.ts write them out.
import type {
  Account,
  Address,
  Channel,
  Conversation,
  Customer,
  IdentityKey,
  Language,
  MessageRecord,
  Order,
  Reminder,
  Template,
} from '../core/model'
import { CATALOGUE, FRAGILE, WITH_CAPACITY, type Product } from './catalogue'
import { AMAZON_RELAY_DOMAIN, EBAY_SENDER, RAKUTEN_MASK_DOMAIN, type EnvelopeFacts } from './channels'
import { DAY, HOUR, isoTime } from './clock'
import { OrderBook } from './orders'
import { ebayUserId, personalAddress, relayAddress, type Person } from './people'
import { HISTORY, planCustomers, timeline, type CustomerPlan } from './plan'
import { Rng } from './random'
import { givePhones } from './phones'
import { demoReminders, type StoryFacts } from './reminders'
import { SHOP } from './shop'
import { demoTemplates } from './templates'
import { ThreadWriter } from './thread'
import { TOPICS, type TopicId } from './topics'

export interface DemoOptions {
  seed?: number
  now: Date
  /** Total messages; customers scale with it (about one per five messages). Default 2,400. */
  messages?: number
}

export interface DemoMessage {
  record: Omit<MessageRecord, 'emlPath'>
  /** The full RFC 5322 message, CRLF line endings. */
  raw: string
  /** Its plain-text body, for the search index (so seeding need not parse `raw` again). */
  text: string
}

export type DemoConversation = Pick<
  Conversation,
  'id' | 'customerId' | 'accountId' | 'channel' | 'subject' | 'status' | 'orderNumber' | 'snoozedUntil'
>

export interface DemoWorkspace {
  accounts: Account[]
  customers: Customer[]
  conversations: DemoConversation[]
  /** Sorted by date ascending. */
  messages: DemoMessage[]
  orders: Order[]
  templates: Template[]
  reminders: Reminder[]
}

export const DEFAULT_SEED = 20_240_617
export const DEFAULT_MESSAGES = 2_400
/** A customer's handles, created the first time a channel needs one. */
interface Identity {
  email?: string
  amazonRelay?: string
  ebayUser?: string
  rakutenMask?: string
}

export function generateDemo(opts: DemoOptions): DemoWorkspace {
  const rng = new Rng(opts.seed ?? DEFAULT_SEED)
  // Whole seconds: Date headers carry no milliseconds, so records and raw mails agree.
  const now = Math.floor(opts.now.getTime() / 1000) * 1000
  const target = Math.max(1, Math.round(opts.messages ?? DEFAULT_MESSAGES))
  const plans = planCustomers(rng, target)
  const w = new WorkspaceBuilder(rng, now)
  plans.forEach((plan, i) => w.addCustomer(plan, i))
  const workspace = w.finish()
  givePhones(workspace.customers, opts.seed ?? DEFAULT_SEED)
  return workspace
}

class WorkspaceBuilder {
  private readonly accounts: Account[]
  private readonly customers: Customer[] = []
  private readonly conversations: DemoConversation[] = []
  private readonly stories: StoryFacts[] = []
  private readonly orders: OrderBook
  private readonly threads: ThreadWriter
  /** Handles in use, so no two customers share one. */
  private readonly taken = { addresses: new Set<string>(), ebay: new Set<string>() }

  constructor(
    private readonly rng: Rng,
    private readonly now: number,
  ) {
    this.orders = new OrderBook(rng, now)
    this.threads = new ThreadWriter(rng, now)
    const createdAt = isoTime(now - HISTORY - 14 * DAY)
    this.accounts = (['en', 'ja'] as const).map((lang) => ({
      id: SHOP[lang].id,
      label: SHOP[lang].label,
      kind: 'demo' as const,
      address: SHOP[lang].address,
      displayName: SHOP[lang].displayName,
      createdAt,
    }))
  }

  addCustomer(plan: CustomerPlan, index: number): void {
    const { rng } = this
    const p = plan.person
    const customerId = `cus_${String(index + 1).padStart(4, '0')}`
    const identity: Identity = {}
    const orderNumbers: string[] = []
    let firstSeen = this.now
    let spend = 0
    const topics = new Set<TopicId>()

    for (const t of plan.threads) {
      const replyTo = this.handle(p, identity, t.channel)
      const times = timeline(rng, t, this.now)
      const topic = TOPICS[t.topic]
      topics.add(t.topic)
      const product = this.productFor(topic.products)
      const order = topic.needsOrder ? this.orders.forStory(customerId, p, t, product, times) : undefined
      if (order) {
        orderNumbers.push(order.orderNumber)
        spend += order.total
      }
      const conversationId = `cnv_${String(this.conversations.length + 1).padStart(5, '0')}`
      const facts: EnvelopeFacts = {
        channel: t.channel,
        person: p,
        product,
        replyTo,
        ...(order ? { order: order.orderNumber } : {}),
        ...(identity.ebayUser ? { ebayUser: identity.ebayUser } : {}),
      }
      const subject = this.threads.write(t, facts, times, { customerId, conversationId, order })
      const conversation: DemoConversation = {
        id: conversationId,
        customerId,
        accountId: SHOP[p.language].id,
        channel: t.channel,
        subject,
        status: t.status,
      }
      if (order) conversation.orderNumber = order.orderNumber
      // Snoozed until a round hour between one hour and a week from now.
      if (t.status === 'snoozed')
        conversation.snoozedUntil = isoTime(Math.ceil((this.now + rng.between(HOUR, 7 * DAY)) / HOUR) * HOUR)
      this.conversations.push(conversation)
      this.stories.push({
        customerId,
        conversationId,
        person: p,
        topic: t.topic,
        product,
        ...(order ? { orderNumber: order.orderNumber } : {}),
      })
      firstSeen = Math.min(firstSeen, times[0] as number, order ? Date.parse(order.placedAt) : Infinity)
    }

    // Some customers also bought before without ever writing.
    if (rng.chance(0.35)) {
      const primary = plan.threads[0]?.channel ?? 'email'
      for (let k = rng.int(1, 2); k > 0; k--) {
        const placedAt = this.now - rng.between(20 * DAY, HISTORY)
        const o = this.orders.past(customerId, p, primary, placedAt)
        orderNumbers.push(o.orderNumber)
        spend += o.status === 'cancelled' ? 0 : o.total
        firstSeen = Math.min(firstSeen, placedAt)
      }
    }

    const keys: IdentityKey[] = []
    if (identity.email) keys.push({ kind: 'email', value: identity.email })
    if (identity.amazonRelay) keys.push({ kind: 'relay', value: identity.amazonRelay })
    if (identity.rakutenMask) keys.push({ kind: 'relay', value: identity.rakutenMask })
    if (identity.ebayUser) keys.push({ kind: 'buyer', value: `ebay:${identity.ebayUser.toLowerCase()}` })
    for (const n of orderNumbers) keys.push({ kind: 'order', value: n })

    const tags: string[] = []
    const big = p.language === 'ja' ? spend >= 30_000 : spend >= 250
    if (big) tags.push('vip')
    if (orderNumbers.length >= 3) tags.push('repeat')
    if (topics.has('wholesale')) tags.push('wholesale')
    if (topics.has('negative_feedback')) tags.push('unhappy')
    this.customers.push({
      id: customerId,
      name: p.name,
      language: p.language,
      keys,
      tags,
      note: noteFor(p.language, topics, big),
      createdAt: isoTime(Math.floor(firstSeen / 1000) * 1000),
    })
  }

  /** The address the seller writes to on `channel`, creating the customer's handle there. */
  private handle(p: Person, id: Identity, channel: Channel): Address {
    const { rng } = this
    switch (channel) {
      case 'amazon':
        id.amazonRelay ??= relayAddress(rng, AMAZON_RELAY_DOMAIN[p.language], this.taken.addresses)
        return {
          name: p.language === 'ja' ? `${p.name} - Amazonマーケットプレイス` : `${p.first} - Amazon Marketplace`,
          address: id.amazonRelay,
        }
      case 'ebay':
        id.ebayUser ??= ebayUserId(rng, p, this.taken.ebay)
        return { name: id.ebayUser, address: EBAY_SENDER.address }
      case 'rakuten':
        id.rakutenMask ??= relayAddress(rng, RAKUTEN_MASK_DOMAIN, this.taken.addresses, 12)
        return { name: p.name, address: id.rakutenMask }
      default:
        id.email ??= personalAddress(rng, p, this.taken.addresses)
        // A few people's mailers send no display name.
        return rng.chance(0.9) ? { name: p.name, address: id.email } : { address: id.email }
    }
  }

  private productFor(kind: 'any' | 'fragile' | 'capacity'): Product {
    return this.rng.pick(kind === 'fragile' ? FRAGILE : kind === 'capacity' ? WITH_CAPACITY : CATALOGUE)
  }

  finish(): DemoWorkspace {
    const messages = this.threads.finish()
    const orders = this.orders.finish()
    const { reminders, phones } = demoReminders(this.rng, this.now, this.stories)
    for (const c of this.customers) {
      const phone = phones.get(c.id)
      if (phone) c.keys.push({ kind: 'phone', value: phone })
    }
    return {
      accounts: this.accounts,
      customers: this.customers,
      conversations: this.conversations,
      messages,
      orders,
      templates: demoTemplates(this.rng),
      reminders,
    }
  }
}

function noteFor(lang: Language, topics: Set<TopicId>, big: boolean): string {
  if (topics.has('wholesale'))
    return lang === 'ja' ? '日本茶カフェを経営。卸の相談あり。' : 'Runs a tea house; asked about wholesale.'
  if (topics.has('negative_feedback'))
    return lang === 'ja' ? '低評価レビューあり。丁寧にフォローすること。' : 'Left a low review; follow up personally.'
  if (big) return lang === 'ja' ? 'お得意様。萩焼がお好き。' : 'Loyal customer; loves Hagi-yaki.'
  return ''
}
