// Screens the first inbox paint does not need, each in its own chunk: the bundle parsed before the
// inbox shows stays small (cold start to a usable inbox has a budget of 1 s). They are fetched once
// the page is idle after that paint, so the first Enter or `g ,` does not wait for the network.
import { lazy, Suspense, useState, type ComponentType } from 'react'

const screens: { preload(): Promise<void> }[] = []

/**
 * The component `pick` takes from a lazily loaded module. Once loaded it renders directly, with no
 * Suspense round trip (a frame of nothing after Enter); a screen opened before that waits in its
 * own Suspense, showing nothing, and keeps that shape for as long as it stays open.
 */
function deferred<M, P extends object>(load: () => Promise<M>, pick: (m: M) => ComponentType<P>): ComponentType<P> {
  let Loaded: ComponentType<P> | undefined
  let loading: Promise<void> | undefined
  const preload = () =>
    (loading ??= load().then(
      (m) => {
        Loaded = pick(m)
      },
      (err: unknown) => {
        // Fetched again when the screen is opened.
        loading = undefined
        throw err
      },
    ))
  const Lazy = lazy(async () => {
    await preload()
    return { default: Loaded! }
  })
  function Deferred(props: P) {
    const [Ready] = useState(() => Loaded)
    if (Ready) return <Ready {...props} />
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    )
  }
  screens.push({ preload })
  return Deferred
}

export const CustomerScreen = deferred(
  () => import('../features/conversation/CustomerScreen'),
  (m) => m.CustomerScreen,
)
export const SettingsScreen = deferred(
  () => import('../features/settings/SettingsScreen'),
  (m) => m.SettingsScreen,
)
export const TemplatesScreen = deferred(
  () => import('../features/templates/TemplatesScreen'),
  (m) => m.TemplatesScreen,
)
export const RulesScreen = deferred(
  () => import('../features/rules/RulesScreen'),
  (m) => m.RulesScreen,
)
export const CallbacksScreen = deferred(
  () => import('../features/callbacks/CallbacksScreen'),
  (m) => m.CallbacksScreen,
)

let preloading = false

/** Fetches every deferred screen once the page has nothing else to do (after the first inbox paint). */
export function preloadScreensWhenIdle(): void {
  if (preloading) return
  preloading = true
  const idle = (run: () => void) =>
    'requestIdleCallback' in window ? requestIdleCallback(run, { timeout: 3000 }) : setTimeout(run, 500)
  idle(() => {
    for (const screen of screens) void screen.preload().catch(() => undefined)
  })
}
