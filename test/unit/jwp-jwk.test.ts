// BBS public keys as JWK: round trip and one rejection per check.
import { describe, expect, it } from 'vitest'
import { generateKeyPair } from '../../shared/bbs/index.ts'
import { bbsPublicJwk, bbsPublicKeyFromJwk, encodeBase64url } from '../../shared/jwp/index.ts'
import { codeOf } from '../vectors/bbs-blind-fixtures.ts'

const { publicKey, secretKey } = generateKeyPair()
const jwk = bbsPublicJwk(publicKey, 'BBS-NYM', 'k1')

describe('BBS public JWK', () => {
  it('round-trips', () => {
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'BLS12381G2', proof_alg: 'BBS-NYM', use: 'proof', kid: 'k1' })
    expect(bbsPublicKeyFromJwk(jwk, 'BBS-NYM')).toEqual(publicKey)
  })
  it('rejects another kty or crv', () => {
    expect(codeOf(() => bbsPublicKeyFromJwk({ ...jwk, kty: 'EC' }, 'BBS-NYM'))).toBe('jwp_key_invalid')
    expect(codeOf(() => bbsPublicKeyFromJwk({ ...jwk, crv: 'BLS12381G1' }, 'BBS-NYM'))).toBe('jwp_key_invalid')
  })
  it('rejects private key material', () => expect(codeOf(() => bbsPublicKeyFromJwk({ ...jwk, d: encodeBase64url(secretKey) }, 'BBS-NYM'))).toBe('jwp_key_invalid'))
  it('rejects a key restricted to another proof_alg', () => expect(codeOf(() => bbsPublicKeyFromJwk(jwk, 'BBS'))).toBe('jwp_key_invalid'))
  it('rejects use other than proof', () => expect(codeOf(() => bbsPublicKeyFromJwk({ ...jwk, use: 'sig' }, 'BBS-NYM'))).toBe('jwp_key_invalid'))
  it('rejects x that is not a G2 point', () => {
    const bad = publicKey.slice()
    bad[5] = (bad[5] as number) ^ 0xff
    expect(codeOf(() => bbsPublicKeyFromJwk({ ...jwk, x: encodeBase64url(bad) }, 'BBS-NYM'))).toBe('jwp_key_invalid')
    expect(codeOf(() => bbsPublicKeyFromJwk({ ...jwk, x: 'AA' }, 'BBS-NYM'))).toBe('jwp_key_invalid')
  })
  it('rejects a non-object', () => expect(codeOf(() => bbsPublicKeyFromJwk('x', 'BBS'))).toBe('jwp_key_invalid'))
})
