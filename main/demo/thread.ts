// Writing one thread: the customer's and the seller's letters turn by turn, the channel's
// envelope around them, the raw MIME message and the record that must agree with it.
import type { Address, AttachmentMeta, ConversationStatus, Language, MessageRecord, Order } from '../core/model'
import { CARRIERS } from './catalogue'
import {
  inboundFrom,
  inboundStyle,
  inboundSubject,
  messageIdFor,
  outboundStyle,
  outboundSubject,
  wrapInbound,
  type BodyStyle,
  type EnvelopeFacts,
} from './channels'
import { DAY, isoTime, rfc2822Date } from './clock'
import { flat } from './flat-string'
import type { DemoMessage } from './generate'
import { fitsIso2022jp } from './iso-2022-jp'
import { customerLetter, pickLine, sellerLetter, spokenDate, type LineVars } from './letters'
import {
  formatAddress,
  headerLine,
  headerText,
  isPrintableAscii,
  renderMessage,
  type Charset,
  type MimePart,
} from './mime'
import { directions, type ThreadPlan } from './plan'
import { crackedPotPng } from './png'
import type { Rng } from './random'
import { SHOP } from './shop'
import { CHASERS, GENERIC, PHOTO_NOTE, TOPICS, type TopicId } from './topics'

interface PendingMessage {
  at: number
  message: DemoMessage
}

export class ThreadWriter {
  private readonly pending: PendingMessage[] = []
  /** Messages written so far; also makes Message-IDs and boundaries unique. */
  private seq = 0
  private photos = 0
  private pixels = 0

  constructor(
    private readonly rng: Rng,
    private readonly now: number,
  ) {}

