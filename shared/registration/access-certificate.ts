// Access certificates (EUDI / ETSI TS 119 475 model): an X.509 end-entity certificate, issued by the registrar, for a relying party's request-signing key.
import type { CryptoKey, JWK } from 'jose'
import { issueCertificate } from '../x509/index.ts'
import { clientIdForCertificate } from './client-id.ts'

export interface AccessCertificateInput {
  /** The relying party's display name (certificate subject CN). */
  name: string
  /** The relying party's request-signing public key. */
  requestSigningJwk: JWK | CryptoKey
  /** The registrar's CA certificate (base64 DER) and its private key. */
  registrarCert: string
  registrarKey: CryptoKey
  notBefore: Date
  notAfter: Date
  /** Optional subject alternative names (e.g. the service's DNS name or URL). */
  san?: { dns?: string[]; uri?: string[] }
}

export interface AccessCertificate {
  /** The access certificate, base64 DER: the first (and with a root registrar, only) `x5c` entry of the RP's requests. */
  certificate: string
  /** `x509_hash:<base64url SHA-256 of the certificate DER>`. */
  clientId: string
}

/** Issues the access certificate for a relying party's request-signing key and derives its `client_id`. */
export async function createAccessCertificate(input: AccessCertificateInput): Promise<AccessCertificate> {
  const certificate = await issueCertificate({
    subject: input.name,
    subjectPublicKey: input.requestSigningJwk,
    issuerCert: input.registrarCert,
    issuerKey: input.registrarKey,
    notBefore: input.notBefore,
    notAfter: input.notAfter,
    ...(input.san ? { san: input.san } : {}),
  })
  return { certificate, clientId: clientIdForCertificate(certificate) }
}
