// The lazily reduced Fp12 tower and the pairing-product check of shared/bbs against noble's reference arithmetic.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { G1Point } from '../../shared/bbs/ciphersuite.ts'
import type { NobleFp12 } from '../../shared/bbs/fp12.ts'
import { fp12CyclotomicPowAbsX, fp12CyclotomicSqr } from '../../shared/bbs/fp12-cyclotomic.ts'
import {
  fp12Frobenius, fp12IsOne, fp12Mul, fp12MulBy014, fp12MulBy14, fp12PowP6Minus1, fp12Sqr, fromNobleFp12, toNobleFp12,
} from '../../shared/bbs/fp12.ts'
import { fpInverse } from '../../shared/bbs/fp-inverse.ts'
import { BP2, NEG_BP2, finalExponentiate, millerLoopProduct, pairingProductIsOne, scaleLines } from '../../shared/bbs/pairing.ts'
import type { G2Point } from '../../shared/bbs/points.ts'
import { calculateRandomScalars } from '../../shared/bbs/random-scalars.ts'

const { Fp, Fp2, Fp12 } = bls12_381.fields
const G1 = bls12_381.G1.Point
const scalar = (): bigint => calculateRandomScalars(1)[0] || 1n
const fpArb = fc.bigInt({ min: 0n, max: Fp.ORDER - 1n })
const fp2Arb = fc.tuple(fpArb, fpArb).map(([c0, c1]) => ({ c0, c1 }))
const fp6Arb = fc.tuple(fp2Arb, fp2Arb, fp2Arb).map(([c0, c1, c2]) => ({ c0, c1, c2 }))
const fp12Arb = fc.tuple(fp6Arb, fp6Arb).map(([c0, c1]) => Fp12.create({ c0, c1 }) as NobleFp12)
const same = (a: unknown, b: unknown): boolean => Fp12.eql(a as NobleFp12, b as NobleFp12)
/** An element of the cyclotomic subgroup: f^((p⁶−1)(p²+1)), the easy part of the final exponentiation. */
const cyclotomic = (f: NobleFp12): NobleFp12 => {
  const t = Fp12.div(Fp12.frobeniusMap(f, 6), f)
  return Fp12.mul(Fp12.frobeniusMap(t, 2), t) as NobleFp12
}

describe('Fp12 tower with lazy reduction', () => {
  it('products and squares equal noble\'s', () => {
    fc.assert(fc.property(fp12Arb, fp12Arb, (a, b) => {
      expect(same(toNobleFp12(fp12Mul(fromNobleFp12(a), fromNobleFp12(b))), Fp12.mul(a, b))).toBe(true)
      expect(same(toNobleFp12(fp12Sqr(fromNobleFp12(a))), Fp12.sqr(a))).toBe(true)
    }), { numRuns: 20 })
  })

  it('f^(p⁶−1) equals noble\'s conj(f)/f', () => {
    fc.assert(fc.property(fp12Arb, (a) => {
      fc.pre(!Fp12.is0(a))
      expect(same(toNobleFp12(fp12PowP6Minus1(fromNobleFp12(a))), Fp12.div(Fp12.frobeniusMap(a, 6), a))).toBe(true)
    }), { numRuns: 10 })
  })

  it('the Frobenius maps f^p, f^(p²), f^(p³) equal noble\'s', () => {
    fc.assert(fc.property(fp12Arb, (a) => {
      for (const power of [1, 2, 3] as const) expect(same(toNobleFp12(fp12Frobenius(fromNobleFp12(a), power)), Fp12.frobeniusMap(a, power))).toBe(true)
    }), { numRuns: 10 })
  })

  it('inverts in Fp like noble, for any representative, and refuses zero', () => {
    fc.assert(fc.property(fpArb, fc.integer({ min: -2, max: 2 }), (a, k) => {
      fc.pre(a !== 0n)
      expect(fpInverse(a + BigInt(k) * Fp.ORDER)).toBe(Fp.inv(a))
    }), { numRuns: 300 })
    const edges = [1n, 2n, 3n, Fp.ORDER - 1n, Fp.ORDER - 2n, (1n << 52n) - 1n, 1n << 52n, (1n << 52n) + 1n, (1n << 53n) + 1n, Fp.ORDER / 2n, Fp.ORDER / 3n, 1n << 380n, (1n << 380n) - 1n]
    for (const e of edges) expect(fpInverse(e)).toBe(Fp.inv(e))
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 1n << 64n }), (a) => {
      expect(fpInverse(a)).toBe(Fp.inv(a))
    }), { numRuns: 50 })
    expect(() => fpInverse(Fp.ORDER)).toThrow(RangeError)
    expect(() => fpInverse(0n)).toThrow(RangeError)
  })

  it('the cyclotomic square equals noble\'s on the cyclotomic subgroup, and chains stay reduced', () => {
    fc.assert(fc.property(fp12Arb, (a) => {
      const c = cyclotomic(a)
      let ours = fromNobleFp12(c)
      let ref = c
      for (let i = 0; i < 8; i++) {
        ours = fp12CyclotomicSqr(ours)
        ref = Fp12._cyclotomicSquare(ref) as NobleFp12
      }
      expect(same(toNobleFp12(ours), ref)).toBe(true)
      expect(ours.flat(2).every((x) => x < Fp.ORDER && x > -Fp.ORDER)).toBe(true)
    }), { numRuns: 10 })
  })

  it('f^|x| through Karabina\'s compressed squares equals noble\'s cyclotomic exponentiation, the unit included', () => {
    const absX = 0xd201000000010000n
    fc.assert(fc.property(fp12Arb, (a) => {
      const c = cyclotomic(a)
      expect(same(toNobleFp12(fp12CyclotomicPowAbsX(fromNobleFp12(c))), Fp12._cyclotomicExp(c, absX))).toBe(true)
    }), { numRuns: 5 })
    expect(same(toNobleFp12(fp12CyclotomicPowAbsX(fromNobleFp12(Fp12.ONE as NobleFp12))), Fp12.ONE)).toBe(true)
  })

  it('the sparse line product equals the dense product with the line', () => {
    fc.assert(fc.property(fp12Arb, fp2Arb, fp2Arb, fp2Arb, fpArb, fpArb, (f, o0, l1, l4, x, y) => {
      const line = Fp12.create({
        c0: { c0: o0, c1: Fp2.mul(l1, x), c2: Fp2.ZERO },
        c1: { c0: Fp2.ZERO, c1: Fp2.mul(l4, y), c2: Fp2.ZERO },
      })
      const ours = fp12MulBy014(fromNobleFp12(f), [o0.c0, o0.c1], [l1.c0, l1.c1], [l4.c0, l4.c1], x, y)
      expect(same(toNobleFp12(ours), Fp12.mul(f, line))).toBe(true)
    }), { numRuns: 20 })
  })

  it('the line scaled to o0 = 1 gives the sparse product with (1, l1·x, l4·y)', () => {
    fc.assert(fc.property(fp12Arb, fp2Arb, fp2Arb, fpArb, fpArb, (f, l1, l4, x, y) => {
      const line = Fp12.create({
        c0: { c0: Fp2.ONE, c1: Fp2.mul(l1, x), c2: Fp2.ZERO },
        c1: { c0: Fp2.ZERO, c1: Fp2.mul(l4, y), c2: Fp2.ZERO },
      })
      const ours = fp12MulBy14(fromNobleFp12(f), [l1.c0, l1.c1], [l4.c0, l4.c1], x, y)
      expect(same(toNobleFp12(ours), Fp12.mul(f, line))).toBe(true)
    }), { numRuns: 20 })
  })

  it('scales each line by the inverse of its constant term, and keeps a line whose constant term is zero', () => {
    const o0 = Fp2.create({ c0: 5n, c1: 7n })
    const l1 = Fp2.create({ c0: 11n, c1: 13n })
    const l4 = Fp2.create({ c0: 17n, c1: 19n })
    const f2 = (a: { c0: bigint; c1: bigint }): readonly [bigint, bigint] => [a.c0, a.c1]
    const [scaled, kept] = scaleLines([[[f2(o0), f2(l1), f2(l4)], [[0n, Fp.ORDER], f2(l1), f2(l4)]]])[0] ?? []
    const inv = Fp2.inv(o0)
    expect(scaled).toEqual([null, f2(Fp2.mul(l1, inv)), f2(Fp2.mul(l4, inv))])
    expect(kept).toEqual([[0n, Fp.ORDER], f2(l1), f2(l4)])
  })
})

