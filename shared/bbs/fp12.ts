// The BLS12-381 Fp12 tower (Fp2 = Fp[u]/(u²+1), Fp6 = Fp2[v]/(v³−ξ), ξ = u+1, Fp12 = Fp6[w]/(w²−v)) with lazy
// reduction, for the pairing checks: the same formulas as @noble/curves, but a sum or difference is never reduced and
// Fp6 products are summed unreduced: each Fp12 operation reduces its outputs once (`% p`), so values stay in (−p, p)
// between operations. The cyclotomic-subgroup operations of the final exponentiation are in fp12-cyclotomic.ts.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import { fpInverse } from './fp-inverse.ts'

const P = bls12_381.fields.Fp.ORDER

/** a + b·u, coordinates in (−p, p) (not canonical: compare through `fp12IsOne`). */
export type F2 = readonly [bigint, bigint]
/** c0 + c1·v + c2·v². */
export type F6 = readonly [F2, F2, F2]
/** c0 + c1·w. */
export type F12 = readonly [F6, F6]

export const r2 = (a: bigint, b: bigint): F2 => [a % P, b % P]
export const add2 = (a: F2, b: F2): F2 => [a[0] + b[0], a[1] + b[1]]
export const sub2 = (a: F2, b: F2): F2 => [a[0] - b[0], a[1] - b[1]]
/** Karatsuba product, left unreduced (coordinates below ~2^770): sums of products are reduced once by the caller. */
export function mul2u(a: F2, b: F2): F2 {
  const t0 = a[0] * b[0]
  const t1 = a[1] * b[1]
  return [t0 - t1, (a[0] + a[1]) * (b[0] + b[1]) - t0 - t1]
}
/** Square, unreduced. */
export const sqr2u = (a: F2): F2 => [(a[0] + a[1]) * (a[0] - a[1]), 2n * a[0] * a[1]]
const mul2ByFp = (a: F2, k: bigint): F2 => [(a[0] * k) % P, (a[1] * k) % P]
/** ·ξ = ·(u + 1). */
export const mulXi = (a: F2): F2 => [a[0] - a[1], a[0] + a[1]]
export const red2 = (a: F2): F2 => r2(a[0], a[1])
const red6 = (a: F6): F6 => [red2(a[0]), red2(a[1]), red2(a[2])]

const add6 = (a: F6, b: F6): F6 => [add2(a[0], b[0]), add2(a[1], b[1]), add2(a[2], b[2])]
/** ·v: (c0, c1, c2) → (ξ·c2, c0, c1). */
const mulV = (a: F6): F6 => [mulXi(a[2]), a[0], a[1]]

/** Fp6 product (Karatsuba, six Fp2 products); outputs unreduced, for the caller to reduce once. */
function mul6(a: F6, b: F6): F6 {
  const [a0, a1, a2] = a
  const [b0, b1, b2] = b
  const t0 = mul2u(a0, b0)
  const t1 = mul2u(a1, b1)
  const t2 = mul2u(a2, b2)
  return [
    add2(t0, mulXi(sub2(mul2u(add2(a1, a2), add2(b1, b2)), add2(t1, t2)))),
    add2(sub2(mul2u(add2(a0, a1), add2(b0, b1)), add2(t0, t1)), mulXi(t2)),
    sub2(add2(t1, mul2u(add2(a0, a2), add2(b0, b2))), add2(t0, t2)),
  ]
}

/** Fp12 product. */
export function fp12Mul(a: F12, b: F12): F12 {
  const t0 = mul6(a[0], b[0])
  const t1 = mul6(a[1], b[1])
  const s = mul6(add6(a[0], a[1]), add6(b[0], b[1]))
  const c1: F6 = [sub2(sub2(s[0], t0[0]), t1[0]), sub2(sub2(s[1], t0[1]), t1[1]), sub2(sub2(s[2], t0[2]), t1[2])]
  return [red6(add6(t0, mulV(t1))), red6(c1)]
}

/** Fp12 square (two Fp6 products). */
export function fp12Sqr(a: F12): F12 {
  const [c0, c1] = a
  const ab = mul6(c0, c1)
  const s = mul6(add6(mulV(c1), c0), add6(c0, c1))
  const abV = mulV(ab)
  return [
    red6([sub2(sub2(s[0], ab[0]), abV[0]), sub2(sub2(s[1], ab[1]), abV[1]), sub2(sub2(s[2], ab[2]), abV[2])]),
    red6(add6(ab, ab)),
  ]
}

/** Fp6 product with a sparse (o0, o1, 0), unreduced. */
function mul6By01(a: F6, o0: F2, o1: F2): F6 {
  const [a0, a1, a2] = a
  const t0 = mul2u(a0, o0)
  const t1 = mul2u(a1, o1)
  return [
    add2(mulXi(sub2(mul2u(add2(a1, a2), o1), t1)), t0),
    sub2(sub2(mul2u(add2(o0, o1), add2(a0, a1)), t0), t1),
    add2(sub2(mul2u(add2(a0, a2), o0), t0), t1),
  ]
}

