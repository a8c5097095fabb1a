// A local emulator of eBay's Commerce Message API (commerce/message/v1): getConversations,
// getConversation, sendMessage and updateConversation over real HTTP, with in-memory data,
// Bearer-token checks, limit/offset/next pagination, eBay's error bodies and switchable faults.
import { startApiRig, type ApiRig, type RigRequest, type RigResponse } from './api-rig'

export interface EbayMessageData {
  messageId: string
  messageBody: string
  senderUsername: string
  recipientUsername: string
  createdDate: string
  readStatus: boolean
  subject: string
  messageMedia: { mediaName: string; mediaType: string; mediaUrl: string }[]
}

export interface EbayConversationData {
  conversationId: string
  conversationStatus: 'ACTIVE' | 'ARCHIVE' | 'DELETE' | 'READ' | 'UNREAD'
  conversationTitle: string
  conversationType: 'FROM_MEMBERS' | 'FROM_EBAY'
  createdDate: string
  referenceId: string
  referenceType: 'LISTING'
  messages: EbayMessageData[]
}

export interface EbayEmulator extends ApiRig {
  seller: string
  /** Replace the valid token (the old one is then refused as expired). */
  token: string
  conversations: Map<string, EbayConversationData>
  /** A buyer writes: a new conversation about a listing, or another message in one. */
  buyerWrites(m: {
    buyer: string
    itemId: string
    title: string
    text: string
    at?: string
    conversationId?: string
  }): {
    conversationId: string
    messageId: string
  }
  /** The seller's messages in a conversation (what sendMessage posted). */
  sellerMessages(conversationId: string): EbayMessageData[]
}

const BASE = '/commerce/message/v1'
const MAX_LIMIT = 50
const DEFAULT_LIMIT = 25

function error(status: number, errorId: number, message: string, category = 'REQUEST'): RigResponse {
  return { status, body: { errors: [{ errorId, domain: 'API_MESSAGE', category, message }] } }
}

