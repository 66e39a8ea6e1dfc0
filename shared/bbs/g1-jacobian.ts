// G1 arithmetic in Jacobian coordinates over BLS12-381 Fp (y² = x³ + 4), for the MSM engine: doubling, mixed and
// full addition, batch normalization, and the GLV endomorphism φ(x, y) = (βx, y) = −x²·P on G1.
// Lazy reduction: a BigInt `%` costs about two multiplications, so only values that feed a further product are
// reduced; sums and unreduced products meet one `%` at the end of each formula. Jacobian coordinates are therefore
// in (−p, p), not canonical (`%` keeps the dividend's sign); Z is always the result of a `%`, so the identity test
// `Z === 0n` stays exact. Everything leaving this file (affine points, noble points) is canonical.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import type { G1Point } from './ciphersuite.ts'

const Fp = bls12_381.fields.Fp
const P = Fp.ORDER
const G1 = bls12_381.G1.Point as unknown as { new (x: bigint, y: bigint, z: bigint): G1Point; ZERO: G1Point }

/** A point in Jacobian coordinates: (X/Z², Y/Z³), coordinates in (−p, p); Z = 0 is the identity. */
export interface Jac {
  X: bigint
  Y: bigint
  Z: bigint
}

/** An affine point (never the identity), canonical coordinates in [0, p). */
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

/**
 * 2·p (dbl-2009-l, a = 0, with D = 4·X·B instead of 2((X+B)² − A − C): a BigInt square costs as much as a product, so
 * the square trick only adds operations): 6 reductions (C, E² and E·(D − X3) stay unreduced inside the sums).
 */
export function jacDouble(p: Jac): Jac {
  if (p.Z === 0n || p.Y === 0n) return JAC_ZERO
  const A = (p.X * p.X) % P
  const B = (p.Y * p.Y) % P
  const C = B * B
  const D = (4n * p.X * B) % P
  const E = 3n * A
  const X3 = (E * E - 2n * D) % P
  const Y3 = (E * (D - X3) - 8n * C) % P
  const Z3 = (2n * p.Y * p.Z) % P
  return { X: X3, Y: Y3, Z: Z3 }
}

/**
 * p + q for affine q (madd-2004-hmv: 8M + 3S, the variant without the factors 2 and 4 of madd-2007-bl, which saves
 * BigInt operations where a square costs as much as a product), with the doubling and opposite-point cases handled.
 */
export function jacAddAffine(p: Jac, q: Aff): Jac {
  if (p.Z === 0n) return { X: q.x, Y: q.y, Z: 1n }
  const Z1Z1 = (p.Z * p.Z) % P
  const H = (q.x * Z1Z1 - p.X) % P
  const r = (((q.y * p.Z) % P) * Z1Z1 - p.Y) % P
  if (H === 0n) return r === 0n ? jacDouble(p) : JAC_ZERO
  const HH = (H * H) % P
  const HHH = (H * HH) % P
  const V = (p.X * HH) % P
  const X3 = (r * r - HHH - 2n * V) % P
  const Y3 = (r * (V - X3) - p.Y * HHH) % P
  return { X: X3, Y: Y3, Z: (p.Z * H) % P }
}

/** p + q, both Jacobian (add-2007-bl), with the doubling and opposite-point cases handled. */
export function jacAdd(p: Jac, q: Jac): Jac {
  if (p.Z === 0n) return q
  if (q.Z === 0n) return p
  const Z1Z1 = (p.Z * p.Z) % P
  const Z2Z2 = (q.Z * q.Z) % P
  const U1 = (p.X * Z2Z2) % P
  const S1 = (((p.Y * q.Z) % P) * Z2Z2) % P
  const H = (q.X * Z1Z1 - U1) % P
  const r = (2n * (((q.Y * p.Z) % P) * Z1Z1 - S1)) % P
  if (H === 0n) return r === 0n ? jacDouble(p) : JAC_ZERO
  const h2 = 2n * H
  const I = (h2 * h2) % P
  const J = (H * I) % P
  const V = (U1 * I) % P
  const X3 = (r * r - J - 2n * V) % P
  const Y3 = (r * (V - X3) - 2n * S1 * J) % P
  const zz = p.Z + q.Z
  const Z3 = (((zz * zz - Z1Z1 - Z2Z2) % P) * H) % P
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
  return new G1(mod(p.X * p.Z), mod(p.Y), mod(((p.Z * p.Z) % P) * p.Z))
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
  let inv = acc === 1n ? 1n : Fp.inv(mod(acc))
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
    out[i] = { x: mod(p.X * zinv2), y: mod(((p.Y * zinv2) % P) * zinv) }
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
  if ((a.X * bz2 - b.X * az2) % P !== 0n) return false
  return (((a.Y * bz2) % P) * b.Z - ((b.Y * az2) % P) * a.Z) % P === 0n
}

/** The bits of |x| = 0xd201000000010000 below the top one, most significant first (6 set bits in all). */
const ABS_X_BITS = Array.from(0xd201000000010000n.toString(2).slice(1), (b) => b === '1')

/** |x|·p for the BLS parameter x: plain double-and-add (63 doublings, 5 additions of p, mixed when p is affine). */
function mulByAbsX(p: Jac | Aff): Jac {
  const affine = !('Z' in p)
  let acc: Jac = affine ? { X: p.x, Y: p.y, Z: 1n } : p
  for (const set of ABS_X_BITS) {
    acc = jacDouble(acc)
    if (set) acc = affine ? jacAddAffine(acc, p) : jacAdd(acc, p)
  }
  return acc
}

/**
 * Subgroup check for an affine point already known to be on E(Fp): q ∈ G1 iff φ(q) = −x²·q
 * (Scott, "A note on group membership tests for G1, G2 and GT on BLS pairing-friendly curves",
 * the test noble's `isTorsionFree` uses), i.e. x²·q = (βx, −y).
 */
export function isInG1(q: Aff): boolean {
  const x2q = mulByAbsX(mulByAbsX(q))
  const target = negPhi(q)
  return jacEquals(x2q, { X: target.x, Y: target.y, Z: 1n })
}
