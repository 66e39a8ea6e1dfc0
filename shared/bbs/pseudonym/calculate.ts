// Pseudonym calculation (draft-irtf-cfrg-bbs-per-verifier-linkability-02/-03 §5, §9.1): OP = hash_to_curve_g1(context_id), pseudonym = OP * Σ nym_i z^i.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { EidError } from '../../errors/index.ts'
import type { Ciphersuite, G1Point } from '../ciphersuite.ts'
import { hashToScalar } from '../hash-to-scalar.ts'
import { msmVar } from '../msm.ts'
import { ascii, concat } from '../octets.ts'
import { g1ToOctets } from '../points.ts'

const Fr = bls12_381.fields.Fr

const MAX_CACHED_CONTEXTS = 64
const contextPoints = new Map<string, G1Point>()

/**
 * `OP = hash_to_curve_g1(context_id, api_id)`: the context's base point. hash_to_curve costs ~9 ms
 * and a verifier always uses its own context, so the last 64 points are remembered.
 */
export function contextPoint(suite: Ciphersuite, contextId: Uint8Array, apiId: Uint8Array): G1Point {
  const key = `${suite.name}|${Buffer.from(apiId).toString('hex')}|${Buffer.from(contextId).toString('hex')}`
  const hit = contextPoints.get(key)
  if (hit !== undefined) return hit
  const OP = suite.hashToCurveG1(contextId, apiId)
  if (contextPoints.size >= MAX_CACHED_CONTEXTS) {
    const oldest = contextPoints.keys().next().value
    if (oldest !== undefined) contextPoints.delete(oldest)
  }
  contextPoints.set(key, OP)
  return OP
}

/** `z = hash_to_scalar(context_id, api_id || "VECT_NYM_SECRETS")`: the evaluation point of the nym polynomial. */
export function contextScalar(suite: Ciphersuite, contextId: Uint8Array, apiId: Uint8Array): bigint {
  return hashToScalar(suite, contextId, concat(apiId, ascii('VECT_NYM_SECRETS')))
}

/** Σ coeffs[i] * z^i in the scalar field (Horner). */
export function polyEval(coeffs: readonly bigint[], z: bigint): bigint {
  let acc = 0n
  for (let i = coeffs.length - 1; i >= 0; i--) acc = Fr.add(Fr.mul(acc, z), coeffs[i] as bigint)
  return acc
}

/** The pseudonym point for `nymSecrets` in the context `contextId`; never the identity (`bbs_pseudonym_invalid`). */
export function pseudonymPoint(suite: Ciphersuite, contextId: Uint8Array, nymSecrets: readonly bigint[], apiId: Uint8Array): G1Point {
  const P = msmVar([contextPoint(suite, contextId, apiId)], [polyEval(nymSecrets, contextScalar(suite, contextId, apiId))])
  if (P.is0()) throw new EidError('bbs_pseudonym_invalid', 'pseudonym is the identity')
  return P
}

/** The 48-octet pseudonym of `nymSecrets` for the verifier/context `contextId`. */
export function pseudonymOctets(suite: Ciphersuite, contextId: Uint8Array, nymSecrets: readonly bigint[], apiId: Uint8Array): Uint8Array {
  return g1ToOctets(pseudonymPoint(suite, contextId, nymSecrets, apiId))
}
