// ProofGenWithNym / ProofVerifyWithNym and their core (draft-irtf-cfrg-bbs-per-verifier-linkability-02/-03 §7-§9; n-use nym vectors).
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { EidError, isEidError } from '../../errors/index.ts'
import type { Ciphersuite, CiphersuiteName, G1Point } from '../ciphersuite.ts'
import { undisclosedIndexes } from '../indexes.ts'
import { checkMessages, optionalBytes } from '../inputs.ts'
import { msmVar } from '../msm.ts'
import { NEG_BP2, pairingProductIsOne } from '../pairing.ts'
import { g1ToOctets, octetsToG1 } from '../points.ts'
import { proofFinalize } from '../proof-challenge.ts'
import { proofInit, proofVerifyInit } from '../proof-init.ts'
import { octetsToProof } from '../proof-octets.ts'
import { octetsToPubkey } from '../public-key.ts'
import { calculateRandomScalars } from '../random-scalars.ts'
import type { RandomScalars } from '../random-scalars.ts'
import { octetsToSignature } from '../signature-octets.ts'
import { resolveSuite } from '../suite-option.ts'
import { combinedIndexes, octetsToScalar, prepareParameters } from '../blind/index.ts'
import { combinedHeader, MAX_NYM_SECRETS, nymApiId } from './api-id.ts'
import { contextPoint, contextScalar, polyEval } from './calculate.ts'
import { nymChallenge } from './challenge.ts'
import { readNyms } from './issuance.ts'

const Fr = bls12_381.fields.Fr
const G1_BASE = bls12_381.G1.Point.BASE

/** Input of ProofGenWithNym. */
export interface ProofGenWithNymInput {
  suite?: Ciphersuite | CiphersuiteName
  publicKey: Uint8Array
  signature: Uint8Array
  header?: Uint8Array
  presentationHeader?: Uint8Array
  /** From VerifyFinalizeWithNym. */
  nymSecrets: Uint8Array[]
  /** The verifier / context identifier the pseudonym is bound to (our profile: the verifier's client_id). */
  contextId: Uint8Array
  messages: Uint8Array[]
  committedMessages?: Uint8Array[]
  disclosedIndexes?: number[]
  disclosedCommittedIndexes?: number[]
  secretProverBlind: Uint8Array
  /** Test vectors only. */
  randomScalars?: RandomScalars
}

/** Input of ProofVerifyWithNym. */
export interface ProofVerifyWithNymInput {
  suite?: Ciphersuite | CiphersuiteName
  publicKey: Uint8Array
  proof: Uint8Array
  header?: Uint8Array
  presentationHeader?: Uint8Array
  /** The 48-octet pseudonym presented with the proof. */
  pseudonym: Uint8Array
  /** The context the verifier expects (its own identifier), never taken from the presentation alone. */
  contextId: Uint8Array
  /** `length_nym_vector`. */
  nymCount: number
  /** Number of signer messages L. */
  signerMessageCount: number
  disclosedMessages?: Uint8Array[]
  disclosedIndexes?: number[]
  disclosedCommittedMessages?: Uint8Array[]
  disclosedCommittedIndexes?: number[]
}

/**
 * `ProofGenWithNym`: a BBS proof over `messages || prover_blind || committed || nym_secrets` that
 * also proves `pseudonym = OP * Σ nym_i z^i` for the context, with shared randomness for the nym
 * secrets. Returns the proof and the 48-octet pseudonym.
 */
export function proofGenWithNym(input: ProofGenWithNymInput): { proof: Uint8Array; pseudonym: Uint8Array } {
  const suite = resolveSuite(input.suite)
  const apiId = nymApiId(suite)
  checkMessages(input.messages, 'messages')
  const committed = input.committedMessages ?? []
  checkMessages(committed, 'committedMessages')
  const contextId = checkContext(input.contextId)
  const nyms = readNyms(input.nymSecrets, 'nym secret')
  const N = nyms.length
  const L = input.messages.length
  const spb = octetsToScalar(input.secretProverBlind, 'secret prover blind', 'bbs_blind_input_invalid', true)
  const { scalars, generators } = prepareParameters(suite, input.messages, committed, L + 1, committed.length + N + 1, spb, apiId, nyms)
  const disclosed = combinedIndexes(input.disclosedIndexes ?? [], input.disclosedCommittedIndexes ?? [], L, committed.length)
  const undisclosed = undisclosedIndexes(disclosed, scalars.length)
  const random = (input.randomScalars ?? calculateRandomScalars)(5 + undisclosed.length)
  const sig = octetsToSignature(input.signature)
  const header = combinedHeader(optionalBytes(input.header, 'header'), N)
  const init = proofInit(suite, input.publicKey, sig, generators, random, header, scalars, undisclosed, apiId)
  // The nym secrets are the last N signed scalars, hence the last N undisclosed ones: their m~ are the last N random scalars.
  const OP = contextPoint(suite, contextId, apiId)
  const z = contextScalar(suite, contextId, apiId)
  const pseudonym = msmVar([OP], [polyEval(nyms, z)])
  const Ut = msmVar([OP], [polyEval(random.slice(-N), z)])
  if (pseudonym.is0() || Ut.is0()) throw new EidError('bbs_pseudonym_invalid', 'pseudonym is the identity')
  const dm = disclosed.map((i) => scalars[i] as bigint)
  const ph = optionalBytes(input.presentationHeader, 'presentationHeader')
  const challenge = nymChallenge(suite, init, pseudonym, Ut, disclosed, dm, ph, contextId, apiId)
  const proof = proofFinalize(init, challenge, sig.e, random, undisclosed.map((j) => scalars[j] as bigint))
  return { proof, pseudonym: g1ToOctets(pseudonym) }
}

