// calculate_domain (draft-irtf-cfrg-bbs-signatures-09 §4.3).
import type { Ciphersuite, G1Point } from './ciphersuite.ts'
import { h2sDst, hashToScalar } from './hash-to-scalar.ts'
import { concat, i2osp } from './octets.ts'
import { serialize } from './serialize.ts'

/**
 * `calculate_domain(PK, Q_1, (H_1..H_L), header, api_id)`:
 * hash_to_scalar(PK || serialize((L, Q_1, H_1..H_L)) || api_id || I2OSP(len(header), 8) || header, api_id || "H2S_").
 */
export function calculateDomain(
  suite: Ciphersuite,
  pk: Uint8Array,
  Q1: G1Point,
  H: readonly G1Point[],
  header: Uint8Array,
  apiId: Uint8Array,
): bigint {
  const domOcts = concat(serialize([H.length, Q1, ...H]), apiId)
  const input = concat(pk, domOcts, i2osp(header.length, 8), header)
  return hashToScalar(suite, input, h2sDst(apiId))
}
