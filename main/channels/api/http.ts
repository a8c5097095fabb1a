// One HTTP exchange with a marketplace API over Node's fetch: a deadline per request, and every
// failure turned into an ApiError that says what the seller can do and whether trying again helps.

export type ApiErrorKind =
  /** The token or keys were refused or have expired: the seller must reconnect the account. */
  | 'auth'
  /** Too many requests: wait `retryAfterMs`. */
  | 'rate_limited'
  /** The marketplace failed (5xx) or did not answer in time. */
  | 'server'
  /** Not on the network, or the server cannot be reached. */
  | 'network'
  /** The request was refused for good (4xx): trying the same again will not help. */
  | 'rejected'
  /** The answer was not what the API describes. */
  | 'protocol'

export class ApiError extends Error {
  constructor(
    message: string,
    readonly kind: ApiErrorKind,
    /** Read by the outbox: the same request may succeed later unchanged. */
    readonly temporary: boolean,
    readonly status?: number,
    /** How long to wait before the next request (Retry-After, or our own pause after a refused token). */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'ApiError'
  }
}

/** After a refused token, a retry is pointless until the seller reconnects: wait this long, not seconds. */
export const AUTH_RETRY_MS = 15 * 60_000
/** A 429 without a usable Retry-After. */
const DEFAULT_RATE_LIMIT_MS = 60_000
const MAX_RETRY_AFTER_MS = 60 * 60_000

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH'
  url: string
  headers: Record<string, string>
  body?: unknown
  timeoutMs: number
}

/** Words for the seller, per marketplace ("your eBay account", "Rakuten RMS"). */
export interface ApiVoice {
  /** "eBay", "Rakuten RMS". */
  service: string
  /** What to do when the credentials are refused. */
  reconnect: string
  /** The API's own error text from an error body, if any. */
  errorText(body: unknown): string | undefined
}

export async function requestJson(req: ApiRequest, voice: ApiVoice): Promise<unknown> {
  let res: Response
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers: {
        accept: 'application/json',
        ...(req.body !== undefined ? { 'content-type': 'application/json; charset=utf-8' } : {}),
        ...req.headers,
      },
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      signal: AbortSignal.timeout(req.timeoutMs),
    })
  } catch (err) {
    const timedOut = (err as Error).name === 'TimeoutError'
    throw new ApiError(
      timedOut
        ? `${voice.service} did not answer within ${Math.round(req.timeoutMs / 1000)} s. It will be tried again.`
        : `${voice.service} could not be reached (${causeOf(err)}). Check the internet connection; it will be tried again.`,
      timedOut ? 'server' : 'network',
      true,
      undefined,
      undefined,
      { cause: err },
    )
  }
  let text: string
  try {
    text = await res.text()
  } catch (err) {
    // The connection dropped mid-answer: for a POST the marketplace may have taken it (the outbox checks).
    throw new ApiError(
      `${voice.service} dropped the connection while answering (${causeOf(err)}). It will be tried again.`,
      'network',
      true,
      res.status,
      undefined,
      { cause: err },
    )
  }
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  if (res.ok) {
    if (text && body === undefined)
      throw new ApiError(`${voice.service} answered with something that is not JSON.`, 'protocol', true, res.status)
    return body
  }
  const said = voice.errorText(body)
  const detail = said ? ` (${said})` : ''
  if (res.status === 401 || res.status === 403) {
    throw new ApiError(
      `${voice.service} refused the credentials${detail}. ${voice.reconnect}`,
      'auth',
      true,
      res.status,
      AUTH_RETRY_MS,
    )
  }
  if (res.status === 429) {
    const wait = retryAfterMs(res.headers.get('retry-after')) ?? DEFAULT_RATE_LIMIT_MS
    throw new ApiError(
      `${voice.service} asks to slow down (too many requests); trying again in ${Math.ceil(wait / 1000)} s.`,
      'rate_limited',
      true,
      429,
      wait,
    )
  }
  if (res.status >= 500) {
    const wait = retryAfterMs(res.headers.get('retry-after'))
    throw new ApiError(
      `${voice.service} had a problem on its side (HTTP ${res.status})${detail}. It will be tried again.`,
      'server',
      true,
      res.status,
      wait,
    )
  }
  throw new ApiError(
    `${voice.service} refused the request (HTTP ${res.status})${detail}.`,
    'rejected',
    false,
    res.status,
  )
}

/** Retry-After as seconds or an HTTP date, capped; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined
  const seconds = Number(header.trim())
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now
  if (!Number.isFinite(ms)) return undefined
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS)
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? (err as Error).message
}

/** Base URL plus path, whatever slashes the seller typed. */
export function joinUrl(base: string, path: string, query: Record<string, string | number | undefined> = {}): string {
  const url = new URL(base.replace(/\/+$/, '') + path)
  for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v))
  return url.href
}
