// Browser mode: what start.js runs where Electron cannot start, or when asked (`npm run web`).
import { fileURLToPath } from 'node:url'
import { runBrowserMode } from './cli'

void runBrowserMode(
  process.argv.slice(2),
  fileURLToPath(new URL('../renderer', import.meta.url)),
  new URL('./parse-worker.js', import.meta.url),
)
