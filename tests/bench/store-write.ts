// store.write: N customer updates through the store (batched, atomic, durable), against
// the floor (the same updates in a plain object written durably once) and against the
// same updates written naively (one durable whole-file rewrite each).
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeFileAtomic } from '../../main/store/atomic-file'
import { Store } from '../../main/store/store'
import type { Customer } from '../../main/core/model'
import { report, round, timeMs, type Bench } from './harness'

function customer(i: number): Customer {
  return {
    id: `cus_${i}`,
    name: `顧客 ${i}`,
    language: 'ja',
    keys: [{ kind: 'email', value: `c${i}@example.jp` }],
    tags: ['vip'],
    note: '',
    createdAt: '2026-01-01T00:00:00.000Z',
  }
}

async function one(n: number): Promise<void> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'bench-store-'))
  try {
    const store = await Store.open(join(dir, 'ours'))
    const ours = await timeMs(async () => {
      for (let i = 0; i < n; i++) {
        store.customers[`cus_${i % 20_000}`] = customer(i)
        store.docs.customers.changed()
        // A realistic stream of updates arrives over event-loop turns, not in one tick.
        if (i % 100 === 99) await new Promise((r) => setImmediate(r))
      }
      await store.flush()
    })
    const writes = store.docs.customers.writes
    const finalDoc = JSON.stringify(store.docs.customers.data)
    await store.close()

    // The floor: the same updates into a plain object, then one durable write of it.
    const plain: Record<string, Customer> = {}
    const floor = await timeMs(async () => {
      for (let i = 0; i < n; i++) {
        plain[`cus_${i % 20_000}`] = customer(i)
        if (i % 100 === 99) await new Promise((r) => setImmediate(r))
      }
      await writeFileAtomic(join(dir, 'floor.json'), JSON.stringify({ customers: plain }))
    })
    report({
      name: 'store.write',
      n,
      value: ours.ms,
      unit: 'ms',
      baseline: 'same updates in a plain object, one durable write',
      baseline_value: floor.ms,
      file_writes: writes,
      bytes: finalDoc.length,
    })

    // Naive write-through: only measurable at small n (it is the thing batching avoids).
    const naiveN = Math.min(n, 200)
    const doc: Record<string, Customer> = {}
    const naive = await timeMs(async () => {
      for (let i = 0; i < naiveN; i++) {
        doc[`cus_${i}`] = customer(i)
        await writeFileAtomic(join(dir, 'naive.json'), JSON.stringify({ customers: doc }))
      }
    })
    const perUpdate = naive.ms / naiveN
    report({
      name: 'store.write.per_update',
      n,
      value: round(ours.ms / n, 5),
      unit: 'ms',
      baseline: `naive durable rewrite per update (measured over ${naiveN})`,
      baseline_value: round(perUpdate, 4),
    })
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}

export const storeWrite: Bench = async ({ n }) => {
  for (const size of n ? [n] : [1_000, 100_000]) await one(size)
}
