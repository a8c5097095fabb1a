// Writing RFC 5322 / MIME messages as text: encoded-word headers (RFC 2047), RFC 2231
// file names, base64 and quoted-printable bodies, multipart trees. Only what the demo
// generator needs, written for speed because a demo can hold 100,000 messages.
import type { Address } from '../core/model'
import { encodeIso2022jp } from './iso-2022-jp'

export type Charset = 'UTF-8' | 'ISO-2022-JP'
export type TransferEncoding = '7bit' | 'quoted-printable' | 'base64'

export type MimePart =
  | {
      kind: 'text'
      subtype: 'plain' | 'html'
      /** Lines separated by CRLF (NL), as they are written. */
      text: string
      charset: Charset
      encoding: TransferEncoding
    }
  | { kind: 'multipart'; subtype: 'alternative' | 'mixed'; boundary: string; parts: MimePart[] }
  | { kind: 'file'; contentType: string; filename: string; bytes: Uint8Array }

const CRLF = '\r\n'
/** The line break demo texts are written with, so bodies need no rewriting. */
export const NL = CRLF

// Node's Buffer does the byte work natively: several times faster than the same loops in
// script, and a demo can hold 100,000 messages. (The demo only runs in the engine's Node.)
export function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8')
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** Base64 of `bytes`, on one line. */
export function base64(bytes: Uint8Array): string {
  return asBuffer(bytes).toString('base64')
}

/** Appends `bytes` as base64 body lines of 76 characters (RFC 2045 §6.8) to `out`. */
function base64Lines(bytes: Uint8Array, out: string[]): void {
  const b = asBuffer(bytes).toString('base64')
  for (let i = 0; i < b.length; i += 76) out.push(b.slice(i, i + 76))
}

const HEX = Uint8Array.from('0123456789ABCDEF', (c) => c.charCodeAt(0))

/** Quoted-printable (RFC 2045 §6.7) of the UTF-8 text, soft-wrapped at 76 columns, CRLF lines. */
export function quotedPrintable(text: string): string {
  const out: string[] = []
  for (const line of text.split(/\r?\n/)) out.push(qpLine(line))
  return out.join(CRLF)
}

/** Whether a line can be written as it is, apart from soft line breaks. */
function plainLine(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i)
    if (!((c >= 33 && c <= 126 && c !== 61) || c === 32 || c === 9)) return false
  }
  const last = line.charCodeAt(line.length - 1)
  return last !== 32 && last !== 9
}

function qpLine(line: string): string {
  // Most English lines are plain ASCII: cut them with string slices, which is much
  // faster than escaping byte by byte.
  if (plainLine(line)) {
    if (line.length <= 76) return line
    const parts: string[] = []
    for (let i = 0; i < line.length; i += 75) parts.push(line.slice(i, i + 75))
    return parts.join('=' + CRLF)
  }
  const bytes = Buffer.from(line, 'utf8')
  const n = bytes.length
  // Worst case: every byte escaped (3) plus a soft break (3) every 25 bytes.
  const out = Buffer.allocUnsafe(n * 3 + Math.ceil(n / 25) * 3)
  let o = 0
  let col = 0
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number
    // Whitespace is literal except at the end of a line, where transports strip it.
    const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && i + 1 < n)
    const width = literal ? 1 : 3
    if (col + width > 75) {
      out[o++] = 61
      out[o++] = 13
      out[o++] = 10
      col = 0
    }
    if (literal) out[o++] = b
    else {
      out[o++] = 61
      out[o++] = HEX[b >> 4] as number
      out[o++] = HEX[b & 15] as number
    }
    col += width
  }
  return out.toString('latin1', 0, o)
}

/** Printable ASCII only (CR, LF and tab allowed when `lines` is set). */
export function isPrintableAscii(text: string, lines = false): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c < 0x20 || c > 0x7e) && !(lines && (c === 10 || c === 13 || c === 9))) return false
  }
  return true
}

/**
 * RFC 2047 B-encoded words for `text`, each at most 75 characters and each holding whole
 * characters (a word must decode on its own; ISO-2022-JP words also start and end in ASCII).
 */
export function encodedWords(text: string, charset: Charset = 'UTF-8'): string[] {
  const prefix = `=?${charset}?B?`
  const room = 75 - prefix.length - 2
  return charset === 'UTF-8' ? utf8Words(text, prefix, room) : jisWords(text, prefix, room)
}

/** UTF-8 words: byte counts are known per character, so chunks are cut in one pass. */
function utf8Words(text: string, prefix: string, room: number): string[] {
  const maxBytes = Math.floor(room / 4) * 3
  const words: string[] = []
  let start = 0
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length
    const n = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3
    if (bytes + n > maxBytes) {
      words.push(prefix + base64(utf8(text.slice(start, i))) + '?=')
      start = i
      bytes = 0
    }
    bytes += n
    if (pair) i++
  }
  if (start < text.length) words.push(prefix + base64(utf8(text.slice(start))) + '?=')
  return words
}

/**
 * ISO-2022-JP words: each must open its own JIS run and close it back to ASCII, so the
 * byte count of a chunk includes the escapes it needs.
 */
