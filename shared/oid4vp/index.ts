// Public surface of shared/oid4vp: request objects, DCQL parsing/presets/evaluation, direct_post responses, disclosure policy.
export {
  REQUEST_OBJECT_TYP, REQUEST_OBJECT_MEDIA_TYPE, SELF_ISSUED_AUDIENCE, MAX_REQUEST_OBJECT_BYTES, SD_JWT_VC_VP_FORMAT,
  createRequestObject, requestObjectSigner, verifyRequestObject,
} from './request-object.ts'
export type { CreateRequestObjectInput, RequestObjectSessionInput, RequestObjectSignerInput, VerifyRequestObjectOptions, VerifiedRequestObject, RequestObjectPayload } from './request-object.ts'
export { authorizationRequestUri, authorizationRequestUriFor } from './authorization-request.ts'
export { REGISTRATION_VERIFIER_INFO_FORMAT, registrationVerifierInfo, findRegistrationCertificate } from './verifier-info.ts'
export type { VerifierInfoEntry } from './verifier-info.ts'
export { parseDcqlQuery, credentialFormatsOf, requestedPathsOf, vctValuesOf, DCQL_LIMITS, SD_JWT_VC_FORMAT } from './dcql-query.ts'
export type { ParsedDcqlQuery, DcqlQueryParser, DcqlFormatParsers } from './dcql-query.ts'
export { PRESET_NAMES, PRESET_CLAIMS, PRESET_CREDENTIAL_ID, YES_NO_PRESETS, presetQuery, isPresetName } from './presets.ts'
export type { PresetName } from './presets.ts'
export { parseAuthorizationResponse, RESPONSE_LIMITS } from './response.ts'
export type { AuthorizationResponse } from './response.ts'
export { checkClaimValues, checkNoOverDisclosure, checkRequiredClaims, projectClaims, selectClaimValues } from './disclosure-policy.ts'
export type { ClaimValuesQuery } from './disclosure-policy.ts'
export { checkDcqlSatisfied } from './dcql-result.ts'
export type { VerifiedPresentationView } from './dcql-result.ts'
export {
  RESPONSE_ENC_VALUES, RESPONSE_KEY_ALG, MAX_RESPONSE_JWE_BYTES, deriveResponseKey, responseEncryptionMetadata, encryptAuthorizationResponse,
  responseKeyId, decryptAuthorizationResponse,
} from './response-encryption.ts'
export type { ResponseEncryptionKey } from './response-encryption.ts'
