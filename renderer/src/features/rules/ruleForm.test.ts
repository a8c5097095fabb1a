import { describe, expect, it } from 'vitest'
import type { RuleView } from '../../../../preload/api'
import { requestSchemas } from '../../../../preload/schemas/requests'
import { blankRule, formOf, inputOf, splitList } from './ruleForm'

const ruleInputSchema = requestSchemas['rules.save']

describe('the rule editor’s form', () => {
  it('splits words typed with English or Japanese commas', () => {
    expect(splitList('返品、refund , 破損，  ')).toEqual(['返品', 'refund', '破損'])
  })

  it('turns a filled form into the rule the engine takes, and back', () => {
    const form = {
      ...blankRule(),
      name: '返品 → タグ',
      trigger: 'lowRating' as const,
      amount: '1',
      words: '返品、damaged',
      kinds: ['feedback' as const],
      actions: [{ ...blankRule().actions[0]!, kind: 'snooze' as const, hours: '48' }],
    }
    const input = inputOf(form)
    expect(input).toEqual({
      name: '返品 → タグ',
      enabled: true,
      trigger: { kind: 'lowRating', maxRating: 1 },
      conditions: { words: ['返品', 'damaged'], channels: [], kinds: ['feedback'], tags: [] },
      actions: [{ kind: 'snooze', hours: 48 }],
    })
    const stored = { ...ruleInputSchema.parse(input), id: 'rule_1', createdAt: '', updatedAt: '', fired: 0 } as RuleView
    expect(inputOf(formOf(stored))).toEqual({ ...input, id: 'rule_1' })
  })

  it('leaves a number that is not one for the engine to refuse by its field', () => {
    const input = inputOf({ ...blankRule(), trigger: 'noReply', amount: 'a week' })
    const r = ruleInputSchema.safeParse({ ...input, name: 'x', actions: [{ kind: 'needsReply' }] })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]).toMatchObject({
      path: ['trigger', 'days'],
      message: 'The number of days must be a number.',
    })
  })

  it('drops message kinds when the trigger is not about a message', () => {
    expect(inputOf({ ...blankRule(), trigger: 'clock', amount: '2', kinds: ['return'] }).conditions?.kinds).toEqual([])
  })

  it('shows a default rule’s name in the seller’s language', () => {
    const rule = {
      id: 'rule_default_follow_up',
      name: 'No reply 7 days after our answer → tag “follow-up”',
      enabled: true,
      trigger: { kind: 'noReply', days: 7 },
      conditions: { words: [], channels: [], kinds: [], tags: [] },
      actions: [{ kind: 'tag', tag: 'follow-up' }],
      createdAt: '',
      updatedAt: '',
      fired: 0,
    } satisfies RuleView
    expect(formOf(rule, 'ja').name).toBe('回答後 7 日間返信なし → タグ「follow-up」')
    expect(formOf({ ...rule, name: 'Mine' }, 'ja').name).toBe('Mine')
  })
})
