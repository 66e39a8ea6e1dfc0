// The import graph of the production tree (issuer/ verifier/ wallet/ shared/ scripts/): no cycle anywhere, no service
// importing another, shared/ importing no service, and a narrow shared/bbs surface. Imports are read with the
// TypeScript parser: static `import`/`export ... from` (type-only included) and `import()` of a literal.
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const TREES = ['issuer', 'verifier', 'wallet', 'shared', 'scripts']
const SERVICES = ['issuer', 'verifier', 'wallet']
const BBS_INDEX = 'shared/bbs/index.ts'
const MAX_BBS_EXPORTS = 40

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(rel)
    return e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [rel] : []
  })
}

/** Relative imports of `file` (repository-relative paths); bare specifiers (packages, node:) are not edges. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true)
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => relative(ROOT, resolve(dirname(join(ROOT, file)), spec)).split('\\').join('/'))
}

const files = TREES.flatMap(tsFiles)
const graph = new Map(files.map((f) => [f, importsOf(f)]))
const topOf = (f: string): string => f.split('/')[0] as string

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
function cycles(): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (v: string): void => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number))
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = []
      let w: string
      do {
        w = stack.pop() as string
        onStack.delete(w)
        scc.push(w)
      } while (w !== v)
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort())
    }
  }
  for (const f of files) if (!index.has(f)) visit(f)
  return found
}

/** Names `file` exports (declarations and `export { … }` lists, types included). */
function exportedNames(file: string): string[] {
  const src = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest)
  const names: string[] = []
  for (const st of src.statements) {
    if (ts.isExportDeclaration(st)) {
      if (st.exportClause && ts.isNamedExports(st.exportClause)) names.push(...st.exportClause.elements.map((e) => e.name.text))
      else names.push('*')
    } else if (ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      if (ts.isVariableStatement(st)) names.push(...st.declarationList.declarations.map((d) => d.name.getText(src)))
      else names.push((st as ts.DeclarationStatement).name?.getText(src) ?? 'default')
    }
  }
  return names
}

describe('import graph', () => {
  it('reads the tree (sanity: hundreds of files, imports found)', () => {
    expect(files.length).toBeGreaterThan(200)
    expect(graph.get('verifier/app.ts')).toContain('verifier/config.ts')
  })

  it('has no import cycle', () => {
    expect(cycles()).toEqual([])
  })

  it('no service imports another service; shared/ imports no service', () => {
    const bad: string[] = []
    for (const [from, tos] of graph) {
      for (const to of tos) {
        const a = topOf(from)
        const b = topOf(to)
        if (SERVICES.includes(b) && a !== b && (SERVICES.includes(a) || a === 'shared')) bad.push(`${from} -> ${to}`)
      }
    }
    expect(bad).toEqual([])
  })

  it(`shared/bbs/index.ts exports at most ${MAX_BBS_EXPORTS} names and no sub-module of shared/bbs imports it`, () => {
    const names = exportedNames(BBS_INDEX)
    expect(names).not.toContain('*')
    expect(names.length).toBeLessThanOrEqual(MAX_BBS_EXPORTS)
    const back = [...graph].filter(([from, tos]) => from.startsWith('shared/bbs/') && from !== BBS_INDEX && tos.includes(BBS_INDEX)).map(([f]) => f)
    expect(back).toEqual([])
  })
})
