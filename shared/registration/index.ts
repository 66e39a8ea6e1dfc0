// Public surface of shared/registration: access certificates, x509_hash client_id, registration certificates, and the allowed-claims policy.
export { createAccessCertificate } from './access-certificate.ts'
export type { AccessCertificate, AccessCertificateInput } from './access-certificate.ts'
export { X509_HASH_PREFIX, clientIdForCertificate, isX509HashClientId, checkClientIdMatchesCertificate } from './client-id.ts'
export {
  REGISTRATION_CERTIFICATE_TYP,
  LEGACY_REGISTRATION_CERTIFICATE_TYP,
  SERVICE_PROVIDER_ENTITLEMENTS,
  MAX_REGISTRATION_CERTIFICATE_BYTES,
  readRegistrationPayload,
  createRegistrationCertificate,
  originSchema,
  verifyRegistrationCertificate,
} from './registration-certificate.ts'
export type { Registration, RegistrationCertificateInput, RegisteredCredentialFormat, VerifyRegistrationOptions } from './registration-certificate.ts'
export { SERVICE_ID_PREFIX, newServiceId, pseudonymScope, serviceIdSchema } from './service-id.ts'
export { serviceIdOfPreviousRegistration } from './previous-registration.ts'
export { isServiceUrl, serviceWebUrl } from './service-url.ts'
export { checkPathsAllowed, checkQueryAllowed, requestedClaimsPaths } from './check-query.ts'
export { claimsPathSchema, claimsPathProblem, claimsPathMismatch, claimsPathStructureProblem, pathCovers, formatClaimsPath, MAX_PATH_LENGTH } from './claims-path.ts'
export type { ClaimsPath } from './claims-path.ts'
export { signTypedJwt, decodeTypedJwt, checkJwtSignature } from './compact-jwt.ts'
export type { JwtSigner, DecodedJwt } from './compact-jwt.ts'
