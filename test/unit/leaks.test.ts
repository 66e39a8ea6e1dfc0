// The leak finder the privacy tests use: it must find real leaks and ignore secrets that only occur inside random ids.
import { describe, expect, it } from 'vitest'
import { jwtLike, leakedSecrets } from '../support/leaks.ts'

describe('leakedSecrets', () => {
  it('finds a short secret standing alone: in JSON, a sentence, a query or raw bytes', () => {
    for (const text of ['{"given_name":"Wei"}', 'hello Wei.', 'a=Wei&b=1', '\x00\x03Wei\x01', 'Wei']) expect(leakedSecrets(text, ['Wei'])).toEqual(['Wei'])
  })
  it('ignores a short secret inside a random base64url id or a timestamp', () => {
    expect(leakedSecrets('{"presentationId":"so3aUyWeiEzERvru-eyJZ4"}', ['Wei', 'eyJ'])).toEqual([])
    expect(leakedSecrets('{"time":1795433402473}', ['433402'])).toEqual([])
  })
  it('finds a long secret anywhere, even glued to other characters', () => {
    expect(leakedSecrets('x119900199005179016y', ['119900199005179016'])).toEqual(['119900199005179016'])
  })
  it('handles secrets with regex characters and edges that are not base64url', () => {
    expect(leakedSecrets('a~b', ['~'])).toEqual(['~'])
    expect(leakedSecrets('(1.5)', ['1.5'])).toEqual(['1.5'])
    expect(leakedSecrets('115', ['1.5'])).toEqual([])
  })
})

describe('jwtLike', () => {
  it('finds a compact JWS, an SD-JWT and a bare header-dot-payload', () => {
    expect(jwtLike('token eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln~WyJh~ end')).toEqual(['eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0'])
    expect(jwtLike('eyJhbGciOiJFUzI1NiJ9.')).toHaveLength(1)
  })
  it('ignores ids that merely contain eyJ', () => {
    expect(jwtLike('{"id":"KQzpQvTeyJG2Xun5VDiC5G6D_7tPtQD","route":"/requests/:id"}')).toEqual([])
  })
})
