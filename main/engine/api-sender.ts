// Sends outbox replies of marketplace API accounts through the API, into the marketplace thread
// the conversation came from. There is no Message-ID on the marketplace: the id the API gives
// the posted reply is recorded (OutboxItem.remoteMessageId), and after a crash between posting
// and that bookkeeping the thread on the server is searched for our text before posting again.
import type { RequestParams } from '../../preload/api'
import type { Account, OutboxItem } from '../core/model'
import { ApiError } from '../channels/api/http'
import type { ApiConnector, ApiReply } from '../channels/api/types'
import { EBAY_THREAD } from '../channels/ebay/map'
import { RAKUTEN_MAX_REPLY } from '../channels/rakuten/connector'
import { RAKUTEN_THREAD } from '../channels/rakuten/map'
import type { Sender } from './outbox'

export class ApiSender implements Sender {
  constructor(
    private readonly connectorOf: (account: Account) => Promise<ApiConnector>,
    /** The marketplace threads of the conversation an item answers. */
    private readonly threadsOf: (item: Pick<OutboxItem, 'conversationId'>) => string[],
  ) {}

  /** What the marketplace would refuse, said before the reply is queued. */
  refuse(p: RequestParams<'message.send'>, account: Account): { path: string; message: string } | undefined {
    const where = account.kind === 'ebay' ? 'eBay' : 'Rakuten'
    const prefix = account.kind === 'ebay' ? EBAY_THREAD : RAKUTEN_THREAD
    if (!this.threadsOf(p).some((t) => t.startsWith(prefix)))
      return {
        path: 'conversationId',
        message: `${account.label} can only answer conversations that came from ${where}'s message API; reply to this one from a mail account.`,
      }
    if (!p.text.trim()) return { path: 'text', message: 'The reply is empty; write something before sending.' }
    if (p.attachments.length > 0)
      return {
        path: 'attachments',
        message: `Attachments cannot be sent through ${where}'s message API yet; send the reply without them.`,
      }
    if (account.kind === 'rakuten' && p.text.length > RAKUTEN_MAX_REPLY)
      return {
        path: 'text',
        message: `Rakuten takes replies of at most ${RAKUTEN_MAX_REPLY.toLocaleString('en')} characters; this one has ${p.text.length.toLocaleString('en')}. Shorten it and send again.`,
      }
    return undefined
  }

  async deliver(
    item: OutboxItem,
    account: Account,
    _raw: Buffer,
    accepted: (remoteMessageId?: string) => Promise<void>,
  ): Promise<void> {
    const reply = this.replyOf(item, account)
    const connector = await this.connect(account)
    const sent = await connector.send(reply)
    await accepted(sent.messageId)
  }

  /** Throws when the marketplace cannot be asked now: the outbox then asks again later rather than post twice. */
  async wasDelivered(item: OutboxItem, account: Account): Promise<boolean | { remoteMessageId?: string }> {
    const reply = this.replyOf(item, account)
    const found = await (await this.connect(account)).findSent(reply)
    if (!found) return false
    return found.messageId ? { remoteMessageId: found.messageId } : true
  }

  private async connect(account: Account): Promise<ApiConnector> {
    try {
      return await this.connectorOf(account)
    } catch (err) {
      // No token or keys: nothing to retry until the seller reconnects the account.
      throw new ApiError((err as Error).message, 'auth', true, undefined, 15 * 60_000)
    }
  }

  private replyOf(item: OutboxItem, account: Account): ApiReply {
    const prefix = account.kind === 'ebay' ? EBAY_THREAD : RAKUTEN_THREAD
    const thread = this.threadsOf(item).find((t) => t.startsWith(prefix))
    if (!thread) {
      const where = account.kind === 'ebay' ? 'eBay' : 'Rakuten'
      throw new ApiError(
        `${account.label} can only answer conversations that came from ${where}'s message API; reply to this one from a mail account.`,
        'rejected',
        false,
      )
    }
    if (!item.text.trim()) throw new ApiError('The reply is empty; write something before sending.', 'rejected', false)
    if (item.attachments?.length)
      throw new ApiError(
        `Attachments cannot be sent through ${account.label} yet; send the reply without them.`,
        'rejected',
        false,
      )
    return { thread, text: item.text, notBefore: item.queuedAt }
  }
}
