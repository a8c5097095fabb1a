// Rendering canned replies with a fixed clock: every variable, fallbacks, conditionals, fill-in
// fields, Japanese, and templates that are broken or unknown, each reported where it is.
import { describe, expect, it } from 'vitest'
import { findFields, nextField } from '../../main/core/templates/fields'
import { parseTemplate } from '../../main/core/templates/parse'
import { isBlocking, renderTemplate, splitName, type RenderContext } from '../../main/core/templates/render'
import { starterTemplates } from '../../main/core/templates/starter'
import { demoTemplates } from '../../main/demo/templates'
import { Rng } from '../../main/demo/random'

// 23:30 on 3 December in UTC is already 4 December in Tokyo.
const NOW = new Date('2026-12-03T23:30:00Z')

const emma: RenderContext = {
  language: 'en',
  now: NOW,
  timeZone: 'Asia/Tokyo',
  customer: { name: 'Emma Wilson', language: 'en' },
  order: { number: '#1042', item: 'Nanbu teapot', trackingNumber: '1Z999', carrier: 'Yamato' },
  shop: { name: "Aiko's Tea Ware" },
}
const noriko: RenderContext = {
  ...emma,
  language: 'ja',
  customer: { name: '岡本 典子', language: 'ja' },
  shop: { name: '藍子の茶器' },
}

