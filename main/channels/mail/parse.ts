// The MIME layer of the e-mail channel: one raw RFC 5322 message in, the facts the engine
// stores and shows out. postal-mime does the MIME work; this module adds what real mail needs
// on top of it — charset sniffing for unlabelled and mislabelled text (Japanese first), 8-bit
// headers, a plain-text rendering of HTML-only mail — and it salvages instead of throwing.
//
// Sections, in order: the public API, charsets, the raw header block, header fields, the body,
// attachments, HTML to text, snippets.
import { isAscii, isUtf8 } from 'node:buffer'
import PostalMime, { addressParser, decodeWords } from 'postal-mime'
import type { Address as PostalAddress, Attachment as PostalAttachment, Email } from 'postal-mime'
import type { Address, AttachmentMeta } from '../../core/model'
import type { MessageTerms } from '../../core/search-tokens'

export interface ParsedMail {
  /** With angle brackets, as in the header. */
  messageId?: string
  inReplyTo?: string
  references: string[]
  from?: Address
  sender?: Address
  replyTo: Address[]
  to: Address[]
  cc: Address[]
  /** Decoded (RFC 2047), '' if none. */
  subject: string
  /** ISO-8601 UTC; undefined if missing or unparseable. */
  date?: string
  /** Best plain-text body: the text/plain part, else text derived from the HTML. */
  text: string
  /** The raw, unsanitised HTML part if any; the UI sanitises it. */
  html?: string
  attachments: AttachmentMeta[]
  /** Where each attachment sits, in the order of `attachments`: shown within the body or not. */
  attachmentPlacement: AttachmentPlacement[]
  /** Each attachment's decoded bytes, in the order of `attachments`; only when asked for. */
  attachmentContent?: Uint8Array[]
  /** Every header of the top-level block, key lower-cased, value unfolded (not RFC 2047 decoded). */
  headers: { key: string; value: string }[]
  /** Set, with a short reason, only when the message cannot be decoded at all. */
  unreadable?: string
  /** The search terms of subject and body, when asked of the parsing thread (a sync): see messageTerms. */
  terms?: MessageTerms
}

export interface AttachmentPlacement {
  /** Content-Disposition: inline, or a part of a multipart/related (an image the HTML shows). */
  inline: boolean
  /** The Content-ID without its angle brackets: what `cid:` URLs in the HTML name. */
  contentId?: string
}

export interface ParseOptions {
  /** Also return the attachments' bytes (to forward them); a sync only needs their sizes. */
  attachmentContent?: boolean
}

/** Parses one raw message. Never throws: a broken message comes back salvaged or `unreadable`. */
export async function parseMail(raw: Uint8Array | string, options: ParseOptions = {}): Promise<ParsedMail> {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : Buffer.from(raw.buffer, raw.byteOffset, raw.length)
  try {
    return await parseBytes(bytes, options)
  } catch (err) {
    // Last line of defence: a bug in this module must not lose the message, only its parse.
    return { ...emptyMail(), unreadable: `The message could not be read (${errorText(err)}).` }
  }
}

async function parseBytes(bytes: Buffer, options: ParseOptions): Promise<ParsedMail> {
  if (isBlank(bytes)) return { ...emptyMail(), unreadable: 'The message is empty.' }

  const scan = scanContentFields(bytes)
  const block = readHeaderBlock(bytes, scan.hint)
  const mail: ParsedMail = { ...emptyMail(), ...headerFacts(block.headers) }

  const looksLikeMail = block.headers.some((h) => WELL_KNOWN_FIELDS.has(h.key))
  if (!looksLikeMail && looksBinary(bytes)) {
    return { ...mail, unreadable: 'This does not look like an e-mail message: no headers, binary content.' }
  }

  const parser = new PostalMime()
  let email: Email
  try {
    email = await parser.parse(scan.fixes.length ? applyFieldFixes(bytes, scan.fixes, scan.hint) : bytes)
  } catch (err) {
    // postal-mime refuses messages nested deeper than 256 levels or with more than 2 MB of
    // headers. The header facts above were read without it, so the seller still sees who
    // wrote and about what.
    return { ...mail, unreadable: describeParseFailure(err) }
  }

  const body = bodyOf(email, postalRoot(parser), scan.hint)
  mail.text = body.text
  if (body.html !== undefined) mail.html = body.html
  mail.attachments = email.attachments.map(attachmentMeta)
  mail.attachmentPlacement = email.attachments.map(attachmentPlacement)
  if (options.attachmentContent) mail.attachmentContent = email.attachments.map(attachmentBytes)

  if (block.headers.length === 0) {
    // No header fields at all: postal-mime took the first paragraph for headers. The whole
    // input is the best text there is.
    mail.text = normaliseText(sniff(bytes, scan.hint).text)
  }
  return mail
}

function emptyMail(): ParsedMail {
  return {
    references: [],
    replyTo: [],
    to: [],
    cc: [],
    subject: '',
    text: '',
    attachments: [],
    attachmentPlacement: [],
    headers: [],
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

function describeParseFailure(err: unknown): string {
  const message = errorText(err)
  if (/nesting depth/i.test(message)) return 'The message is nested too deeply to read (more than 256 MIME levels).'
  if (/header size/i.test(message)) return 'The message headers are too large to read (more than 2 MB).'
  return `The message could not be decoded (${message}).`
}

function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0d && b !== 0x0a) return false
  return true
}

/** Fields nearly every real message has; a blob with none of them is not mail. */
const WELL_KNOWN_FIELDS = new Set([
  'from',
  'to',
  'cc',
  'subject',
  'date',
  'message-id',
  'received',
  'return-path',
  'delivered-to',
  'mime-version',
  'content-type',
  'sender',
  'reply-to',
])