function jisWords(text: string, prefix: string, room: number): string[] {
  const maxBytes = Math.floor(room / 4) * 3
  const words: string[] = []
  const emit = (chunk: string): void => {
    const bytes = encodeIso2022jp(chunk)
    if (!bytes) throw new RangeError(`cannot encode "${chunk}" as ISO-2022-JP`)
    words.push(prefix + base64(bytes) + '?=')
  }
  let chunk = ''
  let bytes = 0
  let jis = false
  for (const ch of text) {
    const ascii = ch.charCodeAt(0) < 0x80
    // Switching mode costs an escape (3 bytes); a chunk left in JIS pays 3 more to close.
    const step = ascii ? (jis ? 3 : 0) + 1 : (jis ? 0 : 3) + 2
    if (chunk && bytes + step + (ascii ? 0 : 3) > maxBytes) {
      emit(chunk)
      chunk = ''
      // A fresh word starts in ASCII: a JIS character needs its opening escape again.
      bytes = ascii ? 1 : 5
    } else bytes += step
    jis = !ascii
    chunk += ch
  }
  if (chunk) emit(chunk)
  return words
}

// Names and subjects repeat (the shop's name, a customer across a thread), so their
// encoded forms are remembered; the bound keeps a 100,000-message run from hoarding them.
const wordCache: Record<Charset, Map<string, string>> = { 'UTF-8': new Map(), 'ISO-2022-JP': new Map() }

function foldedWords(text: string, charset: Charset): string {
  const cache = wordCache[charset]
  let folded = cache.get(text)
  if (folded === undefined) {
    if (cache.size >= 20_000) cache.clear()
    folded = encodedWords(text, charset).join(CRLF + ' ')
    cache.set(text, folded)
  }
  return folded
}

/** An unstructured header value: plain when printable ASCII, else folded encoded words. */
export function headerText(text: string, charset: Charset = 'UTF-8'): string {
  return isPrintableAscii(text) ? text : foldedWords(text, charset)
}

/** One mailbox: `"Name" <addr>`, `=?UTF-8?B?…?= <addr>`, or the bare address. */
export function formatAddress(a: Address, charset: Charset = 'UTF-8'): string {
  if (!a.name) return a.address
  if (isPrintableAscii(a.name)) return `"${a.name.replace(/[\\"]/g, '\\$&')}" <${a.address}>`
  return `${foldedWords(a.name, charset)} <${a.address}>`
}

/** `Name: value`, a printable-ASCII value folded at spaces so lines stay within 78 characters. */
export function headerLine(name: string, value: string): string {
  const line = `${name}: ${value}`
  if (line.length <= 78 || value.includes(CRLF)) return line
  const out: string[] = []
  let cur = ''
  for (const word of line.split(' ')) {
    if (cur && cur.length + 1 + word.length > 78) {
      out.push(cur)
      cur = word
    } else cur = cur ? `${cur} ${word}` : word
  }
  out.push(cur)
  return out.join(CRLF + ' ')
}

/** The bytes a text part carries in its charset; ISO-2022-JP callers check encodability first. */
function textBytes(text: string, charset: Charset): Uint8Array {
  if (charset === 'UTF-8') return utf8(text)
  const bytes = encodeIso2022jp(text)
  if (!bytes) throw new RangeError('text is not encodable as ISO-2022-JP')
  return bytes
}

/** RFC 2231 parameter: plain when it is a simple ASCII token, else `name*=UTF-8''…`. */
function fileParam(param: string, value: string): string {
  if (/^[A-Za-z0-9._-]+$/.test(value)) return `${param}="${value}"`
  return `${param}*=UTF-8''${encodeURIComponent(value).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())}`
}

/** Appends the lines of one part (its headers, a blank line, its body) to `out`. */
function renderPart(part: MimePart, out: string[]): void {
  switch (part.kind) {
    case 'text': {
      out.push(`Content-Type: text/${part.subtype}; charset=${part.charset}`)
      out.push(`Content-Transfer-Encoding: ${part.encoding}`, '')
      if (part.encoding === 'base64') base64Lines(textBytes(part.text, part.charset), out)
      else if (part.encoding === 'quoted-printable') out.push(quotedPrintable(part.text))
      else if (part.charset === 'ISO-2022-JP') out.push(asBuffer(textBytes(part.text, part.charset)).toString('latin1'))
      else out.push(part.text)
      return
    }
    case 'file': {
      out.push(
        `Content-Type: ${part.contentType}; ${fileParam('name', part.filename)}`,
        `Content-Disposition: attachment; ${fileParam('filename', part.filename)}`,
        'Content-Transfer-Encoding: base64',
        '',
      )
      base64Lines(part.bytes, out)
      return
    }
    case 'multipart': {
      out.push(`Content-Type: multipart/${part.subtype}; boundary="${part.boundary}"`, '')
      for (const child of part.parts) {
        out.push(`--${part.boundary}`)
        renderPart(child, out)
      }
      out.push(`--${part.boundary}--`)
      return
    }
  }
}

/**
 * A whole message from its header lines (already encoded and folded, see headerLine);
 * MIME-Version and the body's Content-* headers follow them. Lines are collected and
 * joined once, so each message is a single flat string.
 */
export function renderMessage(headerLines: readonly string[], body: MimePart): string {
  const out = headerLines.slice()
  out.push('MIME-Version: 1.0')
  renderPart(body, out)
  out.push('')
  return out.join(CRLF)
}
