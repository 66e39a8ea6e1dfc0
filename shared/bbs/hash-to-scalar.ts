// hash_to_scalar and messages_to_scalars (draft-irtf-cfrg-bbs-signatures-09 §4.1.2, §4.2.2).
import { bls12_381 } from '@noble/curves/bls12-381.js'
import type { Ciphersuite } from './ciphersuite.ts'
import { ascii, concat, os2ip } from './octets.ts'

/** The prime order r of G1, G2 and GT. */
export const R_ORDER: bigint = bls12_381.fields.Fr.ORDER

/** `hash_to_scalar(msg, dst)`: OS2IP(expand_message(msg, dst, expand_len)) mod r. */
export function hashToScalar(suite: Ciphersuite, msg: Uint8Array, dst: Uint8Array): bigint {
  return os2ip(suite.expandMessage(msg, dst, suite.expandLen)) % R_ORDER
}

/** `messages_to_scalars(messages, api_id)`: each message hashed with dst `api_id || "MAP_MSG_TO_SCALAR_AS_HASH_"`. */
export function messagesToScalars(suite: Ciphersuite, messages: readonly Uint8Array[], apiId: Uint8Array): bigint[] {
  const dst = concat(apiId, ascii('MAP_MSG_TO_SCALAR_AS_HASH_'))
  return messages.map((m) => hashToScalar(suite, m, dst))
}

/** The DST `api_id || "H2S_"` used for `e`, `domain` and the proof challenge. */
export function h2sDst(apiId: Uint8Array): Uint8Array {
  return concat(apiId, ascii('H2S_'))
}
