// ISO-2022-JP encoding for the demo's older-style Japanese mail (Rakuten notifications,
// some customers' mailers). No runtime ships an encoder for it, so the JIS X 0208 table
// is read back out of the platform's TextDecoder: whatever we write, the same decoder
// (which every mail parser here uses) turns back into the same text.

const ESC = 0x1b

/** UTF-16 code unit → (lead << 8 | trail), 0 for none; null when the platform cannot decode ISO-2022-JP. */
let table: Uint16Array | null | undefined

function jisTable(): Uint16Array | null {
  if (table !== undefined) return table
  let decoder: TextDecoder
  try {
    decoder = new TextDecoder('iso-2022-jp', { fatal: true })
  } catch {
    return (table = null)
  }
  const map = new Uint16Array(65536)
  // ESC $ B lead trail ESC ( B
  const buf = Uint8Array.of(ESC, 0x24, 0x42, 0, 0, ESC, 0x28, 0x42)
  for (let lead = 0x21; lead <= 0x7e; lead++) {
    for (let trail = 0x21; trail <= 0x7e; trail++) {
      buf[3] = lead
      buf[4] = trail
      let ch: string
      try {
        ch = decoder.decode(buf)
      } catch {
        continue // unassigned code point
      }
      // Several codes can decode to one character (NEC/IBM duplicates): keep the first.
      const unit = ch.charCodeAt(0)
      if (ch.length === 1 && unit >= 0x80 && map[unit] === 0) map[unit] = (lead << 8) | trail
    }
  }
  return (table = map)
}

/** Whether every character of `text` has an ISO-2022-JP code. */
export function fitsIso2022jp(text: string): boolean {
  const map = jisTable()
  if (!map) return false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x80 && map[c] === 0) return false
  }
  return true
}

/**
 * The ISO-2022-JP bytes of `text`, or null when a character has no JIS X 0208 code (the
 * caller then falls back to UTF-8, as real mailers do). Every line ends back in ASCII,
 * since CR and LF are ASCII and switch the mode back before they are written.
 */
export function encodeIso2022jp(text: string): Uint8Array | null {
  const map = jisTable()
  if (!map) return null
  const out = new Uint8Array(text.length * 5 + 3)
  let n = 0
  let jis = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) {
      if (jis) {
        out[n++] = ESC
        out[n++] = 0x28
        out[n++] = 0x42
        jis = false
      }
      out[n++] = c
      continue
    }
    const code = map[c] as number
    if (code === 0) return null
    if (!jis) {
      out[n++] = ESC
      out[n++] = 0x24
      out[n++] = 0x42
      jis = true
    }
    out[n++] = code >> 8
    out[n++] = code & 0xff
  }
  if (jis) {
    out[n++] = ESC
    out[n++] = 0x28
    out[n++] = 0x42
  }
  return out.subarray(0, n)
}
