// Picks how the renderer reaches the engine: the Electron preload bridge when present,
// otherwise the browser-mode WebSocket (token taken from the page's URL). Both give the
// same typed Api; nothing else in the renderer knows which one it has.
import type {
  Api,
  ApiError,
  Bridge,
  EventName,
  Events,
  RequestInput,
  RequestMethod,
  Responses,
  Result,
  ServerFrame,
} from '../../../preload/api'

export class RequestError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message)
  }
}

type Listener = (payload: unknown) => void

function makeApi(
  invoke: (method: string, input: unknown) => Promise<Result<unknown>>,
  listeners: Map<string, Set<Listener>>,
): Api {
  return {
    async call<M extends RequestMethod>(method: M, input: RequestInput<M>): Promise<Responses[M]> {
      const result = await invoke(method, input)
      if (!result.ok) throw new RequestError(result.error)
      return result.value as Responses[M]
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener as Listener)
      return () => set.delete(listener as Listener)
    },
  }
}

function emit(listeners: Map<string, Set<Listener>>, event: string, payload: unknown): void {
  for (const l of listeners.get(event) ?? []) l(payload)
}

export function connect(): Api {
  const bridge = (window as unknown as { sellerInbox?: Bridge }).sellerInbox
  const listeners = new Map<string, Set<Listener>>()
  if (bridge) {
    bridge.subscribe((event, payload) => emit(listeners, event, payload))
    return makeApi((m, i) => bridge.invoke(m, i), listeners)
  }
  return makeApi(webSocketInvoker(listeners), listeners)
}

function webSocketInvoker(listeners: Map<string, Set<Listener>>) {
  const token = new URLSearchParams(location.search).get('token') ?? ''
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?token=${encodeURIComponent(token)}`
  const pending = new Map<number, (r: Result<unknown>) => void>()
  let nextId = 1
  let socket: WebSocket
  let ready: Promise<void>
  let delay = 250

  const open = () => {
    socket = new WebSocket(url)
    ready = new Promise((resolve) => socket.addEventListener('open', () => ((delay = 250), resolve()), { once: true }))
    socket.addEventListener('message', (e) => {
      const frame = JSON.parse(String(e.data)) as ServerFrame
      if ('event' in frame) emit(listeners, frame.event, frame.payload)
      else pending.get(frame.id)?.(frame.result)
      if ('id' in frame) pending.delete(frame.id)
    })
    socket.addEventListener('close', () => {
      for (const [id, resolve] of pending) {
        resolve({
          ok: false,
          error: { code: 'unavailable', message: 'Lost the connection to Seller Inbox; retrying.' },
        })
        pending.delete(id)
      }
      setTimeout(open, (delay = Math.min(delay * 2, 5000)))
    })
  }
  open()

  return async (method: string, input: unknown): Promise<Result<unknown>> => {
    await ready
    const id = nextId++
    return new Promise((resolve) => {
      pending.set(id, resolve)
      socket.send(JSON.stringify({ id, method, input }))
    })
  }
}
