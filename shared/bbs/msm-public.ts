// Multi-scalar multiplication for verification (public points and scalars only: variable time), on the tables and
// signed digits of msm.ts. The table points that land on one bit position are summed in affine coordinates first,
// all positions of all the MSMs level by level with one field inversion per level (Montgomery's trick: an affine
// addition then costs about 6 products against 11 for a mixed Jacobian one); each MSM then runs its doubling chain
// with one mixed addition per position.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import type { G1Point } from './ciphersuite.ts'
import { fpInverseBatch } from './fp-inverse.ts'
import type { Aff, Jac } from './g1-jacobian.ts'
import { jacAddAffine, jacDouble, JAC_ZERO, toNoble } from './g1-jacobian.ts'
import type { PreparedBase } from './msm.ts'
import { digitEvents } from './msm.ts'

const P = bls12_381.fields.Fp.ORDER

const mod = (a: bigint): bigint => {
  const r = a % P
  return r < 0n ? r + P : r
}

/** A pending affine sum p + q: its denominator (x_q − x_p, or 2·y_p for p = q) is inverted with the level's batch. */
interface Job {
  readonly out: Aff[]
  readonly p: Aff
  readonly q: Aff
  readonly double: boolean
}

/**
 * The sum of each list of affine points of G1 (canonical coordinates), undefined for an empty sum: pairs are added
 * level by level across all lists, one batched inversion per level. p + p is a doubling, p + (−p) drops out.
 */
export function sumAffineLists(lists: ReadonlyArray<readonly Aff[]>): Array<Aff | undefined> {
  let cur = lists
  while (cur.some((l) => l.length > 1)) {
    const jobs: Job[] = []
    const dens: bigint[] = []
    cur = cur.map((l) => {
      const out: Aff[] = []
      for (let i = 0; i + 1 < l.length; i += 2) {
        const p = l[i] as Aff
        const q = l[i + 1] as Aff
        if (p.x !== q.x) {
          jobs.push({ out, p, q, double: false })
          dens.push(q.x - p.x)
        } else if (p.y === q.y) {
          jobs.push({ out, p, q, double: true })
          dens.push(2n * p.y)
        }
      }
      if (l.length % 2 === 1) out.push(l[l.length - 1] as Aff)
      return out
    })
    const invs = fpInverseBatch(dens)
    jobs.forEach(({ out, p, q, double }, i) => {
      const num = double ? 3n * ((p.x * p.x) % P) : q.y - p.y
      const lambda = (num * (invs[i] as bigint)) % P
      const x = mod(lambda * lambda - p.x - q.x)
      out.push({ x, y: mod(lambda * (p.x - x) - p.y) })
    })
  }
  return cur.map((l) => l[0])
}

/**
 * Σ scalars·bases for each of several MSMs over prepared bases (points of G1, scalars in 0..r-1), all public: their
 * affine sums share the batched inversions. Returns the results in order.
 */
export function msmPublic(msms: ReadonlyArray<ReadonlyArray<readonly [PreparedBase, bigint]>>): G1Point[] {
  const events = msms.map((terms) => digitEvents(terms, false) as Aff[][])
  const sums = sumAffineLists(events.flat())
  let k = 0
  return events.map((positions) => {
    const mine = sums.slice(k, k + positions.length)
    k += positions.length
    let acc: Jac = JAC_ZERO
    for (let b = mine.length - 1; b >= 0; b--) {
      if (acc.Z !== 0n) acc = jacDouble(acc)
      const s = mine[b]
      if (s !== undefined) acc = jacAddAffine(acc, s)
    }
    return toNoble(acc)
  })
}
