// The HTTP side shared by the marketplace API emulators (ebay-emulator.ts, rakuten-emulator.ts):
// a real server on 127.0.0.1 and a random port, JSON in and out, a log of every request, and
// switchable faults (429 with Retry-After, 401 expired, 500, slow, a dropped connection after
// a POST was accepted) so tests can drive the connectors through what real APIs do.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type Fault =
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'expired' }
  | { kind: 'server-error' }
  | { kind: 'slow'; ms: number }
  /** The POST is carried out, then the connection is cut before any answer. */
  | { kind: 'drop-after-post' }
  /** The request is carried out, then the answer waits (a crash can land between the two). */
  | { kind: 'hold-answer'; ms: number }

export interface FaultRule {
  fault: Fault
  /** Only requests of this method (default: any). */
  method?: string
  /** Only paths containing this (default: any). */
  path?: string
  /** How many requests it hits; default every one until cleared. */
  times?: number
}

export interface RigRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: http.IncomingHttpHeaders
  body: unknown
}

export interface RigResponse {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export interface LoggedRequest {
  method: string
  path: string
  query: string
  status: number | 'dropped'
  at: number
}

export interface ApiRig {
  url: string
  log: LoggedRequest[]
  fault(rule: FaultRule): void
  clearFaults(): void
  stop(): Promise<void>
}

export interface RigHooks {
  /** Returns an error response when the request is not authorised. */
  authorise(req: RigRequest): RigResponse | undefined
  /** The response to a refused (expired) token, in the API's own words. */
  expired(): RigResponse
  serverError(): RigResponse
  rateLimited(): RigResponse
  handle(req: RigRequest): RigResponse
}

export async function startApiRig(hooks: RigHooks): Promise<ApiRig> {
  const faults: FaultRule[] = []
  const log: LoggedRequest[] = []

  const takeFault = (method: string, path: string): Fault | undefined => {
    const i = faults.findIndex((f) => (!f.method || f.method === method) && (!f.path || path.includes(f.path)))
    if (i < 0) return undefined
    const rule = faults[i]!
    if (rule.times !== undefined && --rule.times <= 0) faults.splice(i, 1)
    return rule.fault
  }

  const server = http.createServer((incoming, res) => {
    const chunks: Buffer[] = []
    incoming.on('data', (c: Buffer) => chunks.push(c))
    incoming.on('end', () => {
      void (async () => {
        const url = new URL(incoming.url ?? '/', 'http://127.0.0.1')
        const method = incoming.method ?? 'GET'
        const entry: LoggedRequest = {
          method,
          path: url.pathname,
          query: url.search,
          status: 0,
          at: Date.now(),
        }
        log.push(entry)
        const send = (r: RigResponse) => {
          entry.status = r.status
          const body = r.body === undefined ? '' : JSON.stringify(r.body)
          res.writeHead(r.status, {
            ...(body ? { 'content-type': 'application/json;charset=UTF-8' } : {}),
            ...r.headers,
          })
          res.end(body)
        }
        let body: unknown
        const text = Buffer.concat(chunks).toString('utf8')
        if (text) {
          try {
            body = JSON.parse(text)
          } catch {
            return send({ status: 400, body: { message: 'request body is not JSON' } })
          }
        }
        const req: RigRequest = { method, path: url.pathname, query: url.searchParams, headers: incoming.headers, body }
        const fault = takeFault(method, url.pathname)
        if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.ms))
        if (fault?.kind === 'rate-limit') {
          const r = hooks.rateLimited()
          return send({ ...r, headers: { ...r.headers, 'retry-after': String(fault.retryAfterSeconds) } })
        }
        if (fault?.kind === 'expired') return send(hooks.expired())
        if (fault?.kind === 'server-error') return send(hooks.serverError())
        const refused = hooks.authorise(req)
        if (refused) return send(refused)
        const response = hooks.handle(req)
        if (fault?.kind === 'hold-answer') await new Promise((r) => setTimeout(r, fault.ms))
        if (fault?.kind === 'drop-after-post' && method === 'POST' && response.status < 300) {
          entry.status = 'dropped'
          incoming.socket.destroy()
          return
        }
        send(response)
      })()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    fault: (rule) => faults.push({ ...rule }),
    clearFaults: () => void faults.splice(0),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
