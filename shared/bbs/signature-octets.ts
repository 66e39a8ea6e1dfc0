// signature_to_octets / octets_to_signature (draft-irtf-cfrg-bbs-signatures-09 §4.7.2, §4.7.3).
import { EidError } from '../errors/index.ts'
import type { G1Point } from './ciphersuite.ts'
import { R_ORDER } from './hash-to-scalar.ts'
import { assertBytes, os2ip } from './octets.ts'
import { G1_LENGTH, octetsToG1, SCALAR_LENGTH } from './points.ts'
import { serialize } from './serialize.ts'

/** A decoded BBS signature: A in G1 (not the identity) and e in 1..r-1. */
export interface Signature {
  readonly A: G1Point
  readonly e: bigint
}

/** Signature length: 48 + 32 = 80 bytes. */
export const SIGNATURE_LENGTH = G1_LENGTH + SCALAR_LENGTH

/** `signature_to_octets((A, e))` = A (48 bytes) || I2OSP(e, 32). */
export function signatureToOctets(sig: Signature): Uint8Array {
  return serialize([sig.A, sig.e])
}

/** Reads a scalar that must be in 1..r-1 (`bbs_invalid_scalar`). */
export function nonZeroScalar(bytes: Uint8Array, what: string): bigint {
  const s = os2ip(bytes)
  if (s === 0n || s >= R_ORDER) throw new EidError('bbs_invalid_scalar', `${what} must be in 1..r-1`)
  return s
}

/**
 * `octets_to_signature`: exactly 80 bytes (`bbs_invalid_length`), A a valid non-identity G1 point
 * (`bbs_invalid_point`), e in 1..r-1 (`bbs_invalid_scalar`).
 */
export function octetsToSignature(bytes: Uint8Array): Signature {
  assertBytes(bytes, 'signature', SIGNATURE_LENGTH)
  const A = octetsToG1(bytes.subarray(0, G1_LENGTH), 'signature A')
  const e = nonZeroScalar(bytes.subarray(G1_LENGTH), 'signature e')
  return { A, e }
}
