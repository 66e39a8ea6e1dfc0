// Commit / CoreCommit / CoreCommitVerify and the blind challenge (draft-irtf-cfrg-bbs-blind-signatures-02 §4.1, §5.1-5.2, §6).
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { EidError } from '../../errors/index.ts'
import type { Ciphersuite, CiphersuiteName, G1Point } from '../ciphersuite.ts'
import { createGenerators } from '../generators.ts'
import { h2sDst, hashToScalar, messagesToScalars } from '../hash-to-scalar.ts'
import { checkMessages } from '../inputs.ts'
import { msmFixed, msmVar } from '../msm.ts'
import { calculateRandomScalars } from '../random-scalars.ts'
import type { RandomScalars } from '../random-scalars.ts'
import { serialize } from '../serialize.ts'
import { resolveSuite } from '../suite-option.ts'
import { blindApiId, blindGeneratorsApiId } from './api-id.ts'
import { commitmentWithProofToOctets, MAX_COMMITTED, octetsToCommitmentWithProof } from './commitment-octets.ts'
import type { CommitmentWithProof } from './commitment-octets.ts'
import { scalarToOctets } from './scalars.ts'

const Fr = bls12_381.fields.Fr

/** Output of Commit: what goes to the signer, and the blind the prover keeps secret. */
export interface CommitResult {
  commitmentWithProof: Uint8Array
  /** `secret_prover_blind`, I2OSP(x, 32). Keep it: signature verification and proofs need it. */
  secretProverBlind: Uint8Array
}

/** Input of Commit. */
export interface CommitInput {
  suite?: Ciphersuite | CiphersuiteName
  /** Messages the prover wants signed without the signer seeing them (default none). */
  committedMessages?: Uint8Array[]
  /** Test vectors only: a seeded replacement for the CSPRNG scalars. */
  randomScalars?: RandomScalars
}

/**
 * `Commit(committed_messages, api_id)` of the blind interface: maps the messages to scalars and
 * commits to them under the blind generators, with a proof of knowledge of the committed values.
 */
export function commit(input: CommitInput = {}): CommitResult {
  const suite = resolveSuite(input.suite)
  const msgs = input.committedMessages ?? []
  checkMessages(msgs, 'committedMessages')
  const apiId = blindApiId(suite)
  return coreCommit(suite, messagesToScalars(suite, msgs, apiId), apiId, input.randomScalars)
}

/** `CoreCommit(blind_generators, committed_scalars, api_id)` over `create_generators(M + 1, "BLIND_" || api_id)`. */
export function coreCommit(suite: Ciphersuite, scalars: readonly bigint[], apiId: Uint8Array, random: RandomScalars = calculateRandomScalars): CommitResult {
  const M = scalars.length
  if (M > MAX_COMMITTED) throw new EidError('bbs_blind_input_invalid', `at most ${MAX_COMMITTED} committed values`)
  const gens = createGenerators(suite, M + 1, blindGeneratorsApiId(apiId))
  const [spb, sTilde, ...mTildes] = random(M + 2) as [bigint, bigint, ...bigint[]]
  const C = msmFixed(gens, [spb, ...scalars])
  const Cbar = msmFixed(gens, [sTilde, ...mTildes])
  const challenge = blindChallenge(suite, C, Cbar, gens, apiId)
  const sHat = Fr.add(sTilde, Fr.mul(spb, challenge))
  const mHats = scalars.map((m, i) => Fr.add(mTildes[i] as bigint, Fr.mul(m, challenge)))
  return {
    commitmentWithProof: commitmentWithProofToOctets({ C, sHat, mHats, challenge }),
    secretProverBlind: scalarToOctets(spb),
  }
}

/** `CoreCommitVerify`: throws `bbs_commitment_invalid` unless the proof of correctness holds. */
export function coreCommitVerify(suite: Ciphersuite, c: CommitmentWithProof, gens: readonly G1Point[], apiId: Uint8Array): void {
  if (gens.length !== c.mHats.length + 1) throw new EidError('bbs_commitment_invalid', 'commitment size does not match the generators')
  const Cbar = msmFixed(gens, [c.sHat, ...c.mHats]).add(msmVar([c.C], [Fr.neg(c.challenge)]))
  if (Cbar.is0() || blindChallenge(suite, c.C, Cbar, gens, apiId) !== c.challenge) {
    throw new EidError('bbs_commitment_invalid', 'commitment proof of correctness does not verify')
  }
}

/**
 * `deserialize_and_validate_commit`: the identity for an empty commitment, else the verified `C`
 * (the commitment must use exactly `gens.length - 1` committed scalars).
 */
export function deserializeAndValidateCommit(suite: Ciphersuite, bytes: Uint8Array, gens: readonly G1Point[], apiId: Uint8Array): G1Point {
  if (bytes.length === 0) return bls12_381.G1.Point.ZERO
  const c = octetsToCommitmentWithProof(bytes)
  coreCommitVerify(suite, c, gens, apiId)
  return c.C
}

/** `calculate_blind_challenge(C, Cbar, generators, api_id)` = hash_to_scalar(serialize((M, Q_2, J_1..J_M, C, Cbar)), api_id || "H2S_"). */
export function blindChallenge(suite: Ciphersuite, C: G1Point, Cbar: G1Point, gens: readonly G1Point[], apiId: Uint8Array): bigint {
  return hashToScalar(suite, serialize([gens.length - 1, ...gens, C, Cbar]), h2sDst(apiId))
}
