// The verifier's own registration, read at startup from its registration certificate and checked against its access certificate.
import { EidError } from '../../shared/errors/index.ts'
import { REGISTRATION_CERTIFICATE_TYP, checkClientIdMatchesCertificate, clientIdForCertificate, decodeTypedJwt, readRegistrationPayload } from '../../shared/registration/index.ts'
import type { Registration } from '../../shared/registration/index.ts'
import { verifyCertificateChain } from '../../shared/x509/index.ts'
import type { RelyingPartyCredentials } from '../config.ts'

/**
 * The client_id (x509_hash of the access certificate) and the registration the certificate states.
 * Throws when the registration certificate is for another client_id or has expired, or the chain does
 * not reach a configured registrar root: a misconfigured verifier must not start.
 */
export async function readOwnRegistration(rp: RelyingPartyCredentials, registrarRoots: string[] | undefined, now: number): Promise<{
  clientId: string
  /** The scope of the pseudonyms this service receives: its registrar-assigned `service_id` (else its client_id). */
  pseudonymScope: string
  registration: Pick<Registration, 'name' | 'purpose' | 'allowedClaims'>
}> {
  const leaf = rp.accessCertificateChain[0] as string
  const clientId = clientIdForCertificate(leaf)
  if (registrarRoots) await verifyCertificateChain(rp.accessCertificateChain, registrarRoots, new Date(now * 1000))
  const jwt = decodeTypedJwt(rp.registrationCertificate, REGISTRATION_CERTIFICATE_TYP, 'registration_invalid', 'registration certificate', 16_384)
  const p = readRegistrationPayload(jwt.payload)
  checkClientIdMatchesCertificate(p.clientId, leaf)
  if (p.exp <= now) throw new EidError('registration_expired', 'the verifier registration certificate has expired; register again')
  return { clientId, pseudonymScope: p.serviceId ?? clientId, registration: { name: p.name, purpose: p.purpose, allowedClaims: p.allowedClaims } }
}