/** NULs or many control bytes in the first 8 KB: text mail has neither. */
function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192)
  let control = 0
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!
    if (b === 0) return true
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++
  }
  return control > end / 10
}

// ── Charsets ────────────────────────────────────────────────────────────────────────────
// Node 20 ships full ICU, so TextDecoder knows every WHATWG encoding, Japanese included.
// What it lacks is judgement: mail often declares no charset, a wrong one, or one nobody
// has heard of. The rule here: trust a declared charset when the bytes decode cleanly with
// it; otherwise sniff — UTF-8, then Shift_JIS / EUC-JP, then windows-1252, which maps
// every byte, so text is never dropped.

interface Decoded {
  text: string
  /** WHATWG name of the encoding used. */
  encoding: string
}

/** Labels mail uses that the WHATWG list lacks, keyed without `x-`/`cs` prefixes or separators. */
const LABEL_ALIASES: Record<string, string> = {
  shiftjis: 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  ms932: 'shift_jis',
  windows31j: 'shift_jis',
  mskanji: 'shift_jis',
  eucjp: 'euc-jp',
  cp51932: 'euc-jp',
  iso2022jp: 'iso-2022-jp',
  iso2022jp1: 'iso-2022-jp',
  iso2022jp2: 'iso-2022-jp',
  iso2022jp3: 'iso-2022-jp',
  cp50220: 'iso-2022-jp',
  cp50221: 'iso-2022-jp',
  cp50222: 'iso-2022-jp',
  utf8: 'utf-8',
  cp936: 'gbk',
  cp949: 'euc-kr',
  euckr: 'euc-kr',
  uhc: 'euc-kr',
  cp950: 'big5',
  tis620: 'windows-874',
  latin1: 'windows-1252',
  usascii: 'windows-1252',
  ascii: 'windows-1252',
}

const decoders = new Map<string, { strict: TextDecoder; lenient: TextDecoder }>()

function decoderPair(encoding: string): { strict: TextDecoder; lenient: TextDecoder } {
  let pair = decoders.get(encoding)
  if (!pair) {
    pair = { strict: new TextDecoder(encoding, { fatal: true }), lenient: new TextDecoder(encoding) }
    decoders.set(encoding, pair)
  }
  return pair
}

/** Label → WHATWG encoding (null: refused). Bounded, since labels come from strangers' mail. */
const labelCache = new Map<string, string | null>()

/** The WHATWG encoding TextDecoder itself gives a label, or undefined if it refuses it. */
function plainEncoding(label: string): string | undefined {
  let encoding = labelCache.get(label)
  if (encoding === undefined) {
    try {
      encoding = new TextDecoder(label).encoding
    } catch {
      encoding = null
    }
    if (labelCache.size >= 256) labelCache.clear()
    labelCache.set(label, encoding)
  }
  return encoding ?? undefined
}

/** The encoding a charset label names, with the aliases mail uses; undefined if unknown. */
function encodingOf(label: string | undefined): string | undefined {
  if (!label) return undefined
  const clean = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase()
  if (!clean || clean.length > 40) return undefined
  const direct = plainEncoding(clean)
  if (direct) return direct
  const key = clean.replace(/^(?:x-|cs)/, '').replace(/[\s._-]+/g, '')
  const alias = LABEL_ALIASES[key] ?? (/^(?:cp|windows|ms)(125\d)$/.exec(key)?.[1] ? `windows-${key.slice(-4)}` : '')
  return alias ? plainEncoding(alias) : undefined
}

function decodeStrict(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    const text = decoderPair(encoding).strict.decode(bytes)
    return encoding === 'windows-1252' ? fixC1(text) : text
  } catch {
    return undefined
  }
}

function decodeLenient(bytes: Uint8Array, encoding: string): string {
  const text = decoderPair(encoding).lenient.decode(bytes)
  return encoding === 'windows-1252' ? fixC1(text) : text
}

/** What windows-1252 puts at 0x80–0x9F (five holes stay C1, as in the WHATWG table). */
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'

/**
 * Node 20's TextDecoder('windows-1252') — the decoder WHATWG also gives "iso-8859-1",
 * "latin1" and "us-ascii" — decodes plain ISO-8859-1, so 0x80–0x9F come out as C1
 * controls and every curly quote, dash, € and ™ of Western mail disappears. postal-mime
 * decodes with it too. C1 controls have no business in mail text, so wherever they appear
 * they are read as the windows-1252 characters they were meant to be, as browsers do.
 */
function fixC1(s: string): string {
  return /[\u0080-\u009f]/.test(s) ? s.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!) : s
}

/** ESC $ B, ESC $ @, ESC ( J, ESC ( I: the shifts that mark ISO-2022-JP in 7-bit text. */
function hasJisEscape(bytes: Uint8Array): boolean {
  for (let i = bytes.indexOf(0x1b); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0x1b, i + 1)) {
    const a = bytes[i + 1]
    const b = bytes[i + 2]
    if ((a === 0x24 && (b === 0x42 || b === 0x40)) || (a === 0x28 && (b === 0x4a || b === 0x49))) return true
  }
  return false
}

/** Share of non-ASCII characters that are kana, kanji or full-width forms (half-width kana excluded). */
function japaneseShare(text: string): { share: number; kana: boolean } {
  let other = 0
  let japanese = 0
  let kana = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) continue
    if (c >= 0x3040 && c <= 0x30ff) kana = true
    if ((c >= 0x3000 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xff01 && c <= 0xff5e)) japanese++
    else other++
  }
  return { share: japanese + other === 0 ? 0 : japanese / (japanese + other), kana }
}

/**
 * Whether the 8-bit bytes read as Latin text in windows-1252: accented letters, typographic
 * quotes and dashes. "Formação" is also valid Shift_JIS (two kanji), but real Japanese
 * almost always has kana, whose lead bytes are never Latin letters.
 */
