// The command registry: every action the seller can take is a command with an id, a label in
// English and Japanese, default keys and the context it applies in. The keymap, the palette and
// the cheat sheet all read this one registry. Framework-free so it is testable without a DOM;
// React components register through the hooks in useCommands.tsx.
//
// Other features add their own commands while mounted (`useCommands([...])`) and say where the
// seller is (`useCommandContext('composer')`): the most specific context entered wins
// (settings over composer over conversation over inbox), whatever order components mount in.

/** Where the seller is. `anywhere` commands apply in every context. */
export type CommandContext =
  'inbox' | 'conversation' | 'composer' | 'settings' | 'templates' | 'callbacks' | 'reports' | 'rules' | 'anywhere'
// Settings and the templates manager open over any screen (even with a composer open behind it),
// so they are the most specific.
const SPECIFICITY: Record<CommandContext, number> = {
  anywhere: 0,
  inbox: 1,
  conversation: 2,
  composer: 3,
  settings: 4,
  templates: 4,
  // The callbacks screen opens over the inbox or a customer like the templates manager.
  callbacks: 4,
  // Reports too: a dashboard over whatever screen the seller was on.
  reports: 4,
  // The rules screen opens over any screen as well.
  rules: 4,
}

/** How the cheat sheet groups commands. */
export type CommandGroup = 'move' | 'triage' | 'compose' | 'go' | 'app'
export const COMMAND_GROUPS: readonly CommandGroup[] = ['move', 'triage', 'compose', 'go', 'app']

export interface Command {
  /** Stable and unique, e.g. `inbox.next`; key overrides are stored by it. */
  id: string
  label: { en: string; ja: string }
  group: CommandGroup
  /**
   * Default key sequences, each a space-separated list of chords: `j`, `Mod+K`, `g i`,
   * `Shift+Enter`. `Mod` is Ctrl, or ⌘ on macOS. A printable key is written as the character it
   * types (`?`, `J`), without Shift.
   */
  keys?: readonly string[]
  when: CommandContext | readonly CommandContext[]
  /** Fires even while the seller types in a field (Esc, Ctrl+Enter, Ctrl+K). Single chords only. */
  global?: boolean
  /** False: listed, but does nothing now (no customer selected…). Default true. */
  enabled?(): boolean
  run(): void
}

/** The seller's own keys, by command id; `[]` unbinds a command. */
export type KeyOverrides = Record<string, readonly string[]>

export class CommandRegistry {
  private readonly commands = new Map<string, Command>()
  private readonly contexts: { token: symbol; context: CommandContext }[] = []
  private readonly listeners = new Set<() => void>()
  private overrides: KeyOverrides = {}
  private version = 0

  /** Adds commands (replacing any with the same id); returns the function that removes them. */
  register(commands: readonly Command[]): () => void {
    for (const c of commands) this.commands.set(c.id, c)
    this.changed()
    return () => {
      // Only remove what is still ours: a later registration of the same id wins.
      for (const c of commands) if (this.commands.get(c.id) === c) this.commands.delete(c.id)
      this.changed()
    }
  }

  get(id: string): Command | undefined {
    return this.commands.get(id)
  }

  /** Every registered command, in registration order. */
  list(): Command[] {
    return [...this.commands.values()]
  }

  /** Enters a context; returns the function that leaves it. */
  enter(context: CommandContext): () => void {
    const token = Symbol(context)
    this.contexts.push({ token, context })
    this.changed()
    return () => {
      const i = this.contexts.findIndex((c) => c.token === token)
      if (i >= 0) this.contexts.splice(i, 1)
      this.changed()
    }
  }

  /** The most specific context entered, or `anywhere` when none is. */
  context(): CommandContext {
    let best: CommandContext = 'anywhere'
    for (const { context } of this.contexts) if (SPECIFICITY[context] > SPECIFICITY[best]) best = context
    return best
  }

  /** Whether a command applies where the seller is now. */
  applies(command: Command, context: CommandContext = this.context()): boolean {
    const when: readonly CommandContext[] = typeof command.when === 'string' ? [command.when] : command.when
    return when.includes('anywhere') || when.includes(context)
  }

  /** Commands that apply now, enabled or not. */
  active(): Command[] {
    const context = this.context()
    return this.list().filter((c) => this.applies(c, context))
  }

  setOverrides(overrides: KeyOverrides): void {
    this.overrides = { ...overrides }
    this.changed()
  }

  getOverrides(): KeyOverrides {
    return this.overrides
  }

  /** The key sequences a command answers to now: the seller's own, else its defaults. */
  keysOf(command: Command): readonly string[] {
    return this.overrides[command.id] ?? command.keys ?? []
  }

  /** Runs a command if it exists and is enabled; says whether it ran. */
  run(id: string): boolean {
    const command = this.commands.get(id)
    if (!command || !isEnabled(command)) return false
    command.run()
    return true
  }

  /** For React's useSyncExternalStore: changes whenever commands, context or keys change. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  snapshot = (): number => this.version

  private changed(): void {
    this.version++
    for (const l of [...this.listeners]) l()
  }
}

export function isEnabled(command: Command): boolean {
  return command.enabled ? command.enabled() : true
}
