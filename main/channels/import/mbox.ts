// Splits an mbox file (Thunderbird, Gmail Takeout, Apple Mail, mutt) into raw messages,
// streaming: only the message being assembled is in memory, never the whole file.
//
// A message starts at a "From " line at the start of the file or after a blank line; that
// line and the blank line before it are the separator, not message content. Body lines the
// writer escaped (">From ", ">>From " … in mboxrd) lose one ">". mboxo writers escape only
// "From " itself, so an original ">From " line in an mboxo file comes back as "From ": the
// format cannot tell the two apart. Line endings (LF or CRLF) are kept as they are.
import { createReadStream } from 'node:fs'

export interface MboxOptions {
  /** Bytes read at a time; small values are for tests of lines split across reads. */
  chunkSize?: number
}

const LF = 0x0a
const CR = 0x0d
const GT = 0x3e
const FROM_ = Buffer.from('From ', 'latin1')

/**
 * Yields each message of the mbox at `path` as its raw bytes. Errors opening or reading the
 * file (ENOENT, EACCES …) are thrown as Node's own errors, `code` and `path` intact.
 */
export async function* readMbox(path: string, options: MboxOptions = {}): AsyncGenerator<Uint8Array> {
  const splitter = new MboxSplitter()
  const stream = createReadStream(path, { highWaterMark: options.chunkSize ?? 1 << 20 })
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    yield* splitter.push(chunk)
  }
  yield* splitter.end()
}

/**
 * The splitting itself, fed chunk by chunk; each call returns the messages it completed.
 * Lines are kept as views into the chunks they came in, and consecutive lines of one chunk
 * as one view, so a message costs one copy (the final concat) however many lines it has.
 */
export class MboxSplitter {
  /** Pieces of a line that started in an earlier chunk and has no line end yet. */
  private partial: Buffer[] = []
  /** Pieces of the message being assembled. */
  private pieces: Buffer[] = []
  /** A run of bytes from one chunk not yet pushed to `pieces`, extended line by line. */
  private run: { chunk: Buffer; start: number; end: number } | undefined
  /** A blank line held back: it is the separator if a "From " line follows. */
  private pendingBlank: Buffer | undefined
  private afterBlank = true // the start of the file counts as "after a blank line"
  private started = false
  /** Messages completed during the current push() or end(). */
  private done: Uint8Array[] = []

  push(chunk: Buffer): Uint8Array[] {
    let pos = 0
    while (pos < chunk.length) {
      const nl = chunk.indexOf(LF, pos)
      if (nl < 0) {
        this.partial.push(chunk.subarray(pos))
        break
      }
      if (this.partial.length) {
        this.partial.push(chunk.subarray(pos, nl + 1))
        const line = Buffer.concat(this.partial)
        this.partial = []
        this.line(line, 0, line.length)
      } else {
        this.line(chunk, pos, nl + 1)
      }
      pos = nl + 1
    }
    return this.takeDone()
  }

  end(): Uint8Array[] {
    if (this.partial.length) {
      const line = Buffer.concat(this.partial)
      this.partial = []
      this.line(line, 0, line.length)
    }
    // The blank line at the very end is the separator mbox writers put after every message.
    this.pendingBlank = undefined
    this.finish()
    return this.takeDone()
  }

  private takeDone(): Uint8Array[] {
    const done = this.done
    this.done = []
    return done
  }

  /** One line, line end included, at chunk[start, end). */
  private line(chunk: Buffer, start: number, end: number): void {
    let contentEnd = end
    if (contentEnd > start && chunk[contentEnd - 1] === LF) contentEnd--
    if (contentEnd > start && chunk[contentEnd - 1] === CR) contentEnd--
    if (this.afterBlank && isFromLine(chunk, start, contentEnd)) {
      this.pendingBlank = undefined
      this.finish()
      this.started = true
      this.afterBlank = false
      return
    }
    if (this.pendingBlank) {
      this.append(this.pendingBlank, 0, this.pendingBlank.length)
      this.pendingBlank = undefined
    }
    if (contentEnd === start) {
      this.pendingBlank = chunk.subarray(start, end)
      this.afterBlank = true
      return
    }
    this.afterBlank = false
    if (chunk[start] === GT && isEscapedFrom(chunk, start, contentEnd)) start++
    this.append(chunk, start, end)
  }

  private append(chunk: Buffer, start: number, end: number): void {
    if (this.run && this.run.chunk === chunk && this.run.end === start) {
      this.run.end = end
      return
    }
    this.flushRun()
    this.run = { chunk, start, end }
  }

  private flushRun(): void {
    if (this.run) this.pieces.push(this.run.chunk.subarray(this.run.start, this.run.end))
    this.run = undefined
  }

  private finish(): void {
    this.flushRun()
    const pieces = this.pieces
    this.pieces = []
    if (!pieces.length) return
    const raw = Buffer.concat(pieces)
    // Text before the first "From " line is not a message of an mbox, but it may be one
    // (an .eml saved with the wrong name): keep it unless it is only whitespace.
    if (!this.started && !hasContent(raw)) return
    this.done.push(raw)
  }
}

/**
 * "From " + sender + a ctime date. Writers always put a time (hh:mm) in the date, which
 * prose after a blank line ("From the team, …") that a sloppy mboxo writer left unescaped
 * does not have.
 */
function isFromLine(chunk: Buffer, start: number, end: number): boolean {
  if (end - start < FROM_.length + 3 || chunk.compare(FROM_, 0, FROM_.length, start, start + FROM_.length) !== 0) {
    return false
  }
  const line = chunk.toString('latin1', start + FROM_.length, Math.min(end, start + 512))
  return /^\S+\s.*\d{1,2}:\d\d/.test(line)
}

/** ">From ", ">>From " …: a body line the mbox writer escaped. */
function isEscapedFrom(chunk: Buffer, start: number, end: number): boolean {
  let i = start
  while (i < end && chunk[i] === GT) i++
  return end - i >= FROM_.length && chunk.compare(FROM_, 0, FROM_.length, i, i + FROM_.length) === 0
}

function hasContent(raw: Buffer): boolean {
  for (const b of raw) if (b !== 0x20 && b !== 0x09 && b !== CR && b !== LF) return true
  return false
}