function plausibleLatin(bytes: Uint8Array): boolean {
  let high = 0
  let latin = 0
  for (const b of bytes) {
    if (b < 0x80) continue
    high++
    if ((b >= 0xc0 && b !== 0xd7 && b !== 0xf7) || (b >= 0x91 && b <= 0x97) || b === 0x80 || b === 0x85 || b === 0x99) {
      latin++
    }
  }
  return high > 0 && latin >= high * 0.9
}

/**
 * Shift_JIS or EUC-JP, whichever decodes cleanly into mostly Japanese. EUC-JP bytes read as
 * Shift_JIS come out as half-width katakana, and Latin-1 text that happens to decode lands
 * in odd ranges or has no kana, so the share of real kana/kanji separates them.
 */
function sniffJapanese(bytes: Uint8Array): Decoded | undefined {
  let best: Decoded | undefined
  let bestShare = 0.5
  let latin: boolean | undefined
  for (const encoding of ['shift_jis', 'euc-jp']) {
    const text = decodeStrict(bytes, encoding)
    if (text === undefined) continue
    const { share, kana } = japaneseShare(text)
    if (share <= bestShare) continue
    if (!kana && (latin ??= plausibleLatin(bytes))) continue
    best = { text, encoding }
    bestShare = share
  }
  return best
}

/** Bytes with no trustworthy label: 7-bit (or ISO-2022-JP), UTF-8, the hint, Japanese, windows-1252. */
function sniff(bytes: Uint8Array, hint?: string): Decoded {
  if (isAscii(bytes)) {
    if (hasJisEscape(bytes)) return { text: decodeLenient(bytes, 'iso-2022-jp'), encoding: 'iso-2022-jp' }
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1'), encoding: 'utf-8' }
  }
  if (isUtf8(bytes)) return { text: decodeLenient(bytes, 'utf-8'), encoding: 'utf-8' }
  if (hint) {
    const text = decodeStrict(bytes, hint)
    if (text !== undefined) return { text, encoding: hint }
  }
  return sniffJapanese(bytes) ?? { text: decodeLenient(bytes, 'windows-1252'), encoding: 'windows-1252' }
}

/** Text with a declared charset (maybe none, maybe wrong). `hint` is a charset the message declares elsewhere. */
function decodeText(bytes: Uint8Array, declared: string | undefined, hint?: string): Decoded {
  const encoding = encodingOf(declared)
  if (!encoding) return sniff(bytes, hint)
  if (encoding.startsWith('utf-16')) return { text: decodeLenient(bytes, encoding), encoding }
  if (isAscii(bytes)) {
    if (encoding !== 'iso-2022-jp' && hasJisEscape(bytes)) return sniff(bytes)
    return { text: decodeLenient(bytes, encoding), encoding }
  }
  // "us-ascii" and "iso-8859-1" (both windows-1252 to WHATWG) are the labels mailers put
  // on UTF-8 they never looked at; Latin-1 prose that is also valid multi-byte UTF-8 is rare.
  if (encoding === 'windows-1252' && isUtf8(bytes)) return { text: decodeLenient(bytes, 'utf-8'), encoding: 'utf-8' }
  const strict = decodeStrict(bytes, encoding)
  if (strict !== undefined) return { text: strict, encoding }
  // The declared charset does not fit the bytes (8-bit Shift_JIS labelled ISO-2022-JP, Latin-1
  // labelled UTF-8 …). Sniff, but keep the declared reading if nothing fits better.
  if (isUtf8(bytes)) return { text: decodeLenient(bytes, 'utf-8'), encoding: 'utf-8' }
  if (encoding === 'utf-8' && mostlyUtf8(bytes)) return { text: decodeLenient(bytes, 'utf-8'), encoding }
  return sniffJapanese(bytes) ?? { text: decodeLenient(bytes, encoding), encoding }
}

/** UTF-8 with a few broken bytes (a truncated character) rather than another charset. */
function mostlyUtf8(bytes: Uint8Array): boolean {
  const text = decodeLenient(bytes, 'utf-8')
  let good = 0
  let bad = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0xfffd) bad++
    else if (c >= 0x80) good++
  }
  return good > 0 && good >= bad * 4
}

// ── Content-* fields anywhere in the message ────────────────────────────────────────────
// postal-mime reads every header line as UTF-8, so a Shift_JIS file name written raw into
// Content-Disposition (old Japanese mailers do this) turns into U+FFFD before we see it.
// One pass over the raw lines finds such fields, rewrites just those to UTF-8 before
// postal-mime runs, and notes the first non-UTF-8 charset the message declares: the best
// guess for any other unlabelled 8-bit text in it.

interface FieldFix {
  start: number
  end: number
}

function scanContentFields(bytes: Buffer): { hint?: string; fixes: FieldFix[] } {
  const fixes: FieldFix[] = []
  let hint: string | undefined
  let pos = 0
  while (pos < bytes.length) {
    let next = bytes.indexOf(0x0a, pos)
    next = next < 0 ? bytes.length : next + 1
    const first = bytes[pos]
    if ((first === 0x43 || first === 0x63) && startsWithContentField(bytes, pos)) {
      // The field runs on over its folded continuation lines.
      let end = next
      while (end < bytes.length && (bytes[end] === 0x20 || bytes[end] === 0x09)) {
        const nl = bytes.indexOf(0x0a, end)
        end = nl < 0 ? bytes.length : nl + 1
      }
      const field = bytes.subarray(pos, end)
      if (!hint) {
        // us-ascii is what mailers write without looking, so it says nothing about 8-bit bytes.
        const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(field.toString('latin1'))?.[1]
        const encoding = /^(?:us-)?ascii$/i.test(charset ?? '') ? undefined : encodingOf(charset)
        if (encoding && encoding !== 'utf-8') hint = encoding
      }
      if (!isAscii(field) && !isUtf8(field)) fixes.push({ start: pos, end })
      next = end
    }
    pos = next
  }
  return { hint, fixes }
}

