// Multi-scalar multiplication for verification (public points and scalars only: variable time), on the tables and
// signed digits of msm.ts. The table points that land on one bit position are summed in affine coordinates first,
// all positions of all the MSMs level by level with one field inversion per level (Montgomery's trick: an affine
// addition then costs about 6 products against 11 for a mixed Jacobian one); each MSM then runs its doubling chain
// with one mixed addition per position.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import type { G1Point } from './ciphersuite.ts'
import { fpInverseBatch } from './fp-inverse.ts'
import type { Aff, Jac } from './g1-jacobian.ts'
import { jacAddAffine, jacDouble, JAC_ZERO, negPhi } from './g1-jacobian.ts'
import type { PreparedBase } from './msm.ts'
import { digitEvents, VAR_WINDOW } from './msm.ts'

const P = bls12_381.fields.Fp.ORDER
const G1 = bls12_381.G1.Point

const mod = (a: bigint): bigint => {
  const r = a % P
  return r < 0n ? r + P : r
}

/**
 * p + q for each pair of affine points of G1 (canonical coordinates) with one batched inversion: p + p is a doubling,
 * p + (−p) the identity (undefined).
 */
function addAffinePairs(pairs: ReadonlyArray<readonly [Aff, Aff]>): Array<Aff | undefined> {
  const dens: bigint[] = []
  const kinds = pairs.map(([p, q]) => {
    if (p.x !== q.x) {
      dens.push(q.x - p.x)
      return 'add'
    }
    if (p.y !== q.y) return 'identity'
    dens.push(2n * p.y)
    return 'double'
  })
  const invs = fpInverseBatch(dens)
  let k = 0
  return pairs.map(([p, q], i) => {
    if (kinds[i] === 'identity') return undefined
    const num = kinds[i] === 'double' ? 3n * ((p.x * p.x) % P) : q.y - p.y
    const lambda = (num * (invs[k++] as bigint)) % P
    const x = mod(lambda * lambda - p.x - q.x)
    return { x, y: mod(lambda * (p.x - x) - p.y) }
  })
}

/**
 * The sum of each list of affine points of G1 (canonical coordinates), undefined for an empty sum: pairs are added
 * level by level across all lists, one batched inversion per level.
 */
export function sumAffineLists(lists: ReadonlyArray<readonly Aff[]>): Array<Aff | undefined> {
  let cur = lists
  while (cur.some((l) => l.length > 1)) {
    const pairs: Array<readonly [Aff, Aff]> = []
    const owner: number[] = []
    cur.forEach((l, j) => {
      for (let i = 0; i + 1 < l.length; i += 2) {
        pairs.push([l[i] as Aff, l[i + 1] as Aff])
        owner.push(j)
      }
    })
    const next: Aff[][] = cur.map((l) => (l.length % 2 === 1 ? [l[l.length - 1] as Aff] : []))
    addAffinePairs(pairs).forEach((s, i) => {
      if (s !== undefined) (next[owner[i] as number] as Aff[]).push(s)
    })
    cur = next
  }
  return cur.map((l) => l[0])
}

/**
 * Window-5 tables (k·P, k = 1..16, and their images −φ) of points used once, for verification: the multiples are
 * built level by level (2P; 3P, 4P; 5P..8P; 9P..16P) in affine coordinates, one batched inversion per level for all
 * the points, instead of Jacobian additions and a normalization. Bases must be points of G1.
 */
export function prepareVarPublic(points: readonly G1Point[]): PreparedBase[] {
  const tables: Aff[][] = points.map((p) => (p.is0() ? [] : [p.toAffine()]))
  for (let size = 1; size < 1 << (VAR_WINDOW - 1); size *= 2) {
    const pairs = tables.flatMap((t) => t.slice(0, t.length === 0 ? 0 : size).map((q) => [t[size - 1] as Aff, q] as const))
    const sums = addAffinePairs(pairs)
    let k = 0
    for (const t of tables) if (t.length > 0) for (let i = 0; i < size; i++) t.push(sums[k++] as Aff)
  }
  return tables.map((pos) => ({ w: VAR_WINDOW, pos, glv: pos.map(negPhi) }))
}

/** Affine (Z = 1) noble points of Jacobian points, with one batched inversion. */
function toAffinePoints(points: readonly Jac[]): G1Point[] {
  const zinvs = fpInverseBatch(points.filter((p) => p.Z !== 0n).map((p) => p.Z))
  let k = 0
  return points.map((p) => {
    if (p.Z === 0n) return G1.ZERO
    const zi = zinvs[k++] as bigint
    const zi2 = (zi * zi) % P
    return G1.fromAffine({ x: mod(p.X * zi2), y: mod(((p.Y * zi2) % P) * zi) })
  })
}

/**
 * Σ scalars·bases for each of several MSMs over prepared bases (points of G1, scalars in 0..r-1), all public: their
 * affine sums share the batched inversions. Returns the results in order, normalized to Z = 1 (cheap to encode and to
 * pair).
 */
export function msmPublic(msms: ReadonlyArray<ReadonlyArray<readonly [PreparedBase, bigint]>>): G1Point[] {
  const events = msms.map((terms) => digitEvents(terms, false) as Aff[][])
  const sums = sumAffineLists(events.flat())
  let k = 0
  const accs = events.map((positions) => {
    const mine = sums.slice(k, k + positions.length)
    k += positions.length
    let acc: Jac = JAC_ZERO
    for (let b = mine.length - 1; b >= 0; b--) {
      if (acc.Z !== 0n) acc = jacDouble(acc)
      const s = mine[b]
      if (s !== undefined) acc = jacAddAffine(acc, s)
    }
    return acc
  })
  return toAffinePoints(accs)
}
