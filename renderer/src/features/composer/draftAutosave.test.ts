import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Api, RequestInput } from '../../../../preload/api'
import { AUTOSAVE_DELAY_MS, DraftAutosave } from './draftAutosave'
import type { ComposerState } from './draftState'

const state = (text: string): ComposerState => ({
  mode: 'reply',
  conversationId: 'cnv_1',
  accountId: 'acc_1',
  to: 'Jane <jane@example.com>',
  cc: '',
  subject: 'Re: Hello',
  text,
  forwarded: [],
  files: [],
})

/** An engine that records each draft.save and answers after `delayMs`. */
function fakeApi(delayMs = 0) {
  const saves: RequestInput<'draft.save'>[] = []
  const api = {
    call: async (method: string, input: RequestInput<'draft.save'>) => {
      if (method !== 'draft.save') throw new Error(`unexpected ${method}`)
      saves.push(input)
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs))
      return { id: input.draftId ?? 'drf_1', conversationId: 'cnv_1', savedAt: '2026-11-23T10:00:00.000Z' }
    },
    on: () => () => undefined,
  } as unknown as Api
  return { api, saves }
}

describe('draft autosave', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('saves once the seller pauses, and names the draft the first save made on every later save', async () => {
    const { api, saves } = fakeApi()
    const autosave = new DraftAutosave(api, undefined, () => undefined)
    autosave.changed(state('H'))
    autosave.changed(state('He'))
    autosave.changed(state('Hel'))
    expect(saves).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    expect(saves.map((s) => [s.text, s.draftId])).toEqual([['Hel', undefined]])
    autosave.changed(state('Hello'))
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    expect(saves.map((s) => [s.text, s.draftId])).toEqual([
      ['Hel', undefined],
      ['Hello', 'drf_1'],
    ])
  })

  it('waits for a save on its way before the next one, so the id is always known', async () => {
    const { api, saves } = fakeApi(1000)
    const autosave = new DraftAutosave(api, undefined, () => undefined)
    autosave.changed(state('one'))
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS)
    autosave.changed(state('two'))
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 2000)
    expect(saves.map((s) => [s.text, s.draftId])).toEqual([
      ['one', undefined],
      ['two', 'drf_1'],
    ])
  })

  it('flush saves what is pending at once and answers with the draft id', async () => {
    const { api, saves } = fakeApi()
    const autosave = new DraftAutosave(api, undefined, () => undefined)
    autosave.changed(state('typed just now'))
    await expect(autosave.flush()).resolves.toBe('drf_1')
    expect(saves.map((s) => s.text)).toEqual(['typed just now'])
  })

  it('saves nothing after stop, not even what was pending: a sent draft never comes back', async () => {
    const { api, saves } = fakeApi()
    const autosave = new DraftAutosave(api, 'drf_9', () => undefined)
    autosave.changed(state('late'))
    await expect(autosave.stop()).resolves.toBe('drf_9')
    autosave.changed(state('later'))
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 2)
    expect(saves).toEqual([])
  })
})
