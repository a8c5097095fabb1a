// The command registry and the one keymap that reads it: chords, sequences such as `g i`,
// contexts, typing and IME composition never triggering shortcuts, and the seller's own keys.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type Command, CommandRegistry } from '../../renderer/src/app/commands'
import { bestScore, fuzzyScore } from '../../renderer/src/app/fuzzy'
import {
  chordOf,
  formatChord,
  isTypingTarget,
  Keymap,
  type KeyInput,
  parseChord,
  parseSequence,
} from '../../renderer/src/app/keymap'

/** A key press as the browser reports it; `target` defaults to the page body. */
function key(k: string, extra: Partial<KeyInput> = {}): KeyInput {
  return {
    key: k,
    ctrlKey: false,
    altKey: false,
    shiftKey: false,
    metaKey: false,
    target: { tagName: 'BODY' },
    ...extra,
  }
}
const input = { tagName: 'INPUT', type: 'text' }

function setup() {
  const registry = new CommandRegistry()
  const ran: string[] = []
  const command = (id: string, keys: string[], more: Partial<Command> = {}): Command => ({
    id,
    label: { en: id, ja: id },
    group: 'move',
    keys,
    when: 'inbox',
    run: () => ran.push(id),
    ...more,
  })
  const pending: (readonly string[])[] = []
  const keymap = new Keymap(registry, { onPending: (p) => pending.push(p) })
  return { registry, keymap, ran, command, pending }
}

describe('chords', () => {
  it('reads a printable key as the character it types, ignoring Shift and Caps Lock', () => {
    expect(chordOf(key('j'))).toBe('j')
    expect(chordOf(key('J'))).toBe('j') // Caps Lock on, no Shift
    expect(chordOf(key('J', { shiftKey: true }))).toBe('J')
    expect(chordOf(key('?', { shiftKey: true }))).toBe('?')
    expect(chordOf(key('Shift', { shiftKey: true }))).toBeNull()
  })

  it('writes Ctrl as Mod on Linux and Windows, and ⌘ as Mod on macOS', () => {
    expect(chordOf(key('k', { ctrlKey: true }))).toBe('Mod+k')
    expect(chordOf(key('k', { metaKey: true }), true)).toBe('Mod+k')
    expect(chordOf(key('k', { ctrlKey: true }), true)).toBe('Ctrl+k')
    expect(parseChord('Ctrl+K')).toBe('Mod+k')
    expect(parseChord('Mod+Enter')).toBe('Mod+Enter')
    expect(parseChord('Cmd+K', true)).toBe('Mod+k')
  })

  it('parses bindings as written by people and as stored', () => {
    expect(parseSequence('g i')).toEqual(['g', 'i'])
    expect(parseChord('esc')).toBe('Escape')
    expect(parseChord('Shift+j')).toBe('J')
    expect(parseChord('K')).toBe('K')
    expect(parseChord('shift+enter')).toBe('Shift+Enter')
    expect(parseChord('Mod+k')).toBe('Mod+k') // stored form reads back the same
    expect(parseChord('ArrowDown')).toBe('ArrowDown')
    expect(() => parseChord('Hyper+x')).toThrow(/Unknown modifier/)
  })

  it('shows keys the way the seller reads them', () => {
    expect(formatChord('Mod+k')).toBe('Ctrl+K')
    expect(formatChord('Mod+k', true)).toBe('⌘K')
    expect(formatChord('Escape')).toBe('Esc')
    expect(formatChord('ArrowDown')).toBe('↓')
    expect(formatChord('J')).toBe('Shift+J')
    expect(formatChord('?')).toBe('?')
  })
})

