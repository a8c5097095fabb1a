// Builds the three Electron targets from the top-level folders. Electron is an optional
// dependency (it cannot be downloaded everywhere), so its major version is read from
// package.json instead of node_modules: the build must work where Electron is absent.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  optionalDependencies?: Record<string, string>
}
const electronRange = pkg.optionalDependencies?.electron ?? ''
process.env.ELECTRON_MAJOR_VER ??= /\d+/.exec(electronRange)?.[0] ?? ''

const root = import.meta.dirname

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // The engine must also run in plain Node 20 (browser mode, tests, benchmarks).
      target: 'node20',
      rolldownOptions: {
        input: {
          index: resolve(root, 'main/index.ts'),
          web: resolve(root, 'main/web/main.ts'),
          start: resolve(root, 'main/start.ts'),
          // MIME parsing on a thread of its own during syncs (main/channels/mail/parse-pool.ts).
          'parse-worker': resolve(root, 'main/channels/mail/parse-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      rolldownOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        // CommonJS so the window can keep `sandbox: true` (sandboxed preloads cannot be ESM).
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    build: {
      outDir: resolve(root, 'out/renderer'),
      // Loaded on every start: a smaller bundle parses faster.
      minify: true,
      rolldownOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
    plugins: [react()],
  },
})
