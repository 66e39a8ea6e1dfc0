// ProofWithPseudonymChallengeCalculate (draft-irtf-cfrg-bbs-per-verifier-linkability-02/-03 §10.1).
import type { Ciphersuite, G1Point } from '../ciphersuite.ts'
import { h2sDst, hashToScalar } from '../hash-to-scalar.ts'
import { concat, i2osp } from '../octets.ts'
import type { InitResult } from '../proof-init.ts'
import { serialize } from '../serialize.ts'
import type { Serializable } from '../serialize.ts'

/**
 * hash_to_scalar(serialize((R, i1, msg_i1, ..., Abar, Bbar, D, T1, T2, pseudonym, Ut, domain))
 * || I2OSP(len(ph), 8) || ph || I2OSP(len(context_id), 8) || context_id, api_id || "H2S_").
 */
export function nymChallenge(
  suite: Ciphersuite,
  init: InitResult,
  pseudonym: G1Point,
  U: G1Point,
  disclosedIndexes: readonly number[],
  disclosedMessages: readonly bigint[],
  ph: Uint8Array,
  contextId: Uint8Array,
  apiId: Uint8Array,
): bigint {
  const arr: Serializable[] = [disclosedIndexes.length]
  disclosedIndexes.forEach((i, k) => arr.push(i, disclosedMessages[k] as bigint))
  arr.push(init.Abar, init.Bbar, init.D, init.T1, init.T2, pseudonym, U, init.domain)
  const octs = concat(serialize(arr), i2osp(ph.length, 8), ph, i2osp(contextId.length, 8), contextId)
  return hashToScalar(suite, octs, h2sDst(apiId))
}