/**
 * `ProofVerifyWithNym`: returns normally when the proof verifies and the pseudonym is the one of
 * the signed nym secrets for `contextId`; throws `bbs_pseudonym_proof_invalid` otherwise, and
 * `bbs_pseudonym_invalid` for a pseudonym that is not a valid G1 point (or is the identity / base point).
 */
export function proofVerifyWithNym(input: ProofVerifyWithNymInput): void {
  const suite = resolveSuite(input.suite)
  const apiId = nymApiId(suite)
  const contextId = checkContext(input.contextId)
  const N = input.nymCount
  if (!Number.isSafeInteger(N) || N < 1 || N > MAX_NYM_SECRETS) throw new EidError('bbs_nym_input_invalid', `nym count must be 1..${MAX_NYM_SECRETS}`)
  const pseudonym = readPseudonym(input.pseudonym)
  const dm = input.disclosedMessages ?? []
  const dcm = input.disclosedCommittedMessages ?? []
  checkMessages(dm, 'disclosedMessages')
  checkMessages(dcm, 'disclosedCommittedMessages')
  const di = input.disclosedIndexes ?? []
  const dci = input.disclosedCommittedIndexes ?? []
  if (dm.length !== di.length || dcm.length !== dci.length) throw new EidError('bbs_nym_input_invalid', 'disclosed messages must match their indexes')
  if (!(input.proof instanceof Uint8Array)) throw new EidError('bbs_nym_input_invalid', 'proof must be a Uint8Array')
  const p = octetsToProof(input.proof)
  const W = octetsToPubkey(input.publicKey)
  const L = input.signerMessageCount
  const total = di.length + dci.length + p.commitments.length
  const blindCount = total - L // prover blind + committed messages + nym secrets
  if (!Number.isSafeInteger(L) || L < 0 || total > 4096 || blindCount < N + 1) {
    throw new EidError('bbs_nym_input_invalid', 'signer message and nym counts do not fit the proof')
  }
  const M = blindCount - 1 - N
  const { scalars, generators } = prepareParameters(suite, dm, dcm, L + 1, blindCount, undefined, apiId)
  const disclosed = combinedIndexes(di, dci, L, M)
  const header = combinedHeader(optionalBytes(input.header, 'header'), N)
  const init = proofVerifyInit(suite, input.publicKey, p, generators, header, scalars, disclosed, apiId)
  const OP = contextPoint(suite, contextId, apiId)
  const z = contextScalar(suite, contextId, apiId)
  const Uv = msmVar([OP, pseudonym], [polyEval(p.commitments.slice(-N), z), Fr.neg(p.challenge)])
  if (Uv.is0()) throw new EidError('bbs_pseudonym_proof_invalid', 'pseudonym proof does not verify')
  const ph = optionalBytes(input.presentationHeader, 'presentationHeader')
  const challenge = nymChallenge(suite, init, pseudonym, Uv, disclosed, scalars, ph, contextId, apiId)
  if (challenge !== p.challenge || !pairingProductIsOne([[p.Abar, W], [p.Bbar, NEG_BP2]])) {
    throw new EidError('bbs_pseudonym_proof_invalid', 'pseudonym proof does not verify')
  }
}

/** Decodes a presented pseudonym: a valid G1 point, not the identity, not the base point (`bbs_pseudonym_invalid`). */
export function readPseudonym(bytes: unknown): G1Point {
  let P: G1Point
  try {
    P = octetsToG1(bytes as Uint8Array, 'pseudonym')
  } catch (e) {
    if (isEidError(e)) throw new EidError('bbs_pseudonym_invalid', 'pseudonym is not a valid G1 point', { cause: e })
    throw e
  }
  if (P.equals(G1_BASE)) throw new EidError('bbs_pseudonym_invalid', 'pseudonym is the base point')
  return P
}

function checkContext(contextId: unknown): Uint8Array {
  if (!(contextId instanceof Uint8Array) || contextId.length === 0 || contextId.length > 2048) {
    throw new EidError('bbs_nym_input_invalid', 'context id must be 1..2048 bytes')
  }
  return contextId
}
