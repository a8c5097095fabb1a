// Folding what a reader has seen before: the quoted original under a reply ("> …" lines and the
// "On … wrote:" line above them), a forwarded or "Original Message" block, and the boilerplate
// a marketplace relay appends after its "End message" line. Pure, so it is tested on plain text.

export interface FoldedText {
  /** What the message says itself. */
  shown: string
  /** What is folded away behind the "…" toggle, or null when there is nothing to fold. */
  folded: string | null
}

/** A line that introduces a quote: English and Japanese mailers, Outlook, and ours (core/compose). */
const ATTRIBUTION = [
  /^On .{4,300}(?:wrote|schrieb|a écrit|escribió):\s*$/i,
  /^.{2,300}\bwrote:\s*$/i,
  // "2026年11月23日(月) 10:04 Jane Doe <jane@x>:" (ours), "…さんは書きました:", "… のメッセージ:"
  /^\d{4}年\d{1,2}月\d{1,2}日.{0,300}[:：]\s*$/,
  /^.{2,300}(?:は書きました|が書きました|のメッセージ)[:：]?\s*$/,
]
/** A line after which everything is an earlier message, quoted or not. */
const SEPARATOR = [
  /^-{2,}\s*(?:Original Message|Forwarded message|Weitergeleitete Nachricht|元のメッセージ|転送されたメッセージ)\s*-*\s*$/i,
  /^_{10,}\s*$/,
  // Amazon's relay: what follows "End message" is its own footer, not the customer's words.
  /^-{3,}\s*(?:End message|メッセージ終了)\s*-{3,}\s*$/i,
]
/** Outlook's header block of the message replied to. */
const OUTLOOK_HEADER = /^(?:From|差出人|送信者)\s*[:：]\s*\S/

const isQuoted = (line: string) => /^\s*>/.test(line)

/** A line after which a message quotes or forwards an earlier one: "> …", "On … wrote:", "---- Forwarded". */
export function startsQuote(line: string): boolean {
  const t = line.trim()
  return isQuoted(line) || SEPARATOR.some((re) => re.test(t)) || ATTRIBUTION.some((re) => re.test(t))
}
const isBlank = (line: string) => line.trim() === ''

export function foldQuotes(text: string): FoldedText {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const cut = foldStart(lines)
  if (cut === null) return { shown: text, folded: null }
  const shown = lines.slice(0, cut).join('\n').trimEnd()
  const folded = lines.slice(cut).join('\n').replace(/^\n+/, '').trimEnd()
  // Nothing of its own (a bare forward): show it all rather than an empty message.
  if (shown.trim() === '' || folded.trim() === '') return { shown: text, folded: null }
  return { shown, folded }
}

/** The index of the first line to fold, or null. */
function foldStart(lines: string[]): number | null {
  // Only the first quoted line can start a fold: a quote after the seller's or customer's own
  // words below an earlier quote is an answer written in between, which stays.
  let seenQuote = false
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (SEPARATOR.some((re) => re.test(line.trim()))) return i
    if (ATTRIBUTION.some((re) => re.test(line.trim())) && quoteFollows(lines, i + 1)) return i
    if (OUTLOOK_HEADER.test(line) && i > 0 && isBlank(lines[i - 1]!) && headerBlock(lines, i)) return i
    if (isQuoted(line) && !seenQuote) {
      if (restIsMostlyQuoted(lines, i)) return i
      seenQuote = true
    }
  }
  return null
}

/** A quoted line comes next, after at most one blank line. */
function quoteFollows(lines: string[], from: number): boolean {
  let i = from
  if (i < lines.length && isBlank(lines[i]!)) i++
  return i < lines.length && isQuoted(lines[i]!)
}

/**
 * From here on it is one quoted block, then at most a short tail (a signature, Amazon's routing
 * token) — not answers written between quoted lines, which are the message itself.
 */
function restIsMostlyQuoted(lines: string[], from: number): boolean {
  let tail = 0
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!
    if (isBlank(line)) continue
    if (isQuoted(line)) {
      if (tail > 0) return false
    } else if (++tail > 3) {
      return false
    }
  }
  return true
}

/** "From:", then "Sent:"/"Date:", "To:", "Subject:" within the next few lines. */
function headerBlock(lines: string[], from: number): boolean {
  const next = lines.slice(from + 1, from + 6).join('\n')
  return /^(?:Sent|Date|送信日時|日付)\s*[:：]/m.test(next) && /^(?:Subject|件名)\s*[:：]/m.test(next)
}
