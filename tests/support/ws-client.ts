// A browser-mode client for tests: speaks the contract's WebSocket frames from Node.
import WebSocket from 'ws'
import type { EventName, Events, RequestInput, RequestMethod, Responses, Result, ServerFrame } from '../../preload/api'

export interface WsClient {
  call<M extends RequestMethod>(method: M, input: RequestInput<M>): Promise<Result<Responses[M]>>
  raw(frame: string): Promise<ServerFrame>
  next<E extends EventName>(event: E, timeoutMs?: number): Promise<Events[E]>
  close(): Promise<void>
}

export async function connectWs(
  origin: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<WsClient> {
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`, {
    headers: { origin, ...headers },
  })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with HTTP ${res.statusCode}`)))
  })
  let nextId = 1
  const pending = new Map<number, (f: ServerFrame) => void>()
  const waiters: { event: string; resolve: (p: unknown) => void }[] = []
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame
    if ('event' in frame) {
      const i = waiters.findIndex((w) => w.event === frame.event)
      if (i >= 0) waiters.splice(i, 1)[0]!.resolve(frame.payload)
      return
    }
    pending.get(frame.id)?.(frame)
    pending.delete(frame.id)
  })
  return {
    call: (method, input) =>
      new Promise((resolve) => {
        const id = nextId++
        pending.set(id, (f) => resolve(('result' in f ? f.result : undefined) as Result<never>))
        ws.send(JSON.stringify({ id, method, input }))
      }),
    raw: (frame) =>
      new Promise((resolve) => {
        pending.set(-1, resolve)
        ws.send(frame)
      }),
    next: (event, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${event} event within ${timeoutMs} ms`)), timeoutMs)
        waiters.push({ event, resolve: (p) => (clearTimeout(timer), resolve(p as never)) })
      }),
    close: async () => {
      ws.close()
      await new Promise((r) => ws.once('close', r))
    },
  }
}
