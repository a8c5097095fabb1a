// Browser mode: the engine's contract over HTTP + WebSocket on loopback, for end-to-end
// tests in Chromium and for machines where Electron cannot start. Every request must carry
// the per-run token (in the URL, or the cookie set when the URL was opened); the WebSocket
// also checks Origin and Host, so other sites and DNS-rebinding pages are refused.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { promises as fs } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import type { ClientFrame, ServerFrame } from '../../preload/api'
import type { Engine } from '../engine/engine'

export interface WebServerOptions {
  engine: Engine
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string
  port?: number
  token?: string
}

export interface WebServer {
  url: string
  origin: string
  token: string
  close(): Promise<void>
}

const HOST = '127.0.0.1'
const COOKIE = 'seller_inbox_token'
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const sockets = new Set<WebSocket>()
  // Room for message.send with 25 MB of attachments, base64-encoded (4/3) in JSON.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 40 * 1024 * 1024 })
  let origin = ''

  const server = createServer((req, res) => {
    void serveHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end()
    })
  })

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin)
    if (!hostAllowed(req) || req.method !== 'GET') return deny(res, 403)
    const fromQuery = url.searchParams.get('token')
    const authorised = (fromQuery !== null && same(fromQuery, token)) || same(cookieToken(req) ?? '', token)
    if (!authorised) return deny(res, 401)
    const file = resolveFile(options.rendererDir, url.pathname === '/' ? '/index.html' : url.pathname)
    if (!file) return deny(res, 404)
    let body: Buffer
    try {
      body = await fs.readFile(file)
    } catch {
      return deny(res, 404)
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      // Built assets are named by their content hash: a reload or a second window reads them from
      // the browser's cache. The page itself is always fetched again (it names the current ones).
      'cache-control': url.pathname.startsWith('/assets/') ? 'private, max-age=31536000, immutable' : 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': contentSecurityPolicy(origin),
      // Lets asset requests and reloads through without repeating the token in every URL.
      'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
    })
    res.end(body)
  }

  function hostAllowed(req: IncomingMessage): boolean {
    const { port } = server.address() as AddressInfo
    return req.headers.host === `${HOST}:${port}` || req.headers.host === `localhost:${port}`
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', origin)
    const originOk = req.headers.origin === origin || req.headers.origin === origin.replace(HOST, 'localhost')
    const tokenOk = same(url.searchParams.get('token') ?? '', token)
    if (url.pathname !== '/ws' || !hostAllowed(req) || !originOk || !tokenOk) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      return
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws))
  })

  function attach(ws: WebSocket): void {
    sockets.add(ws)
    const off = options.engine.on((event, payload) => send(ws, { event, payload }))
    ws.on('close', () => {
      off()
      sockets.delete(ws)
    })
    ws.on('message', (data) => {
      let frame: Partial<ClientFrame>
      try {
        frame = JSON.parse(data.toString()) as Partial<ClientFrame>
      } catch {
        return send(ws, {
          id: -1,
          result: { ok: false, error: { code: 'bad_request', message: 'Frame is not JSON.' } },
        })
      }
      const id = typeof frame.id === 'number' ? frame.id : -1
      void options.engine.call(frame.method, frame.input).then((result) => send(ws, { id, result }))
    })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, HOST, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  origin = `http://${HOST}:${port}`
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    close: async () => {
      for (const ws of sockets) ws.terminate()
      wss.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function send(ws: WebSocket, frame: ServerFrame): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame))
}

function deny(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' })
  res.end(status === 401 ? 'Open the address printed by Seller Inbox (it carries the access token).\n' : `${status}\n`)
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=')
    if (k === COOKIE) return v
  }
  return undefined
}

function resolveFile(root: string, pathname: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  const file = normalize(join(root, decoded))
  return file.startsWith(normalize(root) + sep) ? file : null
}

/** The renderer's policy: its own scripts only, talking only to this server. */
export function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws')
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    // https: for the message frames only: a srcdoc frame inherits this policy on top of its own,
    // and its own allows remote images once the seller chose to load them (and never before).
    "img-src 'self' data: https:",
    "font-src 'self'",
    `connect-src 'self' ${ws}`,
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}