/**
 * f · ℓ for a line ℓ = o0 + (l1·Px)·v + (l4·Py)·v·w (the sparse "014" form of the M-type twist) with
 * noble's precomputed coefficients (o0, l1, l4) and the affine G1 point (Px, Py).
 */
export function fp12MulBy014(f: F12, o0: F2, l1: F2, l4: F2, Px: bigint, Py: bigint): F12 {
  const o1 = mul2ByFp(l1, Px)
  const o4 = mul2ByFp(l4, Py)
  const [a, b] = f
  const t0 = mul6By01(a, o0, o1)
  const t1: F6 = [mulXi(mul2u(b[2], o4)), mul2u(b[0], o4), mul2u(b[1], o4)]
  const t2 = mul6By01(add6(a, b), o0, add2(o1, o4))
  return [
    red6([add2(mulXi(t1[2]), t0[0]), add2(t1[0], t0[1]), add2(t1[1], t0[2])]),
    red6([sub2(sub2(t2[0], t0[0]), t1[0]), sub2(sub2(t2[1], t0[1]), t1[1]), sub2(sub2(t2[2], t0[2]), t1[2])]),
  ]
}

/** Fp6 product with a sparse (1, o1, 0), unreduced: (a0 + ξ·a2·o1, a1 + a0·o1, a2 + a1·o1). */
function mul6By1o(a: F6, o1: F2): F6 {
  const [a0, a1, a2] = a
  return [add2(a0, mulXi(mul2u(a2, o1))), add2(a1, mul2u(a0, o1)), add2(a2, mul2u(a1, o1))]
}

/**
 * f · ℓ for a line scaled to o0 = 1: ℓ = 1 + (l1·Px)·v + (l4·Py)·v·w (lines divided by their Fp2 constant term, a
 * factor the final exponentiation removes); nine Fp2 products instead of the thirteen of `fp12MulBy014`.
 */
export function fp12MulBy14(f: F12, l1: F2, l4: F2, Px: bigint, Py: bigint): F12 {
  const o1 = mul2ByFp(l1, Px)
  const o4 = mul2ByFp(l4, Py)
  const [a, b] = f
  const t0 = mul6By1o(a, o1)
  const t1: F6 = [mulXi(mul2u(b[2], o4)), mul2u(b[0], o4), mul2u(b[1], o4)]
  const t2 = mul6By1o(add6(a, b), add2(o1, o4))
  return [
    red6([add2(mulXi(t1[2]), t0[0]), add2(t1[0], t0[1]), add2(t1[1], t0[2])]),
    red6([sub2(sub2(t2[0], t0[0]), t1[0]), sub2(sub2(t2[1], t0[1]), t1[1]), sub2(sub2(t2[2], t0[2]), t1[2])]),
  ]
}

/** Fp6 inverse (one Fp inversion): (t0, t1, t2)/(c0·t0 + ξ(c2·t1 + c1·t2)) with the cofactors t0, t1, t2 of c. */
function inv6(c: F6): F6 {
  const [c0, c1, c2] = c
  const t0 = red2(sub2(sqr2u(c0), mulXi(mul2u(c1, c2))))
  const t1 = red2(sub2(mulXi(sqr2u(c2)), mul2u(c0, c1)))
  const t2 = red2(sub2(sqr2u(c1), mul2u(c0, c2)))
  const [n] = fp2InvertBatch([red2(add2(mul2u(c0, t0), mulXi(add2(mul2u(c2, t1), mul2u(c1, t2)))))]) as [F2]
  return [red2(mul2u(t0, n)), red2(mul2u(t1, n)), red2(mul2u(t2, n))]
}

/**
 * f^(p⁶−1) = conj(f)/f for f ≠ 0, the first step of the final exponentiation: with f = a + b·w,
 * conj(f)/f = conj(f)²/(f·conj(f)) = ((a² + v·b²) − 2ab·w)/(a² − v·b²), one Fp6 inversion.
 */
export function fp12PowP6Minus1(f: F12): F12 {
  const [a, b] = f
  const aa = red6(mul6(a, a))
  const vbb = mulV(red6(mul6(b, b)))
  const ab = red6(mul6(a, b))
  const ni = inv6(red6([sub2(aa[0], vbb[0]), sub2(aa[1], vbb[1]), sub2(aa[2], vbb[2])]))
  const ab2: F6 = [[-2n * ab[0][0], -2n * ab[0][1]], [-2n * ab[1][0], -2n * ab[1][1]], [-2n * ab[2][0], -2n * ab[2][1]]]
  return [red6(mul6(add6(aa, vbb), ni)), red6(mul6(ab2, ni))]
}

