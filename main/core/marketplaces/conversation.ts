// What a recognised marketplace mail adds to its conversation: the order it is about, the
// marketplace's thread, and how the seller can answer. Pure.
import type { Conversation, ReplyRoute } from '../model'
import type { Recognised } from './recognise'

export function withMarketplace(c: Conversation, r: Recognised): Conversation {
  const reply = betterRoute(c.reply, r.facts.reply)
  const orderNumber = c.orderNumber ?? r.facts.orderNumber
  const threads = [...new Set([...(c.marketplaceThreads ?? []), ...r.threads])]
  return {
    ...c,
    ...(orderNumber ? { orderNumber } : {}),
    ...(threads.length ? { marketplaceThreads: threads } : {}),
    reply,
  }
}

/**
 * The newest route wins, except that a site-only notice (a review, a return request) does not
 * take away a relay address the buyer's own mail gave: replying by e-mail still reaches them.
 */
function betterRoute(current: ReplyRoute | undefined, next: ReplyRoute): ReplyRoute {
  if (current?.mode === 'relay' && next.mode === 'site') return current
  return next
}
