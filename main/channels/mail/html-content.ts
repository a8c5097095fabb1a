// What a message's HTML would fetch: remote images (tracking pixels among them) and the inline
// parts it names with `cid:` URLs. Only a hint for the conversation screen — whether to offer
// "load remote images" and which inline images to send along; the renderer's sandbox and
// content policy are what actually keep remote content out. Linear scans: the HTML is a
// stranger's.

/** Attributes that load an image by URL. */
const IMAGE_ATTRIBUTE = /(?:^|\s)(?:src|background|poster|lowsrc|dynsrc)\s*=\s*(?:["']\s*)?(?:https?:)?\/\//i
const SRCSET = /(?:^|\s)srcset\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)/i
/** CSS url(…) pointing off the machine, in a style attribute or a <style> block. */
const CSS_URL = /url\(\s*(?:["']\s*)?(?:https?:)?\/\//i
const CSS_IMPORT = /@import\s+(?:url\(\s*)?(?:["']\s*)?(?:https?:)?\/\//i
/** Elements whose URLs are not images (a link is followed only when clicked). */
const NOT_IMAGES = new Set(['a', 'area', 'base', 'form', 'link', 'script', 'iframe', 'frame', 'embed', 'object'])

/** Whether the HTML would load images (or CSS backgrounds) from the network. */
export function hasRemoteImages(html: string): boolean {
  if (CSS_URL.test(html) || CSS_IMPORT.test(html)) return true
  // [^<>]* stops at the next "<" too, and the lookahead keeps the name from giving characters
  // back to it, so markup full of stray "<" or one endless tag costs linear time.
  for (const m of html.matchAll(/<([a-zA-Z][\w:-]*)(?=[\s/>])([^<>]*)>/g)) {
    if (NOT_IMAGES.has(m[1]!.toLowerCase())) continue
    const attributes = m[2]!
    if (IMAGE_ATTRIBUTE.test(attributes)) return true
    const srcset = SRCSET.exec(attributes)?.[1]
    if (srcset && /(?:^|[\s,"'])(?:https?:)?\/\//i.test(srcset)) return true
  }
  return false
}

/** The Content-IDs the HTML names in `cid:` URLs (RFC 2392: URL-encoded, no angle brackets). */
export function referencedContentIds(html: string): Set<string> {
  const ids = new Set<string>()
  for (const m of html.matchAll(/cid:([^\s"'()<>]+)/gi)) {
    let id = m[1]!
    try {
      id = decodeURIComponent(id)
    } catch {
      // A stray "%" that is no escape: the id as written.
    }
    ids.add(id.toLowerCase())
  }
  return ids
}
