// An HTML message, sanitised, in a sandboxed frame: no scripts, an origin of its own (so it can
// reach neither the app nor the engine), no forms, no navigation of the app; links open outside
// (allow-popups, escaping the sandbox so the site works in the browser). Nothing remote loads
// unless the seller allowed images, and then only https: images (the policy inside says so).
//
// Height: the parent cannot measure a sandboxed, script-less document of another origin, and
// the frame cannot tell us (no scripts, so no postMessage). We estimate from the sanitised
// document's lines of text and image sizes at the frame's width, with some room to spare, up
// to 70% of the window; a longer message scrolls inside its frame.
import { useLayoutEffect, useMemo, useRef, useState } from 'react'
import { buildMailFrame, frameHeight } from './sanitizeMail'

interface Props {
  html: string
  remoteImages: boolean
  inlineImages: Record<string, string>
  foldQuotes: boolean
  title: string
  /** Told whether the message has quoted parts to fold and how many remote images were left out. */
  onFacts?(facts: { hasQuote: boolean; blockedImages: number }): void
}

export function HtmlFrame({ html, remoteImages, inlineImages, foldQuotes, title, onFacts }: Props) {
  const box = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(640)
  const frame = useMemo(
    () => buildMailFrame(html, { remoteImages, inlineImages, foldQuotes }),
    [html, remoteImages, inlineImages, foldQuotes],
  )

  useLayoutEffect(() => {
    const el = box.current
    if (!el) return
    setWidth(el.clientWidth || 640)
    const observer = new ResizeObserver(() => setWidth(el.clientWidth || 640))
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  const facts = useRef(onFacts)
  useLayoutEffect(() => {
    facts.current = onFacts
  })
  useLayoutEffect(() => {
    facts.current?.({ hasQuote: frame.hasQuote, blockedImages: frame.blockedImages })
  }, [frame])

  const max = Math.max(240, Math.round(window.innerHeight * 0.7))
  // The policy on the frame element as well: enforced by browsers that support it, whatever
  // the document says (React passes the attribute through; TypeScript does not know it).
  const embeddedPolicy = { csp: frame.policy } as Record<string, string>
  return (
    <div ref={box} className="message-html">
      <iframe
        // A new frame when the policy changes: the browser reads `csp` when the frame navigates,
        // and a changed srcdoc may navigate before a changed csp is set.
        key={frame.policy}
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        srcDoc={frame.srcdoc}
        title={title}
        referrerPolicy="no-referrer"
        style={{ height: frameHeight(frame, width, max) }}
        {...embeddedPolicy}
      />
    </div>
  )
}
