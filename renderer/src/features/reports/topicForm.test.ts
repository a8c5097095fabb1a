import { describe, expect, it } from 'vitest'
import { fieldsOf, formKeyOf, idFor, keywordsOf, rulesOf, topicErrors } from './topicForm'

const rule = {
  id: 'refund',
  label: { en: 'Refund', ja: '返金' },
  en: ['refund*', 'money back'],
  ja: ['返金', '払い戻し'],
}

describe('the topic editor form', () => {
  it('shows keywords as one line per language and reads them back', () => {
    const f = fieldsOf(rule)
    expect(f.en).toBe('refund*, money back')
    expect(f.ja).toBe('返金、払い戻し')
    expect(rulesOf([f])).toEqual([rule])
  })

  it('splits keywords on commas of either width and 、, dropping blanks', () => {
    expect(keywordsOf(' gift wrap , ，noshi、のし,, ')).toEqual(['gift wrap', 'noshi', 'のし'])
  })

  it('makes an id from the name, unique among the others', () => {
    expect(idFor('Gift wrap!', new Set())).toBe('gift-wrap')
    expect(idFor('Gift wrap', new Set(['gift-wrap']))).toBe('gift-wrap-2')
    expect(idFor('ギフト', new Set())).toBe('topic')
  })

  it('says what is wrong under the field, in the seller’s language', () => {
    const empty = { id: 'x', labelEn: ' ', labelJa: '', en: ' , ', ja: '', problem: false }
    expect(topicErrors([empty], 'en')).toEqual({
      '0.labelEn': 'Give the topic a name, in English or Japanese.',
      '0.en': 'Give at least one keyword, in English or Japanese.',
    })
    expect(topicErrors([{ ...empty, labelJa: 'のし', ja: '*' }], 'ja')).toEqual({ '0.ja': '* の前に文字が必要です。' })
    expect(topicErrors([], 'en')).toEqual({ form: 'Keep at least one topic.' })
    expect(topicErrors([fieldsOf(rule)], 'en')).toEqual({})
  })

  it('puts an engine problem under the field it names', () => {
    expect(formKeyOf('rules.3.label.ja')).toBe('3.labelJa')
    expect(formKeyOf('rules.0.en.2')).toBe('0.en')
    expect(formKeyOf('rules')).toBe('form')
  })
})
