import { execFileSync } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Conversation, Customer, MessageRecord, Order } from '../../main/core/model'
import { StoreLockedError, StoreTooNewError } from '../../main/store/errors'
import { JsonDocument, type StoreNotice } from '../../main/store/json-document'
import { Store } from '../../main/store/store'

const dirs: string[] = []
async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'store-test-'))
  dirs.push(dir)
  return dir
}
afterEach(async () => {
  for (const d of dirs.splice(0)) {
    try {
      execFileSync('umount', [d], { stdio: 'ignore' })
    } catch {
      // not a mount point
    }
    await fs.rm(d, { recursive: true, force: true })
  }
})

function customer(i: number): Customer {
  return {
    id: `cus_${i}`,
    name: `Customer ${i}`,
    language: 'en',
    keys: [{ kind: 'email', value: `c${i}@example.com` }],
    tags: [],
    note: '',
    createdAt: '2026-01-01T00:00:00.000Z',
  }
}

function message(id: string, date: string): MessageRecord {
  return {
    id,
    date,
    conversationId: 'cnv_1',
    customerId: 'cus_1',
    accountId: 'acc',
    channel: 'email',
    direction: 'in',
    from: { address: 'a@example.com' },
    to: [],
    subject: 's',
    snippet: '',
    seen: false,
    attachments: [],
    emlPath: 'x',
  }
}

async function open(dir: string, notices: StoreNotice[] = []) {
  return Store.open(dir, { notify: (n) => notices.push(n), flush: { debounceMs: 20, maxDelayMs: 200 } })
}

