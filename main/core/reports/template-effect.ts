// Which templates shorten the first response: for each template and channel, the median time to
// the first answer of conversations whose first answer was sent with it, against the median of
// the same channel's conversations answered without any template. A sent reply records the
// templates inserted into it (OutboxItem / MessageRecord `templateIds`, and a `TemplateReply`
// kept for reports), so "answered with" is what was sent, not what was only tried.
import type { Channel } from '../model'
import { median } from './stats'

/** A sent reply and the templates it was written with. */
export interface TemplateReply {
  conversationId: string
  /** When it was sent: the sent message's date. */
  at: string
  templateIds: string[]
}

/** The first answer of a conversation that began in the period. */
export interface FirstAnswer {
  conversationId: string
  channel: Channel
  /** Customer's first message to this answer. */
  ms: number
  /** Epoch milliseconds of the answer. */
  answeredAt: number
}

export interface TemplateEffect {
  templateId: string
  name: string
  channel: Channel
  /** Conversations first answered with the template on this channel, and their median. */
  with: { count: number; median?: number }
  /** The channel's conversations first answered without any template. */
  without: { count: number; median?: number }
  /** with − without (negative: faster with the template); absent when either side is empty. */
  differenceMs?: number
  /** Both sides have at least `TEMPLATE_MIN_SAMPLE` conversations: the difference may be read as an effect. */
  enough: boolean
}

/** Fewer conversations than this on either side: the difference is shown, but no effect is claimed. */
export const TEMPLATE_MIN_SAMPLE = 5
/** A reply record and a sent message this close are the same reply (both carry the send time). */
const SAME_REPLY_MS = 60_000

export function templateEffects(
  answers: readonly FirstAnswer[],
  replies: readonly TemplateReply[],
  names: Readonly<Record<string, { name: string } | undefined>>,
): TemplateEffect[] {
  const byConversation = new Map<string, { at: number; templateIds: string[] }[]>()
  for (const r of replies) {
    const list = byConversation.get(r.conversationId)
    const entry = { at: Date.parse(r.at), templateIds: r.templateIds }
    if (list) list.push(entry)
    else byConversation.set(r.conversationId, [entry])
  }
  const without = new Map<Channel, number[]>()
  const withTemplate = new Map<string, { templateId: string; channel: Channel; times: number[] }>()
  for (const a of answers) {
    const used = byConversation.get(a.conversationId)?.find((r) => Math.abs(r.at - a.answeredAt) <= SAME_REPLY_MS)
    if (!used || used.templateIds.length === 0) {
      const list = without.get(a.channel)
      if (list) list.push(a.ms)
      else without.set(a.channel, [a.ms])
      continue
    }
    for (const templateId of new Set(used.templateIds)) {
      const key = `${templateId}\n${a.channel}`
      let w = withTemplate.get(key)
      if (!w) withTemplate.set(key, (w = { templateId, channel: a.channel, times: [] }))
      w.times.push(a.ms)
    }
  }
  return [...withTemplate.values()]
    .map((w): TemplateEffect => {
      const base = without.get(w.channel) ?? []
      const m = median(w.times)
      const b = median(base)
      return {
        templateId: w.templateId,
        name: names[w.templateId]?.name ?? w.templateId,
        channel: w.channel,
        with: { count: w.times.length, ...(m !== undefined ? { median: m } : {}) },
        without: { count: base.length, ...(b !== undefined ? { median: b } : {}) },
        ...(m !== undefined && b !== undefined ? { differenceMs: m - b } : {}),
        enough: w.times.length >= TEMPLATE_MIN_SAMPLE && base.length >= TEMPLATE_MIN_SAMPLE,
      }
    })
    .sort((x, y) => y.with.count - x.with.count || x.name.localeCompare(y.name) || x.channel.localeCompare(y.channel))
}
