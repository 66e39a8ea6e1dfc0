// G1 arithmetic in Jacobian coordinates over BLS12-381 Fp (y² = x³ + 4), for the MSM engine: doubling, mixed and
// full addition, batch normalization, and the GLV endomorphism φ(x, y) = (βx, y) = −x²·P on G1.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import type { G1Point } from './ciphersuite.ts'

const Fp = bls12_381.fields.Fp
const P = Fp.ORDER
const G1 = bls12_381.G1.Point as unknown as { new (x: bigint, y: bigint, z: bigint): G1Point; ZERO: G1Point }

/** A point in Jacobian coordinates: (X/Z², Y/Z³); Z = 0 is the identity. */
export interface Jac {
  X: bigint
  Y: bigint
  Z: bigint
}

/** An affine point (never the identity). */
export interface Aff {
  x: bigint
  y: bigint
}

/** β: a primitive cube root of unity in Fp with φ(P) = (βx, y) = −x²·P on G1 (x the BLS parameter). */
export const BETA = BigInt('0x5f19672fdf76ce51ba69c6076a0f77eaddb3a93be6f89688de17d813620a00022e01fffffffefffe')
/** |x|² for the BLS parameter x = −0xd201000000010000: the GLV split k = k1 + k2·x². */
export const X_SQUARED = 0xd201000000010000n * 0xd201000000010000n

const mod = (a: bigint): bigint => {
  const r = a % P
  return r < 0n ? r + P : r
}

export const JAC_ZERO: Jac = { X: 1n, Y: 1n, Z: 0n }

/** 2·p (dbl-2009-l, a = 0). */
export function jacDouble(p: Jac): Jac {
  if (p.Z === 0n || p.Y === 0n) return JAC_ZERO
  const A = (p.X * p.X) % P
  const B = (p.Y * p.Y) % P
  const C = (B * B) % P
  const xb = p.X + B
  const D = mod(2n * ((xb * xb) % P - A - C))
  const E = 3n * A
  const F = (E * E) % P
  const X3 = mod(F - 2n * D)
  const Y3 = mod(E * (D - X3) - 8n * C)
  const Z3 = (2n * p.Y * p.Z) % P
  return { X: X3, Y: Y3, Z: Z3 }
}

/** p + q for affine q (madd-2007-bl), with the doubling and opposite-point cases handled. */
export function jacAddAffine(p: Jac, q: Aff): Jac {
  if (p.Z === 0n) return { X: q.x, Y: q.y, Z: 1n }
  const Z1Z1 = (p.Z * p.Z) % P
  const U2 = (q.x * Z1Z1) % P
  const S2 = (((q.y * p.Z) % P) * Z1Z1) % P
  const H = mod(U2 - p.X)
  const r = mod(2n * (S2 - p.Y))
  if (H === 0n) return r === 0n ? jacDouble(p) : JAC_ZERO
  const HH = (H * H) % P
  const I = 4n * HH
  const J = (H * I) % P
  const V = (p.X * I) % P
  const X3 = mod(r * r - J - 2n * V)
  const Y3 = mod(r * (V - X3) - 2n * ((p.Y * J) % P))
  const zh = p.Z + H
  const Z3 = mod(zh * zh - Z1Z1 - HH)
  return { X: X3, Y: Y3, Z: Z3 }
}

/** p + q, both Jacobian (add-2007-bl), with the doubling and opposite-point cases handled. */
export function jacAdd(p: Jac, q: Jac): Jac {
  if (p.Z === 0n) return q
  if (q.Z === 0n) return p
  const Z1Z1 = (p.Z * p.Z) % P
  const Z2Z2 = (q.Z * q.Z) % P
  const U1 = (p.X * Z2Z2) % P
  const U2 = (q.X * Z1Z1) % P
  const S1 = (((p.Y * q.Z) % P) * Z2Z2) % P
  const S2 = (((q.Y * p.Z) % P) * Z1Z1) % P
  const H = mod(U2 - U1)
  const r = mod(2n * (S2 - S1))
  if (H === 0n) return r === 0n ? jacDouble(p) : JAC_ZERO
  const h2 = 2n * H
  const I = (h2 * h2) % P
  const J = (H * I) % P
  const V = (U1 * I) % P
  const X3 = mod(r * r - J - 2n * V)
  const Y3 = mod(r * (V - X3) - 2n * ((S1 * J) % P))
  const zz = p.Z + q.Z
  const Z3 = (mod(zz * zz - Z1Z1 - Z2Z2) * H) % P
  return { X: X3, Y: Y3, Z: Z3 }
}

