// The one keymap: turns key presses into commands from the registry, including sequences such
// as `g i`. Keys never fire while the seller types in a field (except commands marked global,
// like Esc or Ctrl+Enter) nor while an input method composes Japanese (isComposing, keyCode 229).
// Framework-free: it reads plain key-event fields, so tests drive it without a DOM.
import { type Command, type CommandContext, type CommandRegistry, isEnabled } from './commands'

/** The fields of a KeyboardEvent the keymap reads. */
export interface KeyInput {
  key: string
  ctrlKey: boolean
  altKey: boolean
  shiftKey: boolean
  metaKey: boolean
  isComposing?: boolean
  keyCode?: number
  repeat?: boolean
  target?: unknown
}

export interface KeymapOptions {
  /** macOS: `Mod` is ⌘ rather than Ctrl. */
  mac?: boolean
  /** How long the second key of a sequence may wait. */
  sequenceTimeoutMs?: number
  /** Whether the seller is typing into `target`; default: inputs, textareas, selects, contenteditable. */
  isTyping?(target: unknown): boolean
  /** Whether `target` handles this chord itself (Enter on a button). */
  ownsKey?(target: unknown, chord: string): boolean
  /** Told when a sequence starts or ends (`[]`), so the UI can show `g …`. */
  onPending?(chords: readonly string[]): void
}

export type KeyOutcome =
  | { handled: false }
  /** The key was used: the caller prevents the browser's default. `command` is absent for the first key of a sequence. */
  | { handled: true; command?: Command }

const NOT_HANDLED: KeyOutcome = { handled: false }
const MODIFIERS = new Set(['Control', 'Shift', 'Alt', 'AltGraph', 'Meta', 'OS', 'Super', 'Hyper', 'Fn', 'CapsLock'])
const ALIASES: Record<string, string> = {
  esc: 'Escape',
  escape: 'Escape',
  enter: 'Enter',
  return: 'Enter',
  space: 'Space',
  tab: 'Tab',
  up: 'ArrowUp',
  down: 'ArrowDown',
  left: 'ArrowLeft',
  right: 'ArrowRight',
  arrowup: 'ArrowUp',
  arrowdown: 'ArrowDown',
  arrowleft: 'ArrowLeft',
  arrowright: 'ArrowRight',
  del: 'Delete',
  delete: 'Delete',
  backspace: 'Backspace',
  home: 'Home',
  end: 'End',
  pageup: 'PageUp',
  pagedown: 'PageDown',
}
const ORDER = ['Mod', 'Ctrl', 'Alt', 'Shift', 'Meta'] as const
type Modifier = (typeof ORDER)[number]

function isPrintable(key: string): boolean {
  return [...key].length === 1 && key !== ' '
}

function canonical(mods: Set<Modifier>, key: string): string {
  let k = key
  if (isPrintable(k)) {
    const plain = !mods.has('Mod') && !mods.has('Ctrl') && !mods.has('Alt') && !mods.has('Meta')
    if (plain) {
      // A printable key stands for the character it types: `?`, not `Shift+/`; `J`, not `Shift+j`.
      if (/^[a-z]$/i.test(k)) k = mods.has('Shift') ? k.toUpperCase() : k.toLowerCase()
      mods.delete('Shift')
    } else {
      k = k.toLowerCase()
    }
  }
  return [...ORDER.filter((m) => mods.has(m)), k].join('+')
}

/** The chord a key press makes, canonical (`Mod+k`, `Shift+Enter`, `?`), or null for a lone modifier. */
export function chordOf(e: KeyInput, mac = false): string | null {
  if (MODIFIERS.has(e.key) || e.key === 'Dead' || e.key === 'Unidentified' || e.key === 'Process') return null
  const mods = new Set<Modifier>()
  if (e.ctrlKey) mods.add(mac ? 'Ctrl' : 'Mod')
  if (e.metaKey) mods.add(mac ? 'Mod' : 'Meta')
  if (e.altKey) mods.add('Alt')
  if (e.shiftKey) mods.add('Shift')
  const key = e.key === ' ' ? 'Space' : e.key
  // Caps Lock must not turn `j` into `J`: letters take their case from Shift alone.
  return canonical(mods, /^[a-z]$/i.test(key) ? key.toLowerCase() : key)
}

