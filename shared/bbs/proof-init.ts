// ProofInit and ProofVerifyInit (draft-irtf-cfrg-bbs-signatures-09 §3.7.1, §3.7.3).
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { EidError } from '../errors/index.ts'
import type { Ciphersuite, G1Point } from './ciphersuite.ts'
import { checkGeneratorCount, checkScalars, computeB } from './core-sign.ts'
import { calculateDomain } from './domain.ts'
import { undisclosedIndexes } from './indexes.ts'
import type { PreparedBase } from './msm.ts'
import { msmPrepared, normalizePoints, prepareFixed, prepareVar } from './msm.ts'
import { msmPublic, prepareVarPublic } from './msm-public.ts'
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
  // Every output is a combination of A and B (tables built once):
  // D = r2·B, Abar = r1r2·A, Bbar = r1·D − e·Abar = r1r2·B − r1r2e·A,
  // T1 = e~·Abar + r1~·D = e~r1r2·A + r1~r2·B, T2 = r3~·D + Σ m~_j·H_j = r3~r2·B + Σ m~_j·H_j.
  const [tA, tB] = prepareVar([A, B]) as [PreparedBase, PreparedBase]
  const r1r2 = Fr.mul(r1, r2)
  const D = msmPrepared([[tB, r2]])
  const Abar = msmPrepared([[tA, r1r2]])
  const Bbar = msmPrepared([[tB, r1r2], [tA, Fr.neg(Fr.mul(r1r2, e))]])
  const T1 = msmPrepared([[tA, Fr.mul(eT, r1r2)], [tB, Fr.mul(r1T, r2)]])
  const T2 = msmPrepared([[tB, Fr.mul(r3T, r2)], ...undisclosed.map((j, k) => [prepareFixed(H[j] as G1Point), mT[k] as bigint] as const)])
  const [nAbar, nBbar, nD, nT1, nT2] = normalizePoints([Abar, Bbar, D, T1, T2]) as [G1Point, G1Point, G1Point, G1Point, G1Point]
  return { Abar: nAbar, Bbar: nBbar, D: nD, T1: nT1, T2: nT2, domain }
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
  const [tBbar, tAbar, tD] = prepareVarPublic([Bbar, Abar, D]) as [PreparedBase, PreparedBase, PreparedBase]
  // T1 = c·Bbar + e^·Abar + r1^·D.
  // T2 = c·Bv + r3^·D + Σ m^_j·H_j with Bv = P1 + Q_1·domain + Σ msg_i·H_i expanded into fixed bases:
  // c·P1 + (c·domain)·Q_1 + Σ (c·msg_i)·H_i + r3^·D + Σ m^_j·H_j. Everything here is public: both MSMs in one
  // variable-time batch.
  const [T1, T2] = msmPublic([
    [[tBbar, c], [tAbar, eHat], [tD, r1Hat]],
    [
      [tD, r3Hat],
      [prepareFixed(suite.P1), c],
      [prepareFixed(Q1), Fr.mul(c, domain)],
      ...disclosedIndexes.map((i, k) => [prepareFixed(H[i] as G1Point), Fr.mul(c, disclosedMessages[k] as bigint)] as const),
      ...undisclosed.map((j, k) => [prepareFixed(H[j] as G1Point), commitments[k] as bigint] as const),
    ],
  ]) as [G1Point, G1Point]
  return { Abar, Bbar, D, T1, T2, domain }
}
