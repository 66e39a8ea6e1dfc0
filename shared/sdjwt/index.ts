// Public surface of shared/sdjwt: SD-JWT VC issuance, presentation, verification and decoding (RFC 9901, draft-ietf-oauth-sd-jwt-vc).
export { issueSdJwt, issueSdJwtBatch } from './issue.ts'
export type { IssueSdJwtInput, IssueSdJwtBatchInput } from './issue.ts'
export { presentSdJwt } from './present.ts'
export { verifySdJwt } from './verify.ts'
export { decodeSdJwt } from './decode.ts'
export { sdJwtFromJsonSerialization } from './json-serialization.ts'
export type { DecodedSdJwt } from './decode.ts'
export { selectDisclosures, assertClaimsPath } from './select.ts'
export { createKbJwt } from './key-binding.ts'
export type { KeyBindingInput } from './key-binding.ts'
export { DEFAULT_SD_JWT_LIMITS } from './limits.ts'
export { NON_DISCLOSABLE_CLAIMS } from './validity-claims.ts'
export { SD_JWT_VC_TYPS } from './issuer-jwt.ts'
export { sha256B64u, SD_ALG } from './digest.ts'
export { encodeDisclosure } from './disclosure.ts'
/** Bytes from the CSPRNG pool salts are drawn from (one randomBytes call per pool refill): session secrets as well. */
export { randomPoolBytes } from './random-pool.ts'
export type {
  ClaimsPath,
  DisclosureFrame,
  IssuerJwtHeader,
  DecodedDisclosure,
  SdJwtLimits,
  VerifiedSdJwt,
  VerifySdJwtOptions,
  CryptoKeyOrJwk,
} from './types.ts'
