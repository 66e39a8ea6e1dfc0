// Public surface of shared/bbs/pseudonym: per-verifier pseudonyms (draft-irtf-cfrg-bbs-per-verifier-linkability-02/-03 and its vectors).
export { nymApiId, combinedHeader, MAX_NYM_SECRETS } from './api-id.ts'
export { generateProverNyms, commitWithNym, blindSignWithNym, verifyFinalizeWithNym } from './issuance.ts'
export type { CommitWithNymInput, BlindSignWithNymInput, VerifyFinalizeWithNymInput } from './issuance.ts'
export { proofGenWithNym, proofVerifyWithNym, readPseudonym } from './proof.ts'
export type { ProofGenWithNymInput, ProofVerifyWithNymInput } from './proof.ts'
export { calculatePseudonym } from './public.ts'
