import { describe, expect, it } from 'vitest'
import { cleanCss } from './mailCss'

const none = () => null

describe('CSS from an e-mail', () => {
  it('cannot fetch anything while remote images are blocked', () => {
    const css = [
      '@import url(http://x.example/a.css);',
      '.a { background: url(http://x.example/1) }',
      ".b { background-image: url('https://x.example/2') }",
      '.c { background: url( "//x.example/3" ) }',
      '.d { background: \\75 rl(http://x.example/4) }',
      '.e { background: u\\72 l(http://x.example/5) }',
      '.f { background-image: image-set("https://x.example/6" 1x) }',
      '@font-face { src: url(https://x.example/font.woff2) }',
    ].join('\n')
    const out = cleanCss(css, false, none)
    expect(out).not.toMatch(/url\(|@import|image-set\(/i)
  })

  it('keeps data: images, and https: images once allowed, but never http: or an import', () => {
    const css = [
      '.a { background: url("data:image/png;base64,AAAA") }',
      ".b { background: url('https://x.example/ok') }",
      '.c { background: url(http://x.example/no) }',
      '@import "https://x.example/a.css";',
    ].join('\n')
    const blocked = cleanCss(css, false, none)
    expect(blocked).toContain('url("data:image/png;base64,AAAA")')
    expect(blocked).not.toContain("url('https://x.example/ok')")
    const allowed = cleanCss(css, true, none)
    expect(allowed).toContain('url("data:image/png;base64,AAAA")')
    expect(allowed).toContain("url('https://x.example/ok')")
    expect(allowed).not.toMatch(/url\(http:/)
    expect(allowed).not.toMatch(/@import/)
  })

  it('shows inline images named by cid:', () => {
    const out = cleanCss(".logo { background: url('cid:Logo@Shop') }", false, (url) =>
      url.toLowerCase() === 'cid:logo@shop' ? 'data:image/png;base64,BBBB' : null,
    )
    expect(out).toBe('.logo { background: url("data:image/png;base64,BBBB") }')
  })

  it('leaves other escapes, such as quotes in strings, alone', () => {
    expect(cleanCss('.q::before { content: "\\201C\\"" }', false, none)).toBe('.q::before { content: "\\201C\\"" }')
  })
})
