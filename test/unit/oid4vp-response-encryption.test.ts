// shared/oid4vp response encryption (direct_post.jwt, OpenID4VP 1.0 §8.3): the per-request key derivation is
// stable (every instance holding the secret derives the same key), and a response decrypts only with its request's key.
import { describe, expect, it } from 'vitest'
import {
  decryptAuthorizationResponse, deriveResponseKey, encryptAuthorizationResponse, responseEncryptionMetadata, responseKeyId,
} from '../../shared/oid4vp/index.ts'

const secret = new Uint8Array(32).fill(1)

describe('deriveResponseKey', () => {
  it('derives the pinned key for a fixed secret and kid (a change would strand requests made before a deploy)', () => {
    expect(deriveResponseKey(secret, 'resp-vector').publicJwk).toEqual({
      kty: 'EC', crv: 'P-256', kid: 'resp-vector', use: 'enc', alg: 'ECDH-ES',
      x: 'h68yQ9_UgKBxYCF-0zzWBEg4lQ30qVQfnnocqj1EIOo', y: 'Fds138n7D_3ScU_Z67po9NuLf7ZNTqh2GZuwhiYNLIY',
    })
  })

  it('is the same for the same secret and kid, another for another kid or secret, and publishes no private member', () => {
    const a = deriveResponseKey(secret, 'resp-a')
    expect(deriveResponseKey(secret, 'resp-a').publicJwk).toEqual(a.publicJwk)
    expect(deriveResponseKey(secret, 'resp-b').publicJwk.x).not.toBe(a.publicJwk.x)
    expect(deriveResponseKey(new Uint8Array(32).fill(2), 'resp-a').publicJwk.x).not.toBe(a.publicJwk.x)
    expect(a.publicJwk).not.toHaveProperty('d')
  })
})

describe('decryptAuthorizationResponse', () => {
  const mine = deriveResponseKey(secret, 'resp-mine')
  const params = { vp_token: { pid: ['x~y~'] }, state: 'state-0123456789abcdef' }

  it('decrypts a response to its key, vp_token back as JSON text, and reads the kid', async () => {
    const jwe = await encryptAuthorizationResponse(params, responseEncryptionMetadata(mine))
    expect(responseKeyId(jwe)).toBe('resp-mine')
    expect(await decryptAuthorizationResponse(jwe, mine)).toEqual({ vp_token: JSON.stringify(params.vp_token), state: params.state })
  })

  it('response_decryption_failed: the key of another request, or of another secret', async () => {
    const jwe = await encryptAuthorizationResponse(params, responseEncryptionMetadata(mine))
    await expect(decryptAuthorizationResponse(jwe, deriveResponseKey(secret, 'resp-other'))).rejects.toMatchObject({ code: 'response_decryption_failed' })
    await expect(decryptAuthorizationResponse(jwe, deriveResponseKey(new Uint8Array(32).fill(3), 'resp-mine'))).rejects.toMatchObject({ code: 'response_decryption_failed' })
  })

  it('response_decryption_failed: a header without kid, or not a compact JWE', () => {
    const noKid = `${Buffer.from(JSON.stringify({ alg: 'ECDH-ES', enc: 'A128GCM' })).toString('base64url')}.a.b.c.d`
    for (const jwe of [noKid, 'a.b.c', 42]) expect(() => responseKeyId(jwe)).toThrow(expect.objectContaining({ code: 'response_decryption_failed' }))
  })
})
