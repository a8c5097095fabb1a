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
        store.docs.customers.changed('customers', `cus_${i % 20_000}`)
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

/**
 * What a sync batch costs once the workspace is big: `n` records already saved, then rounds
 * of 200 changed records, each made durable, through the journal against rewriting the
 * document whole every round (what every batch did before the journal).
 */
async function batches(n: number): Promise<void> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'bench-store-batches-'))
  const ROUNDS = 20
  const PER_ROUND = 200
  try {
    const run = async (journaled: boolean) => {
      const store = await Store.open(join(dir, journaled ? 'journal' : 'whole'))
      for (let i = 0; i < n; i++) store.customers[`cus_${i}`] = customer(i)
      store.docs.customers.changed()
      await store.flush()
      const t = await timeMs(async () => {
        for (let r = 0; r < ROUNDS; r++) {
          for (let j = 0; j < PER_ROUND; j++) {
            const id = `cus_${(r * PER_ROUND + j * 7919) % n}`
            store.customers[id] = { ...store.customers[id]!, note: `round ${r}` }
            if (journaled) store.docs.customers.changed('customers', id)
            else store.docs.customers.changed()
          }
          await store.flush()
        }
      })
      await store.close()
      return t.ms / ROUNDS
    }
    const journal = await run(true)
    const whole = await run(false)
    report({
      name: 'store.write.batch',
      n,
      value: round(journal, 2),
      unit: 'ms',
      baseline: `the whole document rewritten durably per batch of ${PER_ROUND} changes`,
      baseline_value: round(whole, 2),
      per: `durable batch of ${PER_ROUND} changed records`,
    })
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}

export const storeWrite: Bench = async ({ n }) => {
  for (const size of n ? [n] : [1_000, 100_000]) {
    await one(size)
    await batches(size)
  }
}
