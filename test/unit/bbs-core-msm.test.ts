// The BBS MSM engine (Jacobian G1, GLV split, Straus over signed windows) and G1 decoding against noble's reference arithmetic.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { R_ORDER } from '../../shared/bbs/hash-to-scalar.ts'
import { msmFixed, msmVar, normalizePoints, prepareFixed, prepareVar } from '../../shared/bbs/msm.ts'
import { msmPublic, prepareVarPublic, sumAffineLists } from '../../shared/bbs/msm-public.ts'
import { octetsToG1 } from '../../shared/bbs/points.ts'
import { fpSqrt } from '../../shared/bbs/fp-sqrt.ts'
import { calculateRandomScalars } from '../../shared/bbs/random-scalars.ts'
import type { G1Point } from '../../shared/bbs/ciphersuite.ts'
import { BETA, X_SQUARED } from '../../shared/bbs/g1-jacobian.ts'


const G1 = bls12_381.G1.Point
const Fp = bls12_381.fields.Fp
const reference = (points: G1Point[], scalars: bigint[]): G1Point =>
  points.reduce((acc, p, i) => acc.add(p.multiplyUnsafe(scalars[i] as bigint)), G1.ZERO)
const randomPoint = (): G1Point => G1.BASE.multiply(calculateRandomScalars(1)[0] || 1n)
const pool = Array.from({ length: 6 }, randomPoint)
const edge = [0n, 1n, 2n, R_ORDER - 1n, R_ORDER - 2n, X_SQUARED, X_SQUARED - 1n, X_SQUARED + 1n, (1n << 128n) - 1n, 1n << 200n]

describe('MSM engine', () => {
  it('φ(x, y) = (βx, y) is multiplication by −x² on G1 (the GLV split relies on it)', () => {
    const p = pool[0] as G1Point
    const a = p.toAffine()
    const phi = G1.fromAffine({ x: Fp.mul(a.x, BETA), y: a.y })
    expect(phi.equals(p.multiply(R_ORDER - (X_SQUARED % R_ORDER)))).toBe(true)
  })

  it('matches the reference for edge scalars, fixed and variable bases', () => {
    for (const k of edge) {
      const want = (pool[1] as G1Point).multiplyUnsafe(k)
      expect(msmVar([pool[1] as G1Point], [k]).equals(want)).toBe(true)
      expect(msmFixed([pool[2] as G1Point], [k]).equals((pool[2] as G1Point).multiplyUnsafe(k))).toBe(true)
    }
  })

  it('handles the identity, repeated points and cancelling terms', () => {
    const p = pool[3] as G1Point
    expect(msmVar([G1.ZERO, p], [5n, 7n]).equals(p.multiply(7n))).toBe(true)
    expect(msmVar([p, p], [3n, 4n]).equals(p.multiply(7n))).toBe(true)
    expect(msmVar([p, p.negate()], [9n, 9n]).is0()).toBe(true)
    expect(msmVar([p, p], [1n, R_ORDER - 1n]).is0()).toBe(true)
    expect(msmFixed([], []).is0()).toBe(true)
    expect(msmVar([p], [0n]).is0()).toBe(true)
  })

  it('rejects scalars outside 0..r-1', () => {
    expect(() => msmVar([pool[0] as G1Point], [R_ORDER])).toThrow(RangeError)
    expect(() => msmVar([pool[0] as G1Point], [-1n])).toThrow(RangeError)
  })

  it('random MSMs of mixed sizes equal the reference', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: pool.length - 1 }), fc.bigInt({ min: 0n, max: R_ORDER - 1n })), { minLength: 1, maxLength: 6 }), (terms) => {
        const points = terms.map(([i]) => pool[i] as G1Point)
        const scalars = terms.map(([, k]) => k)
        const want = reference(points, scalars)
        expect(msmVar(points, scalars).equals(want)).toBe(true)
        expect(msmFixed(points, scalars).equals(want)).toBe(true)
      }),
      { numRuns: 15 },
    )
  })

  it('the public (batched affine) MSM equals the reference: random terms, several MSMs at once, fixed and variable tables', () => {
    const terms = fc.array(fc.tuple(fc.nat({ max: pool.length - 1 }), fc.bigInt({ min: 0n, max: R_ORDER - 1n })), { minLength: 1, maxLength: 8 })
    fc.assert(
      fc.property(terms, terms, fc.boolean(), (t1, t2, fixed) => {
        const prepared = (t: Array<[number, bigint]>) =>
          t.map(([i, k]) => [fixed ? prepareFixed(pool[i] as G1Point) : (prepareVar([pool[i] as G1Point])[0] as ReturnType<typeof prepareFixed>), k] as const)
        const [r1, r2] = msmPublic([prepared(t1), prepared(t2)]) as [G1Point, G1Point]
        expect(r1.equals(reference(t1.map(([i]) => pool[i] as G1Point), t1.map(([, k]) => k)))).toBe(true)
        expect(r2.equals(reference(t2.map(([i]) => pool[i] as G1Point), t2.map(([, k]) => k)))).toBe(true)
      }),
      { numRuns: 15 },
    )
  })

  it('builds the same variable-base tables in affine levels as with Jacobian additions', () => {
    const pts = [pool[0] as G1Point, (pool[1] as G1Point).double(), G1.ZERO, pool[0] as G1Point]
    const ours = prepareVarPublic(pts)
    const ref = prepareVar(pts)
    expect(ours.map((t) => t.pos.length)).toEqual([16, 16, 0, 16])
    expect(ours).toEqual(ref)
  })

  it('the public MSM handles edge scalars, repeated points (doublings), cancelling terms and the identity', () => {
    const p = pool[3] as G1Point
    const [tp, tn, t0] = prepareVarPublic([p, p.negate(), G1.ZERO]) as [ReturnType<typeof prepareFixed>, ReturnType<typeof prepareFixed>, ReturnType<typeof prepareFixed>]
    for (const k of edge) expect((msmPublic([[[tp, k]]])[0] as G1Point).equals(p.multiplyUnsafe(k))).toBe(true)
    const [same, cancel, inverse, zero, empty] = msmPublic([[[tp, 3n], [tp, 4n]], [[tp, 9n], [tn, 9n]], [[tp, 1n], [tp, R_ORDER - 1n]], [[t0, 5n], [tp, 0n]], []])
    expect(same?.equals(p.multiply(7n))).toBe(true)
    expect(same?.Z).toBe(1n)
    expect(cancel?.is0()).toBe(true)
    expect(inverse?.is0()).toBe(true)
    expect(zero?.is0()).toBe(true)
    expect(empty?.is0()).toBe(true)
    const a = p.toAffine()
    const d = p.double().toAffine()
    expect(sumAffineLists([[a, a], [a, { x: a.x, y: Fp.neg(a.y) }], [a, a, a], []])).toEqual([d, undefined, p.multiply(3n).toAffine(), undefined])
  })

  it('normalizes points to Z = 1 without changing them', () => {
    const pts = [pool[0] as G1Point, (pool[1] as G1Point).double(), G1.ZERO]
    const norm = normalizePoints(pts)
    norm.forEach((q, i) => expect(q.equals(pts[i] as G1Point)).toBe(true))
    expect((norm[1] as G1Point).Z).toBe(1n)
  })
})

