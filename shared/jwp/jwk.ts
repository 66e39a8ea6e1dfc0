// BBS issuer public keys as JWK (draft-ietf-cose-bls-key-representations: kty OKP, crv BLS12381G2; JPA-13 §3.1 `proof_alg`).
import { z } from 'zod'
import { EidError, isEidError } from '../errors/index.ts'
import { octetsToPubkey } from '../bbs/index.ts'
import { decodeBase64url, encodeBase64url } from './base64url.ts'

const PublicJwkSchema = z.looseObject({
  kty: z.literal('OKP'),
  crv: z.literal('BLS12381G2'),
  x: z.string().min(1).max(256),
  proof_alg: z.string().min(1).max(64).optional(),
  use: z.string().max(16).optional(),
  kid: z.string().min(1).max(256).optional(),
})

/** A public BLS12-381 G2 key in JWK form. */
export interface BbsPublicJwk {
  kty: 'OKP'
  crv: 'BLS12381G2'
  x: string
  proof_alg: string
  use: 'proof'
  kid?: string
}

/** The public JWK of a 96-octet BBS public key, restricted to one proof algorithm (`proof_alg`). */
export function bbsPublicJwk(publicKey: Uint8Array, proofAlg: string, kid?: string): BbsPublicJwk {
  octetsToPubkey(publicKey)
  return { kty: 'OKP', crv: 'BLS12381G2', x: encodeBase64url(publicKey), proof_alg: proofAlg, use: 'proof', ...(kid ? { kid } : {}) }
}

/**
 * Reads a BBS public key from a JWK for use with `alg`: kty/crv as above, no private member `d`,
 * `proof_alg` (when present) equal to `alg` (JPA §3.1), `use` (when present) "proof", `x` a valid
 * G2 point in the subgroup, not the identity. Throws `jwp_key_invalid`.
 */
export function bbsPublicKeyFromJwk(jwk: unknown, alg: string): Uint8Array {
  const result = PublicJwkSchema.safeParse(jwk)
  if (!result.success) throw new EidError('jwp_key_invalid', 'not a BLS12381G2 OKP public JWK')
  const key = result.data
  if (Object.hasOwn(key, 'd')) throw new EidError('jwp_key_invalid', 'public JWK carries private key material')
  if (key.proof_alg !== undefined && key.proof_alg !== alg) throw new EidError('jwp_key_invalid', 'JWK proof_alg does not match the algorithm')
  if (key.use !== undefined && key.use !== 'proof') throw new EidError('jwp_key_invalid', 'JWK use is not "proof"')
  let x: Uint8Array
  try {
    x = decodeBase64url(key.x, 'JWK x')
    octetsToPubkey(x)
  } catch (e) {
    if (isEidError(e)) throw new EidError('jwp_key_invalid', 'JWK x is not a valid BLS12-381 G2 public key', { cause: e })
    throw e
  }
  return x
}
