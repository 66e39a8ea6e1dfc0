// Trust by root certificate (draft-ietf-oauth-sd-jwt-vc §3.5 with §5): the issuer keys published with an `x5c` that
// chains to a trusted root and whose leaf names the issuer and certifies that very key.
import { EidError, isEidError } from '../errors/index.ts'
import type { JWK } from '../keys/index.ts'
import { verifyCertificateChain } from '../x509/index.ts'
import { checkLeafNamesIssuer } from './leaf-names-issuer.ts'

/** At most this many published keys are checked (each check is a chain verification). */
const MAX_KEYS_CHECKED = 16

/**
 * The keys among `published` (the issuer's JWT VC issuer metadata) that `roots` certify for `issuer`: each with an
 * `x5c` verifying to one of `roots` at `now`, a leaf whose subject alternative names name `issuer` (required: such
 * roots are trusted for many issuers) and whose public key is the JWK itself. A key without `x5c` or failing any
 * check is left out; none left throws `issuer_untrusted`.
 */
export async function certifiedIssuerKeys(issuer: string, published: readonly JWK[], roots: readonly string[], now: Date): Promise<JWK[]> {
  const out: JWK[] = []
  for (const jwk of published.slice(0, MAX_KEYS_CHECKED)) {
    if (!Array.isArray(jwk.x5c) || roots.length === 0) continue
    try {
      const chain = await verifyCertificateChain(jwk.x5c, [...roots], now)
      checkLeafNamesIssuer(chain.leaf, issuer, { required: true })
      const leaf = chain.leafPublicJwk
      if (leaf.kty === jwk.kty && leaf.crv === jwk.crv && leaf.x === jwk.x && leaf.y === jwk.y) out.push(jwk)
    } catch (err) {
      if (!isEidError(err)) throw err
    }
  }
  if (out.length === 0) throw new EidError('issuer_untrusted', 'the issuer publishes no credential-signing certificate naming it under a trusted root')
  return out
}
