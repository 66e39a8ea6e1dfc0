// The `x509_hash` client identifier value (OpenID4VP 1.0 §5.9.3): base64url SHA-256 of the leaf certificate's DER.
import { createHash } from 'node:crypto'
import { decodeCertificateDer } from './der.ts'

/** base64url(SHA-256(DER)) of a base64 DER certificate, without padding. */
export function certificateHash(certB64Der: string): string {
  return createHash('sha256').update(decodeCertificateDer(certB64Der)).digest('base64url')
}