  /** Writes one thread's messages; returns the conversation subject (its first message's). */
  write(
    t: ThreadPlan,
    f: EnvelopeFacts,
    times: number[],
    ids: { customerId: string; conversationId: string; order: Omit<Order, 'id'> | undefined },
  ): string {
    const { rng } = this
    const p = f.person
    const lang = p.language
    const topic = TOPICS[t.topic]
    const lines = topic[lang]
    const shop = SHOP[lang]
    const seller: Address = { name: shop.displayName, address: shop.address }
    const sellerDomain = shop.address.slice(shop.address.indexOf('@') + 1)
    const order = ids.order
    const vars: LineVars = {
      product: lang === 'ja' ? f.product.ja : f.product.en,
      family: p.family,
      ...(f.product.capacity ? { capacity: f.product.capacity[lang] } : {}),
      ...(order ? { order: order.orderNumber, date: spokenDate(Date.parse(order.placedAt), lang, p.utcOffset) } : {}),
      ...(order?.trackingNumber ? { tracking: order.trackingNumber } : {}),
      ...(order?.carrier ? { carrier: carrierName(order.carrier, lang) } : {}),
    }
    const dirs = directions(t)
    // Subjects are the same for every message of a side of the thread: one string each.
    const topicSubject = pickLine(rng, lines.subject, vars)
    const firstSubject = flat(inboundSubject(f, topicSubject, undefined))
    const laterSubject = flat(inboundSubject(f, topicSubject, firstSubject))
    const replySubject = flat(outboundSubject(f, firstSubject))
    // Each side of the thread writes with the same addresses: one shared (read-only) copy
    // for all its records, and its From/To/Subject header lines encoded once per charset.
    const inFrom = copyAddress(inboundFrom(f))
    const inTo = [copyAddress(seller)]
    const outFrom = inTo[0] as Address
    const outTo = [copyAddress(f.replyTo)]
    // Slots: (first in | later in | out) × (UTF-8 | ISO-2022-JP).
    const fixedLines: (readonly string[] | undefined)[] = []
    const addressLines = (dir: 'in' | 'out', subject: string, charset: Charset): readonly string[] => {
      const slot = (dir === 'out' ? 4 : subject === firstSubject ? 0 : 2) + (charset === 'UTF-8' ? 0 : 1)
      let l = fixedLines[slot]
      if (!l) {
        const [from, to] = dir === 'in' ? [inFrom, inTo] : [outFrom, outTo]
        l = [
          headerLine('From', formatAddress(from, charset)),
          headerLine('To', formatAddress(to[0] as Address, charset)),
          headerLine('Subject', headerText(subject, charset)),
        ]
        fixedLines[slot] = l
      }
      return l
    }
    // English lines, wrappers and catalogue names are ASCII (a test holds them to it), so
    // whether a text is ASCII comes down to the customer's name; no need to scan each one.
    const asciiText = lang === 'en' && isPrintableAscii(p.name)
    const chain: string[] = []
    const used = new Set<string>()
    let sellerTurns = 0
    for (let i = 0; i < dirs.length; i++) {
      const dir = dirs[i] as 'in' | 'out'
      const at = times[i] as number
      const last = i === dirs.length - 1
      let text: string
      let subject: string
      let style: BodyStyle
      const attach = dir === 'in' && i === 0 ? this.attachmentFor(t.topic, lang) : undefined
      if (dir === 'in') {
        const closing = last && t.status === 'done'
        const turn =
          i === 0 ? lines.opener : dirs[i - 1] === 'in' ? CHASERS[lang] : closing ? lines.thanks : lines.follow
        const line = pickLine(rng, turn, vars, used, turn === lines.follow ? GENERIC[lang].follow : [])
        const letter = customerLetter(
          rng,
          p,
          attach ? line + (lang === 'ja' ? '' : ' ') + PHOTO_NOTE[lang] : line,
          i === 0,
          f.channel === 'email',
        )
        text = wrapInbound(rng, f, letter)
        subject = i === 0 ? firstSubject : laterSubject
        const canJis = (): boolean =>
          fitsIso2022jp(text) &&
          fitsIso2022jp(subject) &&
          fitsIso2022jp(inFrom.name ?? '') &&
          fitsIso2022jp(seller.name ?? '')
        style = inboundStyle(rng, f, asciiText, canJis)
      } else {
        const line = pickLine(rng, sellerTurns === 0 ? lines.reply : lines.answer, vars, used, GENERIC[lang].answer)
        text = sellerLetter(rng, p, line, sellerTurns === 0)
        sellerTurns++
        subject = replySubject
        style = outboundStyle(lang, asciiText)
      }
      // Business mailers track opens: the first wholesale inquiry (and some later ones)
      // carries a remote pixel, which the app blocks.
      const pixel =
        dir === 'in' && i === 0 && t.topic === 'wholesale' && !attach && (this.pixels === 0 || rng.chance(0.15))
      if (pixel) this.pixels++
      const html =
        pixel ||
        (dir === 'in' &&
          (f.channel === 'email' || f.channel === 'ebay') &&
          !attach &&
          rng.chance(f.channel === 'ebay' ? 0.15 : 0.08))
      const messageId = messageIdFor(rng, dir === 'out' ? 'seller' : 'customer', f, at, sellerDomain, this.seq)
      // Marketplace notifications are new mails each time; people's mailers thread.
      const threads = dir === 'out' || f.channel === 'email' || f.channel === 'amazon'
      const parent = threads ? chain[chain.length - 1] : undefined
      const references = parent ? chain.slice(-10) : undefined
      const offset = dir === 'out' ? shop.offset : f.channel === 'email' ? p.utcOffset : lang === 'ja' ? 540 : 0

      const headers = [`Date: ${rfc2822Date(at, offset)}`, ...addressLines(dir, subject, style.headerCharset)]
      headers.push(`Message-ID: ${messageId}`)
      if (parent) headers.push(`In-Reply-To: ${parent}`)
      if (references) headers.push(headerLine('References', references.join(' ')))

      let body: MimePart = { kind: 'text', subtype: 'plain', text, charset: style.charset, encoding: style.encoding }
      if (html) {
        const htmlPart: MimePart = {
          kind: 'text',
          subtype: 'html',
          text: toHtml(text, pixel),
          charset: 'UTF-8',
          encoding: lang === 'ja' ? 'base64' : 'quoted-printable',
        }
        body = { kind: 'multipart', subtype: 'alternative', boundary: this.boundary(), parts: [body, htmlPart] }
      }
      const attachments: AttachmentMeta[] = []
      if (attach) {
        body = { kind: 'multipart', subtype: 'mixed', boundary: this.boundary(), parts: [body, attach] }
        attachments.push({ filename: attach.filename, contentType: attach.contentType, size: attach.bytes.length })
      }

      const record: Omit<MessageRecord, 'emlPath'> = {
        id: '',
        conversationId: ids.conversationId,
        customerId: ids.customerId,
        accountId: shop.id,
        channel: f.channel,
        direction: dir,
        messageId: flat(messageId),
        from: dir === 'in' ? inFrom : outFrom,
        to: dir === 'in' ? inTo : outTo,
        subject,
        date: isoTime(at),
        snippet: flat(snippetOf(text)),
        seen: dir === 'out' || seenByNow(t.status, dirs, i, this.now - at, rng),
        attachments,
      }
      if (parent) record.inReplyTo = parent
      if (references) record.references = references
      this.pending.push({ at, message: { record, raw: renderMessage(headers, body), text } })
      this.seq++
      chain.push(messageId)
    }
    return firstSubject
  }

