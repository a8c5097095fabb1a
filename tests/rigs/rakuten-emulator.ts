// A local emulator of Rakuten RMS's inquiry management API (es/1.0/inquirymng-api): inquiries
// (list by date window, paged), one inquiry, the count, and the shop's reply, over real HTTP with
// in-memory data, ESA authentication, RMS's error bodies and switchable faults (api-rig.ts).
import { startApiRig, type ApiRig, type RigRequest, type RigResponse } from './api-rig'

export interface RakutenReplyData {
  id: number
  message: string
  regDate: string
  replyFrom: 'merchant' | 'user'
  isRead: boolean
  isMessageDeleted: boolean
  attachments: { label: string; path: string }[]
}

export interface RakutenInquiryData {
  inquiryNumber: string
  shopId: number
  userName: string
  userMaskEmail: string
  message: string
  regDate: string
  itemUrl: string | null
  itemName: string | null
  itemNumber: string | null
  isCompleted: boolean
  completedDate: string | null
  category: string
  type: string
  orderNumber: string | null
  readByMerchant: boolean
  attachments: { label: string; path: string }[]
  replies: RakutenReplyData[]
  lastUpdateDate: string
  isMessageDeleted: boolean
  socialGiftUserType: null
}

export interface RakutenEmulator extends ApiRig {
  shopId: number
  /** Replace the license key (the old one is then refused). */
  licenseKey: string
  inquiries: Map<string, RakutenInquiryData>
  /** A buyer asks; returns the inquiry number. */
  userAsks(q: {
    userName: string
    maskEmail: string
    message: string
    orderNumber?: string
    itemName?: string
    itemNumber?: string
    category?: string
    type?: string
    at?: Date
  }): string
  userReplies(inquiryNumber: string, message: string, at?: Date): void
  merchantReplies(inquiryNumber: string): RakutenReplyData[]
}

const BASE = '/es/1.0/inquirymng-api'
const DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/

/** RMS writes Japan time with its offset. */
function jst(at: Date): string {
  return `${new Date(at.getTime() + 9 * 3600_000).toISOString().slice(0, 19)}+09:00`
}

/** fromDate / toDate are Japan time without an offset. */
function fromJst(text: string): number {
  return Date.parse(`${text}+09:00`)
}

function error(status: number, code: string, message: string, targets?: Record<string, string>): RigResponse {
  return { status, body: { error: { code, message, ...(targets ? { targets } : {}) } } }
}