/** One chord as written in a binding (`Ctrl+K`, `shift+enter`, `?`) made canonical. */
export function parseChord(text: string, mac = false): string {
  const parts = text.trim().split('+')
  // `+` itself, or a binding ending in `++`.
  let key = parts.pop() ?? ''
  if (key === '' && parts.at(-1) === '') {
    parts.pop()
    key = '+'
  }
  const mods = new Set<Modifier>()
  for (const p of parts) {
    const m = p.toLowerCase()
    if (m === 'mod') mods.add('Mod')
    else if (m === 'ctrl' || m === 'control') mods.add(mac ? 'Ctrl' : 'Mod')
    else if (m === 'cmd' || m === 'meta' || m === 'command') mods.add(mac ? 'Mod' : 'Meta')
    else if (m === 'alt' || m === 'option') mods.add('Alt')
    else if (m === 'shift') mods.add('Shift')
    else throw new Error(`Unknown modifier "${p}" in "${text}"`)
  }
  // `K` alone is the character Shift+k types; `Ctrl+K` is Ctrl and the k key.
  if (mods.size === 0 && /^[A-Z]$/.test(key)) mods.add('Shift')
  const named = ALIASES[key.toLowerCase()]
  return canonical(mods, named ?? (key.length > 1 ? key[0]!.toUpperCase() + key.slice(1) : key))
}

/** A key sequence as written (`g i`, `Ctrl+K`) made canonical. */
export function parseSequence(text: string, mac = false): string[] {
  return text
    .trim()
    .split(/\s+/)
    .filter((c) => c !== '')
    .map((c) => parseChord(c, mac))
}

const SYMBOLS: Record<string, string> = {
  Escape: 'Esc',
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  PageUp: 'PgUp',
  PageDown: 'PgDn',
}

/** A canonical chord split into its modifiers and its key (which may itself be `+`). */
function splitChord(chord: string): { mods: string[]; key: string } {
  if (chord === '+' || chord.endsWith('++')) return { mods: chord.slice(0, -2).split('+').filter(Boolean), key: '+' }
  const parts = chord.split('+')
  return { key: parts.pop()!, mods: parts }
}

/** A canonical chord as the seller reads it: `Ctrl+K` (⌘K on macOS), `Esc`, `↓`, `?`, `Shift+J`. */
export function formatChord(chord: string, mac = false): string {
  const { mods, key } = splitChord(chord)
  if (mods.length === 0 && /^[A-Z]$/.test(key)) mods.push('Shift')
  const shown = SYMBOLS[key] ?? (key.length === 1 ? key.toUpperCase() : key)
  if (mods.length === 0) return SYMBOLS[key] ?? key
  if (mac) {
    const sign: Record<string, string> = { Mod: '⌘', Ctrl: '⌃', Alt: '⌥', Shift: '⇧', Meta: '⌘' }
    return mods.map((m) => sign[m] ?? m).join('') + shown
  }
  return [...mods.map((m) => (m === 'Mod' ? 'Ctrl' : m)), shown].join('+')
}

/** A key sequence as the seller reads it, one string per chord: `['g', 'i']`, `['Ctrl+K']`. */
export function formatSequence(sequence: readonly string[], mac = false): string[] {
  return sequence.map((c) => formatChord(c, mac))
}

/** Default answer to "is the seller typing there?": text fields, selects and editable content. */
export function isTypingTarget(target: unknown): boolean {
  const el = target as { tagName?: unknown; isContentEditable?: boolean; type?: unknown } | null | undefined
  if (!el || typeof el.tagName !== 'string') return false
  if (el.isContentEditable) return true
  const tag = el.tagName.toUpperCase()
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag !== 'INPUT') return false
  const type = typeof el.type === 'string' ? el.type.toLowerCase() : 'text'
  return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image'].includes(type)
}

/** Default: a focused button or link handles Enter and Space itself. */
export function nativeControlOwns(target: unknown, chord: string): boolean {
  const el = target as { tagName?: unknown } | null | undefined
  if (!el || typeof el.tagName !== 'string') return false
  return (chord === 'Enter' || chord === 'Space') && ['BUTTON', 'A', 'SUMMARY'].includes(el.tagName.toUpperCase())
}

export class Keymap {
  private pending: string[] = []
  private timer: ReturnType<typeof setTimeout> | undefined
  private suspended = 0
  private readonly mac: boolean
  private readonly timeoutMs: number
  private readonly parsed = new Map<string, string[] | null>()

  constructor(
    private readonly registry: CommandRegistry,
    private readonly options: KeymapOptions = {},
  ) {
    this.mac = options.mac ?? false
    this.timeoutMs = options.sequenceTimeoutMs ?? 1500
  }