const CONTENT_TYPE = Buffer.from('content-type', 'latin1')
const CONTENT_DISPOSITION = Buffer.from('content-disposition', 'latin1')

function startsWithContentField(bytes: Buffer, pos: number): boolean {
  for (const name of [CONTENT_TYPE, CONTENT_DISPOSITION]) {
    if (pos + name.length >= bytes.length) continue
    let i = 0
    while (i < name.length && (bytes[pos + i]! | 0x20) === name[i]) i++
    if (i < name.length) continue
    let j = pos + i
    while (bytes[j] === 0x20 || bytes[j] === 0x09) j++
    if (bytes[j] === 0x3a) return true
  }
  return false
}

function applyFieldFixes(bytes: Buffer, fixes: FieldFix[], hint?: string): Buffer {
  const pieces: Buffer[] = []
  let pos = 0
  for (const fix of fixes) {
    pieces.push(
      bytes.subarray(pos, fix.start),
      Buffer.from(sniff(bytes.subarray(fix.start, fix.end), hint).text, 'utf8'),
    )
    pos = fix.end
  }
  pieces.push(bytes.subarray(pos))
  return Buffer.concat(pieces)
}

// ── The top-level header block, read from the raw bytes ─────────────────────────────────
// Read here rather than taken from postal-mime so that 8-bit values keep their bytes until
// a charset is chosen, and so the header facts survive when postal-mime gives up.

interface RawHeader {
  key: string
  value: string
}

function readHeaderBlock(bytes: Buffer, hint?: string): { headers: RawHeader[] } {
  const fields: { key: string; parts: Buffer[] }[] = []
  let current: { key: string; parts: Buffer[] } | undefined
  let pos = 0
  while (pos < bytes.length) {
    const nl = bytes.indexOf(0x0a, pos)
    const next = nl < 0 ? bytes.length : nl + 1
    let end = nl < 0 ? bytes.length : nl
    if (end > pos && bytes[end - 1] === 0x0d) end--
    if (end === pos) break // the blank line that ends the block
    const first = bytes[pos]
    if (first === 0x20 || first === 0x09) {
      current?.parts.push(bytes.subarray(pos, end))
    } else {
      const colon = fieldNameEnd(bytes, pos, end)
      if (colon < 0) {
        // Not a field (an mbox "From " line, garbage): neither it nor its continuations count.
        current = undefined
      } else {
        current = { key: bytes.toString('latin1', pos, colon).trim().toLowerCase(), parts: [] }
        current.parts.push(bytes.subarray(colon + 1, end))
        fields.push(current)
      }
    }
    pos = next
  }
  const headers = fields.map(({ key, parts }) => {
    const raw = parts.length === 1 ? parts[0]! : Buffer.concat(parts)
    return { key, value: trimWsp(sniff(raw, hint).text) }
  })
  return { headers }
}

/** Index of the colon ending a field name at `pos`, or -1 if the line is not a field. */
function fieldNameEnd(bytes: Buffer, pos: number, end: number): number {
  let i = pos
  while (i < end && bytes[i]! > 0x20 && bytes[i]! < 0x7f && bytes[i] !== 0x3a) i++
  if (i === pos) return -1
  while (i < end && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++
  return i < end && bytes[i] === 0x3a ? i : -1
}

function trimWsp(s: string): string {
  let start = 0
  let end = s.length
  while (start < end && (s.charCodeAt(start) === 0x20 || s.charCodeAt(start) === 0x09)) start++
  while (end > start && (s.charCodeAt(end - 1) === 0x20 || s.charCodeAt(end - 1) === 0x09)) end--
  return s.slice(start, end)
}

// ── Header fields ───────────────────────────────────────────────────────────────────────

type HeaderFacts = Pick<
  ParsedMail,
  | 'messageId'
  | 'inReplyTo'
  | 'references'
  | 'from'
  | 'sender'
  | 'replyTo'
  | 'to'
  | 'cc'
  | 'subject'
  | 'date'
  | 'headers'
>

function headerFacts(headers: RawHeader[]): HeaderFacts {
  const first = (key: string): string | undefined => headers.find((h) => h.key === key)?.value
  const all = (key: string): string[] => headers.filter((h) => h.key === key).map((h) => h.value)
  const facts: HeaderFacts = {
    references: referencesOf(all('references')),
    replyTo: addressList(all('reply-to')),
    to: addressList(all('to')),
    cc: addressList(all('cc')),
    subject: cleanLine(fixC1(decodeWords(first('subject') ?? ''))),
    headers: headers.map(({ key, value }) => ({ key, value })),
  }
  const messageId = messageIdOf(first('message-id'))
  if (messageId) facts.messageId = messageId
  const inReplyTo = messageIdOf(first('in-reply-to'))
  if (inReplyTo) facts.inReplyTo = inReplyTo
  const from = firstAddress(first('from'))
  if (from) facts.from = from
  const sender = firstAddress(first('sender'))
  if (sender) facts.sender = sender
  const date = parseMailDate(first('date'))
  if (date) facts.date = date
  return facts
}

/** One line of display text: controls and line breaks become single spaces. */
function cleanLine(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- replacing control characters is the point
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(/ {2,}/g, ' ')
      .trim()
  )
}

function toAddress(mailbox: { name: string; address?: string }): Address | undefined {
  let address = (mailbox.address ?? '').trim()
  // addressParser keeps RFC 5322 comments inside the address: pete(his account)@silly.test
  if (address.includes('(')) address = address.replace(/\([^()]*\)/g, '').replace(/\s+/g, '')
  const name = cleanLine(fixC1(mailbox.name))
  if (!address && !name) return undefined
  return name ? { name, address } : { address }
}

