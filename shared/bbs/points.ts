// Point encodings of draft-irtf-cfrg-bbs-signatures-09 §4.7 and Appendix C.3 (Zcash compressed format), with the checks the draft requires.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import type { WeierstrassPoint } from '@noble/curves/abstract/weierstrass.js'
import { EidError } from '../errors/index.ts'
import type { G1Point } from './ciphersuite.ts'
import { fpSqrt } from './fp-sqrt.ts'
import { isInG1 } from './g1-jacobian.ts'
import { assertBytes, os2ip } from './octets.ts'

/** A point of G2 (noble projective point over Fp2). */
export type G2Point = WeierstrassPoint<{ c0: bigint; c1: bigint }>

/** `octet_point_length` of G1 (48) and G2 (96), `octet_scalar_length` (32). */
export const G1_LENGTH = 48
export const G2_LENGTH = 96
export const SCALAR_LENGTH = 32

const Fp = bls12_381.fields.Fp
const P = Fp.ORDER
const HALF_P = (P - 1n) / 2n
const G1 = bls12_381.G1.Point
const G2 = bls12_381.G2.Point

/**
 * `point_to_octets_E1`: compressed encoding (48 bytes, flags in the top 3 bits). Skips noble's
 * subgroup re-check in `toBytes()`: every point passed here was computed from subgroup points.
 */
export function g1ToOctets(point: G1Point): Uint8Array {
  const cached = encoded.get(point)
  if (cached !== undefined) return cached.slice()
  const out = encodeG1(point)
  encoded.set(point, out)
  return out.slice()
}

// Points are immutable, so their encodings can be remembered (generators are encoded on every domain calculation).
const encoded = new WeakMap<G1Point, Uint8Array>()

function encodeG1(point: G1Point): Uint8Array {
  const out = new Uint8Array(G1_LENGTH)
  if (point.is0()) {
    out[0] = 0xc0
    return out
  }
  const { x, y } = point.toAffine()
  let v = x
  for (let i = G1_LENGTH - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn)
    v >>= 8n
  }
  out[0] = (out[0] ?? 0) | 0x80 | (y > HALF_P ? 0x20 : 0)
  return out
}

/**
 * `octets_to_point_E1` followed by the draft's checks: exactly 48 bytes, compressed form, canonical
 * x < p, on the curve, in the prime-order subgroup, and not the identity (`bbs_invalid_point`).
 */
export function octetsToG1(bytes: Uint8Array, what = 'G1 point'): G1Point {
  assertBytes(bytes, what, G1_LENGTH)
  const flags = bytes[0] ?? 0
  if ((flags & 0x80) === 0) throw new EidError('bbs_invalid_point', `${what} must be compressed`)
  if ((flags & 0x40) !== 0) throw new EidError('bbs_invalid_point', `${what} must not be the identity`)
  const sort = (flags & 0x20) !== 0
  const body = bytes.slice()
  body[0] = flags & 0x1f
  const x = os2ip(body)
  const invalid = (): EidError => new EidError('bbs_invalid_point', `${what} is not a valid point of G1`)
  if (x >= P) throw invalid()
  let y = fpSqrt((((x * x) % P) * x + 4n) % P)
  if (y === undefined) throw invalid()
  if (y > HALF_P !== sort) y = Fp.neg(y)
  if (!isInG1({ x, y })) throw invalid()
  return G1.fromAffine({ x, y })
}

/** `point_to_octets_E2`: compressed encoding (96 bytes). */
export function g2ToOctets(point: G2Point): Uint8Array {
  return point.toBytes(true)
}

/**
 * `octets_to_point_E2` + subgroup check + identity check (`octets_to_pubkey`, §4.7.7): exactly 96
 * bytes, compressed, canonical, in G2, not the identity (`bbs_invalid_point`).
 */
export function octetsToG2(bytes: Uint8Array, what = 'public key'): G2Point {
  assertBytes(bytes, what, G2_LENGTH)
  const flags = bytes[0] ?? 0
  if ((flags & 0x80) === 0) throw new EidError('bbs_invalid_point', `${what} must be compressed`)
  if ((flags & 0x40) !== 0) throw new EidError('bbs_invalid_point', `${what} must not be the identity`)
  let point: G2Point
  try {
    point = G2.fromBytes(bytes) as G2Point
  } catch {
    throw new EidError('bbs_invalid_point', `${what} is not a valid point of G2`)
  }
  if (point.is0()) throw new EidError('bbs_invalid_point', `${what} must not be the identity`)
  return point
}
