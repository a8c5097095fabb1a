// What every marketplace message API connector (channels/ebay, channels/rakuten) hands the engine:
// messages already mapped to the workspace's terms, a cursor to resume from, and replies.
import type { Recognised } from '../../core/marketplaces/recognise'
import type { Address } from '../../core/model'

/** One message pulled from a marketplace API, ready for ingest. */
export interface ApiMessage {
  /** Stable per message on the marketplace ("<ebay.m123@api.ebay.com>"): de-duplicates re-pulls. */
  messageId: string
  direction: 'in' | 'out'
  from: Address
  to: Address[]
  subject: string
  /** ISO-8601 UTC. */
  date: string
  text: string
  /** Read already (on the marketplace, or our own). */
  seen: boolean
  /** The marketplace, the buyer's identity keys, its threads (the API conversation, the order) and facts. */
  market: Recognised
  /** The API's JSON of this message, stored as its raw copy (channels/api/stored.ts reads it). */
  raw: unknown
}

export interface PullResult {
  messages: ApiMessage[]
  /** Opaque; passed to the next pull so it fetches only what changed. */
  cursor: string
}

/** A reply to send into the marketplace thread a conversation came from. */
export interface ApiReply {
  /** The API thread ("ebay:conversation:…", "rakuten:inquiry:…") from the conversation. */
  thread: string
  text: string
  /** When it was queued: a copy found on the server must be at least this recent. */
  notBefore: string
}

export interface ApiSent {
  /** The Message-ID the copy has when pulled back (ApiMessage.messageId); absent if the API did not say. */
  messageId?: string
}

export interface ApiConnector {
  /** Messages new or changed since `cursor` (everything in the first window when undefined), oldest first. */
  pull(cursor: string | undefined): Promise<PullResult>
  send(reply: ApiReply): Promise<ApiSent>
  /** After a crash between posting and bookkeeping: the reply already on the marketplace, if it is. */
  findSent(reply: ApiReply): Promise<ApiSent | undefined>
  /** Checks the credentials with one cheap request; throws ApiError. */
  test(): Promise<void>
  /** The seller read the thread here: mark it read on the marketplace too. */
  markRead(thread: string): Promise<void>
}