describe('keymap', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('runs the command bound to a key in the current context', () => {
    const { registry, keymap, ran, command } = setup()
    registry.register([command('inbox.next', ['j', 'ArrowDown'])])
    registry.enter('inbox')
    expect(keymap.handle(key('j'))).toMatchObject({ handled: true })
    expect(keymap.handle(key('ArrowDown'))).toMatchObject({ handled: true })
    expect(keymap.handle(key('x'))).toEqual({ handled: false })
    expect(ran).toEqual(['inbox.next', 'inbox.next'])
  })

  it('follows `g i` across two key presses, and shows the first key while waiting', () => {
    const { registry, keymap, ran, command, pending } = setup()
    registry.register([command('go.inbox', ['g i'], { when: 'anywhere' })])
    expect(keymap.handle(key('g'))).toEqual({ handled: true })
    expect(ran).toEqual([])
    expect(pending.at(-1)).toEqual(['g'])
    expect(keymap.handle(key('i'))).toMatchObject({ handled: true })
    expect(ran).toEqual(['go.inbox'])
    expect(pending.at(-1)).toEqual([])
  })

  it('forgets a half-typed sequence after a pause', () => {
    const { registry, keymap, ran, command } = setup()
    registry.register([command('go.inbox', ['g i'], { when: 'anywhere' })])
    keymap.handle(key('g'))
    vi.advanceTimersByTime(2000)
    expect(keymap.handle(key('i'))).toEqual({ handled: false })
    expect(ran).toEqual([])
  })

  it('reads an unbound second key on its own: `g` then `j` still moves', () => {
    const { registry, keymap, ran, command } = setup()
    registry.register([command('go.inbox', ['g i'], { when: 'anywhere' }), command('inbox.next', ['j'])])
    registry.enter('inbox')
    keymap.handle(key('g'))
    expect(keymap.handle(key('j'))).toMatchObject({ handled: true })
    expect(ran).toEqual(['inbox.next'])
  })

  it('never fires while an input method composes Japanese', () => {
    const { registry, keymap, ran, command } = setup()
    registry.register([command('inbox.done', ['e']), command('go.inbox', ['g i'], { when: 'anywhere' })])
    registry.enter('inbox')
    expect(keymap.handle(key('e', { isComposing: true }))).toEqual({ handled: false })
    // Chrome and Safari report keys the IME takes as keyCode 229, sometimes with isComposing false.
    expect(keymap.handle(key('e', { keyCode: 229 }))).toEqual({ handled: false })
    expect(keymap.handle(key('Process', { keyCode: 229 }))).toEqual({ handled: false })
    // A composition in the middle of a sequence ends the sequence.
    keymap.handle(key('g'))
    keymap.handle(key('i', { isComposing: true }))
    expect(keymap.handle(key('i'))).toEqual({ handled: false })
    expect(ran).toEqual([])
  })

  it('ignores keys typed into fields, except global ones such as Esc and Ctrl+Enter', () => {
    const { registry, keymap, ran, command } = setup()
    registry.register([
      command('inbox.done', ['e']),
      command('composer.send', ['Mod+Enter'], { global: true, when: 'composer' }),
      command('composer.close', ['Escape'], { global: true, when: 'composer' }),
      command('go.inbox', ['g i'], { when: 'anywhere', global: true }),
    ])
    registry.enter('composer')
    for (const target of [input, { tagName: 'TEXTAREA' }, { tagName: 'DIV', isContentEditable: true }]) {
      expect(keymap.handle(key('e', { target }))).toEqual({ handled: false })
      // Sequences never start in a field, even for a global command.
      expect(keymap.handle(key('g', { target }))).toEqual({ handled: false })
      expect(keymap.handle(key('i', { target }))).toEqual({ handled: false })
    }
    expect(keymap.handle(key('Enter', { ctrlKey: true, target: input }))).toMatchObject({ handled: true })
    expect(keymap.handle(key('Escape', { target: input }))).toMatchObject({ handled: true })
    expect(ran).toEqual(['composer.send', 'composer.close'])
  })

  it('tells fields from other elements', () => {
    expect(isTypingTarget(input)).toBe(true)
    expect(isTypingTarget({ tagName: 'INPUT', type: 'search' })).toBe(true)
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false)
    expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true)
    expect(isTypingTarget({ tagName: 'LI' })).toBe(false)
    expect(isTypingTarget(null)).toBe(false)
  })

  it('leaves Enter to a focused button', () => {
    const { registry, keymap, ran, command } = setup()
    registry.register([command('inbox.open', ['Enter'])])
    registry.enter('inbox')
    expect(keymap.handle(key('Enter', { target: { tagName: 'BUTTON' } }))).toEqual({ handled: false })
    expect(keymap.handle(key('Enter'))).toMatchObject({ handled: true })
    expect(ran).toEqual(['inbox.open'])
  })

  it('applies a command only in its context; the most specific context entered wins', () => {
    const { registry, keymap, ran, command } = setup()
    registry.register([
      command('conversation.back', ['Escape'], { when: 'conversation' }),
      command('composer.close', ['Escape'], { when: 'composer' }),
      command('inbox.done', ['e'], { when: ['inbox', 'conversation'] }),
    ])
    const leaveInbox = registry.enter('inbox')
    expect(keymap.handle(key('Escape'))).toEqual({ handled: false })
    // A composer inside the conversation mounts first; the conversation's context comes after.
    const leaveComposer = registry.enter('composer')
    const leaveConversation = registry.enter('conversation')
    expect(registry.context()).toBe('composer')
    keymap.handle(key('Escape'))
    expect(keymap.handle(key('e'))).toEqual({ handled: false })
    leaveComposer()
    keymap.handle(key('Escape'))
    keymap.handle(key('e'))
    leaveConversation()
    leaveInbox()
    expect(registry.context()).toBe('anywhere')
    expect(ran).toEqual(['composer.close', 'conversation.back', 'inbox.done'])
  })

  it('lets a screen’s own command win over the shell’s on the same key', () => {
    const { registry, keymap, ran, command } = setup()
    registry.register([
      command('shell.help', ['?'], { when: 'anywhere' }),
      command('inbox.done', ['e'], { when: ['inbox', 'conversation'] }),
    ])
    registry.enter('conversation')
    // The conversation screen mounts later with its own `e` and `?`.
    const off = registry.register([
      command('conversation.done', ['e'], { when: 'conversation' }),
      command('conversation.help', ['?'], { when: 'conversation' }),
    ])
    keymap.handle(key('e'))
    keymap.handle(key('?'))
    off()
    keymap.handle(key('e'))
    keymap.handle(key('?'))
    expect(ran).toEqual(['conversation.done', 'conversation.help', 'inbox.done', 'shell.help'])
  })

  it('does not run a disabled command, nor repeat an action while a key is held', () => {
    const { registry, keymap, ran, command } = setup()
    let enabled = false
    registry.register([
      command('inbox.open', ['Enter'], { enabled: () => enabled }),
      command('inbox.next', ['j']),
      command('inbox.done', ['e'], { group: 'triage' }),
    ])
    registry.enter('inbox')
    expect(keymap.handle(key('Enter'))).toEqual({ handled: false })
    enabled = true
    keymap.handle(key('Enter'))
    keymap.handle(key('j', { repeat: true }))
    keymap.handle(key('e'))
    keymap.handle(key('e', { repeat: true }))
    expect(ran).toEqual(['inbox.open', 'inbox.next', 'inbox.done'])
  })

  it('is quiet while suspended (a dialog handles its own keys)', () => {
    const { registry, keymap, ran, command } = setup()
    registry.register([command('inbox.next', ['j'])])
    registry.enter('inbox')
    const resume = keymap.suspend()
    expect(keymap.handle(key('j'))).toEqual({ handled: false })
    resume()
    keymap.handle(key('j'))
    expect(ran).toEqual(['inbox.next'])
  })

  it('uses the seller’s own keys instead of the defaults, and `[]` unbinds', () => {
    const { registry, keymap, ran, command } = setup()
    registry.register([command('inbox.next', ['j', 'ArrowDown']), command('inbox.done', ['e'])])
    registry.enter('inbox')
    registry.setOverrides({ 'inbox.next': ['n', 'ArrowDown'], 'inbox.done': [] })
    expect(keymap.handle(key('j'))).toEqual({ handled: false })
    keymap.handle(key('n'))
    keymap.handle(key('ArrowDown'))
    expect(keymap.handle(key('e'))).toEqual({ handled: false })
    registry.setOverrides({})
    keymap.handle(key('j'))
    expect(ran).toEqual(['inbox.next', 'inbox.next', 'inbox.next'])
  })

  it('rebinds to a sequence, and a bad override by hand does not break the keymap', () => {
    const { registry, keymap, ran, command } = setup()
    registry.register([command('inbox.done', ['e'])])
    registry.enter('inbox')
    registry.setOverrides({ 'inbox.done': ['Hyper+x', 'd d'] })
    keymap.handle(key('d'))
    keymap.handle(key('d'))
    expect(ran).toEqual(['inbox.done'])
  })

  it('refuses a new key that another command in the same place answers to', () => {
    const { registry, keymap, command } = setup()
    const next = command('inbox.next', ['j'])
    const done = command('inbox.done', ['e'])
    const back = command('conversation.back', ['Escape'], { when: 'conversation' })
    const goInbox = command('go.inbox', ['g i'], { when: 'anywhere' })
    registry.register([next, done, back, goInbox])
    expect(keymap.conflictFor(done, ['j'])?.id).toBe('inbox.next')
    expect(keymap.conflictFor(done, ['g'])?.id).toBe('go.inbox') // `g` would shadow `g i`
    expect(keymap.conflictFor(done, ['g', 'i', 'x'])?.id).toBe('go.inbox')
    expect(keymap.conflictFor(done, ['Escape'])).toBeUndefined() // Esc is the conversation's
    expect(keymap.conflictFor(done, ['d'])).toBeUndefined()
    expect(keymap.conflictFor(done, ['e'])).toBeUndefined() // its own key
  })

  it('drops commands when the component that registered them goes away', () => {
    const { registry, command } = setup()
    const off = registry.register([command('a', ['x'])])
    const offNewer = registry.register([command('a', ['y'])])
    off() // the older registration must not remove the newer one
    expect(registry.get('a')?.keys).toEqual(['y'])
    offNewer()
    expect(registry.get('a')).toBeUndefined()
  })
})

describe('palette matching', () => {
  it('finds commands by a few letters, in order, best at word starts', () => {
    expect(fuzzyScore('swl', 'Switch language')).not.toBeNull()
    expect(fuzzyScore('lang', 'Switch language')).not.toBeNull()
    expect(fuzzyScore('xyz', 'Switch language')).toBeNull()
    expect(fuzzyScore('md', 'Mark done')!).toBeGreaterThan(fuzzyScore('md', 'Command palette')!)
  })

  it('matches Japanese labels, and English ones in a Japanese UI', () => {
    expect(fuzzyScore('言語', '言語を切り替える')).not.toBeNull()
    expect(bestScore('switch', ['言語を切り替える', 'Switch language'])).not.toBeNull()
    expect(fuzzyScore('ｓｗｉｔｃｈ', 'Switch language')).not.toBeNull() // full-width letters from an IME
  })
})