function flatten(list: PostalAddress[]): { name: string; address?: string }[] {
  return list.flatMap((a) => (a.group ? a.group : [a]))
}

function firstAddress(value: string | undefined): Address | undefined {
  if (!value) return undefined
  for (const mailbox of flatten(addressParser(value))) {
    const address = toAddress(mailbox)
    if (address) return address
  }
  return undefined
}

function addressList(values: string[]): Address[] {
  const out: Address[] = []
  for (const value of values) {
    for (const mailbox of flatten(addressParser(value))) {
      const address = toAddress(mailbox)
      if (address?.address) out.push(address)
    }
  }
  return out
}

/** The first <id>; a bare id (broken mailers) gets the brackets so ids compare equal. */
function messageIdOf(value: string | undefined): string | undefined {
  if (!value) return undefined
  const bracketed = /<([^<>]*)>/.exec(value)
  if (bracketed) {
    const id = bracketed[1]!.replace(/\s+/g, '')
    return id ? `<${id}>` : undefined
  }
  const token = value.split(/[\s,]+/).find((t) => t.includes('@'))
  return token ? `<${token}>` : undefined
}

/** Long threads carry hundreds of references; the root and the latest are what threading uses. */
const MAX_REFERENCES = 100

function referencesOf(values: string[]): string[] {
  const ids: string[] = []
  const seen = new Set<string>()
  for (const value of values) {
    let found = false
    for (const m of value.matchAll(/<([^<>]*)>/g)) {
      found = true
      const id = m[1]!.replace(/\s+/g, '')
      if (id && !seen.has(id)) {
        seen.add(id)
        ids.push(`<${id}>`)
      }
    }
    if (!found) {
      for (const token of value.split(/[\s,]+/)) {
        if (token.includes('@') && !seen.has(token)) {
          seen.add(token)
          ids.push(`<${token}>`)
        }
      }
    }
  }
  return ids.length > MAX_REFERENCES ? [ids[0]!, ...ids.slice(-(MAX_REFERENCES - 1))] : ids
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** Zone names seen in mail, in minutes east of UTC (JST is not RFC 5322 but Japanese mailers use it). */
const ZONES: Record<string, number> = {
  ut: 0,
  utc: 0,
  gmt: 0,
  z: 0,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  jst: 540,
  kst: 540,
  cet: 60,
  cest: 120,
}

const RFC5322_DATE =
  /^(?:[a-z]+\s*,?\s*)?(\d{1,2})[\s-]*([a-z]{3})[a-z]*\.?[\s-]*(\d{2,4})\s+(\d{1,2})\s*:\s*(\d{1,2})(?:\s*:\s*(\d{1,2}))?(?:\.\d+)?\s*(?:([+-])(\d{2}):?(\d{2})|([a-z]+))?/i

/**
 * RFC 5322 dates, including the obsolete forms (two-digit years, zone names, comments),
 * parsed by hand: Date.parse guesses at anything and reads zone-less dates in the local
 * time zone, which would make the same message sort differently on different machines.
 * A missing or unknown zone is taken as UTC (RFC 5322's "-0000").
 */
export function parseMailDate(value: string | undefined): string | undefined {
  if (!value) return undefined
  const clean = value.replace(/\([^()]*\)/g, ' ').trim()
  const m = RFC5322_DATE.exec(clean)
  if (!m) {
    // ISO 8601 with an explicit zone is unambiguous; a few generators write it.
    if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)$/i.test(clean)) {
      const t = Date.parse(clean)
      return Number.isNaN(t) ? undefined : new Date(t).toISOString()
    }
    return undefined
  }
  const [, dd, mon, yy, hh, mi, ss, sign, zh, zm, zoneName] = m
  const month = MONTHS.indexOf(mon!.toLowerCase())
  if (month < 0) return undefined
  let year = Number(yy)
  if (yy!.length === 2) year += year < 50 ? 2000 : 1900
  else if (yy!.length === 3) year += 1900
  const day = Number(dd)
  const hour = Number(hh)
  const minute = Number(mi)
  const second = ss === undefined ? 0 : Number(ss)
  if (day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined
  let offset = 0
  if (sign) offset = (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm))
  else if (zoneName) offset = ZONES[zoneName.toLowerCase()] ?? 0
  if (Math.abs(offset) > 18 * 60) offset = 0
  const local = Date.UTC(year, month, day, hour, minute, Math.min(second, 59))
  // Date.UTC rolls 31 Feb over into March; such a date is broken, not early March.
  if (new Date(local).getUTCDate() !== day) return undefined
  return new Date(local - offset * 60_000).toISOString()
}

// ── The body ────────────────────────────────────────────────────────────────────────────

/** The parts of postal-mime 4's internal MIME tree the charset repair reads. */
interface PostalNode {
  childNodes: PostalNode[]
  contentType: { parsed: { value: string; params: Record<string, string | undefined> }; multipart: string | false }
  contentDisposition: { parsed: { value: string } }
  content: ArrayBuffer | null
  subMessage?: Email
}

function isPostalNode(value: unknown): value is PostalNode {
  const node = value as Partial<PostalNode> | null
  return (
    !!node &&
    Array.isArray(node.childNodes) &&
    typeof node.contentType?.parsed?.value === 'string' &&
    typeof node.contentDisposition?.parsed?.value === 'string'
  )
}

/**
 * postal-mime decodes text with the declared charset or UTF-8, and its parse result keeps no
 * bytes of the text parts, so a part with no or a wrong charset cannot be repaired from the
 * result. The parser's tree still holds them; it is not public API, so its shape is checked
 * and, should a postal-mime upgrade change it, the repair is skipped rather than broken.
 */
function postalRoot(parser: PostalMime): PostalNode | undefined {
  const root: unknown = (parser as unknown as { root?: unknown }).root
  return isPostalNode(root) ? root : undefined
}

