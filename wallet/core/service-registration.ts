// Verifies the service's registration certificate carried in the request's `verifier_info`
// (OpenID4VP 1.0 §5.1 verifier_info; EUDI registration certificate, ETSI TS 119 475) against the trusted registrar.
import { EidError } from '../../shared/errors/index.ts'
import { importPublicJwk, jwkThumbprint } from '../../shared/keys/index.ts'
import type { CryptoKey, JWK } from '../../shared/keys/index.ts'
import { verifyRegistrationCertificate } from '../../shared/registration/index.ts'
import type { Registration } from '../../shared/registration/index.ts'
import { parseCertificate, verifyCertificateChain } from '../../shared/x509/index.ts'
import type { RequestObjectPayload } from './request-object.ts'

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

/**
 * Finds the registration certificate in `verifier_info` (the first entry whose `data` is a compact
 * JWT; `registration_certificate_missing` otherwise) and verifies it for `clientId`: registrar
 * signature, `sub` = client_id (registration_client_mismatch), validity (registration_expired).
 */
export async function verifyServiceRegistration(
  verifierInfo: RequestObjectPayload['verifier_info'],
  opts: { clientId: string; now: number; trustedCerts: string[] },
): Promise<Registration> {
  const entry = verifierInfo?.find((e) => typeof e.data === 'string' && COMPACT_JWS.test(e.data))
  if (entry === undefined || typeof entry.data !== 'string') {
    throw new EidError('registration_certificate_missing', 'the request carries no registration certificate in verifier_info')
  }
  return verifyRegistrationCertificate(entry.data, {
    clientId: opts.clientId,
    now: opts.now,
    registrarKey: (header) => registrarKey(header, opts.trustedCerts, opts.now),
  })
}

/**
 * The registrar's signing key: the leaf of the JWT's `x5c` chained to a trusted registrar root; or,
 * without `x5c`, the configured certificate whose key thumbprint is the header's `kid` (chained to a
 * configured root, or a root itself).
 */
async function registrarKey(header: Record<string, unknown>, trusted: string[], now: number): Promise<CryptoKey> {
  const alg = typeof header.alg === 'string' ? header.alg : ''
  const at = new Date(now * 1000)
  if (Array.isArray(header.x5c)) {
    const chain = await verifyCertificateChain(header.x5c as string[], trusted, at)
    return importPublicJwk(chain.leafPublicJwk, alg)
  }
  for (const cert of trusted) {
    const jwk = (await crypto.subtle.exportKey('jwk', await parseCertificate(cert, 'trusted registrar certificate').publicKey.export())) as JWK
    const { kty, crv, x, y } = jwk
    const pub: JWK = y === undefined ? { kty, crv, x } : { kty, crv, x, y }
    if (header.kid !== undefined && (await jwkThumbprint(pub)) !== header.kid) continue
    if (header.kid === undefined && trusted.length !== 1) continue
    return importPublicJwk(pub, alg)
  }
  throw new EidError('registration_signature_invalid', 'registration certificate is not signed by the trusted registrar (no x5c, kid unknown)')
}
