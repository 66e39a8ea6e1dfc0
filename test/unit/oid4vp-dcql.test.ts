// shared/oid4vp DCQL: parsing limits, presets, evaluation with the dcql package, over-disclosure, required claims, projection.
import { describe, expect, it } from 'vitest'
import {
  PRESET_NAMES, checkDcqlSatisfied, checkNoOverDisclosure, checkRequiredClaims, parseDcqlQuery, presetQuery, projectClaims,
} from '../../shared/oid4vp/index.ts'
import { PID_VCT } from '../../shared/pid/index.ts'

const vct = PID_VCT

describe('presets', () => {
  it.each(PRESET_NAMES)('%s is a valid dc+sd-jwt DCQL query for the PID vct', (name) => {
    const q = parseDcqlQuery(presetQuery(name, vct))
    expect(q.credentials[0]?.format).toBe('dc+sd-jwt')
    expect((q.credentials[0]?.meta as { vct_values: string[] }).vct_values).toEqual([vct])
  })

  it('kyc asks for names, birthdate and national_id', () => {
    expect(presetQuery('kyc', vct).credentials[0].claims.map((c) => c.path)).toEqual([['given_name'], ['family_name'], ['birthdate'], ['national_id']])
  })
})

describe('parseDcqlQuery rejects', () => {
  it('a non-DCQL value: dcql_query_invalid', () => {
    expect(() => parseDcqlQuery({ credentials: 'x' })).toThrow(expect.objectContaining({ code: 'dcql_query_invalid' }))
    expect(() => parseDcqlQuery(undefined)).toThrow(expect.objectContaining({ code: 'dcql_query_invalid' }))
  })
  it('an mdoc query: dcql_query_invalid', () => {
    expect(() => parseDcqlQuery({ credentials: [{ id: 'm', format: 'mso_mdoc', meta: { doctype_value: 'x' } }] })).toThrow(expect.objectContaining({ code: 'dcql_query_invalid' }))
  })
  it('an oversized query: dcql_query_invalid', () => {
    const claims = Array.from({ length: 600 }, (_, i) => ({ path: [`claim_${i}`] }))
    expect(() => parseDcqlQuery({ credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [vct] }, claims }] })).toThrow(expect.objectContaining({ code: 'dcql_query_invalid' }))
  })
  it('duplicate credential query ids: dcql_query_invalid', () => {
    const c = presetQuery('age_over_18', vct).credentials[0]
    expect(() => parseDcqlQuery({ credentials: [c, c] })).toThrow(expect.objectContaining({ code: 'dcql_query_invalid' }))
  })
})

describe('checkDcqlSatisfied', () => {
  const q = parseDcqlQuery(presetQuery('age_over_18', vct))
  it('accepts a presentation carrying the claim', () => {
    expect(() => checkDcqlSatisfied(q, { pid: [{ vct, claims: { age_over_18: true } }] })).not.toThrow()
  })
  it('rejects a missing credential query: dcql_not_satisfied', () => {
    expect(() => checkDcqlSatisfied(q, {})).toThrow(expect.objectContaining({ code: 'dcql_not_satisfied' }))
  })
  it('rejects another vct: dcql_not_satisfied', () => {
    expect(() => checkDcqlSatisfied(q, { pid: [{ vct: 'urn:other', claims: { age_over_18: true } }] })).toThrow(expect.objectContaining({ code: 'dcql_not_satisfied' }))
  })
  it('rejects a value outside `values`: dcql_not_satisfied', () => {
    const qv = parseDcqlQuery({ credentials: [{ id: 'pid', format: 'dc+sd-jwt', meta: { vct_values: [vct] }, claims: [{ path: ['age_over_18'], values: [true] }] }] })
    expect(() => checkDcqlSatisfied(qv, { pid: [{ vct, claims: { age_over_18: false } }] })).toThrow(expect.objectContaining({ code: 'dcql_not_satisfied' }))
  })
  it('rejects an unknown credential query id: vp_token_invalid', () => {
    expect(() => checkDcqlSatisfied(q, { pid: [{ vct, claims: { age_over_18: true } }], other: [{ vct, claims: {} }] })).toThrow(expect.objectContaining({ code: 'vp_token_invalid' }))
  })
  it('rejects several presentations without multiple: vp_token_invalid', () => {
    const p = { vct, claims: { age_over_18: true } }
    expect(() => checkDcqlSatisfied(q, { pid: [p, p] })).toThrow(expect.objectContaining({ code: 'vp_token_invalid' }))
  })
})

describe('disclosure policy', () => {
  it('allows parents and contents of requested claims', () => {
    expect(() => checkNoOverDisclosure([['address'], ['address', 'city']], [['address', 'city']])).not.toThrow()
    expect(() => checkNoOverDisclosure([['region'], ['region', 'code']], [['region']])).not.toThrow()
    expect(() => checkNoOverDisclosure([['nationalities', 0], ['nationalities', 1]], [['nationalities', null]])).not.toThrow()
  })
  it('rejects an unrequested disclosure: over_disclosure', () => {
    expect(() => checkNoOverDisclosure([['age_over_18'], ['national_id']], [['age_over_18']])).toThrow(expect.objectContaining({ code: 'over_disclosure' }))
  })
  it('rejects a sibling under a disclosed parent: over_disclosure', () => {
    expect(() => checkNoOverDisclosure([['address'], ['address', 'city'], ['address', 'street']], [['address', 'city']])).toThrow(expect.objectContaining({ code: 'over_disclosure' }))
  })
  it('rejects a missing requested claim: required_claim_missing', () => {
    expect(() => checkRequiredClaims({ age_over_21: true }, [['age_over_18']])).toThrow(expect.objectContaining({ code: 'required_claim_missing' }))
  })
  it('projects only the requested claims', () => {
    const claims = { iss: 'x', vct, age_over_18: true, address: { city: 'A', street: 'B' }, nationalities: ['CN', 'XX'], cnf: { jwk: {} } }
    expect(projectClaims(claims, [['age_over_18'], ['address', 'city']])).toEqual({ age_over_18: true, address: { city: 'A' } })
    expect(projectClaims(claims, [['nationalities', null]])).toEqual({ nationalities: ['CN', 'XX'] })
    expect(projectClaims(claims, [['missing']])).toEqual({})
  })
})