describe('G1 decoding (own φ-based subgroup check)', () => {
  const accepts = (f: () => unknown): boolean => {
    try {
      f()
      return true
    } catch {
      return false
    }
  }
  it('accepts exactly what noble accepts, and returns the same point', () => {
    const valid = pool.map((p) => p.toBytes())
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 48, maxLength: 48 }), fc.nat({ max: valid.length - 1 }), fc.boolean(), (raw, i, useValid) => {
        const bytes = useValid ? (valid[i] as Uint8Array) : Uint8Array.from(raw, (b, k) => (k === 0 ? (b | 0x80) & 0xbf : b))
        const ours = accepts(() => octetsToG1(bytes))
        expect(ours).toBe(accepts(() => G1.fromBytes(bytes)))
        if (ours) expect(octetsToG1(bytes).equals(G1.fromBytes(bytes))).toBe(true)
      }),
      { numRuns: 60 },
    )
  })
  it('takes square roots like noble (the same root), and refuses non-squares', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: Fp.ORDER - 1n }), (a) => {
      let want: bigint | undefined
      try {
        want = Fp.sqrt(a)
      } catch {
        want = undefined
      }
      expect(fpSqrt(a)).toBe(want)
      expect(fpSqrt(Fp.sqr(a))).toBe(Fp.sqrt(Fp.sqr(a)))
    }), { numRuns: 40 })
    expect(fpSqrt(0n)).toBe(0n)
    expect(fpSqrt(1n)).toBe(1n)
  })
  it('rejects on-curve points outside G1 (x = 1, 2, … until one is found)', () => {
    let found = 0
    for (let x = 1n; found < 3 && x < 200n; x++) {
      const out = new Uint8Array(48)
      out.set(Uint8Array.from(Buffer.from(x.toString(16).padStart(96, '0'), 'hex')))
      out[0] = (out[0] ?? 0) | 0x80
      if (!accepts(() => G1.fromAffine({ x, y: Fp.sqrt(Fp.add(Fp.mul(Fp.sqr(x), x), 4n)) }))) continue
      let nobleOk = true
      try {
        G1.fromBytes(out)
      } catch {
        nobleOk = false
      }
      expect(accepts(() => octetsToG1(out))).toBe(nobleOk)
      if (!nobleOk) found++
    }
    expect(found).toBe(3)
  })
})
