// Order import: a Shopify export of N orders (two line items each, 1 in 3 buyers already a
// customer by e-mail) imported through the engine — decode, check every row, plan, one bulk
// write, durable — against csv-parse alone reading the same file (the floor); then the same
// file again (nothing changes) and the engine's RSS after.
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { Engine } from '../../main/engine/engine'
import { median, report, round, timeMs, type Bench } from './harness'

const HEADER =
  'Name,Email,Financial Status,Fulfillment Status,Currency,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Billing Name,Shipping Phone'

function exportOf(n: number): string {
  const lines = [HEADER]
  for (let i = 0; i < n; i++) {
    const name = `#${10000 + i}`
    const email = `buyer${i % Math.ceil(n / 2)}@example.com`
    const when = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString().replace('T', ' ').slice(0, 19) + ' +0000'
    lines.push(
      `${name},${email},paid,${i % 3 ? 'fulfilled' : ''},USD,42.00,${when},1,"Yunomi cup, 180 ml",30.00,YU-180,Buyer ${i},+1 555 01${i % 100}`,
    )
    lines.push(`${name},${email},,,,,${when},2,Tea towel,6.00,TT-1,,`)
  }
  return lines.join('\n') + '\n'
}

export const orders: Bench = async ({ n = 10_000 }) => {
  const dir = await fs.mkdtemp(join(tmpdir(), 'bench-orders-'))
  try {
    const file = join(dir, 'orders_export.csv')
    await fs.writeFile(file, exportOf(n))
    const floor: number[] = []
    for (let i = 0; i < 3; i++)
      floor.push((await timeMs(async () => parse(await fs.readFile(file), { relax_column_count: true }))).ms)
    const engine = await Engine.start({
      dataDir: join(dir, 'data'),
      keyFile: join(dir, 'key'),
      sync: false,
      log: () => undefined,
    })
    try {
      const call = async (method: string, input: unknown) => {
        const r = await engine.call(method, input)
        if (!r.ok) throw new Error(r.error.message)
        return r.value
      }
      const first = await timeMs(() => call('orders.import', { path: file, format: 'shopify' }))
      report({
        name: 'orders.import',
        n,
        value: first.ms,
        unit: 'ms',
        baseline: 'csv-parse only',
        baseline_value: median(floor),
      })
      const again = await timeMs(() => call('orders.import', { path: file, format: 'shopify' }))
      report({
        name: 'orders.reimport',
        n,
        value: again.ms,
        unit: 'ms',
        baseline: 'csv-parse only',
        baseline_value: median(floor),
      })
      report({ name: 'orders.rss', n, value: round(process.memoryUsage().rss / 1e6, 1), unit: 'MB' })
    } finally {
      await engine.close()
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true })
  }
}