function bodyOf(email: Email, root: PostalNode | undefined, hint?: string): { text: string; html?: string } {
  const repaired = root ? repairedBody(root, hint) : undefined
  // fixC1 mends what postal-mime decoded as windows-1252 (see fixC1); repaired text is already right.
  const html = repaired ? repaired.html : email.html && fixC1(email.html)
  let text = normaliseText(repaired ? repaired.text : fixC1(email.text ?? ''))
  if (!text && html) text = normaliseText(htmlToText(html))
  if (!text) text = reportText(email.attachments)
  return html === undefined ? { text } : { text, html }
}

/** The encoding postal-mime decoded a part with: its getDecoder() falls back to windows-1252. */
function postalEncoding(charset: string | undefined): string {
  return plainEncoding((charset ?? 'utf-8').trim().toLowerCase()) ?? 'windows-1252'
}

/**
 * Rebuilds text and HTML from the tree, decoding every inline text part with decodeText.
 * Returns undefined when every part decodes as postal-mime decoded it, so postal-mime's own
 * rendering (forwarded-message headers and all) stays in charge of ordinary mail.
 */
function repairedBody(root: PostalNode, hint?: string): { text: string; html?: string } | undefined {
  // Text parts grouped like postal-mime groups them: an alternative contributes one rendering.
  const groups = new Map<PostalNode, { plain: string[]; html: string[] }>()
  let differs = false
  const add = (key: PostalNode, kind: 'plain' | 'html', value: string): void => {
    let group = groups.get(key)
    if (!group) groups.set(key, (group = { plain: [], html: [] }))
    group[kind].push(value)
  }
  const walk = (node: PostalNode, alternative: PostalNode | undefined): void => {
    if (node.contentType.multipart) {
      const inner = node.contentType.multipart === 'alternative' ? node : alternative
      for (const child of node.childNodes) walk(child, inner)
      return
    }
    const key = alternative ?? node
    if (node.subMessage) {
      const sub = node.subMessage
      add(key, 'plain', sub.text ?? htmlToText(sub.html ?? ''))
      if (sub.html) add(key, 'html', sub.html)
      return
    }
    const type = node.contentType.parsed.value
    if (node.contentDisposition.parsed.value === 'attachment' || (type !== 'text/plain' && type !== 'text/html')) return
    if (!node.content) return
    const bytes = new Uint8Array(node.content)
    const params = node.contentType.parsed.params
    const declared = params.charset ?? (type === 'text/html' ? metaCharset(bytes) : undefined)
    const decoded = decodeText(bytes, declared, hint)
    const postal = postalEncoding(params.charset)
    if (!differs && decoded.encoding !== postal) differs = decodeLenient(bytes, postal) !== decoded.text
    let text = decoded.text
    if (type === 'text/plain' && /^flowed$/i.test(params.format ?? ''))
      text = unflow(text, /^yes$/i.test(params.delsp ?? ''))
    add(key, type === 'text/html' ? 'html' : 'plain', text)
  }
  walk(root, undefined)
  if (!differs) return undefined

  const texts: string[] = []
  const htmls: string[] = []
  for (const group of groups.values()) {
    texts.push(group.plain.length ? group.plain.join('\n') : group.html.map(htmlToText).join('\n'))
    htmls.push(...group.html)
  }
  const text = texts.join('\n')
  return htmls.length ? { text, html: htmls.join('\n') } : { text }
}

/** A charset declared inside HTML that its MIME part does not declare. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1')
  return /<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]
}

/** RFC 3676 format=flowed: soft-broken lines (ending in a space) join the next one. */
function unflow(text: string, delsp: boolean): string {
  const out: string[] = []
  let paragraph = ''
  for (let line of text.split(/\r?\n/)) {
    if (line.startsWith(' ')) line = line.slice(1)
    if (line.endsWith(' ') && line !== '-- ') {
      paragraph += delsp ? line.slice(0, -1) : line
    } else {
      out.push(paragraph + line)
      paragraph = ''
    }
  }
  if (paragraph) out.push(paragraph)
  return out.join('\n')
}

/** A bounce with nothing but a delivery-status part still says what happened. */
function reportText(attachments: PostalAttachment[]): string {
  for (const a of attachments) {
    if (a.mimeType !== 'message/delivery-status' && a.mimeType !== 'text/rfc822-headers') continue
    if (typeof a.content === 'string') return normaliseText(a.content)
    const bytes = a.content instanceof ArrayBuffer ? new Uint8Array(a.content) : a.content
    const text = normaliseText(sniff(bytes).text)
    if (text) return text
  }
  return ''
}

/** LF line endings, no NULs, no blank lines before or whitespace after the text. */
function normaliseText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    .replaceAll('\u0000', '')
    .replace(/^(?:[ \t]*\n)+/, '')
    .trimEnd()
}

// ── Attachments ─────────────────────────────────────────────────────────────────────────

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/csv': 'csv',
  'text/calendar': 'ics',
  'message/rfc822': 'eml',
  'message/delivery-status': 'txt',
  'text/rfc822-headers': 'txt',
}

function attachmentMeta(a: PostalAttachment, index: number): AttachmentMeta {
  const contentType = a.mimeType || 'application/octet-stream'
  const size = typeof a.content === 'string' ? Buffer.byteLength(a.content) : a.content.byteLength
  return { filename: cleanFilename(a.filename) || generatedFilename(contentType, index + 1), contentType, size }
}

function attachmentPlacement(a: PostalAttachment): AttachmentPlacement {
  const contentId = a.contentId?.trim().replace(/^<|>$/g, '').trim()
  return {
    inline: a.disposition === 'inline' || a.related === true,
    ...(contentId ? { contentId } : {}),
  }
}

