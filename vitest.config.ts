// Test runner config. `npm test` (scripts/test.mjs) adds the JSON reporter it reads the
// summary from; plain `npx vitest` uses this file alone.
import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'main/**/*.test.ts', 'preload/**/*.test.ts'],
    // Benchmarks print numbers; they are run on purpose, never as part of the suite.
    exclude: [...configDefaults.exclude, 'tests/bench/**', 'out/**'],
    // Forks, not threads: rigs spawn servers and register process exit hooks per worker.
    pool: 'forks',
    fileParallelism: true,
    // Two cores; each integration file also runs its own Dovecot and browser.
    maxWorkers: 2,
    testTimeout: 30_000,
    // A UI that answers in 100 ms alone can take seconds while two e2e files, their browsers and
    // Dovecot share two cores: polls wait up to 5 s by default instead of vitest's 1 s.
    expect: { poll: { timeout: 5_000 } },
    hookTimeout: 60_000,
  },
})
