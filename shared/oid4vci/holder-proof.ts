// Holder side: key proof JWT of the Credential Request (OpenID4VCI 1.0 §8.2.1.1, Appendix F.1).
import { SignJWT } from 'jose'
import type { CryptoKey, JWK } from 'jose'
import { PROOF_JWT_TYP } from './constants.ts'

/** The holder key a proof is signed with (a `SigningKey` of shared/keys fits). */
export interface ProofKey {
  alg: 'ES256' | 'EdDSA'
  privateKey: CryptoKey
  publicJwk: JWK
}

/**
 * Creates a proof JWT: header `typ: openid4vci-proof+jwt`, `alg`, `jwk` (the public holder key to
 * bind); payload `aud` = the Credential Issuer identifier, `iat`, `nonce` = the `c_nonce` from the
 * Nonce Endpoint (omitted when the issuer has none). No `iss`: the pre-authorized flow here is anonymous (§F.1).
 */
export async function createProofJwt(input: { key: ProofKey; audience: string; nonce?: string; iat: number; clientId?: string }): Promise<string> {
  const { kty, crv, x, y } = input.key.publicJwk
  const jwk: JWK = y === undefined ? { kty, crv, x } : { kty, crv, x, y }
  const payload: Record<string, unknown> = { aud: input.audience, iat: input.iat }
  if (input.nonce !== undefined) payload.nonce = input.nonce
  if (input.clientId !== undefined) payload.iss = input.clientId
  return new SignJWT(payload).setProtectedHeader({ alg: input.key.alg, typ: PROOF_JWT_TYP, jwk }).sign(input.key.privateKey)
}
