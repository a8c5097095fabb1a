// React glue for the command registry: one registry and one keymap per app, a hook to register
// commands while a component is mounted, one to say which context the seller is in, and the
// window listener that feeds key presses to the keymap.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react'
import { type Command, type CommandContext, CommandRegistry } from './commands'
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

export function CommandsProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<readonly string[]>([])
  const [value] = useState(() => {
    // The seller's own keys arrive with the settings (features/keys/KeyBindings.tsx).
    const registry = new CommandRegistry()
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

/**
 * A subtree kept mounted but out of use (a customer screen hidden on Esc until the browser is
 * idle): its commands, contexts and keymap suspensions are given up while dormant.
 */
const DormantContext = createContext(false)

export function Dormant({ dormant, children }: { dormant: boolean; children: ReactNode }) {
  return <DormantContext.Provider value={dormant}>{children}</DormantContext.Provider>
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
  const dormant = useContext(DormantContext)
  const latest = useRef(commands)
  useEffect(() => {
    latest.current = commands
  })
  const shape = commands.map((c) => `${c.id}:${(c.keys ?? []).join(',')}:${String(c.when)}:${c.label.en}:${c.label.ja}`)
  const key = shape.join('|')
  useEffect(() => {
    if (dormant) return
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
  }, [registry, key, dormant])
}

/** Puts the seller in `context` while the component is mounted (the innermost one wins). */
export function useCommandContext(context: CommandContext): void {
  const { registry } = useCommandsContext()
  const dormant = useContext(DormantContext)
  useEffect(() => (dormant ? undefined : registry.enter(context)), [registry, context, dormant])
}

/** Re-renders when commands, context or keys change; returns the registry. */
export function useRegistry(): CommandRegistry {
  const { registry } = useCommandsContext()
  useRegistryVersion(registry)
  return registry
}

const NEVER = () => () => undefined

/**
 * The registry's version, re-rendering the caller when it changes — except in a dormant subtree:
 * a hidden screen is not drawn again for the commands and contexts that change as it is left.
 */
function useRegistryVersion(registry: CommandRegistry): number {
  const dormant = useContext(DormantContext)
  // The version when the subtree fell dormant (this render), kept while it stays so.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const frozen = useMemo(() => registry.snapshot(), [registry, dormant])
  return useSyncExternalStore(dormant ? NEVER : registry.subscribe, dormant ? () => frozen : registry.snapshot)
}

/** Stops the keymap while the calling dialog is open. */
export function useSuspendKeymap(open: boolean): void {
  const { keymap } = useCommandsContext()
  const dormant = useContext(DormantContext)
  useEffect(() => (open && !dormant ? keymap.suspend() : undefined), [keymap, open, dormant])
}

/** The first key sequence of a command as the seller reads it (`['g', 'i']`), or undefined. */
export function useKeysOf(): (id: string) => string[] | undefined {
  const { registry, keymap, mac } = useCommandsContext()
  const version = useRegistryVersion(registry)
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
