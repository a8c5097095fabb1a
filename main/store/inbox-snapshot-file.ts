// The first page of the Waiting inbox as the app last saw it (`inbox-snapshot.json`), so a cold
// start can show it before parsing conversations.json and customers.json (tens of MB at 100,000
// messages). Derived data: it names the exact state of the documents it was built from (size,
// time and inode of each file and of its journal) and is used only while they are still exactly
// that, and only until the first snooze in it ends; deleting it loses nothing. Written atomically
// without fsync: a torn or foreign file fails validation and the inbox is built the slow way.
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { CHANNELS } from '../core/model'
import type { InboxRow } from '../../preload/api'
import { writeFileAtomic } from './atomic-file'
import type { JsonDocument } from './json-document'

export const INBOX_SNAPSHOT_FILE = 'inbox-snapshot.json'
/** Bump when the rows or the way they are built change: an older file is then ignored. */
export const INBOX_SNAPSHOT_FORMAT = 1

const row = z.object({
  customerId: z.string(),
  name: z.string(),
  language: z.enum(['en', 'ja']),
  channels: z.array(z.enum(CHANNELS)),
  conversationId: z.string(),
  subject: z.string(),
  snippet: z.string(),
  orderNumber: z.string().optional(),
  lastMessageAt: z.string(),
  waitingSince: z.string().optional(),
  dueAt: z.string().optional(),
  unreadCount: z.number().int().min(0),
  openCount: z.number().int().min(0),
  status: z.enum(['open', 'done', 'snoozed']),
  snoozedUntil: z.string().optional(),
  snoozedUntilReply: z.boolean().optional(),
  priority: z.enum(['high', 'low']).optional(),
}) satisfies z.ZodType<InboxRow>

const snapshot = z.object({
  format: z.literal(INBOX_SNAPSHOT_FORMAT),
  /** The data folder's schema version when it was written. */
  schemaVersion: z.number().int(),
  /** Document file name → its state on disk (see `documentState`). */
  sources: z.record(z.string(), z.string()),
  /** This computer's time zone: due times of a "system" zone setting were worked out in it. */
  timeZone: z.string(),
  builtAt: z.string(),
  /** When a snooze ends and a customer comes back: the rows are stale from then on. */
  until: z.string().optional(),
  /** Rows of the whole Waiting view; `rows` holds its first ones. */
  total: z.number().int().min(0),
  counts: z.object({
    customers: z.number().int().min(0),
    conversations: z.number().int().min(0),
    messages: z.number().int().min(0),
  }),
  rows: z.array(row),
})

export type InboxSnapshot = z.infer<typeof snapshot>

/**
 * What a document is on disk now (its snapshot file and its journal), or undefined while it
 * has changes not yet written: a snapshot built from memory matches the disk only when idle.
 */
export async function documentState(doc: JsonDocument<unknown>): Promise<string | undefined> {
  // A document not read yet has nothing unwritten; one being read is not being written.
  if (doc.loaded && !doc.idle) return undefined
  const state = (path: string) =>
    fs.stat(path).then(
      (s) => `${s.size}:${s.mtimeMs}:${s.ino}`,
      () => '-',
    )
  return `${await state(doc.path)}|${await state(`${doc.path}.journal`)}`
}

/** The states of `docs` by file name, or undefined if any has unwritten changes. */
export async function documentStates(docs: JsonDocument<unknown>[]): Promise<Record<string, string> | undefined> {
  const states: Record<string, string> = {}
  for (const doc of docs) {
    const state = await documentState(doc)
    if (state === undefined) return undefined
    states[doc.name] = state
  }
  return states
}

export class InboxSnapshotFile {
  readonly path: string

  constructor(dataDir: string) {
    this.path = join(dataDir, INBOX_SNAPSHOT_FILE)
  }

  /** The snapshot if there is one of this format; undefined when missing, torn or not ours. */
  async read(): Promise<InboxSnapshot | undefined> {
    let text: string
    try {
      text = await fs.readFile(this.path, 'utf8')
    } catch {
      return undefined
    }
    try {
      const parsed = snapshot.safeParse(JSON.parse(text))
      return parsed.success ? parsed.data : undefined
    } catch {
      return undefined
    }
  }

  async write(value: InboxSnapshot): Promise<void> {
    await writeFileAtomic(this.path, JSON.stringify(value), { durable: false })
  }

  /** Removes the file (a workspace whose state it no longer describes). */
  async remove(): Promise<void> {
    await fs.rm(this.path, { force: true })
  }
}
