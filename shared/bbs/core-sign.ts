// CoreSign and CoreVerify (draft-irtf-cfrg-bbs-signatures-09 §3.6.1, §3.6.2).
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { EidError } from '../errors/index.ts'
import type { Ciphersuite, G1Point } from './ciphersuite.ts'
import { calculateDomain } from './domain.ts'
import { h2sDst, hashToScalar } from './hash-to-scalar.ts'
import { msmFixed, msmVar, prepareFixed } from './msm.ts'
import { msmPublic, prepareVarPublic } from './msm-public.ts'
import { BP2, pairingProductIsOne } from './pairing.ts'
import { octetsToPubkey } from './public-key.ts'
import { serialize } from './serialize.ts'
import type { Signature } from './signature-octets.ts'
import { octetsToSignature, signatureToOctets } from './signature-octets.ts'

const Fr = bls12_381.fields.Fr

/** Throws `bbs_invalid_message_count` unless there is exactly one generator more than messages. */
export function checkGeneratorCount(generators: readonly G1Point[], messageCount: number): void {
  if (generators.length !== messageCount + 1) {
    throw new EidError('bbs_invalid_message_count', 'generators must number messages + 1')
  }
}

/**
 * `B = P1 + Q_1 * domain + H_1 * msg_1 + ... + H_L * msg_L` (CoreSign step 3, CoreVerify step 2,
 * ProofInit step 2). `generators` is `(Q_1, H_1..H_L)`; fixed-base tables make this additions only.
 */
export function computeB(suite: Ciphersuite, generators: readonly G1Point[], domain: bigint, messages: readonly bigint[]): G1Point {
  checkGeneratorCount(generators, messages.length)
  return msmFixed([suite.P1, ...generators], [1n, domain, ...messages])
}

/** Checks a secret key scalar is in 1..r-1 (`bbs_invalid_scalar`). */
export function checkSecretKey(sk: bigint): void {
  if (typeof sk !== 'bigint' || sk <= 0n || sk >= Fr.ORDER) throw new EidError('bbs_invalid_scalar', 'secret key must be in 1..r-1')
}

/** Checks every message scalar is in 0..r-1 (`bbs_invalid_scalar`). */
export function checkScalars(scalars: readonly bigint[], what: string): void {
  for (const s of scalars) {
    if (typeof s !== 'bigint' || s < 0n || s >= Fr.ORDER) throw new EidError('bbs_invalid_scalar', `${what} must be scalars in 0..r-1`)
  }
}

/**
 * `CoreSign(SK, PK, generators, header, messages, api_id)`: the deterministic signature
 * `(A, e)` as 80 octets, with `e = hash_to_scalar(serialize((SK, msg_1..msg_L, domain)), api_id || "H2S_")`
 * and `A = B * 1/(SK + e)`. `generators` = `(Q_1, H_1..H_L)`, one more than `messages`.
 */
export function coreSign(
  suite: Ciphersuite,
  sk: bigint,
  pk: Uint8Array,
  generators: readonly G1Point[],
  header: Uint8Array,
  messages: readonly bigint[],
  apiId: Uint8Array,
): Uint8Array {
  checkSecretKey(sk)
  checkScalars(messages, 'messages')
  checkGeneratorCount(generators, messages.length)
  const [Q1, ...H] = generators as [G1Point, ...G1Point[]]
  const domain = calculateDomain(suite, pk, Q1, H, header, apiId)
  const e = hashToScalar(suite, serialize([sk, ...messages, domain]), h2sDst(apiId))
  const denom = Fr.add(sk, e)
  if (denom === 0n) throw new EidError('bbs_invalid_scalar', 'SK + e is zero')
  // A = B * 1/(SK + e), computed as one fixed-base MSM: s·P1 + (s·domain)·Q_1 + Σ (s·msg_i)·H_i.
  const s = Fr.inv(denom)
  const A = msmFixed([suite.P1, ...generators], [s, Fr.mul(s, domain), ...messages.map((m) => Fr.mul(s, m))])
  if (A.is0()) throw new EidError('bbs_invalid_point', 'signature A is the identity')
  return signatureToOctets({ A, e })
}

/**
 * `A = B * (1 / (SK + e))` (CoreSign step 4). Refuses `SK + e = 0 mod r` (which would give the
 * identity) with `bbs_invalid_scalar`. Exported for interfaces that build `B` themselves (blind BBS).
 */
export function signWithB(sk: bigint, B: G1Point, e: bigint): Signature {
  const denom = Fr.add(sk, e)
  if (denom === 0n) throw new EidError('bbs_invalid_scalar', 'SK + e is zero')
  const A = msmVar([B], [Fr.inv(denom)])
  if (A.is0()) throw new EidError('bbs_invalid_point', 'signature A is the identity')
  return { A, e }
}

/**
 * `CoreVerify(PK, signature, generators, header, messages, api_id)`: returns normally when
 * `h(A, W) * h(A * e - B, BP2) = 1`, else throws `bbs_invalid_signature`. Malformed inputs throw
 * `bbs_invalid_length`, `bbs_invalid_point` or `bbs_invalid_scalar`.
 */
export function coreVerify(
  suite: Ciphersuite,
  pk: Uint8Array,
  signature: Uint8Array,
  generators: readonly G1Point[],
  header: Uint8Array,
  messages: readonly bigint[],
  apiId: Uint8Array,
): void {
  const { A, e } = octetsToSignature(signature)
  const W = octetsToPubkey(pk)
  checkScalars(messages, 'messages')
  checkGeneratorCount(generators, messages.length)
  const [Q1, ...H] = generators as [G1Point, ...G1Point[]]
  const domain = calculateDomain(suite, pk, Q1, H, header, apiId)
  // A·e − B = A·e − P1 − Q_1·domain − Σ H_i·msg_i, in one MSM (one doubling chain); public inputs: variable time.
  const [tA] = prepareVarPublic([A]) as [ReturnType<typeof prepareFixed>]
  const [AeMinusB] = msmPublic([[
    [tA, e],
    [prepareFixed(suite.P1), Fr.neg(1n)],
    [prepareFixed(Q1), Fr.neg(domain)],
    ...H.map((h, i) => [prepareFixed(h), Fr.neg(messages[i] as bigint)] as const),
  ]]) as [G1Point]
  if (AeMinusB.is0() || !pairingProductIsOne([[A, W], [AeMinusB, BP2]])) {
    throw new EidError('bbs_invalid_signature', 'signature does not verify')
  }
}
