// A session's DCQL query is parsed and validated once (at POST /presentations), not again on every direct_post; a query
// text this process has not seen is still parsed with every check; the kept result cannot be altered.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { presetQuery } from '../../shared/oid4vp/index.ts'
import { PID_VCT } from '../../shared/pid/index.ts'
import { VERIFIER_FORMATS, parsedQueryOf } from '../../verifier/formats/index.ts'
import { startVerifierHarness } from '../support/verifier/index.ts'
import type { VerifierHarness } from '../support/verifier/index.ts'

let h: VerifierHarness
beforeAll(async () => {
  h = await startVerifierHarness({ allowedClaims: [['age_over_18']] })
})
afterAll(() => h.close())

const sdJwtRow = VERIFIER_FORMATS.find((f) => f.format === 'dc+sd-jwt')

describe('DCQL query parsed once per query text', () => {
  it('a direct_post does not parse the session query again, and the presentation verifies', async () => {
    const created = await h.createPresentation({ preset: 'age_over_18', purpose: `once ${Date.now()}` })
    expect(created.status).toBe(201)
    const request = await h.fetchRequest(created.json)
    const vp = await h.present(await h.credential(), [['age_over_18']], request)
    const spy = vi.spyOn(sdJwtRow as NonNullable<typeof sdJwtRow>, 'parseQuery')
    try {
      expect(await h.post({ vp_token: JSON.stringify({ pid: [vp] }), state: request.state })).toMatchObject({ status: 200 })
      expect(spy).not.toHaveBeenCalled()
    } finally {
      spy.mockRestore()
    }
    expect((await h.result(created.json.id as string)).json).toEqual({ status: 'verified', claims: { age_over_18: true } })
  })

  it('returns the same frozen parse for the same query text, and parses a new text with every check', () => {
    const q = presetQuery('age_over_18', PID_VCT)
    const a = parsedQueryOf(q)
    expect(parsedQueryOf(JSON.parse(JSON.stringify(q)))).toBe(a)
    expect(Object.isFrozen(a.query)).toBe(true)
    expect(Object.isFrozen(a.query.credentials[0]?.claims)).toBe(true)
    expect(() => (a.query.credentials as unknown[]).push({})).toThrow(TypeError)
    const bad = { credentials: [{ id: 'pid', format: 'dc+sd-jwt', claims: [{ path: [] }] }] }
    expect(() => parsedQueryOf(bad)).toThrow(expect.objectContaining({ code: 'claims_path_invalid' }))
    expect(() => parsedQueryOf({ credentials: 'x' })).toThrow(expect.objectContaining({ code: 'dcql_query_invalid' }))
    // a refused text is not kept: the second attempt is refused the same way
    expect(() => parsedQueryOf({ credentials: 'x' })).toThrow(expect.objectContaining({ code: 'dcql_query_invalid' }))
  })

  it('finds a deeply frozen query (as the store returns it) by identity, never a merely top-frozen one', () => {
    const q = presetQuery('age_over_18', PID_VCT)
    const stored = JSON.parse(JSON.stringify(q)) as typeof q
    const freeze = (v: unknown): void => {
      if (typeof v === 'object' && v !== null) {
        Object.freeze(v)
        Object.values(v).forEach(freeze)
      }
    }
    freeze(stored)
    const a = parsedQueryOf(stored)
    const stringify = vi.spyOn(JSON, 'stringify')
    try {
      expect(parsedQueryOf(stored)).toBe(a)
      expect(stringify).not.toHaveBeenCalled()
      // top-frozen only: its inner arrays could change after parsing, so it is looked up by its text every time
      const shallow = Object.freeze(JSON.parse(JSON.stringify(q)) as typeof q)
      stringify.mockClear()
      parsedQueryOf(shallow)
      parsedQueryOf(shallow)
      expect(stringify).toHaveBeenCalledTimes(2)
    } finally {
      stringify.mockRestore()
    }
  })
})
