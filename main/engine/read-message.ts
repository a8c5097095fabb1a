// Decodes a stored raw message into what the timeline and the conversation screen show, and
// hands out its attachments. A message that cannot be decoded is still shown: as "could not be
// read", with whatever the record knows.
import {
  EngineError,
  MAX_ATTACHMENT_BYTES,
  type AttachmentData,
  type MessageAttachment,
  type MessageBody,
  type TimelineMessage,
} from '../../preload/api'
import type { MessageRecord } from '../core/model'
import { hasRemoteImages, referencedContentIds } from '../channels/mail/html-content'
import type { ParsedMail } from '../channels/mail/parse'
import { parseStored } from './stored-message'
import type { Store } from '../store/store'

export async function readTimelineMessage(store: Store, m: MessageRecord): Promise<TimelineMessage> {
  const base = {
    id: m.id,
    conversationId: m.conversationId,
    channel: m.channel,
    direction: m.direction,
    from: m.from,
    to: m.to,
    subject: m.subject,
    date: m.date,
    attachments: m.attachments,
    ...(m.marketplace ? { marketplace: m.marketplace } : {}),
  }
  if (m.unreadable) return { ...base, text: m.snippet, unreadable: m.unreadable }
  try {
    const parsed = await parseStored(m, await store.mail.read(m.emlPath))
    return { ...base, text: parsed.text, ...(parsed.unreadable ? { unreadable: parsed.unreadable } : {}) }
  } catch (err) {
    return { ...base, text: m.snippet, unreadable: `The stored message could not be read: ${(err as Error).message}` }
  }
}

/** Inline images travel in the answer as data: URLs; beyond these they stay attachments only. */
const INLINE_IMAGE_MAX_BYTES = 5 * 1024 * 1024
const INLINE_IMAGES_MAX_BYTES = 15 * 1024 * 1024
/** Raster formats a browser shows in <img>; nothing that carries script (SVG) or is not an image. */
const INLINE_IMAGE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/jpg',
  'image/pjpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'image/avif',
  'image/x-icon',
  'image/vnd.microsoft.icon',
])

export async function readMessageBody(
  store: Store,
  m: MessageRecord,
  remoteImagesAllowed: boolean,
): Promise<MessageBody> {
  const unreadable = (reason: string, text = m.snippet): MessageBody => ({
    messageId: m.id,
    text,
    hasRemoteImages: false,
    remoteImagesAllowed,
    attachments: m.attachments.map((a, index) => ({
      index,
      name: a.filename,
      contentType: a.contentType,
      size: a.size,
      inline: false,
    })),
    inlineImages: {},
    unreadable: reason,
  })
  if (m.unreadable) return unreadable(m.unreadable)
  let raw: Buffer
  try {
    raw = await store.mail.read(m.emlPath)
  } catch (err) {
    return unreadable(`The stored message could not be read: ${(err as Error).message}`)
  }
  const parsed = await parseStored(m, raw, { attachmentContent: true })
  if (parsed.unreadable) return unreadable(parsed.unreadable, parsed.text || m.snippet)
  const attachments: MessageAttachment[] = parsed.attachments.map((a, index) => {
    const placement = parsed.attachmentPlacement[index]
    return {
      index,
      name: a.filename,
      contentType: a.contentType,
      size: a.size,
      inline: placement?.inline ?? false,
      ...(placement?.contentId ? { contentId: placement.contentId } : {}),
    }
  })
  return {
    messageId: m.id,
    text: parsed.text,
    ...(parsed.html !== undefined ? { html: parsed.html } : {}),
    hasRemoteImages: parsed.html !== undefined && hasRemoteImages(parsed.html),
    remoteImagesAllowed,
    attachments,
    inlineImages: parsed.html !== undefined ? inlineImages(parsed, parsed.html) : {},
  }
}

/** The images the HTML shows by `cid:`, as data: URLs by lower-cased Content-ID. */
function inlineImages(parsed: ParsedMail, html: string): Record<string, string> {
  const wanted = referencedContentIds(html)
  const images: Record<string, string> = {}
  if (wanted.size === 0) return images
  let total = 0
  for (const [i, placement] of parsed.attachmentPlacement.entries()) {
    const id = placement.contentId?.toLowerCase()
    const type = parsed.attachments[i]?.contentType.toLowerCase()
    const bytes = parsed.attachmentContent?.[i]
    if (!id || !wanted.has(id) || Object.hasOwn(images, id) || !type || !bytes) continue
    if (!INLINE_IMAGE_TYPES.has(type) || bytes.length > INLINE_IMAGE_MAX_BYTES) continue
    if (total + bytes.length > INLINE_IMAGES_MAX_BYTES) continue
    total += bytes.length
    images[id] = `data:${type};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64')}`
  }
  return images
}

/** One attachment's bytes, up to the size a message may carry (MAX_ATTACHMENT_BYTES). */
export async function readAttachment(store: Store, m: MessageRecord, index: number): Promise<AttachmentData> {
  const known = m.attachments[index]
  // The record knows the sizes: a file too big to hand over is refused without decoding it.
  if (known && known.size > MAX_ATTACHMENT_BYTES) throw tooLarge(known.filename, known.size)
  if (m.unreadable) throw new EngineError('unavailable', `"${m.subject}" could not be read (${m.unreadable}).`)
  let raw: Buffer
  try {
    raw = await store.mail.read(m.emlPath)
  } catch (err) {
    throw new EngineError(
      'unavailable',
      `The stored copy of "${m.subject}" cannot be read (${(err as Error).message}), so its attachments cannot be opened.`,
    )
  }
  const parsed = await parseStored(m, raw, { attachmentContent: true })
  if (parsed.unreadable)
    throw new EngineError('unavailable', `"${m.subject}" could not be read (${parsed.unreadable}).`)
  const meta = parsed.attachments[index]
  const bytes = parsed.attachmentContent?.[index]
  if (!meta || !bytes) {
    const n = parsed.attachments.length
    throw new EngineError(
      'not_found',
      `"${m.subject}" has ${n === 0 ? 'no attachments' : n === 1 ? 'one attachment' : `${n} attachments`}; there is no attachment ${index + 1}.`,
    )
  }
  if (bytes.length > MAX_ATTACHMENT_BYTES) throw tooLarge(meta.filename, bytes.length)
  return {
    name: meta.filename,
    contentType: meta.contentType,
    size: bytes.length,
    dataBase64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64'),
  }
}

function tooLarge(name: string, size: number): EngineError {
  const mb = (Math.ceil((size / 1024 / 1024) * 10) / 10).toFixed(1)
  return new EngineError(
    'too_large',
    `"${name}" is ${mb} MB; Seller Inbox hands over attachments of up to ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB. Save it from your mail provider's web mail instead.`,
  )
}
