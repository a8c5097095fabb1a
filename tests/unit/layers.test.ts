// The folder tree is the architecture (STYLE.md): these checks keep it honest.
import { promises as fs } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
/** The Electron glue: the only files allowed to import `electron`. */
const ELECTRON_GLUE = ['main/index.ts', 'preload/index.ts']

async function sources(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await fs.readdir(join(root, dir), { withFileTypes: true })) {
    const rel = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await sources(rel)))
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(entry.name)) out.push(rel)
  }
  return out
}

function imports(code: string): string[] {
  const found: string[] = []
  const re =
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g
  for (const m of code.matchAll(re)) found.push((m[1] ?? m[2] ?? m[3] ?? m[4])!)
  return found
}

describe('layers', () => {
  it('imports electron only in the Electron glue', async () => {
    const offenders: string[] = []
    for (const dir of ['main', 'preload', 'renderer', 'tests', 'scripts']) {
      for (const file of await sources(dir)) {
        if (ELECTRON_GLUE.includes(file) || file === 'tests/unit/layers.test.ts') continue
        const code = await fs.readFile(join(root, file), 'utf8')
        if (imports(code).some((s) => s === 'electron' || s.startsWith('electron/'))) offenders.push(file)
      }
    }
    expect(offenders).toEqual([])
  })

  it('keeps main/core free of I/O', async () => {
    const offenders: string[] = []
    for (const file of await sources('main/core')) {
      const code = await fs.readFile(join(root, file), 'utf8')
      for (const s of imports(code)) {
        if (
          s.startsWith('node:') ||
          /\/(store|engine|channels|web)\//.test(s) ||
          ['fs', 'net', 'http', 'child_process'].includes(s)
        )
          offenders.push(`${file}: ${s}`)
      }
    }
    expect(offenders).toEqual([])
  })

  it('lets the renderer reach the engine only through preload/api.ts', async () => {
    const offenders: string[] = []
    for (const file of await sources('renderer')) {
      const code = await fs.readFile(join(root, file), 'utf8')
      for (const s of imports(code)) {
        if (!s.startsWith('.')) continue
        const target = relative(root, resolve(root, file, '..', s))
        const allowed = target.startsWith('renderer/') || target === 'preload/api' || target === 'main/core/model'
        if (!allowed) offenders.push(`${file}: ${s}`)
      }
    }
    expect(offenders).toEqual([])
  })

  it('finds an electron import when one is there (the check itself works)', () => {
    expect(imports("import { app } from 'electron'\nconst x = require('electron/main')")).toEqual([
      'electron',
      'electron/main',
    ])
  })
})
