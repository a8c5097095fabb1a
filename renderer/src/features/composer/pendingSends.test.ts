import { describe, expect, it } from 'vitest'
import type { OutboxItem } from '../../../../main/core/model'
import type { Api } from '../../../../preload/api'
import type { ComposerState } from './draftState'
import { PendingSends } from './pendingSends'

const item = (over: Partial<OutboxItem> = {}): OutboxItem => ({
  id: 'out_1',
  accountId: 'acc_1',
  conversationId: 'cnv_1',
  messageId: '<x@example.com>',
  to: [{ address: 'jane@example.com' }],
  cc: [],
  subject: 'Re: Hello',
  text: 'Thanks!',
  queuedAt: new Date(Date.now()).toISOString(),
  sendAfter: new Date(Date.now() + 10_000).toISOString(),
  state: 'queued',
  attempts: 0,
  ...over,
})

const snapshot: ComposerState = {
  draftId: 'drf_1',
  mode: 'reply',
  conversationId: 'cnv_1',
  accountId: 'acc_1',
  to: 'jane@example.com',
  cc: '',
  subject: 'Re: Hello',
  text: 'Thanks!',
  forwarded: [],
  files: [{ name: 'a.txt', contentType: 'text/plain', size: 1, dataBase64: 'YQ==' }],
}

function fakeApi(cancel: () => Promise<unknown> = async () => item()) {
  const calls: [string, unknown][] = []
  const api = {
    call: async (method: string, input: unknown) => {
      calls.push([method, input])
      if (method === 'outbox.cancel') return cancel()
      return { id: 'drf_2', savedAt: '' }
    },
    on: () => () => undefined,
  } as unknown as Api
  return { api, calls }
}

describe('sends waiting out their undo window', () => {
  it('undo cancels the outbox item and gives the composer back to the open customer screen, files and all', async () => {
    const store = new PendingSends()
    const { api, calls } = fakeApi()
    const restored: ComposerState[] = []
    store.onRestore('cus_1', (s) => restored.push(s))
    store.add({ item: item(), snapshot, recipient: 'Jane', customerId: 'cus_1' })
    expect(store.undoable()?.item.id).toBe('out_1')
    await store.undo(api, 'out_1')
    expect(calls).toEqual([['outbox.cancel', { id: 'out_1' }]])
    // The draft it came from was deleted when it was queued: the restored one starts afresh.
    const { draftId: _deleted, ...afresh } = snapshot
    expect(restored).toEqual([afresh])
    expect(store.list()).toEqual([])
  })

  it('keeps the draft through draft.save when no screen shows that customer', async () => {
    const store = new PendingSends()
    const { api, calls } = fakeApi()
    store.add({ item: item(), snapshot, recipient: 'Jane', customerId: 'cus_1' })
    await store.undo(api, 'out_1')
    expect(calls.map(([m]) => m)).toEqual(['outbox.cancel', 'draft.save'])
    expect(calls[1]![1]).toMatchObject({
      conversationId: 'cnv_1',
      text: 'Thanks!',
      to: [{ address: 'jane@example.com' }],
    })
    expect(calls[1]![1]).not.toHaveProperty('draftId')
  })

  it('says so when it is too late, and keeps the entry', async () => {
    const store = new PendingSends()
    const { api } = fakeApi(async () => {
      throw new Error('Too late to undo: the message is already on its way.')
    })
    store.add({ item: item(), snapshot, recipient: 'Jane' })
    await expect(store.undo(api, 'out_1')).rejects.toThrow(/Too late/)
    expect(store.list()[0]).toMatchObject({ state: 'waiting', error: expect.stringMatching(/Too late/) })
  })

  it('follows the outbox: sent, or failed with the reason', () => {
    const store = new PendingSends()
    store.add({ item: item(), snapshot, recipient: 'Jane' })
    store.add({ item: item({ id: 'out_2' }), snapshot, recipient: 'Sato' })
    store.outboxChanged([item({ state: 'sent' }), item({ id: 'out_2', state: 'failed', lastError: 'No route' })])
    expect(store.list().map((e) => [e.item.id, e.state, e.error])).toEqual([
      ['out_1', 'sent', undefined],
      ['out_2', 'failed', 'No route'],
    ])
    expect(store.undoable()).toBeUndefined()
  })

  it('offers no undo once the window has passed', () => {
    const store = new PendingSends()
    store.add({ item: item({ sendAfter: new Date(Date.now() - 1).toISOString() }), snapshot, recipient: 'Jane' })
    expect(store.undoable()).toBeUndefined()
  })
})
