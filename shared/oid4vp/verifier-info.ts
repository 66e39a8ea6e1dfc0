// `verifier_info` (OpenID4VP 1.0 §5.1): attestations about the verifier; here the registrar's registration certificate,
// format `registration_cert` (ETSI TS 119 472-2 / TS 119 475, as the EUDI reference verifier sends it).
import { EidError } from '../errors/index.ts'

/** `format` of the verifier_info entry carrying the registration certificate (a JWT of typ rc-wrp+jwt). */
export const REGISTRATION_VERIFIER_INFO_FORMAT = 'registration_cert'

export interface VerifierInfoEntry {
  format: string
  data: unknown
  credential_ids?: string[]
}

/** The `verifier_info` array for a registration certificate. */
export function registrationVerifierInfo(registrationCertificate: string): VerifierInfoEntry[] {
  return [{ format: REGISTRATION_VERIFIER_INFO_FORMAT, data: registrationCertificate }]
}

/** The registration certificate in `verifier_info`: its `registration_cert` entry; registration_certificate_missing otherwise. */
export function findRegistrationCertificate(verifierInfo: readonly VerifierInfoEntry[] | undefined): string {
  const entry = verifierInfo?.find((e) => e.format === REGISTRATION_VERIFIER_INFO_FORMAT && typeof e.data === 'string')
  if (entry === undefined || typeof entry.data !== 'string') {
    throw new EidError('registration_certificate_missing', 'verifier_info carries no registration certificate')
  }
  return entry.data
}
