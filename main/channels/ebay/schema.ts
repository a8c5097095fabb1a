// The eBay Commerce Message API's JSON (commerce/message/v1), as far as the inbox reads it:
// checked on arrival so a changed or broken answer is a clear error, not a crash later.
import { z } from 'zod'

export const messageDetail = z.looseObject({
  messageId: z.string().min(1),
  messageBody: z.string().nullish(),
  senderUsername: z.string().nullish(),
  recipientUsername: z.string().nullish(),
  createdDate: z.string(),
  readStatus: z.boolean().nullish(),
  subject: z.string().nullish(),
  messageMedia: z.array(z.looseObject({ mediaName: z.string().nullish(), mediaUrl: z.string().nullish() })).nullish(),
})
export type EbayMessage = z.infer<typeof messageDetail>

export const conversation = z.looseObject({
  conversationId: z.string().min(1),
  conversationStatus: z.string().nullish(),
  conversationTitle: z.string().nullish(),
  conversationType: z.string().nullish(),
  createdDate: z.string().nullish(),
  latestMessage: messageDetail.nullish(),
  referenceId: z.string().nullish(),
  referenceType: z.string().nullish(),
  unreadCount: z.number().nullish(),
})
export type EbayConversation = z.infer<typeof conversation>

const page = {
  href: z.string().nullish(),
  limit: z.number().nullish(),
  offset: z.number().nullish(),
  next: z.string().nullish(),
  prev: z.string().nullish(),
  total: z.number().nullish(),
}

export const conversationsPage = z.looseObject({ ...page, conversations: z.array(conversation).nullish() })

export const conversationPage = z.looseObject({
  ...page,
  conversationId: z.string().nullish(),
  conversationTitle: z.string().nullish(),
  referenceId: z.string().nullish(),
  referenceType: z.string().nullish(),
  messages: z.array(messageDetail).nullish(),
})

/** sendMessage's answer spells the user names `senderUserName` / `recipientUserName`. */
export const sentMessage = z.looseObject({
  messageId: z.string().min(1),
  createdDate: z.string().nullish(),
  messageBody: z.string().nullish(),
})

/** eBay's error body: `{ errors: [{ errorId, domain, category, message }] }`. */
export function ebayErrorText(body: unknown): string | undefined {
  const errors = (body as { errors?: { errorId?: number; message?: string }[] } | undefined)?.errors
  const first = Array.isArray(errors) ? errors[0] : undefined
  if (!first?.message) return undefined
  return first.errorId !== undefined ? `${first.errorId}: ${first.message}` : first.message
}
