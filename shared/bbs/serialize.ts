// serialize (draft-irtf-cfrg-bbs-signatures-09 §4.7.1): G1 points, scalars (32 bytes) and 64-bit integers to octets.
import { EidError } from '../errors/index.ts'
import type { G1Point } from './ciphersuite.ts'
import { R_ORDER } from './hash-to-scalar.ts'
import { concat, i2osp } from './octets.ts'
import { g1ToOctets, SCALAR_LENGTH } from './points.ts'

/**
 * One element of `serialize`'s input: a G1 point, a scalar (`bigint`, 32 bytes), a non-negative
 * integer (`number`, 8 bytes), or octets taken as they are.
 */
export type Serializable = G1Point | bigint | number | Uint8Array

/** `serialize(input_array)`. Numbers are 64-bit integers, bigints are scalars mod r. */
export function serialize(items: readonly Serializable[]): Uint8Array {
  const parts: Uint8Array[] = []
  for (const el of items) {
    if (typeof el === 'bigint') {
      if (el < 0n || el >= R_ORDER) throw new EidError('bbs_invalid_scalar', 'scalar out of range')
      parts.push(i2osp(el, SCALAR_LENGTH))
    } else if (typeof el === 'number') {
      if (!Number.isSafeInteger(el) || el < 0) throw new EidError('bbs_invalid_length', 'integer out of range')
      parts.push(i2osp(el, 8))
    } else if (el instanceof Uint8Array) {
      parts.push(el)
    } else {
      parts.push(g1ToOctets(el))
    }
  }
  return concat(...parts)
}