export async function startEbayEmulator(opts: { seller?: string; token?: string } = {}): Promise<EbayEmulator> {
  const conversations = new Map<string, EbayConversationData>()
  let seq = 1000
  const state = { token: opts.token ?? 'v^1.1#i^1#user-token', seller: opts.seller ?? 'aiko_teaware' }
  const nextId = () => String(++seq)
  const latest = (c: EbayConversationData) => c.messages.at(-1)!

  const page = <T>(req: RigRequest, items: T[], path: string) => {
    const limit = Number(req.query.get('limit') ?? DEFAULT_LIMIT)
    const offset = Number(req.query.get('offset') ?? 0)
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
      return { error: error(400, 355001, `The 'limit' value must be between 1 and ${MAX_LIMIT}.`) }
    if (!Number.isInteger(offset) || offset < 0) return { error: error(400, 355002, "The 'offset' value is invalid.") }
    const slice = items.slice(offset, offset + limit)
    const link = (o: number) => {
      const q = new URLSearchParams(req.query)
      q.set('offset', String(o))
      q.set('limit', String(limit))
      return `${rig.url}${path}?${q}`
    }
    return {
      slice,
      meta: {
        href: link(offset),
        limit,
        offset,
        total: items.length,
        ...(offset + limit < items.length ? { next: link(offset + limit) } : {}),
        ...(offset > 0 ? { prev: link(Math.max(0, offset - limit)) } : {}),
      },
    }
  }

  const conversationType = (req: RigRequest): RigResponse | undefined => {
    const t = req.query.get('conversation_type')
    if (t !== 'FROM_MEMBERS' && t !== 'FROM_EBAY')
      return error(400, 355010, "The 'conversation_type' query parameter is required: FROM_MEMBERS or FROM_EBAY.")
    return undefined
  }

  const summary = (c: EbayConversationData) => {
    const { messages, ...rest } = c
    return { ...rest, latestMessage: messages.at(-1), unreadCount: messages.filter((m) => !m.readStatus).length }
  }

  const handle = (req: RigRequest): RigResponse => {
    const path = req.path
    if (req.method === 'GET' && path === `${BASE}/conversation`) {
      const bad = conversationType(req)
      if (bad) return bad
      const start = req.query.get('start_time')
      const end = req.query.get('end_time')
      if (start && !Number.isFinite(Date.parse(start))) return error(400, 355011, "The 'start_time' value is invalid.")
      const list = [...conversations.values()]
        .filter((c) => c.conversationType === req.query.get('conversation_type'))
        .filter((c) => !start || latest(c).createdDate >= new Date(start).toISOString())
        .filter((c) => !end || latest(c).createdDate <= new Date(end).toISOString())
        .sort((a, b) => latest(b).createdDate.localeCompare(latest(a).createdDate))
      const p = page(req, list, path)
      if ('error' in p) return p.error!
      return { status: 200, body: { conversations: p.slice.map(summary), ...p.meta } }
    }
    const one = /^\/commerce\/message\/v1\/conversation\/([^/]+)$/.exec(path)
    if (req.method === 'GET' && one) {
      const bad = conversationType(req)
      if (bad) return bad
      const c = conversations.get(decodeURIComponent(one[1]!))
      if (!c) return error(404, 355020, 'The conversation was not found.')
      const p = page(req, c.messages, path)
      if ('error' in p) return p.error!
      const { messages, ...rest } = c
      void messages
      return { status: 200, body: { ...rest, messages: p.slice, ...p.meta } }
    }
    if (req.method === 'POST' && path === `${BASE}/send_message`) {
      const b = (req.body ?? {}) as { conversationId?: string; otherPartyUsername?: string; messageText?: string }
      if (typeof b.messageText !== 'string' || !b.messageText.trim())
        return error(400, 355030, "The 'messageText' field is required.")
      if (b.messageText.length > 2000) return error(400, 355031, "The 'messageText' field is too long (2000 at most).")
      const c = b.conversationId ? conversations.get(b.conversationId) : undefined
      if (!c) return error(400, 355032, 'Either a valid conversationId or otherPartyUsername is required.')
      const buyer = c.messages.find((m) => m.senderUsername !== state.seller)?.senderUsername ?? ''
      const m: EbayMessageData = {
        messageId: nextId(),
        messageBody: b.messageText,
        senderUsername: state.seller,
        recipientUsername: buyer,
        createdDate: new Date().toISOString(),
        readStatus: false,
        subject: `Re: ${c.conversationTitle}`,
        messageMedia: [],
      }
      c.messages.push(m)
      return {
        status: 201,
        body: {
          messageId: m.messageId,
          messageBody: m.messageBody,
          createdDate: m.createdDate,
          readStatus: false,
          senderUserName: m.senderUsername,
          recipientUserName: m.recipientUsername,
          subject: m.subject,
          messageMedia: [],
        },
      }
    }
    if (req.method === 'POST' && path === `${BASE}/update_conversation`) {
      const b = (req.body ?? {}) as { conversationId?: string; conversationStatus?: string; conversationType?: string }
      const c = b.conversationId ? conversations.get(b.conversationId) : undefined
      if (!c || !b.conversationType) return error(400, 355040, 'conversationId and conversationType are required.')
      if (b.conversationStatus === 'READ') for (const m of c.messages) m.readStatus = true
      else if (b.conversationStatus)
        c.conversationStatus = b.conversationStatus as EbayConversationData['conversationStatus']
      return { status: 204 }
    }
    return error(404, 2002, `No resource ${req.method} ${path}.`)
  }

  const rig = await startApiRig({
    authorise: (req) => {
      const auth = req.headers.authorization ?? ''
      if (!auth.startsWith('Bearer ')) return error(401, 1001, 'Missing access token.', 'REQUEST')
      if (auth.slice(7) !== state.token)
        return error(401, 1001, 'Invalid access token. Check the value of the Authorization HTTP request header.')
      return undefined
    },
    expired: () => error(401, 1001, 'Invalid access token. Check the value of the Authorization HTTP request header.'),
    serverError: () => error(500, 10000, 'There was a problem with an eBay internal system or process.', 'APPLICATION'),
    rateLimited: () => error(429, 2001, 'Too many requests. The request limit has been reached for the resource.'),
    handle,
  })

  return {
    url: rig.url,
    log: rig.log,
    fault: rig.fault,
    clearFaults: rig.clearFaults,
    stop: rig.stop,
    get seller() {
      return state.seller
    },
    get token() {
      return state.token
    },
    set token(t: string) {
      state.token = t
    },
    conversations,
    buyerWrites(m: {
      buyer: string
      itemId: string
      title: string
      text: string
      at?: string
      conversationId?: string
    }) {
      let c = m.conversationId ? conversations.get(m.conversationId) : undefined
      const at = m.at ?? new Date().toISOString()
      if (!c) {
        c = {
          conversationId: m.conversationId ?? `c${nextId()}`,
          conversationStatus: 'ACTIVE',
          conversationTitle: m.title,
          conversationType: 'FROM_MEMBERS',
          createdDate: at,
          referenceId: m.itemId,
          referenceType: 'LISTING',
          messages: [],
        }
        conversations.set(c.conversationId, c)
      }
      const message: EbayMessageData = {
        messageId: nextId(),
        messageBody: m.text,
        senderUsername: m.buyer,
        recipientUsername: state.seller,
        createdDate: at,
        readStatus: false,
        subject: m.title,
        messageMedia: [],
      }
      c.messages.push(message)
      return { conversationId: c.conversationId, messageId: message.messageId }
    },
    sellerMessages: (id: string) =>
      (conversations.get(id)?.messages ?? []).filter((m) => m.senderUsername === state.seller),
  }
}
