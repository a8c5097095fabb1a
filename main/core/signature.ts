// An account's e-mail signature in a draft: below where the seller writes, above the quote,
// after the standard "-- " line (RFC 3676 §4.3) that mail programs use to recognise and trim it.
// Pure: the composer and core/compose use it alike.

/** The longest signature kept: a few lines of shop details, not a newsletter. */
export const MAX_SIGNATURE_LENGTH = 2000

/** The separator line: dash, dash, space. */
export const SIGNATURE_DELIMITER = '-- '

/** The signature as stored: line ends made "\n", trailing blank lines and spaces gone; '' when blank. */
export function normaliseSignature(signature: string | undefined): string {
  return (signature ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '')
}

/** "-- \n<signature>", or '' when there is no signature. */
export function signatureBlock(signature: string | undefined): string {
  const text = normaliseSignature(signature)
  return text === '' ? '' : `${SIGNATURE_DELIMITER}\n${text}`
}

/**
 * The body a draft opens with: room to write at the top, the signature, then what follows
 * (a quote or a forwarded message), each apart by a blank line.
 */
export function openingBody(signature: string | undefined, below: string): string {
  const block = signatureBlock(signature)
  const parts = [block, below].filter((p) => p !== '')
  return parts.length === 0 ? '' : `\n\n${parts.join('\n\n')}`
}

/**
 * The body with the From account changed: the old account's signature replaced by the new
 * one's (or removed, or added after the seller's text when there was none). Returns null when
 * the seller edited the signature: it is theirs now and stays as it is.
 */
export function swapSignature(text: string, from: string | undefined, to: string | undefined): string | null {
  const oldBlock = signatureBlock(from)
  const newBlock = signatureBlock(to)
  if (oldBlock === newBlock) return text
  if (oldBlock !== '') {
    const at = blockAt(text, oldBlock)
    if (at < 0) return null
    const end = at + oldBlock.length
    if (newBlock !== '') return text.slice(0, at) + newBlock + text.slice(end)
    // Removing it takes the blank line before it too, so the quote does not move down.
    const start = text.slice(0, at).endsWith('\n\n') ? at - 2 : at
    return text.slice(0, start) + text.slice(end)
  }
  // No signature yet: a "-- " line of the seller's own is theirs; leave it be.
  if (hasDelimiter(text)) return null
  const quote = quoteStart(text)
  const head = text.slice(0, quote).replace(/\n+$/, '')
  const rest = text.slice(quote)
  return `${head}\n\n${newBlock}${rest === '' ? '' : `\n\n${rest}`}`
}

/** Where the block starts as a whole: on a line of its own, followed by a line end or the end. */
function blockAt(text: string, block: string): number {
  let from = 0
  for (;;) {
    const at = text.indexOf(block, from)
    if (at < 0) return -1
    const startsLine = at === 0 || text[at - 1] === '\n'
    const next = text[at + block.length]
    if (startsLine && (next === undefined || next === '\n')) return at
    from = at + 1
  }
}

function hasDelimiter(text: string): boolean {
  return text.split('\n').includes(SIGNATURE_DELIMITER)
}

/**
 * Where what is quoted begins: the attribution line before the first "> " line, or a forwarded
 * message's header; the end of the text when nothing is quoted.
 */
function quoteStart(text: string): number {
  const lines = text.split('\n')
  let offset = 0
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (line.startsWith('---------- Forwarded message')) return offset
    if (line.startsWith('>')) {
      // The attribution ("On …, … wrote:") sits on the line just above the quote.
      return i > 0 && lines[i - 1]!.trim() !== '' ? offset - lines[i - 1]!.length - 1 : offset
    }
    offset += line.length + 1
  }
  return text.length
}

/** The signature on one line, for a list or a preview: its lines joined by " · ", cut with "…". */
export function signaturePreview(signature: string | undefined, max = 80): string {
  const line = normaliseSignature(signature)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' · ')
  const chars = [...line]
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`
}
