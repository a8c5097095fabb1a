// The Rakuten RMS inquiry management API connector: pulls inquiries (with their replies) updated
// since a cursor, page by page, and posts the shop's reply to an inquiry. ESA authentication:
// `Authorization: ESA base64(serviceSecret:licenseKey)`.
import { z, type ZodType } from 'zod'
import type { Address } from '../../core/model'
import { ApiError, joinUrl, requestJson, type ApiVoice } from '../api/http'
import { apiThreadId, readSinceCursor, replyText, writeSinceCursor } from '../api/pull-state'
import type { ApiConnector, ApiMessage, ApiReply, ApiSent, PullResult } from '../api/types'
import { RAKUTEN_THREAD, isoDate, jstDateTime, mapInquiry, rakutenMessageId } from './map'
import { countResult, inquiriesPage, inquiryResult, rakutenErrorText, replyResult } from './schema'

export const RAKUTEN_BASE_URL = 'https://api.rms.rakuten.co.jp'
const PATH = '/es/1.0/inquirymng-api'
/** The most inquiries.get returns per page. */
const PAGE = 100
/** inquiries.get takes at most 31 days between fromDate and toDate; it filters by the inquiry's date. */
const WINDOW_MS = 30 * 24 * 3600_000
const OVERLAP_MS = 5 * 60_000
const CLOCK_SKEW_MS = 10 * 60_000
/** RMS refuses longer replies. */
export const RAKUTEN_MAX_REPLY = 2000

export interface RakutenSettings {
  baseUrl: string
  serviceSecret: string
  licenseKey: string
  shopId: number
  /** The account's address and name: the shop side of each message. */
  self: Address
  timeoutMs?: number
  now?: () => Date
}

const voice: ApiVoice = {
  service: 'Rakuten RMS',
  reconnect:
    'Reconnect your Rakuten account in Settings → Accounts: enter the current license key (RMS license keys expire every 90 days).',
  errorText: rakutenErrorText,
}

export class RakutenConnector implements ApiConnector {
  constructor(private readonly s: RakutenSettings) {}

  async pull(cursor: string | undefined): Promise<PullResult> {
    const since = readSinceCursor(cursor).since
    const changedAfter = since ? new Date(Date.parse(since) - OVERLAP_MS).toISOString() : undefined
    const now = this.now()
    const query = { fromDate: jstDateTime(new Date(now.getTime() - WINDOW_MS)), toDate: jstDateTime(now), limit: PAGE }
    let newest = since
    const messages: ApiMessage[] = []
    for (let page = 1; ; page++) {
      const body = await this.call('GET', '/inquiries', inquiriesPage, { ...query, page })
      for (const q of body.list ?? []) {
        const updated = isoDate(q.lastUpdateDate) ?? isoDate(q.regDate)
        if (changedAfter && updated && updated < changedAfter) continue
        if (updated && (!newest || updated > newest)) newest = updated
        messages.push(...mapInquiry(q, this.s.self, now.toISOString()))
      }
      if (page >= (body.totalPageCount ?? 0) || (body.list ?? []).length === 0) break
    }
    messages.sort((a, b) => a.date.localeCompare(b.date))
    return { messages, cursor: writeSinceCursor(newest) }
  }

  async send(reply: ApiReply): Promise<ApiSent> {
    const inquiryNumber = apiThreadId(reply.thread, RAKUTEN_THREAD, 'Rakuten inquiry API')
    if (reply.text.length > RAKUTEN_MAX_REPLY) {
      throw new ApiError(
        `Rakuten takes replies of at most ${RAKUTEN_MAX_REPLY} characters; this one has ${reply.text.length}. Shorten it and send again.`,
        'rejected',
        false,
      )
    }
    const body = await this.call(
      'POST',
      '/inquiry/reply',
      replyResult,
      {},
      {
        inquiryNumber,
        shopId: this.s.shopId,
        message: reply.text,
      },
    )
    const id = body.result?.id
    if (typeof id === 'number') return { messageId: rakutenMessageId(inquiryNumber, id) }
    // The reply's id is not in the documented answer: read it back from the inquiry. It went
    // out either way; without the id its copy is only shown twice, never sent twice.
    try {
      return (await this.findSent(reply)) ?? {}
    } catch {
      return {}
    }
  }

  async findSent(reply: ApiReply): Promise<ApiSent | undefined> {
    const inquiryNumber = apiThreadId(reply.thread, RAKUTEN_THREAD, 'Rakuten inquiry API')
    const { result } = await this.call('GET', `/inquiry/${encodeURIComponent(inquiryNumber)}`, inquiryResult, {})
    const notBefore = new Date(Date.parse(reply.notBefore) - CLOCK_SKEW_MS).toISOString()
    const text = replyText(reply.text)
    const found = (result.replies ?? [])
      .filter(
        (r) =>
          r.replyFrom === 'merchant' && (isoDate(r.regDate) ?? '') >= notBefore && replyText(r.message ?? '') === text,
      )
      .at(-1)
    return found ? { messageId: rakutenMessageId(inquiryNumber, found.id) } : undefined
  }

  async markRead(thread: string): Promise<void> {
    await this.call(
      'PATCH',
      '/inquiries/read',
      z.unknown(),
      {},
      { inquiryNumbers: [apiThreadId(thread, RAKUTEN_THREAD, 'Rakuten inquiry API')] },
    )
  }

  async test(): Promise<void> {
    const now = this.now()
    await this.call('GET', '/inquiries/count', countResult, {
      fromDate: jstDateTime(new Date(now.getTime() - 24 * 3600_000)),
      toDate: jstDateTime(now),
    })
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    schema: ZodType<T>,
    query: Record<string, string | number | undefined>,
    body?: unknown,
  ): Promise<T> {
    const esa = Buffer.from(`${this.s.serviceSecret}:${this.s.licenseKey}`, 'utf8').toString('base64')
    const json = await requestJson(
      {
        method,
        url: joinUrl(this.s.baseUrl, PATH + path, query),
        headers: { authorization: `ESA ${esa}` },
        ...(body !== undefined ? { body } : {}),
        timeoutMs: this.s.timeoutMs ?? 30_000,
      },
      voice,
    )
    const parsed = schema.safeParse(json ?? {})
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new ApiError(
        `Rakuten RMS answered ${method} ${path} with data the inbox cannot read (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}).`,
        'protocol',
        true,
      )
    }
    return parsed.data
  }

  private now(): Date {
    return this.s.now?.() ?? new Date()
  }
}