describe('rendering a template', () => {
  it('fills in every variable', () => {
    const body = [
      '{{customer.first_name}}|{{customer.last_name}}|{{customer.name}}',
      '{{order.number}}|{{order.item}}|{{order.tracking_number}}|{{order.carrier}}',
      '{{seller.name}}|{{shop.name}}|{{today}}',
    ].join('\n')
    const r = renderTemplate(body, emma)
    expect(r.problems).toEqual([])
    expect(r.text).toBe(
      "Emma|Wilson|Emma Wilson\n#1042|Nanbu teapot|1Z999|Yamato\nAiko's Tea Ware|Aiko's Tea Ware|December 4, 2026",
    )
  })

  it("writes today's date in the template's language and the seller's time zone", () => {
    expect(renderTemplate('{{today}}', noriko).text).toBe('2026年12月4日')
    expect(renderTemplate('{{today}}', { ...emma, timeZone: 'America/New_York' }).text).toBe('December 3, 2026')
  })

  it('reads Japanese names family name first', () => {
    const r = renderTemplate('{{customer.last_name}}様 ({{customer.first_name}})', noriko)
    expect(r.text).toBe('岡本様 (典子)')
    expect(splitName('岡本典子', 'ja')).toEqual({ full: '岡本典子' })
    expect(splitName('jane@example.com', 'en')).toEqual({})
  })

  it('uses the fallback when the customer has no such value', () => {
    const anonymous = { ...emma, customer: { name: 'jane@example.com' } }
    expect(renderTemplate('Hi {{customer.first_name | "there"}},', anonymous).text).toBe('Hi there,')
    expect(renderTemplate('{{customer.name | "お客"}}様', { ...noriko, customer: undefined }).text).toBe('お客様')
    expect(renderTemplate('Hi {{customer.first_name | "there"}},', emma).text).toBe('Hi Emma,')
  })

  it('decides conditionals, with else, and leaves no blank lines where a block tag stood alone', () => {
    const body =
      'Shipped.\n{{#if order.tracking_number}}\nTracking: {{order.tracking_number}}\n{{else}}\nNo tracking yet.\n{{/if}}\nThanks'
    expect(renderTemplate(body, emma).text).toBe('Shipped.\nTracking: 1Z999\nThanks')
    const untracked = { ...emma, order: { number: '#1' } }
    expect(renderTemplate(body, untracked).text).toBe('Shipped.\nNo tracking yet.\nThanks')
    expect(renderTemplate('a{{#if order.carrier}} via {{order.carrier}}{{/if}}.', untracked).text).toBe('a.')
  })

  it('nests conditionals', () => {
    const body = '{{#if order.number}}{{order.number}}{{#if order.carrier}} ({{order.carrier}}){{/if}}{{/if}}'
    expect(renderTemplate(body, emma).text).toBe('#1042 (Yamato)')
    expect(renderTemplate(body, { ...emma, order: { number: '#7' } }).text).toBe('#7')
  })

  it('turns fill-in fields into blanks the composer can find and tab through', () => {
    const r = renderTemplate('It ships on {{field "new date"}}, by {{field "carrier"}}.', emma)
    expect(r.text).toBe('It ships on ⟦new date⟧, by ⟦carrier⟧.')
    expect(r.fields.map((f) => [f.label, r.text.slice(f.start, f.end)])).toEqual([
      ['new date', '⟦new date⟧'],
      ['carrier', '⟦carrier⟧'],
    ])
    expect(findFields(r.text)).toEqual(r.fields)
    expect(nextField(r.text, r.fields[0]!.end)?.label).toBe('carrier')
    expect(nextField(r.text, r.text.length)?.label).toBe('new date')
    expect(nextField(r.text, r.fields[1]!.start, true)?.label).toBe('new date')
    expect(nextField('typed over', 0)).toBeUndefined()
  })

  it('never sends a missing value as raw braces: it becomes a blank, and a problem says why', () => {
    const r = renderTemplate('Tracking: {{order.tracking_number}}', { ...emma, order: { number: '#1' } })
    expect(r.text).toBe('Tracking: ⟦tracking number⟧')
    expect(r.fields).toHaveLength(1)
    expect(r.problems).toMatchObject([
      { kind: 'missing_value', variable: 'order.tracking_number', line: 1, column: 11 },
    ])
    expect(r.problems.some(isBlocking)).toBe(false)
    expect(renderTemplate('{{order.tracking_number}}', { ...noriko, order: undefined }).text).toBe('⟦お問い合わせ番号⟧')
  })

  it('reports an unknown variable with its position and the likely meant one', () => {
    const r = renderTemplate('Hi,\nyour order {{order.numbr}} shipped', emma)
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toMatchObject({ kind: 'unknown_variable', line: 2, column: 12, variable: 'order.numbr' })
    expect(r.problems[0]!.message).toContain('Did you mean order.number?')
    expect(isBlocking(r.problems[0]!)).toBe(true)
    expect(r.text).not.toMatch(/\{\{order.number\}\}/)
  })

  it('reports broken syntax where it is', () => {
    const kinds = (body: string) => parseTemplate(body).problems.map((p) => [p.kind, p.line, p.column])
    expect(kinds('Hi {{customer.name')).toEqual([['unclosed_tag', 1, 4]])
    expect(kinds('a {{ }} b')).toEqual([['empty_tag', 1, 3]])
    expect(kinds('{{#each order}}')).toEqual([['unknown_tag', 1, 1]])
    expect(kinds('x\n{{#if order.number}}\nopen')).toEqual([['unclosed_if', 2, 1]])
    expect(kinds('{{/if}}')).toEqual([['unexpected_end', 1, 1]])
    expect(kinds('{{else}}')).toEqual([['unexpected_else', 1, 1]])
    expect(kinds('{{customer.name | there}}')).toEqual([['bad_fallback', 1, 1]])
    expect(kinds('{{field}}')).toEqual([['bad_field', 1, 1]])
    expect(kinds('{{#if order.numbr}}x{{/if}}')).toEqual([['unknown_variable', 1, 1]])
    expect(kinds('{{a {{order.number}}')).toEqual([['unclosed_tag', 1, 1]])
  })

  it('keeps the text of an unclosed conditional instead of losing it', () => {
    expect(renderTemplate('{{#if order.carrier}}via post', emma).text).toBe('via post')
  })

  it('accepts Japanese quotes around fallbacks and fields', () => {
    expect(
      renderTemplate('{{customer.first_name | 「お客」}}様 {{field 「発送日」}}', { ...noriko, customer: undefined })
        .text,
    ).toBe('お客様 ⟦発送日⟧')
  })

  it('renders every starter and demo template without a blocking problem', () => {
    const all = [...starterTemplates(), ...demoTemplates(new Rng(7))]
    for (const t of all) {
      const r = renderTemplate(t.body, t.language === 'ja' ? noriko : emma)
      expect(r.problems.filter(isBlocking), t.shortcut).toEqual([])
      expect(r.text, t.shortcut).not.toContain('{{')
    }
    const tracking = starterTemplates().find((t) => t.shortcut === 'tracking-ja')!
    expect(renderTemplate(tracking.body, noriko).text).toContain('配送業者：Yamato\nお問い合わせ番号：1Z999')
  })
})
