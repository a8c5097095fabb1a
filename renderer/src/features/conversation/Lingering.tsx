// Esc from a customer must paint the inbox within a frame, but taking down a big customer's
// screen (hundreds of messages, mail frames) costs tens of milliseconds. So the screen is hidden
// at once, its commands and context given up (Dormant), and unmounted once the browser is idle.
// Opening the same customer again meanwhile shows it again as it was, with nothing to rebuild.
import { useEffect, useState, type ReactNode } from 'react'
import { Dormant } from '../../app/useCommands'

/** After this long the hidden screen goes even if the browser never fell idle. */
const IDLE_TIMEOUT_MS = 1000

/**
 * `value` while it is set; after it is cleared, the last value until the browser is idle
 * (`lingering` is then true). `value` must be a stable object (state or memoised).
 */
export function useLingering<T>(value: T | null): { value: T | null; lingering: boolean } {
  const [last, setLast] = useState<T | null>(value)
  // Kept in step during render, so the screen shows in the same frame as the key that opened it.
  if (value !== null && value !== last) setLast(value)
  useEffect(() => {
    if (value !== null || last === null) return
    const gone = () => setLast(null)
    if (typeof requestIdleCallback !== 'function') {
      const timer = setTimeout(gone, 50)
      return () => clearTimeout(timer)
    }
    const id = requestIdleCallback(gone, { timeout: IDLE_TIMEOUT_MS })
    return () => cancelIdleCallback(id)
  }, [value, last])
  return { value: value ?? last, lingering: value === null && last !== null }
}

/**
 * Shows `children`, or keeps them mounted but out of sight, out of reach and out of the keymap
 * while `lingering`. Hidden as the inbox is behind a customer (content-visibility, out of the
 * flow), not with display: none, which would throw away the screen's layout boxes (a cost that
 * grows with its messages) in the very frame Esc must paint the inbox in.
 */
export function Lingering({ lingering, children }: { lingering: boolean; children: ReactNode }) {
  return (
    <Dormant dormant={lingering}>
      <div
        className={lingering ? 'lingering-wrap lingering' : 'lingering-wrap'}
        inert={lingering}
        aria-hidden={lingering || undefined}
      >
        {children}
      </div>
    </Dormant>
  )
}
