// Recognises a marketplace mail by the rules (rules.ts): which marketplace, who the buyer is,
// which order and item, what kind of message, and how the seller can answer. Pure.
import type { Address, Channel, IdentityKey, MarketplaceFacts, MessageKind, ReplyRoute } from '../model'
import type { FactGroup, MarketplaceRule } from './rules'

export interface RecogniseInput {
  from: Address
  replyTo: Address[]
  subject: string
  /** The plain-text body. */
  text: string
}

export interface Recognised {
  channel: Channel
  facts: MarketplaceFacts
  /** The buyer's own masked address, when the mail has one: an identity key and where replies go. */
  relayAddress?: string
  /** Keys naming the buyer, most specific first: relay address, marketplace buyer id, order number. */
  keys: IdentityKey[]
  /**
   * The marketplace's own threads this mail belongs to (its inquiry, its order, the buyer's item),
   * most specific first: mails sharing one join one conversation.
   */
  threads: string[]
}

/** Bodies are read this far: the facts sit near the top, and a rule must stay cheap on huge mails. */
const TEXT_LIMIT = 20_000
const FLAGS = 'imu'

interface CompiledRule {
  rule: MarketplaceRule
  from?: RegExp[]
  subject?: RegExp[]
  body?: RegExp[]
  relay?: RegExp
  fromName: RegExp[]
  extractSubject: RegExp[]
  extractBody: RegExp[]
  kinds: { kind: MessageKind; subject: RegExp[]; body: RegExp[] }[]
}

const compile = (list: string[] | undefined): RegExp[] => (list ?? []).map((p) => new RegExp(p, FLAGS))

/**
 * The rules in the order they are tried: the seller's first (a seller rule with a built-in's id
 * replaces it), then the built-in ones.
 */
export function combineRules(builtin: MarketplaceRule[], seller: MarketplaceRule[]): MarketplaceRule[] {
  const replaced = new Set(seller.map((r) => r.id))
  return [...seller, ...builtin.filter((r) => !replaced.has(r.id))]
}

export class Recogniser {
  private readonly compiled: CompiledRule[]

  constructor(rules: MarketplaceRule[]) {
    this.compiled = rules.map((rule) => ({
      rule,
      ...(rule.match.from ? { from: compile(rule.match.from) } : {}),
      ...(rule.match.subject ? { subject: compile(rule.match.subject) } : {}),
      ...(rule.match.body ? { body: compile(rule.match.body) } : {}),
      ...(rule.relayAddress ? { relay: new RegExp(rule.relayAddress, FLAGS) } : {}),
      fromName: compile(rule.extract.fromName),
      extractSubject: compile(rule.extract.subject),
      extractBody: compile(rule.extract.body),
      kinds: rule.kinds.map((k) => ({ kind: k.kind, subject: compile(k.subject), body: compile(k.body) })),
    }))
  }

  get rules(): MarketplaceRule[] {
    return this.compiled.map((c) => c.rule)
  }

  recognise(input: RecogniseInput): Recognised | undefined {
    const from = input.from.address.trim().toLowerCase()
    const text = input.text.length > TEXT_LIMIT ? input.text.slice(0, TEXT_LIMIT) : input.text
    for (const c of this.compiled) {
      if (c.from && !c.from.some((re) => re.test(from))) continue
      if (c.subject && !c.subject.some((re) => re.test(input.subject))) continue
      if (c.body && !c.body.some((re) => re.test(text))) continue
      return recogniseWith(c, input, text)
    }
    return undefined
  }

  /**
   * The marketplace a seller's message goes to: the channel whose relay addresses or sender
   * addresses include `address` (a reply to a relay mail or to eBay's notification).
   */
  channelOfAddress(address: string): { channel: Channel; relay: boolean } | undefined {
    const a = address.trim().toLowerCase()
    for (const c of this.compiled) {
      if (c.relay?.test(a)) return { channel: c.rule.marketplace, relay: true }
    }
    for (const c of this.compiled) {
      if (c.from?.some((re) => re.test(a))) return { channel: c.rule.marketplace, relay: false }
    }
    return undefined
  }
}