export async function startRakutenEmulator(
  opts: { shopId?: number; serviceSecret?: string; licenseKey?: string } = {},
): Promise<RakutenEmulator> {
  const inquiries = new Map<string, RakutenInquiryData>()
  const state = {
    shopId: opts.shopId ?? 999999,
    serviceSecret: opts.serviceSecret ?? 'SP999999_secret',
    licenseKey: opts.licenseKey ?? 'SL999999_license',
  }
  let seq = 0

  const window = (req: RigRequest): { from: number; to: number } | RigResponse => {
    const fromDate = req.query.get('fromDate') ?? ''
    const toDate = req.query.get('toDate') ?? ''
    const targets: Record<string, string> = {}
    if (!DATE.test(fromDate)) targets.fromDate = 'must match "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$"'
    if (!DATE.test(toDate)) targets.toDate = 'must match "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$"'
    if (Object.keys(targets).length) return error(400, 'IE001', 'bad parameter', targets)
    const from = fromJst(fromDate)
    const to = fromJst(toDate)
    if (from > to)
      return error(400, 'IE001', 'bad parameter', {
        fromDate: 'date time range is invalid.',
        toDate: 'date time range is invalid.',
      })
    if (to - from > 31 * 24 * 3600_000)
      return error(400, 'IE001', 'bad parameter', {
        fromDate: 'date time range should be within 31 days.',
        toDate: 'date time range should be within 31 days.',
      })
    return { from, to }
  }

  const handle = (req: RigRequest): RigResponse => {
    if (req.method === 'GET' && req.path === `${BASE}/inquiries`) {
      const w = window(req)
      if ('status' in w) return w
      const limit = Number(req.query.get('limit') ?? 10)
      const page = Number(req.query.get('page') ?? 1)
      if (!Number.isInteger(limit) || limit < 1 || limit > 100)
        return error(400, 'IE001', 'bad parameter', { limit: 'should be less than equal 100' })
      if (!Number.isInteger(page) || page < 1 || page > 10000) return error(400, 'IE001', '400 Bad Request')
      const noReply = req.query.get('noMerchantReply') === 'true'
      const list = [...inquiries.values()]
        .filter((q) => Date.parse(q.regDate) >= w.from && Date.parse(q.regDate) <= w.to)
        .filter((q) => !noReply || !q.replies.some((r) => r.replyFrom === 'merchant'))
        .sort((a, b) => b.regDate.localeCompare(a.regDate))
      return {
        status: 200,
        body: {
          totalCount: list.length,
          totalPageCount: Math.ceil(list.length / limit),
          page,
          list: list.slice((page - 1) * limit, page * limit),
        },
      }
    }
    if (req.method === 'GET' && req.path === `${BASE}/inquiries/count`) {
      const w = window(req)
      if ('status' in w) return w
      const count = [...inquiries.values()].filter(
        (q) => Date.parse(q.regDate) >= w.from && Date.parse(q.regDate) <= w.to,
      ).length
      return { status: 200, body: { result: { count } } }
    }
    const one = new RegExp(`^${BASE}/inquiry/([A-Za-z0-9-]{1,40})$`).exec(req.path)
    if (req.method === 'GET' && one) {
      const q = inquiries.get(one[1]!)
      return q ? { status: 200, body: { result: q } } : error(404, 'IE004', 'Not Found')
    }
    if (req.method === 'POST' && req.path === `${BASE}/inquiry/reply`) {
      const b = (req.body ?? {}) as { inquiryNumber?: string; shopId?: number; message?: string }
      const q = b.inquiryNumber ? inquiries.get(b.inquiryNumber) : undefined
      if (!q) return error(404, 'IE004', 'Not Found')
      if (b.shopId !== state.shopId) return error(400, 'IE001', 'bad parameter', { shopId: 'invalid shop id' })
      if (typeof b.message !== 'string' || !b.message.trim())
        return error(400, 'IE001', 'bad parameter', { message: 'must not be empty' })
      if (b.message.length > 2000)
        return error(400, 'IE001', 'bad parameter', { message: 'size must be between 1 and 2000' })
      const now = jst(new Date())
      q.replies.push({
        id: q.replies.length,
        message: b.message,
        regDate: now,
        replyFrom: 'merchant',
        isRead: false,
        isMessageDeleted: false,
        attachments: [],
      })
      q.lastUpdateDate = now
      // The documented answer carries no reply id; the connector reads it back from the inquiry.
      return { status: 200, body: { result: { inquiryNumber: q.inquiryNumber, shopId: q.shopId } } }
    }
    if (req.method === 'PATCH' && req.path === `${BASE}/inquiries/read`) {
      const numbers = (req.body as { inquiryNumbers?: unknown } | undefined)?.inquiryNumbers
      if (!Array.isArray(numbers) || numbers.length === 0)
        return error(400, 'IE001', 'bad parameter', { inquiryNumbers: 'must not be empty' })
      for (const n of numbers) {
        const q = inquiries.get(String(n))
        if (!q) return error(404, 'IE004', 'Not Found')
        q.readByMerchant = true
      }
      return { status: 200, body: { result: { inquiryNumbers: numbers } } }
    }
    return error(404, 'IE004', 'Not Found')
  }

  const esa = () => `ESA ${Buffer.from(`${state.serviceSecret}:${state.licenseKey}`).toString('base64')}`
  const rig = await startApiRig({
    authorise: (req) => (req.headers.authorization === esa() ? undefined : error(401, 'ES04-01', 'Unauthorized')),
    expired: () => error(401, 'ES04-01', 'Unauthorized: license key expired'),
    serverError: () => error(500, 'IE999', 'Internal Server Error'),
    rateLimited: () => error(429, 'ES04-03', 'Too Many Requests'),
    handle,
  })

  return {
    url: rig.url,
    log: rig.log,
    fault: rig.fault,
    clearFaults: rig.clearFaults,
    stop: rig.stop,
    get shopId() {
      return state.shopId
    },
    get licenseKey() {
      return state.licenseKey
    },
    set licenseKey(k: string) {
      state.licenseKey = k
    },
    inquiries,
    userAsks(q) {
      const at = q.at ?? new Date()
      const ymd = jst(at).slice(0, 10).replace(/-/g, '')
      const inquiryNumber = `${state.shopId}-${ymd}-${(++seq).toString(36)}t`
      inquiries.set(inquiryNumber, {
        inquiryNumber,
        shopId: state.shopId,
        userName: q.userName,
        userMaskEmail: q.maskEmail,
        message: q.message,
        regDate: jst(at),
        itemUrl: q.itemNumber ? `/teashop/${q.itemNumber}/` : null,
        itemName: q.itemName ?? null,
        itemNumber: q.itemNumber ?? null,
        isCompleted: false,
        completedDate: null,
        category: q.category ?? '',
        type: q.type ?? (q.orderNumber ? '受注問い合わせ' : '商品問い合わせ'),
        orderNumber: q.orderNumber ?? null,
        readByMerchant: false,
        attachments: [],
        replies: [],
        lastUpdateDate: jst(at),
        isMessageDeleted: false,
        socialGiftUserType: null,
      })
      return inquiryNumber
    },
    userReplies(inquiryNumber, message, at = new Date()) {
      const q = inquiries.get(inquiryNumber)
      if (!q) throw new Error(`no inquiry ${inquiryNumber}`)
      q.replies.push({
        id: q.replies.length,
        message,
        regDate: jst(at),
        replyFrom: 'user',
        isRead: false,
        isMessageDeleted: false,
        attachments: [],
      })
      q.lastUpdateDate = jst(at)
    },
    merchantReplies: (n) => (inquiries.get(n)?.replies ?? []).filter((r) => r.replyFrom === 'merchant'),
  }
}