  /** A photo for the first message of a damaged-item story (always the first one, so demos have one). */
  private attachmentFor(topic: TopicId, lang: Language): Extract<MimePart, { kind: 'file' }> | undefined {
    const { rng } = this
    const wants =
      topic === 'damaged' ? this.photos === 0 || rng.chance(0.3) : topic === 'negative_feedback' && rng.chance(0.1)
    if (!wants) return undefined
    const variant = this.photos++
    const filename = lang === 'ja' && rng.chance(0.5) ? '破損の写真.png' : `IMG_${rng.int(1000, 9999)}.png`
    return { kind: 'file', contentType: 'image/png', filename, bytes: crackedPotPng(variant) }
  }

  private boundary(): string {
    return `=_aiko_${this.seq.toString(36)}_${this.rng.chars(10, 'abcdefghijklmnopqrstuvwxyz0123456789')}`
  }

  /** Every message written, oldest first, with ids in that order. */
  finish(): DemoMessage[] {
    // Sort by (second, generation order) packed into one number: a native numeric sort is
    // much faster than a comparator over 100,000 objects. Exact up to 2^33 s × 2^20 messages.
    const SLOTS = 2 ** 20
    const n = this.pending.length
    if (n > SLOTS) throw new RangeError(`a demo holds at most ${SLOTS} messages`)
    const keys = new Float64Array(n)
    this.pending.forEach((m, i) => (keys[i] = (m.at / 1000) * SLOTS + i))
    keys.sort()
    const width = Math.max(6, String(n).length)
    return Array.from(keys, (key, i) => {
      const m = (this.pending[key % SLOTS] as PendingMessage).message
      m.record.id = `msg_${String(i + 1).padStart(width, '0')}`
      return m
    })
  }
}

/** Unread: the customer's latest, still-unanswered messages in an open thread, mostly. */
function seenByNow(status: ConversationStatus, dirs: readonly string[], i: number, age: number, rng: Rng): boolean {
  if (status !== 'open') return true
  for (let k = i + 1; k < dirs.length; k++) if (dirs[k] === 'out') return true
  return !rng.chance(age < 2 * DAY ? 0.8 : 0.25)
}

/** The first 140 characters of the text body, whitespace runs collapsed to one space. */
export function snippetOf(text: string): string {
  // Joining the words found by a scan is several times faster than a /\s+/ replace, and
  // the result is a fresh string that does not keep the whole body alive.
  const words: string[] = []
  let length = -1
  let start = -1
  for (let i = 0; i <= text.length && length < 140; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32
    const space = c === 32 || c === 10 || c === 13 || c === 9 || c === 0x3000 || c === 0xa0
    if (!space && start < 0) start = i
    else if (space && start >= 0) {
      words.push(text.slice(start, i))
      length += i - start + 1
      start = -1
    }
  }
  let s = words.join(' ')
  if (s.length > 140) {
    s = s.slice(0, 140)
    // Never end on half a surrogate pair.
    const last = s.charCodeAt(139)
    if (last >= 0xd800 && last <= 0xdbff) s = s.slice(0, 139)
  }
  return s
}

/** A record's own copy of an address, without an undefined name key (JSON drops those). */
function copyAddress(a: Address): Address {
  return a.name === undefined ? { address: a.address } : { name: a.name, address: a.address }
}

function carrierName(en: string, lang: Language): string {
  if (lang === 'en') return en
  const hit = Object.values(CARRIERS).find((c) => c.en === en)
  return hit ? hit.ja : en
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The HTML alternative a mail client would send: paragraphs, and maybe a tracking pixel. */
function toHtml(text: string, pixel: boolean): string {
  const paras = text.split(/(?:\r\n){2,}/).map((p) => `<p>${escapeHtml(p).replaceAll('\r\n', '<br>')}</p>`)
  if (pixel) paras.push('<img src="https://tracking.example/pixel.gif" width="1" height="1" alt="">')
  return `<html><body><div style="font-family:sans-serif">${paras.join('\r\n')}</div></body></html>`
}
