// The eBay Commerce Message API connector: pulls member conversations changed since a cursor
// (getConversations, then getConversation for each, following limit/offset pages), and posts
// replies into a conversation (sendMessage). OAuth user token with the commerce.message scope.
import { z, type ZodType } from 'zod'
import type { Address } from '../../core/model'
import { ApiError, joinUrl, requestJson, type ApiVoice } from '../api/http'
import { apiThreadId, readSinceCursor, replyText, writeSinceCursor } from '../api/pull-state'
import type { ApiConnector, ApiMessage, ApiReply, ApiSent, PullResult } from '../api/types'
import { EBAY_THREAD, ebayMessageId, isoDate, mapEbayMessage } from './map'
import {
  conversationPage,
  conversationsPage,
  ebayErrorText,
  sentMessage,
  type EbayConversation,
  type EbayMessage,
} from './schema'

export const EBAY_BASE_URL = 'https://api.ebay.com'
const PATH = '/commerce/message/v1'
/** The most getConversations returns per page. */
const PAGE = 50
/** Messages written in the same second as the cursor, or shown late, are fetched again (ingest de-duplicates). */
const OVERLAP_MS = 5 * 60_000
/** Conversations read at once: enough to hide the round trips, few enough for eBay's rate limits. */
const PARALLEL = 4
/** A posted reply found on the server may carry a clock a little behind ours. */
const CLOCK_SKEW_MS = 10 * 60_000

export interface EbaySettings {
  baseUrl: string
  token: string
  /** The seller's eBay user name. */
  username: string
  /** The account's address and display name: the seller side of each message. */
  self: Address
  timeoutMs?: number
  now?: () => Date
}

const voice: ApiVoice = {
  service: 'eBay',
  reconnect: 'Reconnect your eBay account in Settings → Accounts (the access token has expired or was revoked).',
  errorText: ebayErrorText,
}

export class EbayConnector implements ApiConnector {
  constructor(private readonly s: EbaySettings) {}

  async pull(cursor: string | undefined): Promise<PullResult> {
    const since = readSinceCursor(cursor).since
    const from = since ? new Date(Date.parse(since) - OVERLAP_MS).toISOString() : undefined
    let newest = since
    const changed: EbayConversation[] = []
    for await (const c of this.conversations(from)) {
      const latest = isoDate(c.latestMessage?.createdDate)
      if (from && latest && latest < from) continue
      if (latest && (!newest || latest > newest)) newest = latest
      changed.push(c)
    }
    const messages: ApiMessage[] = []
    // A few conversations at a time: most of a first pull is waiting for eBay, one request each.
    for (let i = 0; i < changed.length; i += PARALLEL) {
      const batch = changed.slice(i, i + PARALLEL)
      const read = await Promise.all(batch.map((c) => this.messagesOf(c)))
      for (const [j, c] of batch.entries())
        for (const m of read[j]!) {
          const mapped = mapEbayMessage(c, m, this.seller(), this.now())
          if (!from || mapped.date >= from) messages.push(mapped)
        }
    }
    messages.sort((a, b) => a.date.localeCompare(b.date))
    return { messages, cursor: writeSinceCursor(newest) }
  }

  async send(reply: ApiReply): Promise<ApiSent> {
    const conversationId = apiThreadId(reply.thread, EBAY_THREAD, 'eBay message API')
    const body = await this.call(
      'POST',
      '/send_message',
      sentMessage,
      {},
      {
        conversationId,
        messageText: reply.text,
      },
    )
    return { messageId: ebayMessageId(body.messageId) }
  }

  async findSent(reply: ApiReply): Promise<ApiSent | undefined> {
    const c: EbayConversation = { conversationId: apiThreadId(reply.thread, EBAY_THREAD, 'eBay message API') }
    const notBefore = new Date(Date.parse(reply.notBefore) - CLOCK_SKEW_MS).toISOString()
    const me = this.s.username.toLowerCase()
    const text = replyText(reply.text)
    const found = (await this.messagesOf(c)).find(
      (m) =>
        (m.senderUsername ?? '').toLowerCase() === me &&
        (isoDate(m.createdDate) ?? '') >= notBefore &&
        replyText(m.messageBody ?? '') === text,
    )
    return found ? { messageId: ebayMessageId(found.messageId) } : undefined
  }

  async markRead(thread: string): Promise<void> {
    await this.call(
      'POST',
      '/update_conversation',
      z.unknown(),
      {},
      {
        conversationId: apiThreadId(thread, EBAY_THREAD, 'eBay message API'),
        conversationType: 'FROM_MEMBERS',
        conversationStatus: 'READ',
      },
    )
  }

  async test(): Promise<void> {
    await this.call('GET', '/conversation', conversationsPage, { conversation_type: 'FROM_MEMBERS', limit: 1 })
  }

  private async *conversations(from: string | undefined): AsyncGenerator<EbayConversation> {
    let offset = 0
    for (;;) {
      const page = await this.call('GET', '/conversation', conversationsPage, {
        conversation_type: 'FROM_MEMBERS',
        limit: PAGE,
        offset,
        ...(from ? { start_time: from } : {}),
      })
      const list = page.conversations ?? []
      yield* list
      offset += list.length
      if (!page.next || list.length === 0 || (page.total !== undefined && page.total !== null && offset >= page.total))
        return
    }
  }

  /** Every message of a conversation, following its pages. */
  private async messagesOf(c: EbayConversation): Promise<EbayMessage[]> {
    const all: EbayMessage[] = []
    let offset = 0
    for (;;) {
      const page = await this.call('GET', `/conversation/${encodeURIComponent(c.conversationId)}`, conversationPage, {
        conversation_type: 'FROM_MEMBERS',
        limit: PAGE,
        offset,
      })
      // getConversation names the listing too; keep what the list said when it does not.
      if (page.referenceId && !c.referenceId) Object.assign(c, { referenceId: page.referenceId })
      if (page.referenceType && !c.referenceType) Object.assign(c, { referenceType: page.referenceType })
      if (page.conversationTitle && !c.conversationTitle)
        Object.assign(c, { conversationTitle: page.conversationTitle })
      const list = page.messages ?? []
      all.push(...list)
      offset += list.length
      if (!page.next || list.length === 0) return all
    }
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: ZodType<T>,
    query: Record<string, string | number | undefined>,
    body?: unknown,
  ): Promise<T> {
    const json = await requestJson(
      {
        method,
        url: joinUrl(this.s.baseUrl, PATH + path, query),
        headers: { authorization: `Bearer ${this.s.token}` },
        ...(body !== undefined ? { body } : {}),
        timeoutMs: this.s.timeoutMs ?? 30_000,
      },
      voice,
    )
    const parsed = schema.safeParse(json ?? {})
    if (!parsed.success) {
      throw new ApiError(
        `eBay answered ${method} ${path} with data the inbox cannot read (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''}).`,
        'protocol',
        true,
      )
    }
    return parsed.data
  }

  private seller() {
    return { username: this.s.username, self: this.s.self }
  }

  private now(): string {
    return (this.s.now?.() ?? new Date()).toISOString()
  }
}
