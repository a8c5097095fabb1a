// `npm run web`: browser mode directly.
import { fileURLToPath } from 'node:url'
import { runBrowserMode } from './cli'

void runBrowserMode(
  process.argv.slice(2),
  fileURLToPath(new URL('../renderer', import.meta.url)),
  new URL('./parse-worker.js', import.meta.url),
)
