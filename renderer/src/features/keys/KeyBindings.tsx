// Keeps the command registry's keys in step with settings.json: applied when the settings load
// and whenever they change (another window, the other of Settings and the cheat sheet), saved
// through `settings.update`. Where earlier versions kept keys in localStorage, they are moved
// into settings.json once. Both places that change keys (Settings › Keyboard and the cheat
// sheet) save through `useSaveBindings`, so there is one mechanism.
import { createContext, useCallback, useContext, useEffect, type ReactNode } from 'react'
import type { Settings } from '../../../../main/core/model'
import type { Api } from '../../../../preload/api'
import type { KeyOverrides } from '../../app/commands'
import { useCommandsContext } from '../../app/useCommands'
import { forgetLegacyBindings, legacyBindings, readBindings, sameBindings } from './bindings'

type Save = (overrides: KeyOverrides) => Promise<void>

const SaveContext = createContext<Save | null>(null)

export function KeyBindings({ api, children }: { api: Api; children: ReactNode }) {
  const { registry } = useCommandsContext()

  useEffect(() => {
    let gone = false
    // Only a real change reaches the registry: every subscriber of it re-renders on one.
    const apply = (bindings: KeyOverrides) => {
      if (!sameBindings(bindings, registry.getOverrides())) registry.setOverrides(bindings)
    }
    const fromSettings = (settings: Settings) => apply(readBindings(settings.keyBindings))
    api.call('settings.get', {}).then(
      (settings) => {
        if (gone) return
        const legacy = settings.keyBindings === undefined ? legacyBindings(localStorage) : null
        if (!legacy) {
          forgetLegacyBindings(localStorage)
          return fromSettings(settings)
        }
        apply(legacy)
        // Forgotten only once settings.json holds them: a failed save tries again next start.
        api.call('settings.update', { keyBindings: toStored(legacy) }).then(
          () => forgetLegacyBindings(localStorage),
          () => undefined,
        )
      },
      // The shell shows the settings' load error; the defaults stay in force meanwhile.
      () => undefined,
    )
    const off = api.on('settings.changed', fromSettings)
    return () => {
      gone = true
      off()
    }
  }, [api, registry])

  const save = useCallback<Save>(
    async (overrides) => {
      const before = registry.getOverrides()
      // Live at once; put back if the engine refuses, so what works is what is saved.
      registry.setOverrides(overrides)
      try {
        await api.call('settings.update', { keyBindings: toStored(overrides) })
      } catch (err) {
        registry.setOverrides(before)
        throw err
      }
    },
    [api, registry],
  )

  return <SaveContext.Provider value={save}>{children}</SaveContext.Provider>
}

function toStored(overrides: KeyOverrides): Record<string, string[]> {
  return Object.fromEntries(Object.entries(overrides).map(([id, keys]) => [id, [...keys]]))
}

/** Saves the seller's keys (whole) to settings.json and applies them; rejects with the engine's error. */
export function useSaveBindings(): Save {
  const save = useContext(SaveContext)
  if (!save) throw new Error('useSaveBindings needs a <KeyBindings> above it')
  return save
}
