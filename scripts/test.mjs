#!/usr/bin/env node
// What `npm test` runs: make sure the system packages the rigs need are present (installing
// them when we are root), build the app (end-to-end tests load out/renderer), run vitest, and
// end with one summary line `tests: N passed, N failed` that CI and people can grep.
//
// Usage: npm test [-- <vitest args>]   e.g. `npm test -- tests/unit`
// Developer convenience only (CI never sets it): SKIP_BUILD=1 skips the electron-vite build.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const resultsDir = path.join(root, 'test-results')
const jsonPath = path.join(resultsDir, 'vitest.json')
const MAIL_USER = 'sellerinbox-mail'
const isRoot = process.getuid?.() === 0

process.chdir(root)
ensureSystemPackages()
build()
const vitestStatus = runVitest(process.argv.slice(2))
process.exit(summarize(vitestStatus))

function ensureSystemPackages() {
  let missing = missingPackages()
  if (missing.length > 0) {
    if (!isRoot) {
      console.error(`Missing system packages: ${missing.join(' ')}`)
      console.error(`Install them with:\n  sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`)
      finish(1)
    }
    console.log(`Installing missing system packages: ${missing.join(' ')}`)
    // The lock timeout waits for another apt run (e.g. provisioning) instead of failing at once.
    const lock = ['-o', 'DPkg::Lock::Timeout=600']
    mustRun('apt-get', [...lock, 'update'])
    mustRun('apt-get', [...lock, 'install', '-y', '--no-install-recommends', ...missing], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
    missing = missingPackages()
    if (missing.length > 0) {
      console.error(`Still missing after apt-get install: ${missing.join(' ')}`)
      finish(1)
    }
  }
  // Dovecot refuses to store mail as root; the rig runs its mail processes as this user.
  if (isRoot && !userExists(MAIL_USER)) {
    mustRun('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', MAIL_USER])
  }
}

/** Debian packages whose files the rigs need and cannot find. */
function missingPackages() {
  const missing = []
  if (!onPath('dovecot')) missing.push('dovecot-core', 'dovecot-imapd')
  else if (!existsSync('/usr/lib/dovecot/imap')) missing.push('dovecot-imapd')
  if (!onPath('doveadm') && !missing.includes('dovecot-core')) missing.push('dovecot-core')
  if (!existsSync('/usr/bin/chromium')) missing.push('chromium')
  if (!hasJapaneseFont()) missing.push('fonts-noto-cjk')
  return missing
}

function hasJapaneseFont() {
  const fc = spawnSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' })
  if (fc.status === 0) return fc.stdout.trim() !== ''
  // No fontconfig tools: fall back to asking dpkg about the font package itself.
  const dpkg = spawnSync('dpkg-query', ['-W', '-f=${Status}', 'fonts-noto-cjk'], { encoding: 'utf8' })
  return dpkg.status === 0 && dpkg.stdout.includes('install ok installed')
}

function onPath(bin) {
  // /usr/sbin is where dovecot lives and is often not on a normal user's PATH.
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin', '/sbin']
  return dirs.some((d) => d !== '' && existsSync(path.join(d, bin)))
}

function userExists(name) {
  return spawnSync('id', ['-u', name], { stdio: 'ignore' }).status === 0
}

function build() {
  if (process.env.SKIP_BUILD === '1') {
    console.log('SKIP_BUILD=1: not building (out/ may be stale; CI always builds).')
    return
  }
  const started = Date.now()
  const result = spawnSync(path.join(root, 'node_modules/.bin/electron-vite'), ['build'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '')
    process.stderr.write(result.stderr ?? '')
    if (result.error) console.error(result.error.message)
    console.error('electron-vite build failed.')
    finish(1)
  }
  console.log(`electron-vite build: ok (${((Date.now() - started) / 1000).toFixed(1)} s)`)
}

function runVitest(args) {
  mkdirSync(resultsDir, { recursive: true })
  // A JSON file left by an earlier run must never be mistaken for this run's results.
  rmSync(jsonPath, { force: true })
  const result = spawnSync(
    path.join(root, 'node_modules/.bin/vitest'),
    ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${jsonPath}`, ...args],
    { stdio: 'inherit' },
  )
  if (result.error) console.error(`could not run vitest: ${result.error.message}`)
  return result.status ?? 1
}

/** Prints the summary line and returns the exit code. */
function summarize(vitestStatus) {
  let report
  try {
    report = JSON.parse(readFileSync(jsonPath, 'utf8'))
  } catch {
    console.error(`vitest wrote no results to ${path.relative(root, jsonPath)}`)
    return finish(1)
  }
  const passed = report.numPassedTests ?? 0
  let failed = report.numFailedTests ?? 0
  // A file that fails to import or whose hooks throw has no failed tests of its own; it
  // still failed, so count each such file once.
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed').length
    if (file.status === 'failed' && failedTests === 0) {
      failed += 1
      console.error(`failed without a failing test: ${path.relative(root, file.name)}: ${firstLine(file.message)}`)
    }
  }
  // Unhandled errors make vitest exit non-zero while every test passed; say so in the count.
  if (vitestStatus !== 0 && failed === 0) {
    failed = 1
    console.error(
      `vitest exited with status ${vitestStatus} although no test failed (unhandled error or no tests found)`,
    )
  }
  console.log(`tests: ${passed} passed, ${failed} failed`)
  return failed > 0 || vitestStatus !== 0 ? 1 : 0
}

function firstLine(text) {
  // vitest leaves the message empty when a beforeAll/afterAll hook threw.
  return String(text ?? '').split('\n')[0] || 'a hook failed (see the error above)'
}

function mustRun(cmd, args, opts = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...opts })
  if (result.status !== 0) {
    console.error(`${cmd} ${args.join(' ')} failed (${result.error?.message ?? `status ${result.status}`})`)
    finish(1)
  }
}

/** Exits before vitest ran: the summary line is still the last thing printed. */
function finish(code) {
  if (code !== 0) console.log('tests: 0 passed, 1 failed')
  process.exit(code)
}
