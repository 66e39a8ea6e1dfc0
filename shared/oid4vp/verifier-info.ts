// `verifier_info` (OpenID4VP 1.0 §5.1): attestations about the verifier; here the registrar's registration certificate.
import { EidError } from '../errors/index.ts'

/** `format` of the verifier_info entry carrying the registration certificate (a JWT of typ rc-rp+jwt). */
export const REGISTRATION_VERIFIER_INFO_FORMAT = 'jwt'

export interface VerifierInfoEntry {
  format: string
  data: unknown
  credential_ids?: string[]
}

/** The `verifier_info` array for a registration certificate. */
export function registrationVerifierInfo(registrationCertificate: string): VerifierInfoEntry[] {
  return [{ format: REGISTRATION_VERIFIER_INFO_FORMAT, data: registrationCertificate }]
}

/** The registration certificate in `verifier_info`: its `jwt` entry; registration_certificate_missing otherwise. */
export function findRegistrationCertificate(verifierInfo: readonly VerifierInfoEntry[] | undefined): string {
  const entry = verifierInfo?.find((e) => e.format === REGISTRATION_VERIFIER_INFO_FORMAT && typeof e.data === 'string')
  if (entry === undefined || typeof entry.data !== 'string') {
    throw new EidError('registration_certificate_missing', 'verifier_info carries no registration certificate')
  }
  return entry.data
}
