import { describe, expect, it } from 'vitest'
import { hasRemoteImages, referencedContentIds } from '../../main/channels/mail/html-content'

describe('remote content in HTML mail', () => {
  it('notices a tracking pixel, whatever the quoting and case', () => {
    expect(hasRemoteImages('<p>Hi</p><img src="https://tracking.example/pixel.gif" width="1" height="1">')).toBe(true)
    expect(hasRemoteImages("<IMG SRC = '//cdn.example/p.gif'>")).toBe(true)
    expect(hasRemoteImages('<img alt=x src=http://cdn.example/p.gif>')).toBe(true)
  })

  it('notices remote backgrounds, srcset candidates and CSS urls', () => {
    expect(hasRemoteImages('<table background="http://x.example/bg.png">')).toBe(true)
    expect(hasRemoteImages('<img src="cid:a" srcset="a.png 1x, https://x.example/b.png 2x">')).toBe(true)
    expect(hasRemoteImages('<div style="background:url( \'http://x.example/y.png\')">')).toBe(true)
    expect(hasRemoteImages('<style>@import "https://x.example/s.css";</style>')).toBe(true)
  })

  it('does not count links, inline cid: images or data: URLs as remote images', () => {
    expect(hasRemoteImages('<a href="https://shop.example/order/1">your order</a>')).toBe(false)
    expect(hasRemoteImages('<img src="cid:logo@shop">')).toBe(false)
    expect(hasRemoteImages('<img src="data:image/png;base64,AAAA">')).toBe(false)
    expect(hasRemoteImages('<p>See https://shop.example for details</p>')).toBe(false)
  })

  it('lists the Content-IDs the HTML names, URL-decoded and lower-cased', () => {
    const ids = referencedContentIds('<img src="cid:Logo@Shop"><img src=\'cid:part1%40x.example\'><p>cid:plain</p>')
    expect([...ids].sort()).toEqual(['logo@shop', 'part1@x.example', 'plain'])
    expect(referencedContentIds('<img src="cid:100%">')).toEqual(new Set(['100%']))
  })

  it('takes linear time on hostile markup', () => {
    const hostile = [
      '<' + 'a'.repeat(300_000),
      '<a '.repeat(100_000),
      '<img src=' + ' '.repeat(300_000),
      'url(' + ' '.repeat(300_000),
      '<img srcset="' + 'a'.repeat(300_000),
      'cid:'.repeat(75_000),
    ]
    for (const html of hostile) {
      const started = performance.now()
      hasRemoteImages(html)
      referencedContentIds(html)
      expect(performance.now() - started, html.slice(0, 12)).toBeLessThan(500)
    }
  })
})
