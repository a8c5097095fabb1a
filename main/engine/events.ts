// Typed fan-out of engine events to every connected renderer (IPC window, WebSockets).
import type { EventName, Events } from '../../preload/api'

export type EventListener = <E extends EventName>(event: E, payload: Events[E]) => void

export class EventHub {
  private readonly listeners = new Set<EventListener>()

  on(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const l of this.listeners) {
      try {
        l(event, payload)
      } catch {
        // One broken connection must not stop the others from hearing the event.
      }
    }
  }
}
