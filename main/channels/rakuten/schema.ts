// The Rakuten RMS InquiryManagementAPI's JSON (es/1.0/inquirymng-api), as far as the inbox reads
// it: checked on arrival so a changed or broken answer is a clear error, not a crash later.
import { z } from 'zod'

const attachment = z.looseObject({ label: z.string().nullish(), path: z.string().nullish() })

export const reply = z.looseObject({
  id: z.number().int(),
  message: z.string().nullish(),
  regDate: z.string(),
  /** 'merchant' (the shop) or 'user' (the buyer). */
  replyFrom: z.string(),
  isRead: z.boolean().nullish(),
  isMessageDeleted: z.boolean().nullish(),
  attachments: z.array(attachment).nullish(),
})
export type RakutenReply = z.infer<typeof reply>

export const inquiry = z.looseObject({
  inquiryNumber: z.string().min(1).max(40),
  shopId: z.number().nullish(),
  userName: z.string().nullish(),
  userMaskEmail: z.string().nullish(),
  message: z.string().nullish(),
  regDate: z.string(),
  itemUrl: z.string().nullish(),
  itemName: z.string().nullish(),
  itemNumber: z.string().nullish(),
  isCompleted: z.boolean().nullish(),
  orderNumber: z.string().nullish(),
  readByMerchant: z.boolean().nullish(),
  attachments: z.array(attachment).nullish(),
  replies: z.array(reply).nullish(),
  category: z.string().nullish(),
  type: z.string().nullish(),
  isMessageDeleted: z.boolean().nullish(),
  lastUpdateDate: z.string().nullish(),
})
export type RakutenInquiry = z.infer<typeof inquiry>

/** inquirymngapi.inquiries.get */
export const inquiriesPage = z.looseObject({
  totalCount: z.number().nullish(),
  totalPageCount: z.number().nullish(),
  page: z.number().nullish(),
  list: z.array(inquiry).nullish(),
})

/** inquirymngapi.inquiry.get */
export const inquiryResult = z.looseObject({ result: inquiry })

/** inquirymngapi.inquiries.count.get */
export const countResult = z.looseObject({ result: z.looseObject({ count: z.number().nullish() }).nullish() })

/** inquirymngapi.reply.post: its answer is not described publicly beyond success; anything JSON is accepted. */
export const replyResult = z.looseObject({ result: z.looseObject({ id: z.number().nullish() }).nullish() })

/** Rakuten's error body: `{ error: { code, message, targets } }`. */
export function rakutenErrorText(body: unknown): string | undefined {
  const e = (body as { error?: { code?: string; message?: string; targets?: Record<string, string> } } | undefined)
    ?.error
  if (!e?.message && !e?.code) return undefined
  const targets = e.targets
    ? ` ${Object.entries(e.targets)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; ')}`
    : ''
  return `${[e.code, e.message].filter(Boolean).join(' ')}${targets}`
}
