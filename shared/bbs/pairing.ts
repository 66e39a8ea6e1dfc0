// Pairing-product checks for Verify and ProofVerify: one Miller loop over all pairs with cached G2 line tables and one
// final exponentiation, on the lazily reduced Fp12 tower of fp12.ts (the loop and exponentiation of @noble/curves).
import { bls12_381 } from '@noble/curves/bls12-381.js'
import type { G1Point } from './ciphersuite.ts'
import type { F2, F12 } from './fp12.ts'
import { fp12CyclotomicPowAbsX, fp12CyclotomicSqr } from './fp12-cyclotomic.ts'
import {
  FP12_ONE, fp2InvertBatch, fp12Conjugate, fp12Frobenius, fp12IsOne, fp12Mul, fp12MulBy014, fp12MulBy14, fp12PowP6Minus1, fp12Sqr,
} from './fp12.ts'
import type { G2Point } from './points.ts'

/**
 * A line of a Miller-loop step as (o0, l1, l4) (noble's coefficients), or as (null, l1/o0, l4/o0) once divided by its
 * constant term o0 ∈ Fp2*: the Miller loop value changes by a factor in Fp2*, which the final exponentiation removes
 * ((p¹²−1)/r is a multiple of p²−1), and the line product gets cheaper. A line with o0 = 0 keeps noble's form.
 */
type Line = readonly [F2 | null, F2, F2]
/** Per Miller-loop step, the lines of that step (a doubling, and an addition on set bits). */
type LineTable = ReadonlyArray<ReadonlyArray<Line>>

const tables = new WeakMap<G2Point, LineTable>()
const P = bls12_381.fields.Fp.ORDER

/** Divides every line with a non-zero constant term by it (one batched inversion). */
export function scaleLines(steps: ReadonlyArray<ReadonlyArray<readonly [F2, F2, F2]>>): LineTable {
  const isZero = (a: F2): boolean => a[0] % P === 0n && a[1] % P === 0n
  const invs = fp2InvertBatch(steps.flatMap((step) => step.filter(([o0]) => !isZero(o0)).map(([o0]) => o0)))
  let k = 0
  const mul = (a: F2, b: F2): F2 => {
    const t0 = a[0] * b[0]
    const t1 = a[1] * b[1]
    return [(t0 - t1) % P, ((a[0] + a[1]) * (b[0] + b[1]) - t0 - t1) % P]
  }
  return steps.map((step) => step.map(([o0, l1, l4]): Line => {
    if (isZero(o0)) return [o0, l1, l4]
    const inv = invs[k++] as F2
    return [null, mul(l1, inv), mul(l4, inv)]
  }))
}

function lineTable(q: G2Point): LineTable {
  let t = tables.get(q)
  if (t === undefined) {
    const f2 = (a: { c0: bigint; c1: bigint }): F2 => [a.c0, a.c1]
    t = scaleLines(bls12_381.utils.calcPairingPrecomputes(q).map((step) => step.map(([c0, c1, c2]) => [f2(c0), f2(c1), f2(c2)] as const)))
    tables.set(q, t)
  }
  return t
}

/** BP2, the generator of G2, and its negation (their line tables are cached). */
export const BP2: G2Point = bls12_381.G2.Point.BASE as G2Point
export const NEG_BP2: G2Point = BP2.negate()

/** Π f_{|x|,Q_i}(P_i) up to a factor in Fp2*, conjugated for the negative BLS parameter: noble's `millerLoopBatch` on scaled lines. */
function millerLoop(pairs: ReadonlyArray<readonly [LineTable, bigint, bigint]>): F12 {
  let f = FP12_ONE
  const steps = (pairs[0]?.[0].length ?? 0)
  for (let i = 0; i < steps; i++) {
    if (i !== 0) f = fp12Sqr(f)
    for (const [ell, Px, Py] of pairs) {
      for (const [o0, l1, l4] of ell[i] ?? []) f = o0 === null ? fp12MulBy14(f, l1, l4, Px, Py) : fp12MulBy014(f, o0, l1, l4, Px, Py)
    }
  }
  return fp12Conjugate(f)
}

const powMinusX = (f: F12): F12 => fp12Conjugate(fp12CyclotomicPowAbsX(f))

/** f^((p¹²−1)/r), the addition chain of noble's `Fp12finalExponentiate` (easy part, then the hard part in powers of x). */
export function finalExponentiate(f: F12): F12 {
  const t0 = fp12PowP6Minus1(f)
  const t1 = fp12Mul(fp12Frobenius(t0, 2), t0)
  const t2 = powMinusX(t1)
  const t3 = fp12Mul(fp12Conjugate(fp12CyclotomicSqr(t1)), t2)
  const t4 = powMinusX(t3)
  const t5 = powMinusX(t4)
  const t6 = fp12Mul(powMinusX(t5), fp12CyclotomicSqr(t2))
  const t7 = powMinusX(t6)
  const a = fp12Frobenius(fp12Mul(t2, t5), 2)
  const b = fp12Frobenius(fp12Mul(t4, t1), 3)
  const c = fp12Frobenius(fp12Mul(t6, fp12Conjugate(t1)), 1)
  const d = fp12Mul(fp12Mul(t7, fp12Conjugate(t3)), t1)
  return fp12Mul(fp12Mul(fp12Mul(a, b), c), d)
}

/** The Miller loop product of the pairs before the final exponentiation (up to a factor in Fp2*, see `Line`). */
export function millerLoopProduct(pairs: ReadonlyArray<readonly [G1Point, G2Point]>): F12 {
  return millerLoop(pairs.map(([p, q]) => {
    const { x, y } = p.toAffine()
    return [lineTable(q), x, y] as const
  }))
}

/**
 * True when Π e(P_i, Q_i) = 1 in GT: one Miller loop over all pairs, one final exponentiation.
 * G1 points must not be the identity (callers reject identity inputs before).
 */
export function pairingProductIsOne(pairs: ReadonlyArray<readonly [G1Point, G2Point]>): boolean {
  return fp12IsOne(finalExponentiate(millerLoopProduct(pairs)))
}
