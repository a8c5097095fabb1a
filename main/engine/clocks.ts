// The seller's response clocks as core needs them: the settings' policies, hours and zone, with
// "system" resolved to this computer's zone. Rebuilt only when the settings change.
import { responseClocksOf, type ResponseClocks } from '../core/clocks/policies'
import { isTimeZone } from '../core/clocks/time-zone'
import type { Store } from '../store/store'

const memo = new WeakMap<Store, { version: number; clocks: ResponseClocks }>()

/** This computer's time zone (UTC when the platform does not say). */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

export function clocksOf(store: Store): ResponseClocks {
  const version = store.docs.settings.version
  const known = memo.get(store)
  if (known && known.version === version) return known.clocks
  const clocks = responseClocksOf(store.settings, systemTimeZone())
  // A zone this platform does not know (a settings file copied from a newer system) counts
  // in this computer's zone rather than failing every clock.
  if (!isTimeZone(clocks.timeZone)) clocks.timeZone = systemTimeZone()
  memo.set(store, { version, clocks })
  return clocks
}
