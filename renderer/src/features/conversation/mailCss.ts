// CSS from a stranger's e-mail, made unable to fetch anything: `@import` always goes, `url(…)`
// and `image-set(…)` stay only for data: (and https: once the seller allowed remote images), and
// `cid:` URLs become the message's own inline images. CSS escapes could spell `url(` in disguise,
// so escaped letters and punctuation are decoded first. A neutralised function makes its
// declaration invalid, and the browser drops just that declaration. Pure: tested on strings.
// (The frame's Content-Security-Policy is what actually blocks a fetch; this keeps the document
// honest and the console quiet.)

/** Escapes of characters that could make up `url(`, `@import` or a scheme. */
const SPELLING = /^[\w@:/().-]$/

export function cleanCss(css: string, remoteImages: boolean, inlineImage: (cidUrl: string) => string | null): string {
  let s = css.replace(/\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?/g, (escape: string, hex: string) => {
    const cp = parseInt(hex, 16)
    const ch = cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : ''
    return SPELLING.test(ch) ? ch : escape
  })
  // A backslash before anything but a hex digit escapes that character itself.
  s = s.replace(/\\([g-zG-Z_@:/().-])/g, '$1')
  s = s.replace(/@import/gi, '@x-blocked-import')
  s = s.replace(/url\(\s*(["']?)\s*cid:([^"')\s]+)\s*\1\s*\)/gi, (_all, _quote: string, id: string) => {
    const data = inlineImage(`cid:${id}`)
    return data ? `url("${data}")` : 'none'
  })
  // A negative lookahead, so that an optional quote cannot be skipped to get past it.
  const allowed = remoteImages ? 'data:|https:' : 'data:'
  s = s.replace(new RegExp(`url\\((?!\\s*["']?\\s*(?:${allowed}))`, 'gi'), 'x-blocked(')
  if (!remoteImages) s = s.replace(/(?:-webkit-)?image-set\(/gi, 'x-blocked(')
  return s
}
