// The seller's own keys as data: read from settings.json (checked: a hand-edited file with a
// mistake must not break the keymap), changed one command at a time (a key already used where
// the command applies is refused, naming the command that has it), put back to the defaults, and
// taken over once from the localStorage where earlier versions kept them. Framework-free, so the
// Settings' Keyboard section and the cheat sheet share it and tests drive it without a DOM.
import type { Command, CommandRegistry, KeyOverrides } from '../../app/commands'
import { type Keymap, parseSequence } from '../../app/keymap'
import { MAX_BOUND_COMMANDS, MAX_KEYS_PER_COMMAND } from '../../../../preload/api'

/** Where versions before settings.json kept the seller's keys (read once, then removed). */
export const LEGACY_STORAGE_KEY = 'seller-inbox.keys'

/**
 * The bindings a stored value holds: every command id with a list of key sequences that parse.
 * Anything else (not an object, a list with a number in it, a sequence with an unknown
 * modifier) is dropped, binding by binding, so one typo costs that one binding and nothing more.
 */
export function readBindings(raw: unknown): KeyOverrides {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {}
  const out: Record<string, readonly string[]> = {}
  for (const [id, keys] of Object.entries(raw).slice(0, MAX_BOUND_COMMANDS)) {
    if (id === '' || !Array.isArray(keys) || keys.length > MAX_KEYS_PER_COMMAND) continue
    if (!keys.every((k) => typeof k === 'string' && parses(k))) continue
    out[id] = keys.map((k: string) => k.trim())
  }
  return out
}

function parses(keys: string): boolean {
  try {
    return parseSequence(keys).length > 0
  } catch {
    return false
  }
}

export type Rebinding =
  | { ok: true; overrides: KeyOverrides }
  /** The key is taken where this command applies: `by` has it (or a sequence it starts). */
  | { ok: false; by: Command }

/**
 * Gives `command` the key sequence `chords` (canonical chords, as the keymap reads them) in place
 * of its first key; its other keys (↓ beside j) stay. A key the command's defaults already are
 * leaves no override behind, so a later change of the defaults reaches this seller too.
 */
export function rebind(
  registry: CommandRegistry,
  keymap: Keymap,
  command: Command,
  chords: readonly string[],
): Rebinding {
  const other = keymap.conflictFor(command, chords)
  if (other) return { ok: false, by: other }
  const keys = [chords.join(' '), ...registry.keysOf(command).slice(1)]
  const overrides = { ...registry.getOverrides() }
  if (sameKeys(keys, command.keys ?? [])) delete overrides[command.id]
  else overrides[command.id] = keys
  return { ok: true, overrides }
}

/** The bindings with `id` back on its default keys. */
export function resetBinding(overrides: KeyOverrides, id: string): KeyOverrides {
  const { [id]: _dropped, ...rest } = overrides
  return rest
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  const canon = (k: string) => {
    try {
      return parseSequence(k).join(' ')
    } catch {
      return k
    }
  }
  return a.length === b.length && a.every((k, i) => canon(k) === canon(b[i]!))
}

/** Whether two sets of bindings are the same (applied again, they would change nothing). */
export function sameBindings(a: KeyOverrides, b: KeyOverrides): boolean {
  const ids = Object.keys(a)
  return ids.length === Object.keys(b).length && ids.every((id) => b[id] !== undefined && sameKeys(a[id]!, b[id]!))
}

/**
 * The keys an earlier version kept in localStorage, or null when there are none (or they are
 * damaged: nothing there is worth keeping then). The caller saves them to settings.json and only
 * then forgets them (`forgetLegacyBindings`), so a failed save loses nothing.
 */
export function legacyBindings(storage: Pick<Storage, 'getItem'>): KeyOverrides | null {
  let raw: unknown
  try {
    raw = JSON.parse(storage.getItem(LEGACY_STORAGE_KEY) ?? 'null')
  } catch {
    return null
  }
  const bindings = readBindings(raw)
  return Object.keys(bindings).length > 0 ? bindings : null
}

export function forgetLegacyBindings(storage: Pick<Storage, 'removeItem'>): void {
  storage.removeItem(LEGACY_STORAGE_KEY)
}
