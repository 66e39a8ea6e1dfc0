// Claims paths against a credential's structure (OpenID4VP 1.0 §7.1): at match time in the wallet
// (claimsPathMismatch) and at registration from the credential types' claim metadata (claimsPathStructureProblem).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { claimsPathMismatch, claimsPathProblem, claimsPathStructureProblem } from '../../shared/registration/index.ts'
import type { ClaimsPath } from '../../shared/registration/index.ts'

const CLAIMS = { age_over_18: true, address: { city: 'X', street: 'Y' }, nationalities: ['CN', 'SG'], degrees: [{ type: 'BSc' }, { type: 'MSc' }] }

describe('claimsPathMismatch', () => {
  it.each<[ClaimsPath]>([[['age_over_18']], [['address', 'city']], [['nationalities', null]], [['nationalities', 1]], [['degrees', null, 'type']], [['degrees', 0, 'type']], [['missing']], [['missing', null]], [['address', 'missing', null]], [['nationalities', 7]]])('%j fits (or leads to an absent claim)', (path) => {
    expect(claimsPathMismatch(path, CLAIMS)).toBeUndefined()
  })

  it.each<[ClaimsPath, RegExp]>([
    [['address', null], /null applied to a value that is not an array/],
    [['address', 0], /an array index applied/],
    [['age_over_18', null], /null applied/],
    [['address', 'city', null], /null applied/],
    [['nationalities', 'length'], /claim name applied to a value that is not an object/],
    [['degrees', null, 'type', 0], /an array index applied/],
    [['age_over_18', 'x'], /claim name applied/],
  ])('%j does not fit', (path, message) => {
    const problem = claimsPathMismatch(path, CLAIMS)
    expect(problem).toMatch(message)
    // the message never names a claim value
    for (const v of ['X', 'Y', 'CN', 'SG', 'BSc']) expect(problem).not.toContain(v)
  })

  it('any grammatical path gives a fit or a problem, never a throw (property)', () => {
    const component = fc.oneof(fc.constantFrom('address', 'city', 'degrees', 'type', 'nationalities', 'age_over_18', 'x'), fc.constant(null), fc.nat({ max: 3 }))
    fc.assert(fc.property(fc.array(component, { minLength: 1, maxLength: 6 }), (path) => {
      if (claimsPathProblem(path) !== undefined) return
      const r = claimsPathMismatch(path, CLAIMS)
      expect(r === undefined || typeof r === 'string').toBe(true)
    }))
  })
})

describe('claimsPathStructureProblem', () => {
  const known: ClaimsPath[] = [['address'], ['address', 'city'], ['nationalities'], ['nationalities', null], ['degrees', null, 'type']]

  it.each<[ClaimsPath]>([[['address', 'city']], [['nationalities', null]], [['nationalities', 0]], [['degrees', null, 'type']], [['degrees', 2, 'type']], [['age_over_18']]])('%j steps into arrays only where the metadata has one', (path) => {
    expect(claimsPathStructureProblem(path, known)).toBeUndefined()
  })

  it.each<[ClaimsPath]>([[['address', null]], [['address', 0]], [['age_over_18', null]], [['address', 'city', null]], [['degrees', null, 'type', null]]])('%j applies null or an index to a claim that is not an array', (path) => {
    expect(claimsPathStructureProblem(path, known)).toMatch(/applied to a claim that is not an array/)
  })
})