/** Converts a noble point (projective X/Z, Y/Z) to Jacobian without an inversion. */
export function fromNoble(p: G1Point): Jac {
  if (p.is0()) return JAC_ZERO
  const z2 = (p.Z * p.Z) % P
  return { X: (p.X * p.Z) % P, Y: (p.Y * z2) % P, Z: p.Z }
}

/** Converts Jacobian to a noble point (projective) without an inversion: (X·Z, Y, Z³). */
export function toNoble(p: Jac): G1Point {
  if (p.Z === 0n) return G1.ZERO
  return new G1((p.X * p.Z) % P, p.Y, (((p.Z * p.Z) % P) * p.Z) % P)
}

/** Affine forms of many Jacobian points with one field inversion (Montgomery's trick). Identity → undefined. */
export function batchNormalize(points: readonly Jac[]): Array<Aff | undefined> {
  const n = points.length
  const prefix: bigint[] = new Array<bigint>(n)
  let acc = 1n
  for (let i = 0; i < n; i++) {
    const z = (points[i] as Jac).Z
    prefix[i] = acc
    if (z !== 0n) acc = (acc * z) % P
  }
  let inv = acc === 1n ? 1n : Fp.inv(acc)
  const out: Array<Aff | undefined> = new Array<Aff | undefined>(n)
  for (let i = n - 1; i >= 0; i--) {
    const p = points[i] as Jac
    if (p.Z === 0n) {
      out[i] = undefined
      continue
    }
    const zinv = (inv * (prefix[i] as bigint)) % P
    inv = (inv * p.Z) % P
    const zinv2 = (zinv * zinv) % P
    out[i] = { x: (p.X * zinv2) % P, y: (((p.Y * zinv2) % P) * zinv) % P }
  }
  return out
}

/** −φ(q) = (βx, −y) = x²·q for an affine point q of G1. */
export function negPhi(q: Aff): Aff {
  return { x: (q.x * BETA) % P, y: q.y === 0n ? 0n : P - q.y }
}

/** Negation of an affine point. */
export function affNeg(q: Aff): Aff {
  return { x: q.x, y: q.y === 0n ? 0n : P - q.y }
}

/** True when the Jacobian points are equal (cross-multiplied, no inversion). */
export function jacEquals(a: Jac, b: Jac): boolean {
  if (a.Z === 0n || b.Z === 0n) return a.Z === 0n && b.Z === 0n
  const az2 = (a.Z * a.Z) % P
  const bz2 = (b.Z * b.Z) % P
  if ((a.X * bz2) % P !== (b.X * az2) % P) return false
  return (((a.Y * bz2) % P) * b.Z) % P === (((b.Y * az2) % P) * a.Z) % P
}

const ABS_X = 0xd201000000010000n

/** |x|·p for the BLS parameter x (64 bits, 6 set bits): plain double-and-add. */
function mulByAbsX(p: Jac): Jac {
  let acc = p
  for (let bit = 62; bit >= 0; bit--) {
    acc = jacDouble(acc)
    if ((ABS_X >> BigInt(bit)) & 1n) acc = jacAdd(acc, p)
  }
  return acc
}

/**
 * Subgroup check for an affine point already known to be on E(Fp): q ∈ G1 iff φ(q) = −x²·q
 * (Scott, "A note on group membership tests for G1, G2 and GT on BLS pairing-friendly curves",
 * the test noble's `isTorsionFree` uses), i.e. x²·q = (βx, −y).
 */
export function isInG1(q: Aff): boolean {
  const x2q = mulByAbsX(mulByAbsX({ X: q.x, Y: q.y, Z: 1n }))
  const target = negPhi(q)
  return jacEquals(x2q, { X: target.x, Y: target.y, Z: 1n })
}
