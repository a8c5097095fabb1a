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

/** What `code` loads when it runs: `import type` and `export type` are erased, so they load nothing. */
function valueImports(code: string): string[] {
  return imports(code.replace(/(?:import|export)\s+type\s[^'"]*?from\s*['"][^'"]+['"]/g, ''))
}

/** The source file a relative import in `file` names, if it is one of ours. */
async function resolveImport(file: string, specifier: string): Promise<string | undefined> {
  const base = relative(root, resolve(root, file, '..', specifier))
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    const stat = await fs.stat(join(root, candidate)).catch(() => undefined)
    if (stat?.isFile() && /\.tsx?$/.test(candidate)) return candidate
  }
  return undefined
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
        const allowed =
          target.startsWith('renderer/') ||
          target === 'preload/api' ||
          target === 'main/core/model' ||
          // A test may check what a form makes against the schemas the engine validates with.
          (/\.test\.tsx?$/.test(file) && target.startsWith('preload/schemas/'))
        if (!allowed) offenders.push(`${file}: ${s}`)
      }
    }
    expect(offenders).toEqual([])
  })

  it('keeps zod out of what the renderer loads: only the engine validates', async () => {
    // Building zod schemas at load time cost the renderer's start ~150 ms; they live in preload/schemas/.
    const offenders: string[] = []
    const queue = (await sources('renderer')).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    const seen = new Set<string>()
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      if (seen.has(file)) continue
      seen.add(file)
      for (const s of valueImports(await fs.readFile(join(root, file), 'utf8'))) {
        if (s === 'zod' || s.startsWith('zod/')) offenders.push(file)
        const target = s.startsWith('.') ? await resolveImport(file, s) : undefined
        if (target !== undefined) queue.push(target)
      }
    }
    expect(seen.has('preload/api.ts')).toBe(true)
    expect(offenders).toEqual([])
  })

  it('tells imports that load code from type-only ones (the check itself works)', () => {
    const code = "import type { z } from 'zod'\nexport type { A } from './a'\nimport { b, type C } from './b'"
    expect(valueImports(code)).toEqual(['./b'])
  })

  it('finds an electron import when one is there (the check itself works)', () => {
    expect(imports("import { app } from 'electron'\nconst x = require('electron/main')")).toEqual([
      'electron',
      'electron/main',
    ])
  })
})
