// Public surface of shared/pid-bbs: the PID as a BBS JSON Proof Token with blind nym issuance and per-service pseudonyms.
export {
  PID_BBS_CONFIGURATION_ID, JPT_FORMAT, PID_BBS_ALG, PID_BBS_TYP, NYM_COMMITMENT_CLAIM, REFRESH_MEMBER, PID_BBS_CLAIMS, ALWAYS_DISCLOSED,
} from './constants.ts'
export { pidBbsIssuerHeader, pidBbsPayloads } from './claims.ts'
export { createNymCommitmentProofJwt, readNymCommitment, NYM_COMMITMENT_LENGTH } from './commitment-proof.ts'
export {
  JptCredentialQuerySchema, JptDcqlQuerySchema, jptValuesMatch, parseJptDcqlQuery, requestedJptClaims, PSEUDONYMOUS_PRESET, pseudonymousAgePresetQuery,
} from './dcql.ts'
export type { JptCredentialQuery } from './dcql.ts'
export { verifyPidBbsPresentation } from './verify.ts'
export type { VerifyPidBbsOptions, VerifiedPidBbs } from './verify.ts'
export { confirmPidBbs, presentPidBbs } from './present.ts'
export { parseRefreshOffer, RefreshOfferSchema } from './refresh.ts'
export type { RefreshOffer } from './refresh.ts'