function attachmentBytes(a: PostalAttachment): Uint8Array {
  if (typeof a.content === 'string') return Buffer.from(a.content)
  return a.content instanceof ArrayBuffer ? new Uint8Array(a.content) : a.content
}

function cleanFilename(name: string | null): string {
  if (!name) return ''
  // A raw ISO-2022-JP name (no RFC 2047 wrapping) arrives as ASCII with escape sequences.
  if (name.includes('\u001b') && /^\p{ASCII}*$/u.test(name)) {
    name = decodeLenient(Buffer.from(name, 'latin1'), 'iso-2022-jp')
  }
  // A name is a label, never a path: "../../x" must not look like one further down the line.
  const base =
    fixC1(name)
      // eslint-disable-next-line no-control-regex -- dropping control characters is the point
      .replace(/[\u0000-\u001f\u007f]/g, '')
      .split(/[\\/]/)
      .pop() ?? ''
  return base.trim()
}

function generatedFilename(contentType: string, n: number): string {
  const extension = EXTENSIONS[contentType] ?? 'bin'
  const stem = contentType.startsWith('image/')
    ? 'image'
    : contentType === 'message/rfc822'
      ? 'message'
      : contentType === 'message/delivery-status'
        ? 'delivery-status'
        : 'attachment'
  return `${stem}-${n}.${extension}`
}

// ── HTML to text ────────────────────────────────────────────────────────────────────────
// A single forward scan with indexOf, so hostile markup (unclosed comments, thousands of
// stray "<") costs linear time. Block elements become line breaks, <p> and headings blank
// lines, <blockquote> "> " quoting (so the snippet can skip quoted replies), <li> "- ".

/** Elements whose content is never text: skipped up to their closing tag, if there is one. */
const SKIPPED = new Set(['script', 'style', 'title', 'template', 'xml', 'svg', 'object', 'iframe'])

/** Elements that end a line (1) or a paragraph (2). */
const BLOCKS: Record<string, 1 | 2> = {
  p: 2,
  h1: 2,
  h2: 2,
  h3: 2,
  h4: 2,
  h5: 2,
  h6: 2,
  pre: 2,
  blockquote: 2,
  table: 1,
  div: 1,
  tr: 1,
  ul: 1,
  ol: 1,
  li: 1,
  dl: 1,
  dt: 1,
  dd: 1,
  section: 1,
  article: 1,
  header: 1,
  footer: 1,
  main: 1,
  nav: 1,
  aside: 1,
  address: 1,
  center: 1,
  form: 1,
  fieldset: 1,
  figure: 1,
  figcaption: 1,
  caption: 1,
  hr: 1,
  body: 1,
}

