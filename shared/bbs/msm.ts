// Multi-scalar multiplication in G1 for the BBS core: fixed-base (generators, P1) and variable-base parts.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { mulAddUnsafe } from '@noble/curves/abstract/curve.js'
import type { G1Point } from './ciphersuite.ts'

const G1 = bls12_381.G1.Point

/** Window of the per-generator precomputed tables (built lazily on first use). */
const FIXED_WINDOW = 8
const tabled = new WeakSet<G1Point>()

/**
 * Σ scalars[i]·points[i] for points that are reused across calls (generators, P1): each point gets
 * a cached fixed-window table, so its multiplication costs additions only. Scalars in 0..r-1.
 */
export function msmFixed(points: readonly G1Point[], scalars: readonly bigint[]): G1Point {
  let acc = G1.ZERO
  for (let i = 0; i < points.length; i++) {
    const p = points[i] as G1Point
    const s = scalars[i] as bigint
    if (s === 0n) continue
    if (!tabled.has(p)) {
      p.precompute(FIXED_WINDOW, true)
      tabled.add(p)
    }
    acc = acc.add(p.multiplyUnsafe(s))
  }
  return acc
}

/** Σ scalars[i]·points[i] for points seen once (public inputs or blinded values). Scalars in 0..r-1. */
export function msmVar(points: readonly G1Point[], scalars: readonly bigint[]): G1Point {
  return mulAddUnsafe(G1, [...points], [...scalars])
}
