// The `x509_hash` client identifier prefix (OpenID4VP 1.0 §5.9.3): `x509_hash:` + base64url SHA-256 of the leaf certificate's DER.
import { EidError } from '../errors/index.ts'
import { certificateHash } from '../x509/index.ts'

export const X509_HASH_PREFIX = 'x509_hash:'

/** `x509_hash:<hash>` for an access certificate (base64 DER). */
export function clientIdForCertificate(certB64Der: string): string {
  return `${X509_HASH_PREFIX}${certificateHash(certB64Der)}`
}

/** True when `clientId` has the `x509_hash:` form with a 43-character base64url SHA-256 hash. */
export function isX509HashClientId(clientId: unknown): clientId is string {
  return typeof clientId === 'string' && /^x509_hash:[A-Za-z0-9_-]{43}$/.test(clientId)
}

/** Throws client_id_mismatch unless `clientId` is the `x509_hash` of `leafCertB64Der`. */
export function checkClientIdMatchesCertificate(clientId: unknown, leafCertB64Der: string): void {
  if (!isX509HashClientId(clientId)) throw new EidError('client_id_mismatch', 'client_id must use the x509_hash prefix')
  if (clientId !== clientIdForCertificate(leafCertB64Der)) {
    throw new EidError('client_id_mismatch', 'client_id is not the hash of the access certificate')
  }
}
