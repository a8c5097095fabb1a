// Which template fits a message: words in English and Japanese, the seller's past choices for
// similar messages, the channel; and which language variant a customer gets.
import { describe, expect, it } from 'vitest'
import type { Template, TemplateChoice } from '../../main/core/model'
import { starterTemplates } from '../../main/core/templates/starter'
import { ownWords, suggestTemplates } from '../../main/core/templates/suggest'
import { chooseVariant, groupOf, groupTemplates } from '../../main/core/templates/variants'
import { wordsOf } from '../../main/core/templates/words'
import { demoTemplates } from '../../main/demo/templates'
import { Rng } from '../../main/demo/random'

const templates = starterTemplates()
const suggest = (subject: string, text: string, extra: Partial<Parameters<typeof suggestTemplates>[0]> = {}) =>
  suggestTemplates({
    templates,
    message: { subject, text, channel: 'email' },
    language: 'en',
    choices: [],
    ...extra,
  })

describe('language variants', () => {
  it('groups variants by their group, or by the shortcut without -en/-ja (the demo data)', () => {
    const demo = demoTemplates(new Rng(1))
    expect(groupOf(demo.find((t) => t.shortcut === 'ship-delay-ja')!)).toBe('ship-delay')
    expect(groupOf(demo.find((t) => t.shortcut === 'ship-delay')!)).toBe('ship-delay')
    expect(groupTemplates(demo)).toHaveLength(6)
    expect(groupTemplates(templates).every((g) => g.variants.length === 2)).toBe(true)
    expect(groupOf({ shortcut: 'thanks', group: 'Review-Thanks' })).toBe('review-thanks')
  })

  it("chooses the customer's language, else English, else what there is", () => {
    const delay = groupTemplates(templates).find((g) => g.key === 'ship-delay')!.variants
    expect(chooseVariant(delay, 'ja')!.shortcut).toBe('ship-delay-ja')
    expect(chooseVariant(delay, 'en')!.shortcut).toBe('ship-delay')
    expect(
      chooseVariant(
        delay.filter((t) => t.language === 'en'),
        'ja',
      )!.language,
    ).toBe('en')
    expect(
      chooseVariant(
        delay.filter((t) => t.language === 'ja'),
        'en',
      )!.language,
    ).toBe('ja')
    expect(chooseVariant([], 'en')).toBeUndefined()
  })
})

describe('words of a message', () => {
  it('segments Japanese and stems English, leaving particles, stop words and quotes out', () => {
    expect(wordsOf('注文した急須はいつ発送されますか？')).toEqual(expect.arrayContaining(['注文', '急須', '発送']))
    expect(wordsOf('注文した急須はいつ発送されますか？')).not.toContain('は')
    expect(wordsOf('My order has not shipped. Tracking?')).toEqual(['order', 'ship', 'track'])
    expect(ownWords('Re: Refund', 'Thanks!\n> your order shipped')).toEqual(['refund'])
  })
})

describe('suggestions', () => {
  it('ranks by the words of the message, in English', () => {
    expect(suggest('Refund?', 'I sent the teapot back two weeks ago, has the refund been issued?')[0]!.group).toBe(
      'refund',
    )
    expect(suggest('Where is my parcel', 'Do you have a tracking number for my order?')[0]!.group).toBe('tracking')
    expect(suggest('Delay', 'My order still has not shipped, why the delay?')[0]!.group).toBe('ship-delay')
  })

  it('ranks by the words of the message, in Japanese, offering the Japanese variant', () => {
    const s = suggest('返品について', '届いた湯呑みを返品したいのですが、どうすればよいですか。', { language: 'ja' })
    expect(s[0]!.group).toBe('return')
    expect(s[0]!.template.language).toBe('ja')
    expect(s[0]!.reasons).toContain('words')
  })

  it('learns from past choices for similar messages, above the words alone', () => {
    const question = 'Is the kyusu still available in black?'
    expect(suggest('Question', question).map((s) => s.group)).not.toContain('feedback')
    const choices: TemplateChoice[] = [
      {
        id: 'c1',
        group: 'feedback',
        channel: 'email',
        words: wordsOf('kyusu available black colour'),
        at: '2026-11-01T00:00:00Z',
      },
    ]
    const learned = suggest('Question', question, { choices })
    expect(learned[0]!.group).toBe('feedback')
    expect(learned[0]!.reasons[0]).toBe('learned')
  })

  it('prefers what is usually sent on this channel when the words do not decide', () => {
    const choices: TemplateChoice[] = Array.from({ length: 4 }, (_, i) => ({
      id: `c${i}`,
      group: 'review-thanks',
      channel: 'amazon',
      words: [],
      at: '2026-11-01T00:00:00Z',
    }))
    const onAmazon = suggestTemplates({
      templates,
      message: { subject: 'Hello', text: 'Hello!', channel: 'amazon' },
      language: 'en',
      choices,
    })
    expect(onAmazon[0]!.group).toBe('review-thanks')
    expect(onAmazon[0]!.reasons).toEqual(['channel'])
    const onEbay = suggestTemplates({
      templates,
      message: { subject: 'Hello', text: 'Hello!', channel: 'ebay' },
      language: 'en',
      choices,
    })
    expect(onEbay).toEqual([])
  })

  it('suggests nothing without templates, and at most the limit', () => {
    expect(suggest('Refund', 'refund', { templates: [] as Template[] })).toEqual([])
    expect(suggest('order', 'order shipping tracking refund return review feedback', { limit: 2 })).toHaveLength(2)
  })
})
