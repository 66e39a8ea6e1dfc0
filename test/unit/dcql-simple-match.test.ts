// checkDcqlSatisfied decides queries of the common shape itself (shared/oid4vp/dcql-simple-match.ts) and leaves the rest
// to the `dcql` package: for every query of that shape and any presentations, both decide alike (fast-check parity).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkDcqlSatisfied, parseDcqlQuery, presetQuery, PRESET_NAMES } from '../../shared/oid4vp/index.ts'
import type { ParsedDcqlQuery, VerifiedPresentationView } from '../../shared/oid4vp/index.ts'
import { dcqlPackageSatisfied } from '../../shared/oid4vp/dcql-result.ts'
import { isSimpleDcqlQuery, simpleDcqlSatisfied } from '../../shared/oid4vp/dcql-simple-match.ts'

const IDS = ['a', 'b', 'c'] as const
const NAMES = ['x', 'y', 'z', 'toString', 'length', '0'] as const
const VCTS = ['urn:v1', 'urn:v2', 'urn:v3'] as const
const SCALARS = [true, false, 1, 0, 's', '', null] as const

const scalar = fc.constantFrom(...SCALARS)
/** Claims as JSON gives them: objects and arrays of the names above, nested a few levels. */
const claimValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.dictionary(fc.constantFrom(...NAMES), tie('value'), { maxKeys: 4 }),
    fc.array(tie('value'), { maxLength: 3 })),
})).value
const claimsObject = fc.dictionary(fc.constantFrom(...NAMES), claimValue, { maxKeys: 5 })

const claimQuery = fc.record({
  path: fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }),
  values: fc.option(fc.uniqueArray(scalar, { minLength: 1, maxLength: 3 }), { nil: undefined }),
}).map(({ path, values }) => (values === undefined ? { path } : { path, values }))

const rawQuery = fc.uniqueArray(fc.constantFrom(...IDS), { minLength: 1, maxLength: 3 }).chain((ids) => fc.record({
  credentials: fc.tuple(...ids.map((id) => fc.record({
    vctValues: fc.option(fc.uniqueArray(fc.constantFrom(...VCTS), { maxLength: 2 }), { nil: undefined }),
    claims: fc.option(fc.array(claimQuery, { minLength: 1, maxLength: 3 }), { nil: undefined }),
  }).map(({ vctValues, claims }) => ({
    id, format: 'dc+sd-jwt', ...(vctValues !== undefined ? { meta: { vct_values: vctValues } } : {}), ...(claims !== undefined ? { claims } : {}),
  })))),
  sets: fc.option(fc.array(fc.record({
    options: fc.array(fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1 }), { minLength: 1, maxLength: 3 }),
    required: fc.option(fc.boolean(), { nil: undefined }),
  }), { minLength: 1, maxLength: 2 }), { nil: undefined }),
}).map(({ credentials, sets }) => ({
  credentials,
  ...(sets !== undefined ? { credential_sets: sets.map((s) => (s.required === undefined ? { options: s.options } : s)) } : {}),
})))

/** Presentations for some of the query's ids (one each: no query here allows `multiple`). */
function presentationsFor(query: ParsedDcqlQuery): fc.Arbitrary<Record<string, VerifiedPresentationView[]>> {
  return fc.subarray(query.credentials.map((c) => c.id)).chain((ids) => fc.tuple(...ids.map(() => fc.record({ vct: fc.constantFrom(...VCTS), claims: claimsObject })))
    .map((views) => Object.fromEntries(ids.map((id, i) => [id, [views[i] as VerifiedPresentationView]]))))
}

/** The raw query parsed as POST /presentations does, or undefined when the verifier would refuse it. */
function parsed(raw: unknown): ParsedDcqlQuery | undefined {
  try {
    return parseDcqlQuery(raw)
  } catch {
    return undefined
  }
}

const codeOf = (f: () => void): string | undefined => {
  try {
    f()
    return undefined
  } catch (err) {
    return (err as { code?: string }).code
  }
}