  /** Stops the keymap while a dialog handles its own keys; returns the function that resumes it. */
  suspend(): () => void {
    this.suspended++
    this.reset()
    let done = false
    return () => {
      if (!done) this.suspended--
      done = true
    }
  }

  /** The sequences a command answers to, canonical. Bad overrides are skipped, not fatal. */
  sequencesOf(command: Command): string[][] {
    const out: string[][] = []
    for (const keys of this.registry.keysOf(command)) {
      const seq = this.parse(keys)
      if (seq) out.push(seq)
    }
    return out
  }

  /** A binding as written, parsed once (every key press reads every command's); null when it is not a key. */
  private parse(keys: string): string[] | null {
    let seq = this.parsed.get(keys)
    if (seq !== undefined) return seq
    try {
      seq = parseSequence(keys, this.mac)
      if (seq.length === 0) seq = null
    } catch {
      // An override written by hand with a typo: ignore that one binding.
      seq = null
    }
    this.parsed.set(keys, seq)
    return seq
  }

  handle(e: KeyInput): KeyOutcome {
    // An input method is composing (Japanese, Chinese…): those keys belong to it.
    if (e.isComposing || e.keyCode === 229) {
      this.reset()
      return NOT_HANDLED
    }
    if (this.suspended > 0) return NOT_HANDLED
    const chord = chordOf(e, this.mac)
    if (chord === null) return NOT_HANDLED
    const isTyping = this.options.isTyping ?? isTypingTarget
    const active = this.registry.active()

    if (isTyping(e.target)) {
      this.reset()
      const command = active.find((c) => c.global && this.sequencesOf(c).some((s) => s.length === 1 && s[0] === chord))
      return this.fire(command, e)
    }
    if ((this.options.ownsKey ?? nativeControlOwns)(e.target, chord) && this.pending.length === 0) return NOT_HANDLED

    const sequence = [...this.pending, chord]
    let prefix = false
    let match: Command | undefined
    // Two commands on one key (the shell's `e` and a screen's own): the one named for this very
    // context beats one that applies anywhere, and the one registered later (the screen, mounted
    // after the shell) beats an earlier one.
    const context = this.registry.context()
    const specific = (c: Command) => (c.when === context || (Array.isArray(c.when) && c.when.includes(context)) ? 1 : 0)
    for (const command of active) {
      for (const s of this.sequencesOf(command)) {
        if (s.length === sequence.length && s.every((c, i) => c === sequence[i])) {
          if (!match || specific(command) >= specific(match)) match = command
        }
        if (s.length > sequence.length && sequence.every((c, i) => c === s[i])) prefix = true
      }
    }
    if (match) {
      this.reset()
      return this.fire(match, e)
    }
    if (prefix) {
      this.setPending(sequence)
      return { handled: true }
    }
    if (this.pending.length > 0) {
      // `g` then an unbound key: forget the `g` and read the key on its own.
      this.reset()
      return this.handle(e)
    }
    return NOT_HANDLED
  }

  /**
   * The command that already answers to `sequence`, to a sequence it starts, or to one that
   * starts it (`g` and `g i` cannot both be bound), in a context where `command` also applies.
   * A rebinding that would shadow another command is refused with its name.
   */
  conflictFor(command: Command, sequence: readonly string[]): Command | undefined {
    const contexts: readonly CommandContext[] = typeof command.when === 'string' ? [command.when] : command.when
    for (const other of this.registry.list()) {
      if (other.id === command.id) continue
      const overlaps = contexts.includes('anywhere') || contexts.some((c) => this.registry.applies(other, c))
      if (!overlaps) continue
      for (const theirs of this.sequencesOf(other)) {
        const n = Math.min(theirs.length, sequence.length)
        if (theirs.slice(0, n).every((c, i) => c === sequence[i])) return other
      }
    }
    return undefined
  }

  /** Forgets a half-typed sequence. */
  reset(): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.length > 0) {
      this.pending = []
      this.options.onPending?.([])
    }
  }

  private setPending(sequence: string[]): void {
    if (this.timer !== undefined) clearTimeout(this.timer)
    this.pending = sequence
    this.options.onPending?.(sequence)
    this.timer = setTimeout(() => this.reset(), this.timeoutMs)
  }

  private fire(command: Command | undefined, e: KeyInput): KeyOutcome {
    if (!command || !isEnabled(command)) return NOT_HANDLED
    // Holding a key repeats movement, never an action such as marking done.
    if (e.repeat && command.group !== 'move') return { handled: true }
    command.run()
    return { handled: true, command }
  }
}
