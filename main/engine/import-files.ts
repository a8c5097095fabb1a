// Imports .eml files, folders of them and mbox files (Thunderbird, Gmail Takeout) into a
// local-only account. Every message goes through the same ingest as synced mail, so
// importing the same file twice adds nothing.
import { promises as fs } from 'node:fs'
import type { ImportReport } from '../../preload/api'
import { readEmlFiles } from '../channels/import/eml'
import { readMbox } from '../channels/import/mbox'
import { parseMail } from '../channels/mail/parse'
import type { Account } from '../core/model'
import type { Store } from '../store/store'
import type { Ingest } from './ingest'

export const LOCAL_ACCOUNT_ID = 'acc_local'

function localAccount(store: Store, now: () => Date): Account {
  const existing = store.accounts[LOCAL_ACCOUNT_ID]
  if (existing) return existing
  const account: Account = {
    id: LOCAL_ACCOUNT_ID,
    label: 'Imported mail',
    kind: 'local',
    address: 'imported@seller-inbox.invalid',
    createdAt: now().toISOString(),
  }
  store.accounts[account.id] = account
  store.docs.accounts.changed()
  return account
}

async function isMbox(path: string): Promise<boolean> {
  if (/\.(mbox|mbx)$/i.test(path)) return true
  if (/\.eml$/i.test(path)) return false
  const handle = await fs.open(path, 'r')
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(5), 0, 5, 0)
    return buffer.subarray(0, bytesRead).toString('latin1') === 'From '
  } finally {
    await handle.close()
  }
}

async function* rawMessages(path: string): AsyncGenerator<{ raw: Uint8Array; source: string }> {
  const stat = await fs.stat(path)
  if (stat.isFile() && (await isMbox(path))) {
    let n = 0
    for await (const raw of readMbox(path)) yield { raw, source: `${path} #${++n}` }
  } else {
    yield* readEmlFiles([path])
  }
}

export async function importFiles(
  store: Store,
  ingest: Ingest,
  paths: string[],
  now: () => Date,
): Promise<ImportReport> {
  const report: ImportReport = { imported: 0, duplicates: 0, unreadable: 0, errors: [] }
  const account = localAccount(store, now)
  await store.bulk(async () => {
    for (const path of paths) {
      try {
        for await (const { raw, source } of rawMessages(path)) {
          try {
            const parsed = await parseMail(raw)
            const { record, created } = await ingest.add({ account, raw, parsed, seen: true })
            if (!created) report.duplicates++
            else {
              report.imported++
              if (record.unreadable) report.unreadable++
            }
          } catch (err) {
            report.errors.push({ source, message: (err as Error).message })
          }
        }
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code
        report.errors.push({
          source: path,
          message:
            code === 'ENOENT'
              ? 'No such file or folder.'
              : code === 'EACCES'
                ? 'Permission denied.'
                : (err as Error).message,
        })
      }
    }
  })
  return report
}
