// shared/keys: generation, export/import, public JWK import checks (allow-list, private members, key type fit), thumbprints, compact JWS.
import { describe, expect, it } from 'vitest'
import {
  SIGNING_ALGS, exportSigningKey, generateSigningKey, importPublicJwk, importSigningKey, jwkThumbprint,
  publicJwkSchema, signJwsCompact, verificationKey, verifyJwsSignature,
} from '../../shared/keys/index.ts'

describe('keys', () => {
  it('allows exactly ES256 and EdDSA', () => {
    expect([...SIGNING_ALGS]).toEqual(['ES256', 'EdDSA'])
  })
  for (const alg of ['ES256', 'EdDSA'] as const) {
    it(`${alg}: generate, export, import, sign and verify`, async () => {
      const k = await generateSigningKey(alg)
      expect(k.kid).toBe(await jwkThumbprint(k.publicJwk))
      expect(k.publicJwk).not.toHaveProperty('d')
      const back = await importSigningKey(await exportSigningKey(k), alg)
      expect(back.kid).toBe(k.kid)
      const jws = signJwsCompact({ typ: 'x' }, { a: 1 }, back.privateKey, alg)
      const dot = jws.lastIndexOf('.')
      const pub = await importPublicJwk(k.publicJwk, alg)
      expect(verifyJwsSignature(jws.slice(0, dot), jws.slice(dot + 1), verificationKey(pub, alg), alg)).toBe(true)
      expect(verifyJwsSignature(`${jws.slice(0, dot)}x`, jws.slice(dot + 1), verificationKey(k.publicJwk, alg), alg)).toBe(false)
    })
  }
  it('RFC 8037 A.3 thumbprint of the Ed25519 example key', async () => {
    expect(await jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' })).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k')
  })
  it('caches imports by thumbprint and alg', async () => {
    const k = await generateSigningKey()
    const a = await importPublicJwk(k.publicJwk, 'ES256')
    const b = await importPublicJwk({ ...k.publicJwk, kid: 'other-kid' }, 'ES256')
    expect(a).toBe(b)
  })
  for (const alg of ['none', 'HS256', 'RS256', 'PS256', 'ES384', 'ES256K', 'Ed25519x']) {
    it(`alg_not_allowed: ${alg}`, async () => {
      const k = await generateSigningKey()
      await expect(importPublicJwk(k.publicJwk, alg)).rejects.toMatchObject({ code: 'alg_not_allowed' })
    })
  }
  it('jwk_has_private_members: public import of a private JWK', async () => {
    const k = await generateSigningKey()
    await expect(importPublicJwk(await exportSigningKey(k), 'ES256')).rejects.toMatchObject({ code: 'jwk_has_private_members' })
    expect(publicJwkSchema.safeParse(await exportSigningKey(k)).success).toBe(false)
  })
  it('jwk_has_private_members: a symmetric key', async () => {
    await expect(importPublicJwk({ kty: 'oct', k: 'c2VjcmV0' }, 'ES256')).rejects.toMatchObject({ code: 'jwk_has_private_members' })
  })
  it('key_alg_mismatch: P-256 key for EdDSA, Ed25519 key for ES256, jwk.alg differing', async () => {
    const ec = await generateSigningKey('ES256')
    const ed = await generateSigningKey('EdDSA')
    await expect(importPublicJwk(ec.publicJwk, 'EdDSA')).rejects.toMatchObject({ code: 'key_alg_mismatch' })
    await expect(importPublicJwk(ed.publicJwk, 'ES256')).rejects.toMatchObject({ code: 'key_alg_mismatch' })
    await expect(importPublicJwk({ ...ec.publicJwk, alg: 'ES384' }, 'ES256')).rejects.toMatchObject({ code: 'key_alg_mismatch' })
    await expect(importSigningKey(await exportSigningKey(ec), 'EdDSA')).rejects.toMatchObject({ code: 'key_alg_mismatch' })
    expect(() => verificationKey(ed.publicJwk, 'ES256')).toThrowError(expect.objectContaining({ code: 'key_alg_mismatch' }))
  })
  it('key_alg_mismatch: a WebCrypto key of the wrong type', async () => {
    const ed = await generateSigningKey('EdDSA')
    const pub = await importPublicJwk(ed.publicJwk, 'EdDSA')
    expect(() => verificationKey(pub, 'ES256')).toThrowError(expect.objectContaining({ code: 'key_alg_mismatch' }))
  })
  it('invalid_jwk: not an object, short coordinate, point not on the curve, missing d', async () => {
    const k = await generateSigningKey()
    await expect(importPublicJwk('jwk', 'ES256')).rejects.toMatchObject({ code: 'invalid_jwk' })
    await expect(importPublicJwk({ ...k.publicJwk, x: 'AAAA' }, 'ES256')).rejects.toMatchObject({ code: 'invalid_jwk' })
    await expect(importPublicJwk({ ...k.publicJwk, y: k.publicJwk.x }, 'ES256')).rejects.toMatchObject({ code: 'invalid_jwk' })
    expect(() => verificationKey({ ...k.publicJwk, y: k.publicJwk.x }, 'ES256')).toThrowError(expect.objectContaining({ code: 'invalid_jwk' }))
    await expect(importSigningKey(k.publicJwk, 'ES256')).rejects.toMatchObject({ code: 'invalid_jwk' })
  })
  it('rejects a non-canonical or wrong-length signature', async () => {
    const k = await generateSigningKey()
    const jws = signJwsCompact({}, { a: 1 }, k.privateKey, 'ES256')
    const dot = jws.lastIndexOf('.')
    const key = verificationKey(k.publicJwk, 'ES256')
    expect(verifyJwsSignature(jws.slice(0, dot), `${jws.slice(dot + 1)}=`, key, 'ES256')).toBe(false)
    expect(verifyJwsSignature(jws.slice(0, dot), jws.slice(dot + 1, -1), key, 'ES256')).toBe(false)
  })
})
