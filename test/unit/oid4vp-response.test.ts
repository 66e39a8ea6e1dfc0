// shared/oid4vp parseAuthorizationResponse: direct_post bodies (vp_token keyed by credential query id, or an error), one rejection per rule.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EidError } from '../../shared/errors/index.ts'
import { parseAuthorizationResponse } from '../../shared/oid4vp/index.ts'

const state = 'state-0123456789abcdef'

describe('parseAuthorizationResponse', () => {
  it('parses vp_token and state', () => {
    expect(parseAuthorizationResponse({ vp_token: JSON.stringify({ pid: ['a~b~'] }), state })).toEqual({ kind: 'vp_token', vpToken: { pid: ['a~b~'] }, state })
  })
  it('parses an access_denied error response', () => {
    expect(parseAuthorizationResponse({ error: 'access_denied', error_description: 'declined', state })).toEqual({ kind: 'error', error: 'access_denied', errorDescription: 'declined', state })
  })
  it('ignores unknown parameters', () => {
    expect(parseAuthorizationResponse({ vp_token: '{"pid":["x"]}', state, extra: 'y' }).kind).toBe('vp_token')
  })
  it('rejects a missing state: authorization_response_invalid', () => {
    expect(() => parseAuthorizationResponse({ vp_token: '{"pid":["x"]}' })).toThrow(expect.objectContaining({ code: 'authorization_response_invalid' }))
  })
  it('rejects a repeated parameter (array): authorization_response_invalid', () => {
    expect(() => parseAuthorizationResponse({ vp_token: ['{}', '{}'], state })).toThrow(expect.objectContaining({ code: 'authorization_response_invalid' }))
  })
  it('rejects a non-object body: authorization_response_invalid', () => {
    expect(() => parseAuthorizationResponse('vp_token=x')).toThrow(expect.objectContaining({ code: 'authorization_response_invalid' }))
  })
  it('rejects vp_token that is not JSON: vp_token_invalid', () => {
    expect(() => parseAuthorizationResponse({ vp_token: 'eyJ.abc~', state })).toThrow(expect.objectContaining({ code: 'vp_token_invalid' }))
  })
  it('rejects a vp_token whose values are not arrays: vp_token_invalid', () => {
    expect(() => parseAuthorizationResponse({ vp_token: '{"pid":"x~"}', state })).toThrow(expect.objectContaining({ code: 'vp_token_invalid' }))
  })
  it('rejects an empty vp_token object: vp_token_invalid', () => {
    expect(() => parseAuthorizationResponse({ vp_token: '{}', state })).toThrow(expect.objectContaining({ code: 'vp_token_invalid' }))
  })
  it('any body gives a response or an EidError (property)', () => {
    fc.assert(fc.property(fc.dictionary(fc.constantFrom('vp_token', 'state', 'error', 'x'), fc.oneof(fc.string(), fc.json())), (body) => {
      try { parseAuthorizationResponse(body) } catch (e) { expect(e).toBeInstanceOf(EidError) }
    }), { numRuns: 200 })
  })
})
