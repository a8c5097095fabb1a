// Recipients as the seller types them: `Jane Doe <jane@example.com>, sato@example.jp`. Split on
// commas and semicolons outside quotes and angle brackets; checked as addresses only at send.
import type { Address } from '../../../../main/core/model'

export function parseAddressList(text: string): Address[] {
  const parts: string[] = []
  let current = ''
  let quoted = false
  let angle = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && ch === '<') angle = true
    else if (!quoted && ch === '>') angle = false
    if (!quoted && !angle && (ch === ',' || ch === ';' || ch === '\n' || ch === '、')) {
      parts.push(current)
      current = ''
    } else {
      current += ch
    }
  }
  parts.push(current)
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map(parseAddress)
}

function parseAddress(part: string): Address {
  const m = /^(.*?)<([^<>]*)>\s*$/.exec(part)
  if (!m) return { address: part.replace(/^mailto:/i, '').trim() }
  const name = m[1]!
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .replace(/\\(.)/g, '$1')
    .trim()
  const address = m[2]!.trim()
  return name ? { name, address } : { address }
}

export function formatAddressList(list: readonly Address[]): string {
  return list.map(formatAddress).join(', ')
}

function formatAddress(a: Address): string {
  const name = a.name?.trim()
  if (!name) return a.address
  // Quoted when the name holds what would split or end it.
  const safe = /[",;<>@()[\]:\\]/.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : name
  return `${safe} <${a.address}>`
}

/** Roughly an address (the engine checks properly at send): something@something.something. */
export function looksLikeAddress(address: string): boolean {
  return /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/.test(address)
}
