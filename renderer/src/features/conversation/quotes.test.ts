import { describe, expect, it } from 'vitest'
import { foldQuotes, startsQuote } from './quotes'

describe('folding quoted text', () => {
  it('folds the quote under a reply, from its "On … wrote:" line', () => {
    const text = [
      'Thanks, that helps!',
      '',
      'On Mon, 23 Nov 2026 at 10:04, Aiko <shop@example.com> wrote:',
      '> It ships tomorrow.',
      '>',
      '> Aiko',
    ].join('\n')
    expect(foldQuotes(text)).toEqual({
      shown: 'Thanks, that helps!',
      folded: 'On Mon, 23 Nov 2026 at 10:04, Aiko <shop@example.com> wrote:\n> It ships tomorrow.\n>\n> Aiko',
    })
  })

  it('folds the Japanese attribution our own replies write', () => {
    const text = '承知しました。\n\n2026年11月20日(金) 12:12 岡本 典子 <okamoto@example.jp>:\n> まだでしょうか。\n'
    expect(foldQuotes(text)).toEqual({
      shown: '承知しました。',
      folded: '2026年11月20日(金) 12:12 岡本 典子 <okamoto@example.jp>:\n> まだでしょうか。',
    })
  })

  it("folds what Amazon's relay appends after End message", () => {
    const text = 'Where is my order?\n\n------------- End message -------------\n\nOrder ID: 123\n[commMgrTok:ABC]'
    expect(foldQuotes(text).shown).toBe('Where is my order?')
    expect(foldQuotes(text).folded).toContain('[commMgrTok:ABC]')
  })

  it('folds a forwarded or original message block', () => {
    const text = 'See below.\n\n-----Original Message-----\nFrom: a@b.example\nSent: Monday\nSubject: x\n\nold'
    expect(foldQuotes(text).shown).toBe('See below.')
  })

  it('keeps answers written between quoted lines', () => {
    const text =
      '> Do you ship abroad?\nYes, by EMS.\n> How long?\nAbout a week.\n> Price?\n¥2,000.\n> Tracking?\nYes.\n> Gift wrap?\nSure.'
    expect(foldQuotes(text)).toEqual({ shown: text, folded: null })
  })

  it('never folds a message down to nothing', () => {
    const text = '> only a quote\n> and more'
    expect(foldQuotes(text)).toEqual({ shown: text, folded: null })
  })

  it('leaves a message without quotes as it is', () => {
    expect(foldQuotes('Hello\n\nBye')).toEqual({ shown: 'Hello\n\nBye', folded: null })
  })

  it('knows the lines that start a quote or a forwarded message', () => {
    expect(startsQuote('---------- Forwarded message ---------')).toBe(true)
    expect(startsQuote('On Mon, 23 Nov 2026 at 10:04, Jane <jane@example.com> wrote:')).toBe(true)
    expect(startsQuote('> quoted')).toBe(true)
    expect(startsQuote('Thanks for writing.')).toBe(false)
  })
})