const { Fp2, Fp6, Fp12 } = bls12_381.fields
/** noble's Frobenius coefficients, read through its public maps: v ↦ k1·v, v² ↦ k2·v², w ↦ kw·w under x ↦ x^(p^power). */
const FROBENIUS = [1, 2, 3].map((power) => {
  const k = Fp6.frobeniusMap(Fp6.create({ c0: Fp2.ZERO, c1: Fp2.ONE, c2: Fp2.ONE }), power)
  const kw = (Fp12.frobeniusMap(Fp12.create({ c0: Fp6.ZERO, c1: Fp6.ONE }), power) as NobleFp12).c1.c0
  const f2 = (a: NobleFp2): F2 => [a.c0, a.c1]
  const [k1, k2, w] = [f2(k.c1), f2(k.c2), f2(kw)]
  return { odd: power % 2 === 1, k1, k2, w, k1w: red2(mul2u(k1, w)), k2w: red2(mul2u(k2, w)) }
})

/** f^(p^power) for power 1, 2, 3 on the lazy tower: coordinates conjugated for odd powers, then scaled by constants. */
export function fp12Frobenius(f: F12, power: 1 | 2 | 3): F12 {
  const { odd, k1, k2, w, k1w, k2w } = FROBENIUS[power - 1] as (typeof FROBENIUS)[number]
  const c = (x: F2): F2 => (odd ? [x[0], -x[1]] : x)
  const [[a0, a1, a2], [b0, b1, b2]] = f
  return [
    [c(a0), red2(mul2u(c(a1), k1)), red2(mul2u(c(a2), k2))],
    [red2(mul2u(c(b0), w)), red2(mul2u(c(b1), k1w)), red2(mul2u(c(b2), k2w))],
  ]
}

/** Conjugate (the p⁶-Frobenius): c0 − c1·w; the inverse of a cyclotomic element. */
export function fp12Conjugate(f: F12): F12 {
  const [c0, [a, b, c]] = f
  return [c0, [[-a[0], -a[1]], [-b[0], -b[1]], [-c[0], -c[1]]]]
}

const canon = (x: bigint): bigint => {
  const r = x % P
  return r < 0n ? r + P : r
}

type NobleFp2 = { c0: bigint; c1: bigint }
type NobleFp6 = { c0: NobleFp2; c1: NobleFp2; c2: NobleFp2 }
/** noble's Fp12 element. */
export type NobleFp12 = { c0: NobleFp6; c1: NobleFp6 }

const toN2 = (a: F2): NobleFp2 => ({ c0: canon(a[0]), c1: canon(a[1]) })
const toN6 = (a: F6): NobleFp6 => ({ c0: toN2(a[0]), c1: toN2(a[1]), c2: toN2(a[2]) })
const fromN2 = (a: NobleFp2): F2 => [a.c0, a.c1]
const fromN6 = (a: NobleFp6): F6 => [fromN2(a.c0), fromN2(a.c1), fromN2(a.c2)]

/** To noble's canonical form (for the rarely used operations: inverse, Frobenius). */
export function toNobleFp12(f: F12): NobleFp12 {
  return bls12_381.fields.Fp12.create({ c0: toN6(f[0]), c1: toN6(f[1]) }) as NobleFp12
}

/** From noble's form. */
export function fromNobleFp12(f: NobleFp12): F12 {
  return [fromN6(f.c0), fromN6(f.c1)]
}

/** The unit of Fp12. */
export const FP12_ONE: F12 = [[[1n, 0n], [0n, 0n], [0n, 0n]], [[0n, 0n], [0n, 0n], [0n, 0n]]]

/** True when f = 1. */
export function fp12IsOne(f: F12): boolean {
  const flat = [...f[0], ...f[1]].flatMap((c) => [canon(c[0]), canon(c[1])])
  return flat[0] === 1n && flat.slice(1).every((x) => x === 0n)
}

export const isZero2 = (a: F2): boolean => a[0] % P === 0n && a[1] % P === 0n

/** Inverses of non-zero Fp2 elements with one Fp inversion (Montgomery's trick; 1/(a + bu) = (a − bu)/(a² + b²)). */
export function fp2InvertBatch(xs: readonly F2[]): F2[] {
  const prefix: F2[] = []
  let acc: F2 = [1n, 0n]
  for (const x of xs) {
    prefix.push(acc)
    acc = red2(mul2u(acc, x))
  }
  const norm = fpInverse(acc[0] * acc[0] + acc[1] * acc[1])
  let inv: F2 = r2(acc[0] * norm, -acc[1] * norm)
  const out: F2[] = new Array<F2>(xs.length)
  for (let i = xs.length - 1; i >= 0; i--) {
    out[i] = red2(mul2u(inv, prefix[i] as F2))
    inv = red2(mul2u(inv, xs[i] as F2))
  }
  return out
}
