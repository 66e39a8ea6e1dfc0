// Public surface of shared/bbs (the operations and types callers use; the core building blocks below are
// imported from their files inside shared/bbs and by the vector tests): BBS signatures, draft-irtf-cfrg-bbs-signatures-09, ciphersuites BLS12-381-SHA-256 and BLS12-381-SHAKE-256.
//
// Core API (for interfaces built on BBS: blind BBS in ./blind, pseudonyms in ./pseudonym)
// -------------------------------------------------------------------------------------
// Every core function takes the ciphersuite object first and the interface's `api_id` last,
// exactly like the draft's core operations (§3.6, §3.7), so another interface reuses them with its
// own `api_id`, extra generators and extra message scalars:
//   - ciphersuites: BLS12_381_SHA_256, BLS12_381_SHAKE_256 (api_id, expandMessage, hashToCurveG1, P1)
//   - hashToScalar(suite, msg, dst), messagesToScalars(suite, msgs, api_id), h2sDst(api_id)
//   - createGenerators(suite, count, api_id) → (Q_1, H_1..H_{count-1}), cached per suite/api_id
//   - calculateDomain(suite, PK, Q_1, H[], header, api_id)
//   - coreSign / coreVerify(suite, PK|SK.., generators, header, messages: bigint[], api_id)
//   - computeB (P1 + Q_1·domain + Σ H_i·msg_i) and signWithB (A = B/(SK+e)) for interfaces that add a commitment to B
//   - coreProofGen / coreProofVerify, and their steps proofInit, proofChallengeCalculate,
//     proofFinalize, proofVerifyInit (InitResult = {Abar, Bbar, D, T1, T2, domain})
//   - encodings: serialize (G1 point | bigint scalar | number u64 | raw bytes), g1ToOctets,
//     octetsToG1/G2, octetsToPubkey, signature/proof to/from octets, i2osp/os2ip/concat
//   - msmFixed (reused bases: generators, P1; cached tables) / msmVar (one-off bases); msmPublic (verification only:
//     variable time, batched affine sums) for several MSMs of public inputs; for several
//     MSMs over the same one-off bases: prepareVar once, then msmPrepared; normalizePoints batches
//     the inversions before encoding; pairingProductIsOne (one final exponentiation)
//   - calculateRandomScalars (CSPRNG) and seededRandomScalars (test vectors only)
// Core functions throw EidError with the bbs_* codes of shared/errors/codes-bbs.ts; verification
// functions return normally on success and throw bbs_invalid_signature / bbs_invalid_proof.
//
// Public API (octet strings in and out): keyGen, skToPk, generateKeyPair, sign, verify, proofGen,
// proofVerify, each with an optional `suite` (default BLS12-381-SHA-256).

// Ciphersuites and the primitives a caller derives its own scalars with
export { BLS12_381_SHA_256, BLS12_381_SHAKE_256, getCiphersuite } from './ciphersuite.ts'
export type { Ciphersuite, CiphersuiteName } from './ciphersuite.ts'
export { i2osp } from './octets.ts'
export { hashToScalar } from './hash-to-scalar.ts'
export { SCALAR_LENGTH } from './points.ts'
export { MAX_GENERATORS } from './generators.ts'
export { octetsToPubkey } from './public-key.ts'

// Public interface (api_id = ciphersuite_id || "H2G_HM2S_")
export { keyGen, skToPk, generateKeyPair } from './keys.ts'
export type { KeyGenInput } from './keys.ts'
export { sign, verify } from './sign.ts'
export type { SignInput, VerifyInput } from './sign.ts'
export { proofGen, proofVerify } from './proof.ts'
export type { ProofGenInput, ProofVerifyInput } from './proof.ts'
export { undisclosedCount } from './proof-octets.ts'
export { MAX_MESSAGES } from './inputs.ts'

// Blind BBS (draft-irtf-cfrg-bbs-blind-signatures-02) and per-verifier pseudonyms (draft-irtf-cfrg-bbs-per-verifier-linkability-02/-03)
export { commit as blindCommit, blindSign, verifyBlindSign, blindProofGen, blindProofVerify } from './blind/index.ts'
export {
  generateProverNyms, commitWithNym, blindSignWithNym, verifyFinalizeWithNym, proofGenWithNym, proofVerifyWithNym, calculatePseudonym, MAX_NYM_SECRETS,
} from './pseudonym/index.ts'
