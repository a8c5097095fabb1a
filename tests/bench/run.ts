// `npm run bench -- <name> [--n N]`; without a name, every benchmark runs.
import { apis } from './apis'
import { callbacks } from './callbacks'
import { clocks } from './clocks'
import { marketplaces } from './marketplaces'
import { orders } from './orders'
import { reports } from './reports'
import { reportClusters } from './report-clusters'
import { rules } from './rules'
import { search } from './search'
import { startup } from './startup'
import { storeWrite } from './store-write'
import { sync } from './sync'
import { templates } from './templates'
import { ui } from './ui'
import type { Bench } from './harness'

const BENCHES: Record<string, Bench> = {
  'store.write': storeWrite,
  apis,
  callbacks,
  clocks,
  marketplaces,
  orders,
  reports,
  'report-clusters': reportClusters,
  rules,
  search,
  startup,
  sync,
  templates,
  ui,
}

const names: string[] = []
let n: number | undefined
const args = process.argv.slice(2)
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--n') {
    n = Number(args[++i])
    if (!Number.isInteger(n) || n <= 0) {
      console.error('--n must be a positive whole number')
      process.exit(2)
    }
  } else names.push(args[i]!)
}
const selected = names.length ? names : Object.keys(BENCHES)
for (const name of selected) {
  const bench = BENCHES[name]
  if (!bench) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(', ')}`)
    process.exit(2)
  }
  await bench({ n })
}