describe('DCQL satisfaction of the common query shape: decided directly, as the dcql package decides it', () => {
  it('agrees with the dcql package on random queries and presentations (values, vct_values, credential sets, prototype names)', () => {
    let decided = 0
    let satisfied = 0
    fc.assert(fc.property(rawQuery.map(parsed).filter((q): q is ParsedDcqlQuery => q !== undefined).chain((q) => fc.tuple(fc.constant(q), presentationsFor(q))), ([query, presentations]) => {
      // a path through an inherited name (toString) goes to the package; every other generated query is decided here
      const inherited = query.credentials.some((c) => (c.claims ?? []).some((q) => (q as { path: string[] }).path.some((p) => p in Object.prototype)))
      expect(isSimpleDcqlQuery(query)).toBe(!inherited)
      const byPackage = dcqlPackageSatisfied(query, presentations)
      if (!inherited) expect(simpleDcqlSatisfied(query, presentations)).toBe(byPackage)
      expect(codeOf(() => checkDcqlSatisfied(query, presentations))).toBe(byPackage ? undefined : 'dcql_not_satisfied')
      decided++
      if (byPackage) satisfied++
    }), { numRuns: 800 })
    // both outcomes occur often enough for the agreement to mean something
    expect(satisfied).toBeGreaterThan(decided / 50)
    expect(decided - satisfied).toBeGreaterThan(decided / 50)
  })

  it('agrees on every preset with matching, wrong-valued, absent and foreign-vct claims', () => {
    for (const name of PRESET_NAMES) {
      const query = parseDcqlQuery(presetQuery(name, 'urn:v1'))
      expect(isSimpleDcqlQuery(query)).toBe(true)
      const paths = query.credentials[0]?.claims?.map((c) => (c as { path: string[] }).path) ?? []
      const full = Object.fromEntries(paths.map((p) => [p[0], true]))
      for (const view of [{ vct: 'urn:v1', claims: full }, { vct: 'urn:v2', claims: full }, { vct: 'urn:v1', claims: {} },
        { vct: 'urn:v1', claims: Object.fromEntries(paths.map((p) => [p[0], false])) }, { vct: 'urn:v1', claims: Object.fromEntries(paths.map((p) => [p[0], null])) }]) {
        expect(simpleDcqlSatisfied(query, { pid: [view] }), `${name} ${JSON.stringify(view)}`).toBe(dcqlPackageSatisfied(query, { pid: [view] }))
      }
      expect(simpleDcqlSatisfied(query, {})).toBe(false)
      expect(dcqlPackageSatisfied(query, {})).toBe(false)
    }
  })

  it('reads a path the way the package does: names found with `in` (inherited ones too), arrays as objects', () => {
    const cases: [string[], unknown[] | undefined, Record<string, unknown>][] = [
      [['x', 'length'], undefined, { x: 's' }],
      [['x', 'length'], undefined, { x: [1] }],
      [['x', 'length'], [1], { x: [1] }],
      [['x', '0'], [true], { x: [true] }],
      [['x', '0'], undefined, { x: 's' }],
      [['x', 'y'], undefined, { x: null }],
      [['x'], [0], { x: 0 }],
      [['x'], [0], { x: null }],
      [['x'], [''], {}],
      [['x'], undefined, { x: false }],
    ]
    for (const [path, values, claims] of cases) {
      const query = parseDcqlQuery({ credentials: [{ id: 'a', format: 'dc+sd-jwt', claims: [{ path, ...(values ? { values } : {}) }] }] })
      const p = { a: [{ vct: 'urn:v1', claims }] }
      expect(simpleDcqlSatisfied(query, p), JSON.stringify([path, values, claims])).toBe(dcqlPackageSatisfied(query, p))
    }
  })

  it('leaves a path through a name every object has (toString) to the package, which refuses an object or array there', () => {
    // fast-check's counterexample: the package answers false for { toString: [] }, a names-only reading would say true
    const query = parseDcqlQuery({ credentials: [{ id: 'a', format: 'dc+sd-jwt', claims: [{ path: ['toString'] }] }] })
    expect(isSimpleDcqlQuery(query)).toBe(false)
    for (const value of [[], {}, [1]]) {
      const p = { a: [{ vct: 'urn:v1', claims: { toString: value } }] }
      expect(dcqlPackageSatisfied(query, p)).toBe(false)
      expect(codeOf(() => checkDcqlSatisfied(query, p))).toBe('dcql_not_satisfied')
    }
    expect(codeOf(() => checkDcqlSatisfied(query, { a: [{ vct: 'urn:v1', claims: { toString: 's' } }] }))).toBeUndefined()
  })

  it('leaves claim_sets, index and null paths, multiple and trusted_authorities to the dcql package', () => {
    const base = { id: 'a', format: 'dc+sd-jwt', claims: [{ id: 'c1', path: ['x'] }, { id: 'c2', path: ['y'] }] }
    expect(isSimpleDcqlQuery(parseDcqlQuery({ credentials: [{ ...base, claim_sets: [['c1'], ['c2']] }] }))).toBe(false)
    expect(isSimpleDcqlQuery(parseDcqlQuery({ credentials: [{ id: 'a', format: 'dc+sd-jwt', claims: [{ path: ['x', null] }] }] }))).toBe(false)
    expect(isSimpleDcqlQuery(parseDcqlQuery({ credentials: [{ id: 'a', format: 'dc+sd-jwt', claims: [{ path: ['x', 0] }] }] }))).toBe(false)
    expect(isSimpleDcqlQuery(parseDcqlQuery({ credentials: [{ ...base, multiple: true }] }))).toBe(false)
    // claim sets still decided by the package: either claim satisfies
    const q = parseDcqlQuery({ credentials: [{ ...base, claim_sets: [['c1'], ['c2']] }] })
    expect(codeOf(() => checkDcqlSatisfied(q, { a: [{ vct: 'urn:v1', claims: { y: 1 } }] }))).toBeUndefined()
    expect(codeOf(() => checkDcqlSatisfied(q, { a: [{ vct: 'urn:v1', claims: { z: 1 } }] }))).toBe('dcql_not_satisfied')
  })
})
