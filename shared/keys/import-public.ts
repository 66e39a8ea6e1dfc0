// Import of untrusted public JWKs as WebCrypto keys (RFC 7517), checked against the alg allow-list and cached by thumbprint and alg.
import type { CryptoKey } from 'jose'
import { importJWK } from 'jose'
import { TwoGenerationCache } from '../cache/index.ts'
import { EidError } from '../errors/index.ts'
import { assertSigningAlg } from './algorithms.ts'
import { parsePublicJwk } from './jwk-schema.ts'
import { thumbprintInput } from './thumbprint.ts'

const MAX_CACHED = 2048
const cache = new TwoGenerationCache<string, Promise<CryptoKey>>(MAX_CACHED)

/**
 * Imports a public JWK for `alg`. Throws EidError `alg_not_allowed` (alg not on the allow-list),
 * `jwk_has_private_members`, `key_alg_mismatch` (kty/crv not fitting alg) or `invalid_jwk`.
 * Results are cached by (alg, RFC 7638 thumbprint input).
 */
export async function importPublicJwk(jwk: unknown, alg: string): Promise<CryptoKey> {
  const a = assertSigningAlg(alg)
  const parsed = parsePublicJwk(jwk, a)
  const cacheKey = `${a}|${thumbprintInput(parsed)}`
  let p = cache.get(cacheKey)
  if (p === undefined) {
    const members = { kty: parsed.kty, crv: parsed.crv, x: parsed.x, ...(parsed.kty === 'EC' ? { y: parsed.y } : {}) }
    p = importJWK(members, a, { extractable: true }).then(
      (k) => k as CryptoKey,
      (cause: unknown) => {
        cache.delete(cacheKey)
        throw new EidError('invalid_jwk', 'jwk is not a valid public key', { cause })
      },
    )
    cache.set(cacheKey, p)
  }
  return p
}