export function htmlToText(html: string): string {
  const out = new TextWriter()
  const closers = new Map<string, RegExp>()
  const unclosed = new Set<string>() // names with no closing tag after the last search
  let commentsClosed = true
  let nextGt = -1
  let i = 0
  while (i < html.length) {
    const lt = html.indexOf('<', i)
    if (lt < 0) {
      out.text(html.slice(i))
      break
    }
    if (lt > i) out.text(html.slice(i, lt))
    const c = html.charCodeAt(lt + 1)
    const isLetter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
    if (!isLetter && c !== 0x2f /* / */ && c !== 0x21 /* ! */ && c !== 0x3f /* ? */) {
      out.text('<')
      i = lt + 1
      continue
    }
    if (html.startsWith('<!--', lt)) {
      const end = commentsClosed ? html.indexOf('-->', lt + 4) : -1
      if (end >= 0) {
        i = end + 3
        continue
      }
      commentsClosed = false
    }
    // The first ">" after lt; reused while it lies ahead, so runs of "<" without ">" stay linear.
    if (nextGt <= lt && nextGt !== -2) {
      nextGt = html.indexOf('>', lt + 1)
      if (nextGt < 0) nextGt = -2
    }
    if (nextGt === -2) {
      out.text(html.slice(lt))
      break
    }
    const tag = html.slice(lt + 1, nextGt)
    i = nextGt + 1
    const m = /^(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/.exec(tag)
    if (!m) continue // <!doctype>, <?xml?>, <![CDATA[…
    const closing = m[1] === '/'
    const name = m[2]!.toLowerCase()
    if (!closing && SKIPPED.has(name) && !tag.endsWith('/')) {
      if (!unclosed.has(name)) {
        let closer = closers.get(name)
        if (!closer) closers.set(name, (closer = new RegExp(`</${name}\\s*>`, 'gi')))
        closer.lastIndex = i
        const found = closer.exec(html)
        if (found) {
          i = found.index + found[0].length
          continue
        }
        // No closing tag: show what follows rather than lose the rest of the message.
        unclosed.add(name)
      }
      continue
    }
    out.tag(name, closing)
  }
  return out.finish()
}

/** Builds text line by line from HTML text runs and element boundaries. */
class TextWriter {
  private readonly lines: string[] = []
  private line = ''
  private lineHasText = false
  /** Line ends owed before the next text: 1 = new line, 2 or more = blank line. */
  private breaks = 0
  private quote = 0
  /** Quote depth the current line started with. */
  private lineQuote = 0
  private pre = 0

  text(raw: string): void {
    if (this.pre) {
      const pieces = decodeEntities(raw).split(/\r?\n/)
      pieces.forEach((piece, n) => {
        if (n > 0) this.breaks++
        this.write(piece.replace(/\u00a0/g, ' '))
      })
      return
    }
    this.write(decodeEntities(raw.replace(/[ \t\n\r\f]+/g, ' ')).replace(/\u00a0/g, ' '))
  }

  tag(name: string, closing: boolean): void {
    if (name === 'br') {
      // Leading <br>s make no blank lines; after text each one ends a line.
      if (this.lineHasText || this.lines.length) this.breaks++
      return
    }
    if (name === 'td' || name === 'th') {
      if (!closing) this.write(' ')
      return
    }
    const block = BLOCKS[name]
    if (!block) return
    this.block(block)
    if (name === 'blockquote') this.quote = Math.max(0, this.quote + (closing ? -1 : 1))
    if (name === 'pre') this.pre = Math.max(0, this.pre + (closing ? -1 : 1))
    if (!closing && name === 'li') this.write('- ')
    if (name === 'hr') {
      this.write('---')
      this.block(1)
    }
  }

  finish(): string {
    this.flush(0)
    while (this.lines.length && !this.lines[this.lines.length - 1]!.trim()) this.lines.pop()
    while (this.lines.length && !this.lines[0]!.trim()) this.lines.shift()
    return this.lines.join('\n')
  }

  private block(n: 1 | 2): void {
    if (this.lineHasText || this.lines.length) this.breaks = Math.max(this.breaks, n)
  }

  private write(s: string): void {
    if (!s) return
    if (this.breaks) {
      if (!this.pre && !s.trim()) return // whitespace between blocks
      this.flush(this.breaks)
    }
    if (!this.lineHasText) {
      if (!this.pre) s = s.trimStart()
      if (!s) return
      this.line = '> '.repeat(this.quote)
      this.lineQuote = this.quote
      this.lineHasText = true
    }
    this.line += s
  }

  private flush(breaks: number): void {
    if (this.lineHasText || this.line) this.lines.push(this.line.trimEnd())
    // A blank line between a quote and what follows or precedes it belongs to neither.
    const depth = Math.min(this.quote, this.lineQuote)
    for (let n = 1; n < Math.min(breaks, 2); n++) this.lines.push('> '.repeat(depth).trimEnd())
    this.line = ''
    this.lineHasText = false
    this.breaks = 0
  }
}

// Named references common in mail; the full HTML5 table is 2,000 names for little gain.
const LATIN1_NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'

const ENTITIES: Record<string, number> = {
  quot: 0x22,
  amp: 0x26,
  apos: 0x27,
  lt: 0x3c,
  gt: 0x3e,
  OElig: 0x152,
  oelig: 0x153,
  Scaron: 0x160,
  scaron: 0x161,
  Yuml: 0x178,
  circ: 0x2c6,
  tilde: 0x2dc,
  ensp: 0x2002,
  emsp: 0x2003,
  thinsp: 0x2009,
  zwnj: 0x200c,
  zwj: 0x200d,
  lrm: 0x200e,
  rlm: 0x200f,
  ndash: 0x2013,
  mdash: 0x2014,
  lsquo: 0x2018,
  rsquo: 0x2019,
  sbquo: 0x201a,
  ldquo: 0x201c,
  rdquo: 0x201d,
  bdquo: 0x201e,
  dagger: 0x2020,
  Dagger: 0x2021,
  bull: 0x2022,
  hellip: 0x2026,
  permil: 0x2030,
  prime: 0x2032,
  lsaquo: 0x2039,
  rsaquo: 0x203a,
  euro: 0x20ac,
  trade: 0x2122,
  larr: 0x2190,
  uarr: 0x2191,
  rarr: 0x2192,
  darr: 0x2193,
  hearts: 0x2665,
}
LATIN1_NAMES.split(' ').forEach((name, n) => (ENTITIES[name] = 0xa0 + n))

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s
  const entity = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g
  return s.replace(entity, (whole: string, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) {
      const code = ENTITIES[name]
      return code === undefined ? whole : String.fromCodePoint(code)
    }
    const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16)
    // Browsers read &#150; and friends as windows-1252, and so do the mailers that write them.
    if (code >= 0x80 && code < 0xa0) return WINDOWS_1252_C1[code - 0x80]!
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd'
    return String.fromCodePoint(code)
  })
}

// ── Snippets ────────────────────────────────────────────────────────────────────────────

/** A snippet never needs more than the start of a body, however long the body is. */
const SNIPPET_SCAN = 16_384

/** Lines that start the quoted history of a reply, after which nothing is new. */
const HISTORY_START = /^(?:-{2,}\s*(?:original message|元のメッセージ|forwarded message)\s*-{2,}|_{10,})\s*$/i
/** "On Mon, … wrote:" and its Japanese forms, which introduce a quote. */
const ATTRIBUTION = /(?:wrote|écrit|schrieb|escribió|書きました|のメッセージ)\s*[:：]?\s*$/i

/**
 * One line of preview text: whitespace collapsed, quoted lines ("> …"), the signature
 * ("-- ") and reply history dropped — unless that would leave nothing, then they stay.
 */
export function snippetOf(text: string, max = 140): string {
  const head = text.length > SNIPPET_SCAN ? text.slice(0, SNIPPET_SCAN) : text
  const kept: string[] = []
  for (const line of head.split(/\r?\n/)) {
    const trimmed = line.trim()
    if (line === '-- ' || trimmed === '--' || HISTORY_START.test(trimmed)) break
    if (trimmed.startsWith('>')) {
      if (kept.length && ATTRIBUTION.test(kept[kept.length - 1]!)) kept.pop()
      continue
    }
    if (trimmed) kept.push(trimmed)
  }
  const fresh = collapse(kept.join(' '))
  return truncate(fresh || collapse(head.replace(/^[ \t]*>[> \t]*/gm, '')), max)
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim()
}

/** At most `max` characters (code points, so no half emoji), ending in "…" when cut. */
function truncate(s: string, max: number): string {
  if (s.length <= max) return s
  // 2 * max + 1 UTF-16 units always hold more than `max` code points when the text goes on.
  const window = max * 2 + 1
  const chars = Array.from(s.slice(0, window))
  if (chars.length <= max && s.length <= window) return s
  return (
    chars
      .slice(0, Math.max(0, max - 1))
      .join('')
      .trimEnd() + '…'
  )
}
