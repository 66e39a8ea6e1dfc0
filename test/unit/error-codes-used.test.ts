// Every code of the error table is thrown (or named) somewhere in production code: a code nothing raises is dead
// and removed. Read as text: the code as a quoted string in issuer/ verifier/ wallet/ shared/ scripts/.
// Every code is also asserted by at least one test: the code as a quoted string ('code' or "code") in a test
// source under test/ (this file excepted), so each rejection a code names has a test that provokes it.
import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '../../shared/errors/index.ts'

const ROOT = resolve(import.meta.dirname, '../..')

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(rel)
    return e.isFile() && e.name.endsWith('.ts') ? [rel] : []
  })
}

// The tables themselves (codes and their fixed descriptions) do not count as a use.
const TABLES = /^shared\/errors\/(codes(-[a-z]+)?|descriptions)\.ts$/
const production = ['issuer', 'verifier', 'wallet', 'shared', 'scripts']
  .flatMap(sources)
  .filter((f) => !TABLES.test(f))
  .map((f) => readFileSync(join(ROOT, f), 'utf8'))
  .join('\n')

const tests = sources('test')
  .filter((f) => f !== 'test/unit/error-codes-used.test.ts')
  .map((f) => readFileSync(join(ROOT, f), 'utf8'))
  .join('\n')

describe('error codes', () => {
  it('reads the table and the tree (sanity)', () => {
    expect(Object.keys(ERROR_CODES).length).toBeGreaterThan(100)
    expect(production).toContain("'invalid_signature'")
    expect(tests).toContain("'invalid_signature'")
  })

  it('every code in ERROR_CODES is used in production code', () => {
    const unused = Object.keys(ERROR_CODES).filter((code) => !production.includes(`'${code}'`))
    expect(unused).toEqual([])
  })

  it('every code in ERROR_CODES is asserted in at least one test', () => {
    const untested = Object.keys(ERROR_CODES).filter((code) => !tests.includes(`'${code}'`) && !tests.includes(`"${code}"`))
    expect(untested).toEqual([])
  })
})
