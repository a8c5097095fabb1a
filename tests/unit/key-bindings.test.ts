// The seller's own keys: changed one command at a time (a key already taken is refused, naming
// who has it), put back to the defaults, read from settings.json even when it was edited by
// hand with mistakes, moved once from the localStorage of earlier versions, and checked at the
// contract before the engine stores them.
import { describe, expect, it } from 'vitest'
import { type Command, CommandRegistry } from '../../renderer/src/app/commands'
import { Keymap } from '../../renderer/src/app/keymap'
import {
  forgetLegacyBindings,
  LEGACY_STORAGE_KEY,
  legacyBindings,
  readBindings,
  rebind,
  resetBinding,
  sameBindings,
} from '../../renderer/src/features/keys/bindings'
import { requestSchemas } from '../../preload/schemas/requests'

function setup() {
  const registry = new CommandRegistry()
  const ran: string[] = []
  const command = (id: string, keys: string[], when: Command['when'] = 'inbox'): Command => ({
    id,
    label: { en: `${id} (en)`, ja: `${id} (ja)` },
    group: 'triage',
    keys,
    when,
    run: () => ran.push(id),
  })
  const done = command('inbox.done', ['e'], ['inbox', 'conversation'])
  const next = command('inbox.next', ['j', 'ArrowDown'])
  const viewAll = command('view.all', ['g a'], 'anywhere')
  const reply = command('conversation.reply', ['r'], 'conversation')
  const reportsSave = command('reports.save', ['x'], 'reports')
  registry.register([done, next, viewAll, reply, reportsSave])
  registry.enter('inbox')
  const keymap = new Keymap(registry)
  const press = (k: string) => keymap.handle({ key: k, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false })
  return { registry, keymap, ran, press, done, next, viewAll, reply }
}

describe('changing a key', () => {
  it('gives mark-done a new key that works at once, and the old key stops working', () => {
    const { registry, keymap, ran, press, done } = setup()
    const result = rebind(registry, keymap, done, ['x'])
    expect(result).toEqual({ ok: true, overrides: { 'inbox.done': ['x'] } })
    registry.setOverrides(result.ok ? result.overrides : {})
    press('e')
    press('x')
    expect(ran).toEqual(['inbox.done'])
  })

  it('takes a key another screen uses for something else (reports’ x never meets the inbox)', () => {
    const { registry, keymap, done } = setup()
    expect(rebind(registry, keymap, done, ['x']).ok).toBe(true)
  })

  it('refuses a key already used where the command applies, naming who has it', () => {
    const { registry, keymap, done, next } = setup()
    const taken = rebind(registry, keymap, done, ['j'])
    expect(taken).toMatchObject({ ok: false, by: { id: 'inbox.next' } })
    // The conversation's r is taken too: done applies there as well.
    expect(rebind(registry, keymap, done, ['r'])).toMatchObject({ ok: false, by: { id: 'conversation.reply' } })
    // `g` alone would shadow `g a`; `g a x` would never be reached after `g a`.
    expect(rebind(registry, keymap, next, ['g'])).toMatchObject({ ok: false, by: { id: 'view.all' } })
    expect(rebind(registry, keymap, next, ['g', 'a', 'x'])).toMatchObject({ ok: false, by: { id: 'view.all' } })
    // Nothing was changed by the refusals.
    expect(registry.getOverrides()).toEqual({})
  })

  it('keeps the command’s other keys (↓ beside j) and leaves no override when the key is the default again', () => {
    const { registry, keymap, next } = setup()
    const moved = rebind(registry, keymap, next, ['n'])
    expect(moved).toEqual({ ok: true, overrides: { 'inbox.next': ['n', 'ArrowDown'] } })
    registry.setOverrides(moved.ok ? moved.overrides : {})
    expect(rebind(registry, keymap, next, ['j'])).toEqual({ ok: true, overrides: {} })
  })

  it('puts one command back to its default and leaves the others alone', () => {
    const overrides = { 'inbox.done': ['x'], 'inbox.next': ['n'] }
    expect(resetBinding(overrides, 'inbox.done')).toEqual({ 'inbox.next': ['n'] })
    expect(resetBinding(overrides, 'not.bound')).toEqual(overrides)
    expect(overrides).toEqual({ 'inbox.done': ['x'], 'inbox.next': ['n'] })
  })

  it('tells bindings that would change nothing from ones that would', () => {
    expect(sameBindings({ a: ['Ctrl+K'] }, { a: ['Mod+k'] })).toBe(true)
    expect(sameBindings({ a: ['x'] }, { a: ['x'], b: [] })).toBe(false)
    expect(sameBindings({ a: ['x'] }, { a: ['y'] })).toBe(false)
  })
})

