// Turns a stranger's HTML e-mail into a document that is safe to show in a sandboxed frame:
// DOMPurify removes scripts, event handlers, forms, SVG/MathML, <meta>, <base>, <link> and
// `javascript:` URLs; our hooks then make every link open outside, swap `cid:` images for the
// data: URLs the engine sent, drop remote images and CSS that could fetch unless the seller
// allowed them, and put a strict Content-Security-Policy first in the document. The frame's
// sandbox and that policy are what keep remote content out; the sanitising is the first layer.
import DOMPurify from 'dompurify'
import { cleanCss } from './mailCss'

export interface MailFrameOptions {
  /** The seller allowed remote (https:) images for this message or its sender. */
  remoteImages: boolean
  /** Images named by `cid:` URLs, as data: URLs, keyed by lower-cased Content-ID. */
  inlineImages: Record<string, string>
  /** Leave out what the message quotes (blockquotes of replies, Gmail and Outlook quote blocks). */
  foldQuotes: boolean
}

export interface MailFrame {
  /** The whole document for `<iframe srcdoc>`. */
  srcdoc: string
  /** The policy inside it (also set on the frame itself, for browsers that enforce that). */
  policy: string
  /** Whether the message quotes anything (the "…" toggle is offered). */
  hasQuote: boolean
  /** Remote images left out (they load only once allowed). */
  blockedImages: number
  /** For the frame's height: the width of each line of text, in "narrow character" units. */
  lineUnits: number[]
  /** Paragraph-like blocks, for their margins. */
  blocks: number
  /** Heights of the images shown, in px (as their attributes say, or a guess). */
  imageHeights: number[]
}

