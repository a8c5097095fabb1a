// A short message for the seller that outlives the screen it came from ("Snoozed 岡本 典子 until
// tomorrow 8:00" after going back to the inbox). One at a time; the shell's toast shows it.
type Listener = () => void

export interface Flash {
  id: number
  text: string
  failed: boolean
}

let current: Flash | null = null
let nextId = 1
const listeners = new Set<Listener>()

export function flash(text: string, failed = false): void {
  current = { id: nextId++, text, failed }
  for (const l of [...listeners]) l()
}

export function clearFlash(id: number): void {
  if (current?.id !== id) return
  current = null
  for (const l of [...listeners]) l()
}

export function subscribeFlash(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function currentFlash(): Flash | null {
  return current
}
