// BlindProofGen / BlindProofVerify (draft-irtf-cfrg-bbs-blind-signatures-02 §4.2.3-4.2.4, the version the -01/-02 vectors check).
import { EidError, isEidError } from '../../errors/index.ts'
import type { Ciphersuite, CiphersuiteName } from '../ciphersuite.ts'
import { coreProofGen, coreProofVerify } from '../core-proof.ts'
import { checkMessages, optionalBytes } from '../inputs.ts'
import { undisclosedCount } from '../proof-octets.ts'
import type { ProofGenInput } from '../proof.ts'
import { resolveSuite } from '../suite-option.ts'
import { blindApiId } from './api-id.ts'
import { prepareParameters } from './prepare.ts'
import { octetsToScalar } from './scalars.ts'

/** Input of BlindProofGen: the core ProofGen input plus the committed side. */
export interface BlindProofGenInput extends Omit<ProofGenInput, 'disclosedIndexes'> {
  /** The prover's committed messages (M of them). */
  committedMessages?: Uint8Array[]
  /** Ascending indexes into `messages` to disclose. */
  disclosedIndexes?: number[]
  /** Ascending indexes into `committedMessages` to disclose. */
  disclosedCommittedIndexes?: number[]
  /** From Commit; absent when the signature was made without a commitment. */
  secretProverBlind?: Uint8Array
}

/** Input of BlindProofVerify. */
export interface BlindProofVerifyInput {
  suite?: Ciphersuite | CiphersuiteName
  publicKey: Uint8Array
  proof: Uint8Array
  header?: Uint8Array
  presentationHeader?: Uint8Array
  /** Number of signer messages L. */
  signerMessageCount: number
  disclosedMessages?: Uint8Array[]
  disclosedIndexes?: number[]
  disclosedCommittedMessages?: Uint8Array[]
  disclosedCommittedIndexes?: number[]
}

/**
 * `BlindProofGen`: a BBS proof over `messages || secret_prover_blind || committed_messages`; the
 * prover blind is never disclosed, committed index j is signed index L + 1 + j.
 */
export function blindProofGen(input: BlindProofGenInput): Uint8Array {
  const suite = resolveSuite(input.suite)
  const apiId = blindApiId(suite)
  checkMessages(input.messages, 'messages')
  const committed = input.committedMessages ?? []
  checkMessages(committed, 'committedMessages')
  const L = input.messages.length
  const spb = input.secretProverBlind === undefined ? 0n : octetsToScalar(input.secretProverBlind, 'secret prover blind', 'bbs_blind_input_invalid', true)
  const { scalars, generators } = prepareParameters(suite, input.messages, committed, L + 1, committed.length + 1, spb, apiId)
  const indexes = combinedIndexes(input.disclosedIndexes ?? [], input.disclosedCommittedIndexes ?? [], L, committed.length)
  return coreProofGen(
    suite, input.publicKey, input.signature, generators, optionalBytes(input.header, 'header'),
    optionalBytes(input.presentationHeader, 'presentationHeader'), scalars, indexes, apiId, input.randomScalars,
  )
}

/** `BlindProofVerify`: returns normally when the proof verifies; throws `bbs_blind_proof_invalid` when not. */
export function blindProofVerify(input: BlindProofVerifyInput): void {
  const suite = resolveSuite(input.suite)
  const apiId = blindApiId(suite)
  const L = input.signerMessageCount
  const dm = input.disclosedMessages ?? []
  const dcm = input.disclosedCommittedMessages ?? []
  checkMessages(dm, 'disclosedMessages')
  checkMessages(dcm, 'disclosedCommittedMessages')
  const di = input.disclosedIndexes ?? []
  const dci = input.disclosedCommittedIndexes ?? []
  if (!(input.proof instanceof Uint8Array)) throw new EidError('bbs_blind_input_invalid', 'proof must be a Uint8Array')
  const U = undisclosedCount(input.proof.length)
  const total = di.length + dci.length + U
  if (!Number.isSafeInteger(L) || L < 0 || total > 4096 || total - L < 1) {
    throw new EidError('bbs_blind_input_invalid', 'signer message count does not fit the proof')
  }
  if (dm.length !== di.length || dcm.length !== dci.length) throw new EidError('bbs_blind_input_invalid', 'disclosed messages must match their indexes')
  const blindCount = total - L // prover blind + committed messages
  const { scalars, generators } = prepareParameters(suite, dm, dcm, L + 1, blindCount, undefined, apiId)
  const indexes = combinedIndexes(di, dci, L, blindCount - 1)
  try {
    coreProofVerify(suite, input.publicKey, input.proof, generators, optionalBytes(input.header, 'header'),
      optionalBytes(input.presentationHeader, 'presentationHeader'), scalars, indexes, apiId)
  } catch (e) {
    if (isEidError(e, 'bbs_invalid_proof')) throw new EidError('bbs_blind_proof_invalid', 'blind proof does not verify')
    throw e
  }
}

/** Signer indexes as they are, committed index j as L + 1 + j (the prover blind sits at L). */
export function combinedIndexes(disclosed: readonly number[], disclosedCommitted: readonly number[], L: number, M: number): number[] {
  checkAscending(disclosed, L, 'disclosed indexes')
  checkAscending(disclosedCommitted, M, 'disclosed committed indexes')
  return [...disclosed, ...disclosedCommitted.map((j) => j + L + 1)]
}

function checkAscending(indexes: readonly number[], bound: number, what: string): void {
  if (!Array.isArray(indexes)) throw new EidError('bbs_blind_input_invalid', `${what} must be an array`)
  let prev = -1
  for (const i of indexes) {
    if (!Number.isSafeInteger(i) || i <= prev || i >= bound) throw new EidError('bbs_blind_input_invalid', `${what} must be ascending and in range`)
    prev = i
  }
}