/** What the frame may load: inline (data:) images always, https: images once allowed, no fonts from afar. */
export function framePolicy(remoteImages: boolean): string {
  return [
    "default-src 'none'",
    `img-src data:${remoteImages ? ' https:' : ''}`,
    "style-src 'unsafe-inline'",
    'font-src data:',
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ')
}

const FORBID_TAGS = [
  'base',
  'link',
  'meta',
  'title',
  'script',
  'noscript',
  'template',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'portal',
  'form',
  'input',
  'button',
  'select',
  'option',
  'optgroup',
  'textarea',
  'datalist',
  'output',
  'dialog',
  'video',
  'audio',
  'source',
  'track',
  'picture',
  'canvas',
]
const FORBID_ATTR = [
  'srcset',
  'imagesrcset',
  'sizes',
  'ping',
  'action',
  'formaction',
  'poster',
  'lowsrc',
  'dynsrc',
  'longdesc',
  'manifest',
  'target',
  'autofocus',
  'tabindex',
  'accesskey',
  'contenteditable',
]

/** Quote blocks of replies: <blockquote type=cite>, Gmail, Yahoo, Thunderbird, Outlook. */
const QUOTE_SELECTOR = [
  'blockquote[type="cite" i]',
  '.gmail_quote',
  '.gmail_extra',
  '.yahoo_quoted',
  '.moz-cite-prefix',
  '#divRplyFwdMsg',
  '#appendonsend',
].join(', ')
/** Outlook puts the quoted message after these markers as siblings, not inside them. */
const QUOTE_FOLLOWED_BY_SIBLINGS = '#divRplyFwdMsg, #appendonsend'

const BASE_STYLE = `
:root { color-scheme: light; }
html {
  font: 14px/1.55 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, 'Hiragino Sans', 'Noto Sans CJK JP',
    'Noto Sans JP', 'Yu Gothic UI', Meiryo, sans-serif;
  color: #1d1c1a;
  background: transparent;
  overflow-wrap: anywhere;
}
body { margin: 0; }
img { max-width: 100%; height: auto; }
img[data-blocked] {
  display: inline-block; min-width: 18px; min-height: 18px; max-height: 120px;
  background: #f4f1ec; outline: 1px dashed #cfc9bf; color: #9a958c; font-size: 11px;
}
img[data-blocked][width="1"], img[data-blocked][height="1"], img[data-blocked][width="0"] { display: none; }
table { max-width: 100%; }
pre { white-space: pre-wrap; }
blockquote { margin: 0 0 0 2px; padding-left: 10px; border-left: 3px solid #e7e3dc; color: #6b6760; }
a { color: #2f5d50; }
`

// One DOMPurify instance of our own, so these hooks touch no other use of the library. Hooks
// read the options of the call in progress (sanitising is synchronous).
const purify = DOMPurify(window)
let current: MailFrameOptions & { blocked: number } = {
  remoteImages: false,
  inlineImages: {},
  foldQuotes: true,
  blocked: 0,
}

purify.addHook('uponSanitizeElement', (node, data) => {
  if (data.tagName === 'style') node.textContent = cleanCss(node.textContent ?? '', current.remoteImages, inlineImage)
})

purify.addHook('afterSanitizeAttributes', (node) => {
  const el = node as Element
  if (typeof el.getAttribute !== 'function') return
  const tag = el.tagName.toLowerCase()

  const style = el.getAttribute('style')
  if (style !== null) el.setAttribute('style', cleanCss(style, current.remoteImages, inlineImage))

  // Links open outside, never in the frame; anything but the web and mail links goes.
  if (el.hasAttribute('href')) {
    const href = (el.getAttribute('href') ?? '').trim()
    if (/^(?:https?:|mailto:)/i.test(href)) {
      el.setAttribute('target', '_blank')
      el.setAttribute('rel', 'noopener noreferrer')
    } else if (!/^#[\w.:-]*$/.test(href)) {
      el.removeAttribute('href')
    }
  }

  for (const attribute of tag === 'img' ? ['src', 'background'] : ['background']) {
    const url = el.getAttribute(attribute)
    if (url === null) continue
    const replacement = imageUrl(url.trim())
    if (replacement !== null) {
      el.setAttribute(attribute, replacement)
      continue
    }
    el.removeAttribute(attribute)
    if (isRemote(url.trim())) {
      current.blocked++
      if (tag === 'img') el.setAttribute('data-blocked', '')
    }
  }
})

/** The URL an image may keep (a cid: one becomes its data: URL), or null to drop it. */
function imageUrl(url: string): string | null {
  if (/^data:image\//i.test(url)) return url
  if (/^cid:/i.test(url)) return inlineImage(url)
  if (current.remoteImages && /^https:\/\//i.test(url)) return url
  return null
}

function isRemote(url: string): boolean {
  return /^(?:https?:)?\/\//i.test(url)
}

function inlineImage(cidUrl: string): string | null {
  let id = cidUrl.slice(4)
  try {
    id = decodeURIComponent(id)
  } catch {
    // Not an escape after all: the id as written.
  }
  id = id.replace(/^<|>$/g, '').toLowerCase()
  return Object.hasOwn(current.inlineImages, id) ? current.inlineImages[id]! : null
}

/** The safe document for a sandboxed frame, and what the screen needs to size and label it. */
export function buildMailFrame(html: string, options: MailFrameOptions): MailFrame {
  current = { ...options, blocked: 0 }
  const root = purify.sanitize(html, {
    WHOLE_DOCUMENT: true,
    RETURN_DOM: true,
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
  }) as HTMLElement
  const blockedImages = current.blocked
  const doc = root.ownerDocument
  const html_ = root.tagName === 'HTML' ? root : doc.documentElement
  let head = html_.querySelector('head')
  if (!head) {
    head = doc.createElement('head')
    html_.prepend(head)
  }
  let body = html_.querySelector('body')
  if (!body) {
    body = doc.createElement('body')
    html_.append(body)
  }

  const quotes = [...body.querySelectorAll(QUOTE_SELECTOR)]
  const hasQuote = quotes.length > 0 && hasOwnText(body)
  if (hasQuote && options.foldQuotes) {
    for (const q of body.querySelectorAll(QUOTE_FOLLOWED_BY_SIBLINGS)) {
      while (q.nextSibling) q.nextSibling.remove()
    }
    for (const q of quotes) q.remove()
  }

  const policy = framePolicy(options.remoteImages)
  const meta = doc.createElement('meta')
  meta.setAttribute('http-equiv', 'Content-Security-Policy')
  meta.setAttribute('content', policy)
  const charset = doc.createElement('meta')
  charset.setAttribute('charset', 'utf-8')
  // Not even a DNS lookup for the hosts its links name.
  const noPrefetch = doc.createElement('meta')
  noPrefetch.setAttribute('http-equiv', 'x-dns-prefetch-control')
  noPrefetch.setAttribute('content', 'off')
  const base = doc.createElement('style')
  base.textContent = BASE_STYLE
  // The policy first: nothing before it in the document can load anything.
  head.prepend(meta, charset, noPrefetch, base)

  const metrics = measure(body)
  return {
    srcdoc: `<!doctype html>${html_.outerHTML}`,
    policy,
    hasQuote,
    blockedImages,
    ...metrics,
  }
}

/** The body says something besides its quotes (else folding would leave nothing). */
function hasOwnText(body: HTMLElement): boolean {
  const clone = body.cloneNode(true) as HTMLElement
  for (const q of clone.querySelectorAll(QUOTE_SELECTOR)) q.remove()
  return (clone.textContent ?? '').trim() !== ''
}

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'tr',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'table',
  'ul',
  'ol',
  'hr',
  'section',
  'article',
  'header',
  'footer',
  'center',
  'dt',
  'dd',
])

/**
 * Lines of text and images, for a height guess: the frame's document cannot be measured from
 * outside (it is sandboxed without scripts and of another origin), so the screen estimates.
 */
function measure(body: HTMLElement): Pick<MailFrame, 'lineUnits' | 'blocks' | 'imageHeights'> {
  const lineUnits: number[] = []
  const imageHeights: number[] = []
  let line = 0
  let blocks = 0
  const flush = () => {
    if (line > 0) lineUnits.push(line)
    line = 0
  }
  const walk = (node: Node, pre: boolean) => {
    if (node.nodeType === 3) {
      const text = node.textContent ?? ''
      if (pre) {
        const parts = text.split('\n')
        parts.forEach((part, i) => {
          if (i > 0) {
            if (line === 0) lineUnits.push(1)
            flush()
          }
          line += units(part)
        })
      } else {
        // Whitespace between tags (line breaks in the source) is not a line of its own.
        const words = text.replace(/\s+/g, ' ')
        if (words.trim() !== '' || line > 0) line += units(words)
      }
      return
    }
    if (node.nodeType !== 1) return
    const el = node as Element
    const tag = el.tagName.toLowerCase()
    if (tag === 'style') return
    if (tag === 'img') {
      const h = Number(el.getAttribute('height'))
      const w = Number(el.getAttribute('width'))
      const shown = el.hasAttribute('src')
      imageHeights.push(
        !shown ? (h > 0 && h < 24 ? h : 24) : h > 0 ? Math.min(h, w > 0 && w > 640 ? (h * 640) / w : h) : 160,
      )
      return
    }
    const block = BLOCK.has(tag)
    if (block) {
      flush()
      if (tag === 'p' || tag === 'blockquote' || tag === 'ul' || tag === 'ol' || /^h\d$/.test(tag)) blocks++
      if (tag === 'br') {
        lineUnits.push(1)
        return
      }
    }
    for (const child of el.childNodes) walk(child, pre || tag === 'pre')
    if (block) flush()
  }
  walk(body, false)
  flush()
  return { lineUnits, blocks, imageHeights }
}

/** Width of text in "narrow character" units: CJK and other wide characters count two. */
function units(text: string): number {
  let n = 0
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    n +=
      cp >= 0x1100 &&
      (cp <= 0x115f ||
        (cp >= 0x2e80 && cp <= 0xa4cf) ||
        (cp >= 0xac00 && cp <= 0xd7a3) ||
        (cp >= 0xf900 && cp <= 0xfaff) ||
        (cp >= 0xfe30 && cp <= 0xfe4f) ||
        (cp >= 0xff00 && cp <= 0xff60) ||
        (cp >= 0xffe0 && cp <= 0xffe6) ||
        cp >= 0x20000)
        ? 2
        : 1
  }
  return n
}

/** The frame's height for a width: the estimate, with room to spare, within bounds. */
export function frameHeight(frame: MailFrame, width: number, max: number): number {
  const perLine = Math.max(20, Math.floor(width / 7.4))
  const lines = frame.lineUnits.reduce((n, u) => n + Math.max(1, Math.ceil(u / perLine)), 0)
  const estimate = lines * 22 + frame.blocks * 14 + frame.imageHeights.reduce((a, b) => a + b, 0) + 16
  return Math.round(Math.max(48, Math.min(max, estimate * 1.1)))
}