describe('keys read from settings.json', () => {
  it('keeps every good binding of a hand-edited file and drops only the bad ones', () => {
    expect(
      readBindings({
        'inbox.done': ['x'],
        'inbox.next': [],
        'view.all': ['g  a'],
        'bad.number': [7],
        'bad.modifier': ['Hyper+x'],
        'bad.notAList': 'x',
        'bad.tooMany': ['a', 'b', 'c', 'd', 'e'],
        'bad.empty': [''],
      }),
    ).toEqual({ 'inbox.done': ['x'], 'inbox.next': [], 'view.all': ['g  a'] })
  })

  it('reads nothing out of a value that is not bindings at all', () => {
    for (const bad of [undefined, null, 'x', 42, ['inbox.done'], true]) expect(readBindings(bad)).toEqual({})
  })

  it('a damaged binding never breaks the keymap: the command keeps working on its defaults', () => {
    const { registry, ran, press } = setup()
    registry.setOverrides(readBindings({ 'inbox.done': ['Hyper+x'] }))
    press('e')
    expect(ran).toEqual(['inbox.done'])
  })
})

describe('keys kept by earlier versions in localStorage', () => {
  const storage = (value: string | null) => {
    const items = new Map<string, string>(value === null ? [] : [[LEGACY_STORAGE_KEY, value]])
    return {
      items,
      getItem: (k: string) => items.get(k) ?? null,
      removeItem: (k: string) => void items.delete(k),
    }
  }

  it('finds them to move into settings.json, and forgets them once told', () => {
    const s = storage(JSON.stringify({ 'inbox.done': ['x'] }))
    expect(legacyBindings(s)).toEqual({ 'inbox.done': ['x'] })
    forgetLegacyBindings(s)
    expect(s.items.size).toBe(0)
    expect(legacyBindings(s)).toBeNull()
  })

  it('finds nothing worth moving in a damaged or empty value', () => {
    expect(legacyBindings(storage('{not json'))).toBeNull()
    expect(legacyBindings(storage('{}'))).toBeNull()
    expect(legacyBindings(storage(null))).toBeNull()
  })
})

describe('the contract', () => {
  const update = requestSchemas['settings.update']
  const problem = (keyBindings: unknown) => update.safeParse({ keyBindings }).error?.issues[0]?.message

  it('takes the seller’s keys by command id', () => {
    expect(
      update.safeParse({ keyBindings: { 'inbox.done': ['x'], 'view.all': ['g a'], 'inbox.next': [] } }).success,
    ).toBe(true)
  })

  it('refuses keys it should not store, saying why', () => {
    expect(problem({ 'inbox.done': [''] })).toMatch(/cannot be empty/)
    expect(problem({ 'inbox.done': ['x\u0000'] })).toMatch(/control characters/)
    expect(problem({ 'inbox.done': ['a', 'b', 'c', 'd', 'e'] })).toMatch(/at most 4 keys/)
    expect(problem({ 'inbox.done': 'x' })).toBeDefined()
    expect(problem({ '': ['x'] })).toMatch(/command id/)
    const many = Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`c${i}`, ['x']]))
    expect(problem(many)).toMatch(/At most 500/)
  })
})
