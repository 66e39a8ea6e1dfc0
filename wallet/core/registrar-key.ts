// Finds the registrar's key for a registration certificate (ETSI TS 119 475 model) from the wallet's trusted registrar certificates.
import { EidError } from '../../shared/errors/index.ts'
import { importPublicJwk, jwkThumbprint } from '../../shared/keys/index.ts'
import type { CryptoKey, JWK } from '../../shared/keys/index.ts'
import { parseCertificate, verifyCertificateChain } from '../../shared/x509/index.ts'

/**
 * Returns the `registrarKey` resolver for `verifyRegistrationCertificate`: the leaf of the JWT's
 * `x5c` chained to a trusted registrar root (the issuer's registrar signs with `x5c`); or, without
 * `x5c`, the configured certificate whose key thumbprint is the header's `kid`.
 * Throws `registration_signature_invalid` when neither applies.
 */
export function registrarKeyResolver(trusted: string[], now: number): (header: Record<string, unknown>) => Promise<CryptoKey> {
  return async (header) => {
    const alg = typeof header.alg === 'string' ? header.alg : ''
    if (Array.isArray(header.x5c)) {
      const chain = await verifyCertificateChain(header.x5c as string[], trusted, new Date(now * 1000))
      return importPublicJwk(chain.leafPublicJwk, alg)
    }
    for (const cert of trusted) {
      const jwk = (await crypto.subtle.exportKey('jwk', await parseCertificate(cert, 'trusted registrar certificate').publicKey.export())) as JWK
      const { kty, crv, x, y } = jwk
      const pub: JWK = y === undefined ? { kty, crv, x } : { kty, crv, x, y }
      if (header.kid !== undefined ? (await jwkThumbprint(pub)) !== header.kid : trusted.length !== 1) continue
      return importPublicJwk(pub, alg)
    }
    throw new EidError('registration_signature_invalid', 'registration certificate is not signed by the trusted registrar (no x5c, kid unknown)')
  }
}
