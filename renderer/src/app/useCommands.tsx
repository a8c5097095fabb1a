// React glue for the command registry: one registry and one keymap per app, a hook to register
// commands while a component is mounted, one to say which context the seller is in, and the
// window listener that feeds key presses to the keymap.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react'
import { type Command, type CommandContext, CommandRegistry, type KeyOverrides } from './commands'
import { formatSequence, Keymap } from './keymap'

interface Commands {
  registry: CommandRegistry
  keymap: Keymap
  mac: boolean
  /** The first keys of a sequence being typed (`['g']`), for the status bar. */
  pending: readonly string[]
}

const CommandsContext = createContext<Commands | null>(null)

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

const OVERRIDES_KEY = 'seller-inbox.keys'

/**
 * The seller's own keys. Kept in localStorage until Settings has a field for them; a damaged
 * value is ignored rather than breaking the keymap.
 */
export function loadKeyOverrides(): KeyOverrides {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(OVERRIDES_KEY) ?? '{}')
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {}
    return Object.fromEntries(
      Object.entries(raw).filter(([, v]) => Array.isArray(v) && v.every((k) => typeof k === 'string')),
    ) as KeyOverrides
  } catch {
    return {}
  }
}

export function saveKeyOverrides(overrides: KeyOverrides): void {
  localStorage.setItem(OVERRIDES_KEY, JSON.stringify(overrides))
}

export function CommandsProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<readonly string[]>([])
  const [value] = useState(() => {
    const registry = new CommandRegistry()
    registry.setOverrides(loadKeyOverrides())
    const keymap = new Keymap(registry, { mac: isMac, onPending: (p) => setPending(p) })
    return { registry, keymap }
  })

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return
      if (value.keymap.handle(e).handled) e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [value])

  return <CommandsContext.Provider value={{ ...value, mac: isMac, pending }}>{children}</CommandsContext.Provider>
}

export function useCommandsContext(): Commands {
  const value = useContext(CommandsContext)
  if (!value) throw new Error('useCommands needs a <CommandsProvider> above it')
  return value
}

/**
 * Registers commands while the component is mounted. `commands` may be a new array on every
 * render: the registry always runs the latest `run`/`enabled`, and re-registers only when the
 * set of ids or their keys change.
 */
export function useCommands(commands: readonly Command[]): void {
  const { registry } = useCommandsContext()
  const latest = useRef(commands)
  useEffect(() => {
    latest.current = commands
  })
  const shape = commands.map((c) => `${c.id}:${(c.keys ?? []).join(',')}:${String(c.when)}:${c.label.en}:${c.label.ja}`)
  const key = shape.join('|')
  useEffect(() => {
    const proxies: Command[] = latest.current.map((c) => ({
      ...c,
      enabled: () => {
        const current = latest.current.find((x) => x.id === c.id)
        return current?.enabled ? current.enabled() : true
      },
      run: () => latest.current.find((x) => x.id === c.id)?.run(),
    }))
    return registry.register(proxies)
    // `key` stands for the commands' shape; their behaviour is read through `latest`.
  }, [registry, key])
}

/** Puts the seller in `context` while the component is mounted (the innermost one wins). */
export function useCommandContext(context: CommandContext): void {
  const { registry } = useCommandsContext()
  useEffect(() => registry.enter(context), [registry, context])
}

/** Re-renders when commands, context or keys change; returns the registry. */
export function useRegistry(): CommandRegistry {
  const { registry } = useCommandsContext()
  useSyncExternalStore(registry.subscribe, registry.snapshot)
  return registry
}

/** Stops the keymap while the calling dialog is open. */
export function useSuspendKeymap(open: boolean): void {
  const { keymap } = useCommandsContext()
  useEffect(() => (open ? keymap.suspend() : undefined), [keymap, open])
}

/** The first key sequence of a command as the seller reads it (`['g', 'i']`), or undefined. */
export function useKeysOf(): (id: string) => string[] | undefined {
  const { registry, keymap, mac } = useCommandsContext()
  const version = useSyncExternalStore(registry.subscribe, registry.snapshot)
  // The same function until the commands or keys change, so memoised screens that take it
  // (the inbox, its rows) do not re-render on every key press.
  return useCallback(
    (id: string) => {
      const command = registry.get(id)
      const sequence = command && keymap.sequencesOf(command)[0]
      return sequence && formatSequence(sequence, mac)
    },
    // `version` stands for the registry's content, which `registry.get` reads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [registry, keymap, mac, version],
  )
}