function recogniseWith(c: CompiledRule, input: RecogniseInput, text: string): Recognised {
  const { rule } = c
  const found: Partial<Record<FactGroup, string>> = {}
  collect(c.fromName, input.from.name ?? '', found)
  collect(c.extractSubject, input.subject, found)
  collect(c.extractBody, text, found)

  const relayAddress = c.relay
    ? [input.from.address, ...input.replyTo.map((a) => a.address), found.relay]
        .map((a) => a?.trim().toLowerCase())
        .find((a): a is string => Boolean(a) && c.relay!.test(a!))
    : undefined

  const channel = rule.marketplace
  const orderNumber = fold(found.order)
  const inquiryNumber = fold(found.inquiry)
  const buyerId = fold(found.buyerId)
  const itemId = fold(found.itemId)
  const rating = ratingOf(found)
  const facts: MarketplaceFacts = {
    rule: rule.id,
    kind: kindOf(c, input.subject, text),
    ...(found.buyerName ? { buyerName: found.buyerName } : {}),
    ...(buyerId ? { buyerId } : {}),
    ...(orderNumber ? { orderNumber } : {}),
    ...(inquiryNumber ? { inquiryNumber } : {}),
    ...(found.item ? { itemTitle: found.item } : {}),
    ...(itemId ? { itemId } : {}),
    ...(rating !== undefined ? { rating } : {}),
    reply: replyRoute(rule, input, relayAddress, found.url),
  }
  const keys: IdentityKey[] = []
  if (relayAddress) keys.push({ kind: 'relay', value: relayAddress })
  if (buyerId) keys.push({ kind: 'buyer', value: `${channel}:${buyerId.toLowerCase()}` })
  if (orderNumber) keys.push({ kind: 'order', value: orderNumber })
  const threads: string[] = []
  if (inquiryNumber) threads.push(`${channel}:inquiry:${inquiryNumber}`)
  if (orderNumber) threads.push(`${channel}:order:${orderNumber}`)
  if (buyerId && itemId) threads.push(`${channel}:item:${buyerId.toLowerCase()}:${itemId}`)
  return { channel, facts, ...(relayAddress ? { relayAddress } : {}), keys, threads }
}

/** Each named group's first capture, across the patterns in order. */
function collect(patterns: RegExp[], text: string, found: Partial<Record<FactGroup, string>>): void {
  if (!text) return
  for (const re of patterns) {
    const groups = re.exec(text)?.groups
    if (!groups) continue
    for (const [name, value] of Object.entries(groups)) {
      const v = value?.trim()
      if (v && found[name as FactGroup] === undefined) found[name as FactGroup] = v
    }
  }
}

/** Full-width digits and letters ("２５０−…") as the ASCII ones the orders document holds. */
function fold(value: string | undefined): string | undefined {
  return (
    value
      ?.normalize('NFKC')
      .replace(/[‐‑‒–—−]/g, '-')
      .trim() || undefined
  )
}

function ratingOf(found: Partial<Record<FactGroup, string>>): number | undefined {
  const n = found.rating ? Number(fold(found.rating)) : found.stars ? [...found.stars].length : NaN
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : undefined
}

function kindOf(c: CompiledRule, subject: string, text: string): MessageKind {
  for (const k of c.kinds) {
    if (k.subject.some((re) => re.test(subject)) || k.body.some((re) => re.test(text))) return k.kind
  }
  return c.rule.defaultKind
}

function replyRoute(
  rule: MarketplaceRule,
  input: RecogniseInput,
  relayAddress: string | undefined,
  url: string | undefined,
): ReplyRoute {
  const sender = (input.replyTo[0] ?? input.from).address
  if (rule.reply === 'relay') {
    const address = relayAddress ?? (rule.replyToSender ? sender : undefined)
    if (address) return { mode: 'relay', address }
  }
  if (rule.site) return { mode: 'site', url: siteUrl(url, rule.site.hosts) ?? rule.site.url }
  return { mode: 'relay', address: sender }
}

/**
 * A link from the mail, only when it is https on one of the marketplace's hosts: a forged
 * notification must not turn "Open in Etsy" into a link to somewhere else.
 */
export function siteUrl(candidate: string | undefined, hosts: string[]): string | undefined {
  if (!candidate) return undefined
  const cleaned = candidate.replace(/[)>\]」』。、,.;'"]+$/u, '')
  let url: URL
  try {
    url = new URL(cleaned)
  } catch {
    return undefined
  }
  if (url.protocol !== 'https:' || url.username || url.password) return undefined
  const host = url.hostname.toLowerCase()
  return hosts.some((h) => host === h.toLowerCase() || host.endsWith(`.${h.toLowerCase()}`)) ? url.href : undefined
}
