// shared/registration checkQueryAllowed: claims-path coverage with prefixes and null wildcards, claim_not_registered.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EidError } from '../../shared/errors/index.ts'
import { checkQueryAllowed, pathCovers } from '../../shared/registration/index.ts'
import type { ClaimsPath } from '../../shared/registration/index.ts'

const query = (...paths: ClaimsPath[]) => ({
  credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: ['urn:eid:pid:1'] }, claims: paths.map((path) => ({ path })) }],
})

describe('checkQueryAllowed', () => {
  it('allows exactly the registered claims', () => {
    expect(() => checkQueryAllowed(query(['age_over_18']), [['age_over_18']])).not.toThrow()
  })

  it('allows sub-claims of a registered claim', () => {
    expect(() => checkQueryAllowed(query(['address', 'city']), [['address']])).not.toThrow()
  })

  it('allows array elements under a registered null wildcard', () => {
    expect(() => checkQueryAllowed(query(['nationalities', 0], ['nationalities', null]), [['nationalities', null]])).not.toThrow()
  })

  it('allows a credential query without claims (no selectively disclosable claim requested)', () => {
    expect(() => checkQueryAllowed({ credentials: [{ id: 'pid', format: 'dc+sd-jwt' }] }, [['age_over_18']])).not.toThrow()
  })

  it('rejects an unregistered claim: claim_not_registered', () => {
    expect(() => checkQueryAllowed(query(['age_over_18'], ['national_id']), [['age_over_18']])).toThrow(expect.objectContaining({ code: 'claim_not_registered' }))
  })

  it('rejects a parent of a registered claim: claim_not_registered', () => {
    expect(() => checkQueryAllowed(query(['address']), [['address', 'city']])).toThrow(expect.objectContaining({ code: 'claim_not_registered' }))
  })

  it('rejects all elements when only one index is registered: claim_not_registered', () => {
    expect(() => checkQueryAllowed(query(['nationalities', null]), [['nationalities', 0]])).toThrow(expect.objectContaining({ code: 'claim_not_registered' }))
  })

  it('checks claims of every credential query: claim_not_registered', () => {
    const q = { credentials: [query(['age_over_18']).credentials[0], { id: 'two', format: 'dc+sd-jwt', claims: [{ path: ['birthdate'] }] }] }
    expect(() => checkQueryAllowed(q, [['age_over_18']])).toThrow(expect.objectContaining({ code: 'claim_not_registered' }))
  })

  it('names the path but no value in the message', () => {
    try {
      checkQueryAllowed(query(['national_id']), [['age_over_18']])
      expect.unreachable()
    } catch (e) {
      expect((e as Error).message).toContain('national_id')
    }
  })

  it('rejects a query it cannot read: dcql_query_invalid', () => {
    expect(() => checkQueryAllowed({ credentials: 'x' }, [['age_over_18']])).toThrow(expect.objectContaining({ code: 'dcql_query_invalid' }))
    expect(() => checkQueryAllowed(query([]), [['age_over_18']])).toThrow(expect.objectContaining({ code: 'dcql_query_invalid' }))
  })

  it('any input gives success or an EidError (property)', () => {
    fc.assert(fc.property(fc.anything(), (q) => {
      try { checkQueryAllowed(q, [['age_over_18']]) } catch (e) { expect(e).toBeInstanceOf(EidError) }
    }), { numRuns: 200 })
  })
})

describe('pathCovers (property)', () => {
  const component = fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.nat({ max: 3 }), fc.constant(null))
  const path = fc.array(component, { minLength: 1, maxLength: 4 })
  it('every path covers itself and its extensions', () => {
    fc.assert(fc.property(path, path, (p, ext) => pathCovers(p, p) && pathCovers(p, [...p, ...ext])), { numRuns: 200 })
  })
  it('a covered path never has a string where the allowed path has a different string', () => {
    fc.assert(fc.property(path, path, (a, r) => {
      if (!pathCovers(a, r)) return true
      return a.every((x, i) => typeof x !== 'string' || r[i] === x)
    }), { numRuns: 200 })
  })
})
