// Search through the engine: mail stored through ingest is found, the index survives a
// restart without a rebuild, a damaged index file is rebuilt with a notice, and a kill -9
// while the index is being written loses nothing.
import { spawn } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Engine } from '../../main/engine/engine'
import type { AppInfo, Result, SearchResults } from '../../preload/api'

const cwd = resolve(import.meta.dirname, '../..')
const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await fs.rm(d, { recursive: true, force: true })
})

async function workspace(): Promise<string> {
  const dir = await fs.mkdtemp(join(tmpdir(), 'search-engine-'))
  dirs.push(dir)
  return dir
}

async function open(dir: string, logs: string[] = []): Promise<Engine> {
  return Engine.start({ dataDir: join(dir, 'data'), keyFile: join(dir, 'key'), sync: false, log: (l) => logs.push(l) })
}

async function search(engine: Engine, query: string): Promise<SearchResults> {
  const r = (await engine.call('search.query', { query })) as Result<SearchResults>
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

async function importMail(engine: Engine, dir: string, name: string, subject: string, body: string): Promise<void> {
  const file = join(dir, `${name}.eml`)
  await fs.writeFile(
    file,
    `From: 佐藤 花子 <hanako@example.jp>\r\nTo: shop@example.com\r\nSubject: ${subject}\r\nMessage-ID: <${name}@example.jp>\r\n` +
      `Date: Tue, 3 Nov 2026 09:00:00 +0900\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`,
  )
  const r = await engine.call('import.files', { paths: [file] })
  if (!r.ok) throw new Error(r.error.message)
}

describe('search through the engine', () => {
  it('finds ingested mail, keeps its index across a restart, and rebuilds a damaged one with a notice', async () => {
    const dir = await workspace()
    let engine = await open(dir)
    await importMail(engine, dir, 'late', 'ご注文について', 'ご注文の湯呑の配送が遅れているようです。いつ届きますか？')
    const found = await search(engine, '配送が遅れて')
    expect(found.hits.map((h) => [h.customerName, h.subject])).toEqual([['佐藤 花子', 'ご注文について']])
    expect(found.hits[0]!.snippetMarks.length).toBeGreaterThan(0)
    expect((await search(engine, 'from:hanako is:unread')).total).toBe(0) // imported mail is read
    expect((await search(engine, 'from:hanako')).total).toBe(1)
    await engine.close()

    const logs: string[] = []
    engine = await open(dir, logs)
    await engine.searchReady()
    expect((await search(engine, '配送')).total).toBe(1)
    expect(logs.filter((l) => l.startsWith('search:'))).toEqual([])
    await engine.close()

    // index.json: the compacted index (recent mail is in recent.jsonl until it is folded in).
    await fs.writeFile(join(dir, 'data', 'search', 'index.json'), 'garbage')
    engine = await open(dir)
    await engine.searchReady()
    expect((await search(engine, '湯呑')).total).toBe(1)
    const info = (await engine.call('app.info', {})) as Result<AppInfo>
    expect(info.ok && info.value.notices.map((n) => n.message)).toEqual([
      expect.stringContaining('search index was damaged'),
    ])
    await engine.close()
  })

  it('refuses a bad filter, naming it and the form it expects', async () => {
    const dir = await workspace()
    const engine = await open(dir)
    const r = await engine.call('search.query', { query: 'teapot before:yesterdayish' })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('bad_request')
      expect(r.error.message).toMatch(/before:yesterdayish.*YYYY-MM-DD/)
      expect(r.error.issues?.[0]?.path).toBe('query.before')
    }
    const long = await engine.call('search.query', { query: 'x'.repeat(501) })
    expect(!long.ok && long.error.code).toBe('bad_request')
    await engine.close()
  })

  it('finds every stored message after a kill -9 in the middle of an index write', async () => {
    const dir = await workspace()
    const stored: string[] = []
    for (const delayMs of [0, 3, 12, 30]) {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(import.meta.dirname, 'fixtures/search-child.ts'),
          join(dir, 'data'),
          String(stored.length * 100 + delayMs * 1000),
        ],
        { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
      )
      let errors = ''
      child.stderr.on('data', (d: Buffer) => (errors += d.toString()))
      const exited = new Promise((r) => child.on('exit', r))
      let writes = 0
      let buffer = ''
      await new Promise<void>((killed, fail) => {
        child.on('exit', (code) => code !== null && fail(new Error(`the child exited with ${code}: ${errors}`)))
        child.stdout.on('data', (d: Buffer) => {
          buffer += d.toString()
          const lines = buffer.split('\n')
          buffer = lines.pop()!
          for (const line of lines) {
            if (line.startsWith('stored ')) stored.push(line.slice(7))
            // Kill during the third write (the first ones may be of the index read at start).
            if (line.startsWith('writing') && ++writes === 3) {
              setTimeout(() => {
                child.kill('SIGKILL')
                killed()
              }, delayMs)
            }
          }
        })
      })
      await exited
      const engine = await open(dir)
      await engine.searchReady()
      for (const word of stored) expect((await search(engine, word)).total, word).toBe(1)
      await engine.close()
    }
    expect(stored.length).toBeGreaterThan(4)
  }, 120_000)
})
