// One app instance per data folder. The lock file names its owner; a lock whose owner
// is gone (crash, kill -9) is stale and taken over.
import { promises as fs, readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { StoreLockedError } from './errors'

interface LockOwner {
  pid: number
  host: string
  /** Process start time from /proc, so a recycled PID is not mistaken for the owner. */
  started: string
  at: string
}

export interface DataLock {
  release(): Promise<void>
}

export async function acquireLock(dataDir: string): Promise<DataLock> {
  const path = join(dataDir, '.lock')
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    started: processStart(process.pid),
    at: new Date().toISOString(),
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(path, JSON.stringify(me), { flag: 'wx' })
      return {
        release: async () => {
          await fs.rm(path, { force: true })
        },
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const owner = await readOwner(path)
    if (owner && isAlive(owner)) {
      throw new StoreLockedError(
        `Seller Inbox is already open on this data folder (process ${owner.pid}, since ${owner.at}).`,
        'Switch to the window that is already open, or close it and start again.',
      )
    }
    // Stale: its owner died without releasing. Remove it and try to take it again;
    // `wx` makes sure only one of two racing starters wins.
    await fs.rm(path, { force: true })
  }
  throw new StoreLockedError(
    'Could not take the data folder lock.',
    'Another Seller Inbox is starting on the same folder; try again in a moment.',
  )
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await fs.readFile(path, 'utf8')) as LockOwner
  } catch {
    return null // unreadable or half-written lock: treat as stale
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true // cannot check another machine: respect it
  try {
    process.kill(owner.pid, 0)
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
  return processStart(owner.pid) === owner.started
}

function processStart(pid: number): string {
  try {
    // Field 22 of /proc/<pid>/stat; the command name (field 2) may contain spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? ''
  } catch {
    return ''
  }
}
