// ProofInit and ProofVerifyInit (draft-irtf-cfrg-bbs-signatures-09 §3.7.1, §3.7.3).
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { EidError } from '../errors/index.ts'
import type { Ciphersuite, G1Point } from './ciphersuite.ts'
import { checkGeneratorCount, checkScalars, computeB } from './core-sign.ts'
import { calculateDomain } from './domain.ts'
import { undisclosedIndexes } from './indexes.ts'
import { msmFixed, msmVar } from './msm.ts'
import type { Proof } from './proof-octets.ts'
import type { Signature } from './signature-octets.ts'

const Fr = bls12_381.fields.Fr

/** `init_res` of ProofInit / ProofVerifyInit: five G1 points and the domain scalar. */
export interface InitResult {
  readonly Abar: G1Point
  readonly Bbar: G1Point
  readonly D: G1Point
  readonly T1: G1Point
  readonly T2: G1Point
  readonly domain: bigint
}

/**
 * `ProofInit(PK, (A, e), generators, random_scalars, header, messages, undisclosed_indexes, api_id)`.
 * `random_scalars` = `(r1, r2, e~, r1~, r3~, m~_j1..m~_jU)`, exactly U + 5 of them;
 * `undisclosed` ascending indexes into `messages`; `generators` = `(Q_1, H_1..H_L)`.
 */
export function proofInit(
  suite: Ciphersuite,
  pk: Uint8Array,
  signature: Signature,
  generators: readonly G1Point[],
  randomScalars: readonly bigint[],
  header: Uint8Array,
  messages: readonly bigint[],
  undisclosed: readonly number[],
  apiId: Uint8Array,
): InitResult {
  const L = messages.length
  const U = undisclosed.length
  if (randomScalars.length !== U + 5) throw new EidError('bbs_invalid_scalar', 'random scalars must number U + 5')
  checkScalars(randomScalars, 'random scalars')
  checkScalars(messages, 'messages')
  checkGeneratorCount(generators, L)
  if (U > L) throw new EidError('bbs_invalid_index', 'more undisclosed indexes than messages')
  let prev = -1
  for (const j of undisclosed) {
    if (!Number.isSafeInteger(j) || j <= prev || j >= L) throw new EidError('bbs_invalid_index', 'undisclosed index out of range or order')
    prev = j
  }
  const [r1, r2, eT, r1T, r3T, ...mT] = randomScalars as [bigint, bigint, bigint, bigint, bigint, ...bigint[]]
  const [Q1, ...H] = generators as [G1Point, ...G1Point[]]
  const domain = calculateDomain(suite, pk, Q1, H, header, apiId)
  const B = computeB(suite, generators, domain, messages)
  const { A, e } = signature
  const D = msmVar([B], [r2])
  const Abar = msmVar([A], [Fr.mul(r1, r2)])
  const Bbar = msmVar([D, Abar], [r1, Fr.neg(e)])
  const T1 = msmVar([Abar, D], [eT, r1T])
  const T2 = msmVar([D], [r3T]).add(msmFixed(undisclosed.map((j) => H[j] as G1Point), mT))
  return { Abar, Bbar, D, T1, T2, domain }
}

/**
 * `ProofVerifyInit(PK, proof, generators, header, disclosed_messages, disclosed_indexes, api_id)`.
 * L = R + U; `generators` = `(Q_1, H_1..H_L)`. Index problems throw `bbs_invalid_index`.
 */
export function proofVerifyInit(
  suite: Ciphersuite,
  pk: Uint8Array,
  proof: Proof,
  generators: readonly G1Point[],
  header: Uint8Array,
  disclosedMessages: readonly bigint[],
  disclosedIndexes: readonly number[],
  apiId: Uint8Array,
): InitResult {
  const U = proof.commitments.length
  const R = disclosedIndexes.length
  const L = R + U
  const undisclosed = undisclosedIndexes(disclosedIndexes, L)
  if (disclosedMessages.length !== R) throw new EidError('bbs_invalid_index', 'disclosed messages must match disclosed indexes')
  checkScalars(disclosedMessages, 'disclosed messages')
  checkGeneratorCount(generators, L)
  const [Q1, ...H] = generators as [G1Point, ...G1Point[]]
  const domain = calculateDomain(suite, pk, Q1, H, header, apiId)
  const { Abar, Bbar, D, eHat, r1Hat, r3Hat, commitments, challenge: c } = proof
  const T1 = msmVar([Bbar, Abar, D], [c, eHat, r1Hat])
  const Bv = msmFixed([suite.P1, Q1, ...disclosedIndexes.map((i) => H[i] as G1Point)], [1n, domain, ...disclosedMessages])
  const T2 = msmVar([Bv, D], [c, r3Hat]).add(msmFixed(undisclosed.map((j) => H[j] as G1Point), commitments))
  return { Abar, Bbar, D, T1, T2, domain }
}