describe('store', () => {
  it('keeps what was written across a restart', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    store.customers.cus_1 = customer(1)
    store.docs.customers.changed()
    await store.close()
    const again = await open(dir)
    expect(again.customers.cus_1?.name).toBe('Customer 1')
    await again.close()
  })

  it('batches 1,000 quick updates into a handful of file writes', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    for (let i = 0; i < 1000; i++) {
      store.customers[`cus_${i}`] = customer(i)
      store.docs.customers.changed()
    }
    await store.flush()
    expect(store.docs.customers.writes).toBeLessThanOrEqual(2)
    expect(Object.keys(JSON.parse(await fs.readFile(join(dir, 'customers.json'), 'utf8')).customers)).toHaveLength(1000)
    await store.close()
  })

  it('writes each document once at the end of bulk work, not while it grows', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    await store.bulk(async () => {
      for (let i = 0; i < 50; i++) {
        store.customers[`cus_${i}`] = customer(i)
        store.docs.customers.changed()
        await store.putMessages([message(`m${i}`, '2026-11-05T00:00:00.000Z')])
        await new Promise((r) => setTimeout(r, 5)) // longer than the debounce window
      }
      expect(store.docs.customers.writes).toBe(0)
    })
    expect(store.docs.customers.writes).toBe(1)
    expect((await store.shardInfo('2026-11')).writes).toBe(1)
    await store.close()
  })

  it('reads orders only when asked, to keep cold start short', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    expect(() => store.orders).toThrow(/not loaded/)
    await store.load('orders')
    expect(store.orders).toEqual({})
    await store.close()
  })

  it("finds a customer's conversations and orders as they change, and after a restart", async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const conversation = (id: string, customerId: string) =>
      ({ id, customerId, shards: [], lastMessageAt: '2026-11-01T00:00:00.000Z' }) as unknown as Conversation
    const ids = (list: { id: string }[]) => list.map((c) => c.id).sort()
    store.conversations.c1 = conversation('c1', 'cus_1')
    store.conversations.c2 = conversation('c2', 'cus_1')
    store.docs.conversations.changed()
    expect(ids(store.conversationsOf('cus_1'))).toEqual(['c1', 'c2'])
    // Named changes, whether made before or after the record is assigned: moved, added, removed.
    store.docs.conversations.changed('conversations', 'c2')
    store.conversations.c2 = conversation('c2', 'cus_2')
    store.conversations.c3 = conversation('c3', 'cus_2')
    store.docs.conversations.changed('conversations', 'c3')
    delete store.conversations.c1
    store.docs.conversations.changed('conversations', 'c1')
    expect(store.conversationsOf('cus_1')).toEqual([])
    expect(ids(store.conversationsOf('cus_2'))).toEqual(['c2', 'c3'])
    await store.load('orders')
    store.orders.o1 = { id: 'o1', customerId: 'cus_2' } as unknown as Order
    store.docs.orders.changed('orders', 'o1')
    expect(ids(store.ordersOf('cus_2'))).toEqual(['o1'])
    await store.close()
    const again = await open(dir)
    expect(ids(again.conversationsOf('cus_2'))).toEqual(['c2', 'c3'])
    await again.load('orders')
    expect(ids(again.ordersOf('cus_2'))).toEqual(['o1'])
    await again.close()
  })

  it('keeps message records in month shards, apart from the other documents', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    await store.putMessage(message('m1', '2026-10-05T00:00:00.000Z'))
    await store.putMessage(message('m2', '2026-11-05T00:00:00.000Z'))
    await store.close()
    expect((await fs.readdir(join(dir, 'messages'))).filter((f) => f.endsWith('.json')).sort()).toEqual([
      '2026-10.json',
      '2026-11.json',
    ])
  })

  it('keeps only the months in use in memory, and loses no change to a month it dropped', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const months = Array.from(
      { length: 24 },
      (_, i) => `20${24 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    )
    await store.bulk(async () => {
      for (const month of months) await store.putMessages([message(`m${month}`, `${month}-10T00:00:00.000Z`)])
    })
    expect(store.shardsInMemory).toBeLessThanOrEqual(6)
    // Every month is still there, read back from disk when asked, and changes to it stick,
    // even when many months are read and changed at once.
    await Promise.all(
      months.map((month) => store.updateMessages([{ id: `m${month}`, month }], (m) => ({ ...m, seen: true }))),
    )
    await store.close()
    const again = await open(dir)
    for (const month of months) expect((await again.getMessage(month, `m${month}`))?.seen).toBe(true)
    expect(again.shardsInMemory).toBeLessThanOrEqual(6 + 1)
    await again.close()
  })

  it('keeps fewer months in memory when they are big, so memory does not grow with the workspace', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    const months = ['2026-01', '2026-02', '2026-03', '2026-04']
    for (const month of months) {
      await store.bulk(() =>
        store.putMessages(
          Array.from({ length: 3000 }, (_, i) => message(`${month}-${i}`, `${month}-10T00:00:00.000Z`)),
        ),
      )
    }
    // Three months of 3,000 records are over the budget of records in memory: the oldest go.
    expect(store.shardsInMemory).toBe(2)
    expect((await store.getMessage('2026-01', '2026-01-2999'))?.id).toBe('2026-01-2999')
    expect(store.shardsInMemory).toBe(2)
    await store.close()
  })

  it('writes a big document record by record, exactly as JSON would have it', async () => {
    const dir = await tempDir()
    const file = join(dir, 'big.json')
    type Big = { meta: { at: Date; n: number }; items: Record<string, unknown>; list: number[]; gone?: string }
    const spec = {
      file: 'big.json',
      empty: (): Big => ({ meta: { at: new Date(0), n: 0 }, items: {}, list: [] }),
      isValid: (raw: unknown): raw is Big => typeof raw === 'object' && raw !== null,
    }
    const doc = new JsonDocument<Big>(file, spec, () => undefined)
    await doc.load()
    doc.data.meta = { at: new Date('2026-01-02T03:04:05Z'), n: 3 }
    doc.data.gone = undefined
    doc.data.list = [1, 2]
    // Enough records for many pieces, with text JSON must escape, and values it leaves out.
    for (let i = 0; i < 20_000; i++) {
      doc.data.items[`id_${i}`] = { name: `顧客 "${i}"\n`, skip: undefined, at: new Date(i), tags: ['a', i] }
    }
    doc.data.items.nothing = undefined
    doc.changed()
    await doc.flush()
    const text = await fs.readFile(file, 'utf8')
    expect(text).toBe(`{"$generation":1,${JSON.stringify(doc.data).slice(1)}`)
  })

  it('sets a damaged document aside and restores the last good copy, telling the seller', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    store.customers.cus_1 = customer(1)
    store.docs.customers.changed()
    await store.flush()
    store.customers.cus_2 = customer(2)
    store.docs.customers.changed()
    await store.close()
    await fs.writeFile(join(dir, 'customers.json'), '{"customers": {"cus_1": {"na') // truncated by a crash or a tool
    const notices: StoreNotice[] = []
    const again = await open(dir, notices)
    expect(Object.keys(again.customers)).toEqual(['cus_1'])
    expect(notices).toHaveLength(1)
    expect(notices[0]?.level).toBe('warning')
    expect(notices[0]?.message).toMatch(/customers\.json was damaged.*last good copy/)
    const aside = (await fs.readdir(dir)).filter((f) => f.startsWith('customers.json.damaged-'))
    expect(aside).toHaveLength(1)
    expect(await fs.readFile(join(dir, aside[0]!), 'utf8')).toContain('"na')
    await again.close()
  })

  it('starts a damaged document empty when there is no good copy, and keeps the damaged file', async () => {
    const dir = await tempDir()
    await (await open(dir)).close()
    await fs.writeFile(join(dir, 'reminders.json'), 'not json at all')
    const notices: StoreNotice[] = []
    const store = await open(dir, notices)
    expect(store.reminders).toEqual({})
    expect(notices[0]).toMatchObject({ level: 'error' })
    expect(notices[0]?.action).toMatch(/reminders\.json\.damaged-/)
    expect((await fs.readdir(dir)).some((f) => f.startsWith('reminders.json.damaged-'))).toBe(true)
    await store.close()
  })

  it('treats valid JSON of the wrong shape as damaged', async () => {
    const dir = await tempDir()
    await (await open(dir)).close()
    await fs.writeFile(join(dir, 'conversations.json'), '[1,2,3]')
    const notices: StoreNotice[] = []
    const store = await open(dir, notices)
    expect(store.conversations).toEqual({})
    expect(notices).toHaveLength(1)
    await store.close()
  })

  it('refuses a second instance on the same data folder with a clear message', async () => {
    const dir = await tempDir()
    const first = await open(dir)
    const error = await open(dir).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StoreLockedError)
    expect((error as StoreLockedError).message).toMatch(/already open on this data folder/)
    expect((error as StoreLockedError).action).toMatch(/close it/)
    await first.close()
    await (await open(dir)).close()
  })

  it('takes over the lock of an app that crashed', async () => {
    const dir = await tempDir()
    await fs.mkdir(dir, { recursive: true })
    // A lock left by a process that no longer exists.
    const dead = Number(execFileSync('sh', ['-c', 'sh -c "echo \\$\\$"']).toString().trim())
    await fs.writeFile(
      join(dir, '.lock'),
      JSON.stringify({ pid: dead, host: (await import('node:os')).hostname(), started: '1', at: '2026-01-01' }),
    )
    const store = await open(dir)
    await store.close()
  })

  it('runs migrations on an older folder after backing up its documents', async () => {
    const dir = await tempDir()
    const store = await open(dir)
    store.customers.cus_1 = customer(1)
    store.docs.customers.changed()
    await store.close()
    const notices: StoreNotice[] = []
    const migrated = await Store.open(dir, {
      notify: (n) => notices.push(n),
      schemaVersion: 2,
      migrations: [
        {
          to: 2,
          describe: 'upper-case names',
          run: async (d) => {
            const file = join(d, 'customers.json')
            const doc = JSON.parse(await fs.readFile(file, 'utf8')) as { customers: Record<string, Customer> }
            for (const c of Object.values(doc.customers)) c.name = c.name.toUpperCase()
            await fs.writeFile(file, JSON.stringify(doc))
          },
        },
      ],
    })
    expect(migrated.customers.cus_1?.name).toBe('CUSTOMER 1')
    expect(migrated.docs.meta.data.schemaVersion).toBe(2)
    expect(notices[0]?.message).toMatch(/upgraded to version 2/)
    const backups = await fs.readdir(join(dir, 'backups'))
    expect(backups).toHaveLength(1)
    const backedUp = JSON.parse(await fs.readFile(join(dir, 'backups', backups[0]!, 'customers.json'), 'utf8'))
    expect(backedUp.customers.cus_1.name).toBe('Customer 1')
    await migrated.close()
  })

  it('refuses a folder written by a newer version instead of damaging it', async () => {
    const dir = await tempDir()
    await (await open(dir)).close()
    await fs.writeFile(join(dir, 'meta.json'), JSON.stringify({ schemaVersion: 99, createdAt: '2030-01-01' }))
    const error = await open(dir).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(StoreTooNewError)
    expect(JSON.parse(await fs.readFile(join(dir, 'meta.json'), 'utf8')).schemaVersion).toBe(99)
    // The failed open must not keep the folder locked.
    await fs.writeFile(join(dir, 'meta.json'), JSON.stringify({ schemaVersion: 1, createdAt: '2030-01-01' }))
    await (await open(dir)).close()
  })

  it('keeps changes in memory when the disk is full and saves them once space is back', async () => {
    // A real full disk: a 256 KiB tmpfs (the suite runs as root, as `npm test` requires).
    const dir = await tempDir()
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir])
    const notices: StoreNotice[] = []
    const store = await open(dir, notices)
    await store.flush()
    const filler = join(dir, 'filler')
    await fs.writeFile(filler, Buffer.alloc(200 * 1024)).catch(() => undefined)
    for (let i = 0; i < 400; i++) store.customers[`cus_${i}`] = customer(i)
    store.docs.customers.changed()
    await expect(store.docs.customers.flush()).rejects.toMatchObject({ code: 'ENOSPC' })
    expect(notices.some((n) => n.level === 'error' && /disk is full/.test(n.message))).toBe(true)
    expect(Object.keys(store.customers)).toHaveLength(400)
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([])
    await fs.rm(filler)
    await store.docs.customers.flush()
    expect(notices.at(-1)?.message).toMatch(/saved again/)
    await store.close()
    const again = await open(dir)
    expect(Object.keys(again.customers)).toHaveLength(400)
    await again.close()
  })
})
