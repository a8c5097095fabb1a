// What the eBay and Rakuten connectors share about where a pull stands and what a reply answers:
// the "since" cursor they resume from, the API thread a conversation maps to, and reply text
// compared the same way whatever line endings the API gave back.
import { ApiError } from './http'

/** Where the last pull stopped: the newest change time seen. Opaque to the engine. */
export interface SinceCursor {
  since?: string
}

/** A cursor from the sync state; anything unreadable starts from the beginning. */
export function readSinceCursor(cursor: string | undefined): SinceCursor {
  if (!cursor) return {}
  try {
    const c = JSON.parse(cursor) as SinceCursor
    return typeof c.since === 'string' ? { since: c.since } : {}
  } catch {
    return {}
  }
}

export function writeSinceCursor(since: string | undefined): string {
  return JSON.stringify({ ...(since ? { since } : {}) } satisfies SinceCursor)
}

/** The API's own id of a conversation thread ("<prefix><id>"); refused for threads of elsewhere. */
export function apiThreadId(thread: string, prefix: string, apiName: string): string {
  if (!thread.startsWith(prefix))
    throw new ApiError(
      `This conversation did not come from the ${apiName}, so it cannot be answered through it.`,
      'rejected',
      false,
    )
  return thread.slice(prefix.length)
}

/** The same words, whatever line endings and surrounding space the API gave back. */
export function replyText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim()
}
