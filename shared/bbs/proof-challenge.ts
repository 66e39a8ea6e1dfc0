// ProofChallengeCalculate and ProofFinalize (draft-irtf-cfrg-bbs-signatures-09 §3.7.4, §3.7.2).
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { EidError } from '../errors/index.ts'
import type { Ciphersuite } from './ciphersuite.ts'
import { h2sDst, hashToScalar } from './hash-to-scalar.ts'
import { concat, i2osp } from './octets.ts'
import type { InitResult } from './proof-init.ts'
import { proofToOctets } from './proof-octets.ts'
import type { Serializable } from './serialize.ts'
import { serialize } from './serialize.ts'

const Fr = bls12_381.fields.Fr

/**
 * `ProofChallengeCalculate(init_res, disclosed_messages, disclosed_indexes, ph, api_id)`:
 * hash_to_scalar(serialize((R, i1, msg_i1, ..., iR, msg_iR, Abar, Bbar, D, T1, T2, domain)) || I2OSP(len(ph), 8) || ph, api_id || "H2S_").
 */
export function proofChallengeCalculate(
  suite: Ciphersuite,
  init: InitResult,
  disclosedMessages: readonly bigint[],
  disclosedIndexes: readonly number[],
  ph: Uint8Array,
  apiId: Uint8Array,
): bigint {
  const R = disclosedIndexes.length
  if (disclosedMessages.length !== R) throw new EidError('bbs_invalid_index', 'disclosed messages must match disclosed indexes')
  const arr: Serializable[] = [R]
  for (let k = 0; k < R; k++) arr.push(disclosedIndexes[k] as number, disclosedMessages[k] as bigint)
  arr.push(init.Abar, init.Bbar, init.D, init.T1, init.T2, init.domain)
  return hashToScalar(suite, concat(serialize(arr), i2osp(ph.length, 8), ph), h2sDst(apiId))
}

/**
 * `ProofFinalize(init_res, challenge, e, random_scalars, undisclosed_messages)`: the proof octets
 * `Abar || Bbar || D || e^ || r1^ || r3^ || m^_j1..m^_jU || c`.
 */
export function proofFinalize(
  init: InitResult,
  challenge: bigint,
  e: bigint,
  randomScalars: readonly bigint[],
  undisclosedMessages: readonly bigint[],
): Uint8Array {
  const U = undisclosedMessages.length
  if (randomScalars.length !== U + 5) throw new EidError('bbs_invalid_scalar', 'random scalars must number U + 5')
  const [r1, r2, eT, r1T, r3T, ...mT] = randomScalars as [bigint, bigint, bigint, bigint, bigint, ...bigint[]]
  const r3 = Fr.inv(r2)
  const eHat = Fr.add(eT, Fr.mul(e, challenge))
  const r1Hat = Fr.sub(r1T, Fr.mul(r1, challenge))
  const r3Hat = Fr.sub(r3T, Fr.mul(r3, challenge))
  const commitments = undisclosedMessages.map((m, j) => Fr.add(mT[j] as bigint, Fr.mul(m, challenge)))
  return proofToOctets({ Abar: init.Abar, Bbar: init.Bbar, D: init.D, eHat, r1Hat, r3Hat, commitments, challenge })
}
