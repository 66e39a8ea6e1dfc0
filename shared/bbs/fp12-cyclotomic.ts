// Squares and the power by |x| in the cyclotomic subgroup of Fp12 (the hard part of the final exponentiation):
// Granger–Scott squares (eprint 2009/565) and Karabina's compressed squares with batched decompression
// (eprint 2010/542), on the lazily reduced tower of fp12.ts, as @noble/curves computes them.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import type { F2, F12 } from './fp12.ts'
import { add2, FP12_ONE, fp2InvertBatch, fp12Mul, isZero2, mul2u, mulXi, r2, red2, sqr2u, sub2 } from './fp12.ts'

const P = bls12_381.fields.Fp.ORDER

/** (a² + ξb², 2ab) of Fp4 = Fp2[s]/(s²−ξ), the step of the cyclotomic square; unreduced. */
function fp4Sqr(a: F2, b: F2): [F2, F2] {
  const a2 = sqr2u(a)
  const b2 = sqr2u(b)
  return [add2(mulXi(b2), a2), sub2(sub2(sqr2u(add2(a, b)), a2), b2)]
}

/** 3t − 2c (the diagonal of the Granger–Scott square). */
const gsMinus = (t: F2, c: F2): F2 => r2(3n * t[0] - 2n * c[0], 3n * t[1] - 2n * c[1])
/** 3t + 2c. */
const gsPlus = (t: F2, c: F2): F2 => r2(3n * t[0] + 2n * c[0], 3n * t[1] + 2n * c[1])

/** Square of an element of the cyclotomic subgroup (Granger–Scott, eprint 2009/565), as noble's `_cyclotomicSquare`. */
export function fp12CyclotomicSqr(f: F12): F12 {
  const [[c00, c01, c02], [c10, c11, c12]] = f
  const [t3, t4] = fp4Sqr(c00, c11)
  const [t5, t6] = fp4Sqr(c10, c02)
  const [t7, t8] = fp4Sqr(c01, c12)
  const t9 = mulXi(t8)
  return [
    [gsMinus(t3, c00), gsMinus(t5, c01), gsMinus(t7, c02)],
    [gsPlus(t9, c10), gsPlus(t4, c11), gsPlus(t6, c12)],
  ]
}

/** Karabina's compressed form (g2, g3, g4, g5) = (c1.c0, c0.c2, c0.c1, c1.c2) of a cyclotomic element (eprint 2010/542). */
type Compressed = readonly [F2, F2, F2, F2]

const compress = (f: F12): Compressed => [f[1][0], f[0][2], f[0][1], f[1][2]]

/**
 * For a, b in Fp2: (a² + ξb², ab) as [re, im, re, im], unreduced, written out on coordinates (the hot step of the
 * final exponentiation: 20 BigInt operations, against 25 and eight small arrays for `fp4Sqr`); ab by Karatsuba reusing
 * a0 + a1, and left undoubled for the caller to fold the 2 into its own factor.
 */
function fp4SqrHalf(a0: bigint, a1: bigint, b0: bigint, b1: bigint): [bigint, bigint, bigint, bigint] {
  const sa = a0 + a1
  const sb = b0 + b1
  const aa0 = sa * (a0 - a1)
  const ab = a0 * a1
  const bb0 = sb * (b0 - b1)
  const bb = b0 * b1
  const u = a0 * b0
  const v = a1 * b1
  // a² = (aa0, 2ab), b² = (bb0, 2bb), ξ·b² = (bb0 − 2bb, bb0 + 2bb)
  return [aa0 + bb0 - 2n * bb, bb0 + 2n * (ab + bb), u - v, sa * sb - u - v]
}

/**
 * Square in compressed form: six Fp2 squares instead of the nine of Granger–Scott (noble's formula):
 * g2' = 3ξ·2g4g5 + 2g2, g3' = 3(g4² + ξg5²) − 2g3, g4' = 3(g2² + ξg3²) − 2g4, g5' = 3·2g2g3 + 2g5.
 */
function compressedSqr([[a0, a1], [b0, b1], [c0, c1], [d0, d1]]: Compressed): Compressed {
  const [h0, h1, e0, e1] = fp4SqrHalf(c0, c1, d0, d1)
  const [k0, k1, f0, f1] = fp4SqrHalf(a0, a1, b0, b1)
  return [
    [(6n * (e0 - e1) + 2n * a0) % P, (6n * (e0 + e1) + 2n * a1) % P],
    [(3n * h0 - 2n * b0) % P, (3n * h1 - 2n * b1) % P],
    [(3n * k0 - 2n * c0) % P, (3n * k1 - 2n * c1) % P],
    [(6n * f0 + 2n * d0) % P, (6n * f1 + 2n * d1) % P],
  ]
}

/**
 * Decompresses cyclotomic elements (one batched inversion). g2 = g3 = 0 only for the unit in the cyclotomic subgroup
 * (noble's argument: unitarity forces g4 = g5 = 0, and Fp4* ∩ GΦ₁₂ is trivial).
 */
function decompress(gs: readonly Compressed[]): F12[] {
  const one = gs.map(([g2, g3]) => isZero2(g2) && isZero2(g3))
  const ratios = gs.map(([g2, g3, g4, g5], i): [F2, F2] => {
    if (one[i] === true) return [[0n, 0n], [1n, 0n]]
    if (isZero2(g2)) {
      const g4g5 = mul2u(g4, g5)
      return [red2(add2(g4g5, g4g5)), g3]
    }
    const g4s = sqr2u(g4)
    const num = add2(sub2(add2(add2(g4s, g4s), g4s), add2(g3, g3)), mulXi(sqr2u(g5)))
    return [red2(num), r2(4n * g2[0], 4n * g2[1])]
  })
  const invs = fp2InvertBatch(ratios.map(([, den]) => den))
  return gs.map(([g2, g3, g4, g5], i) => {
    if (one[i] === true) return FP12_ONE
    const g1 = red2(mul2u((ratios[i] as [F2, F2])[0], invs[i] as F2))
    const g3g4 = mul2u(g3, g4)
    const g1s = sqr2u(g1)
    const t = add2(sub2(sub2(add2(g1s, g1s), add2(g3g4, g3g4)), g3g4), mul2u(g2, g5))
    const xt = mulXi(t)
    const g0: F2 = r2(xt[0] + 1n, xt[1])
    return [[g0, g4, g3], [g2, g1, g5]]
  })
}

/**
 * f^|x| for f in the cyclotomic subgroup, |x| = 0xd201000000010000 = 2^16 + 2^48 + 2^57 + 2^60 + 2^62 + 2^63: 63
 * compressed squares, the six powers f^(2^k) decompressed together (one inversion), then multiplied (noble's
 * `bls12CyclotomicExpX` computes the same product with plain squares after f^(2^57)).
 */
export function fp12CyclotomicPowAbsX(f: F12): F12 {
  const gs: Compressed[] = []
  let g = compress(f)
  for (const run of [16, 32, 9, 3, 2, 1]) {
    for (let i = 0; i < run; i++) g = compressedSqr(g)
    gs.push(g)
  }
  return decompress(gs).reduce(fp12Mul)
}