describe('pairing product', () => {
  const W = BP2.multiply(scalar()) as G2Point
  const points = (): [G1Point, G1Point] => [G1.BASE.multiply(scalar()), G1.BASE.multiply(scalar())]

  it('Miller loop and final exponentiation give noble\'s pairing value', () => {
    for (let i = 0; i < 3; i++) {
      const [a, b] = points()
      const pairs = [[a, W], [b, NEG_BP2]] as const
      const ref = bls12_381.millerLoopBatch(pairs.map(([p, q]) => {
        const { x, y } = p.toAffine()
        return [bls12_381.utils.calcPairingPrecomputes(q), x, y] as [ReturnType<typeof bls12_381.utils.calcPairingPrecomputes>, bigint, bigint]
      }))
      // Our Miller loop value differs from noble's by a factor in Fp2* (scaled lines); the pairings are equal.
      const ours = millerLoopProduct(pairs)
      expect(same(toNobleFp12(finalExponentiate(ours)), Fp12.finalExponentiate(ref))).toBe(true)
    }
  })

  it('accepts e(A, k·BP2)·e(k·A, −BP2) = 1 and rejects any other multiple', () => {
    const k = scalar()
    const [a] = points()
    const Wk = BP2.multiply(k) as G2Point
    expect(pairingProductIsOne([[a, Wk], [a.multiply(k), NEG_BP2]])).toBe(true)
    expect(pairingProductIsOne([[a, Wk], [a.multiply(k).add(G1.BASE), NEG_BP2]])).toBe(false)
    expect(pairingProductIsOne([[a, Wk], [a, NEG_BP2]])).toBe(false)
  })

  it('recognises only the unit as one', () => {
    expect(fp12IsOne(fromNobleFp12(Fp12.ONE as NobleFp12))).toBe(true)
    expect(fp12IsOne(fromNobleFp12(Fp12.ZERO as NobleFp12))).toBe(false)
    expect(fp12IsOne([[[1n + Fp.ORDER, 0n], [0n, 0n], [0n, 0n]], [[0n, 0n], [0n, 0n], [0n, -Fp.ORDER]]])).toBe(true)
    expect(fp12IsOne([[[1n, 0n], [0n, 0n], [0n, 0n]], [[0n, 0n], [0n, 0n], [0n, 1n]]])).toBe(false)
  })
})
