// Multi-scalar multiplication in G1 for the BBS core: Straus (interleaved, one shared doubling chain) over
// signed fixed windows, GLV-split half-length scalars, affine tables (cached per generator, per call otherwise).
import { bls12_381 } from '@noble/curves/bls12-381.js'
import type { G1Point } from './ciphersuite.ts'
import type { Aff, Jac } from './g1-jacobian.ts'
import { affNeg, batchNormalize, fromNoble, jacAdd, jacAddAffine, jacDouble, JAC_ZERO, negPhi, toNoble, X_SQUARED } from './g1-jacobian.ts'

const R = bls12_381.fields.Fr.ORDER
const G1 = bls12_381.G1.Point

/** Window of the cached tables of reused bases (generators, P1): 512 affine multiples (and their GLV images), 13 windows per half-scalar. */
const FIXED_WINDOW = 10
/** Window of the per-call tables of one-off bases: 16 multiples, 26 windows per half-scalar. */
export const VAR_WINDOW = 5
/** GLV halves are below 2^128; one more bit absorbs the carry of signed-digit recoding. */
const HALF_BITS = 129

/**
 * A base point ready for Straus: affine multiples k·P (k = 1..2^(w-1)) and the same for the
 * endomorphism image −φ(P) = x²·P, so each scalar splits into two 128-bit halves.
 */
export interface PreparedBase {
  readonly w: number
  /** k·P for k = 1..2^(w-1); empty for the identity. */
  readonly pos: readonly Aff[]
  /** k·(−φ(P)) for k = 1..2^(w-1). */
  readonly glv: readonly Aff[]
}

/** A reused base is promoted from the small to the large table on this use (one-off bases never pay for 511 additions). */
const PROMOTE_AFTER_USES = 3
const fixedTables = new WeakMap<G1Point, { uses: number; table: PreparedBase }>()

/** Builds the tables of several bases with one field inversion. */
function buildTables(points: readonly G1Point[], w: number): PreparedBase[] {
  const half = 1 << (w - 1)
  const jac: Jac[] = []
  for (const p of points) {
    const base = fromNoble(p)
    // Decoded points are affine (Z = 1): their multiples are built with the cheaper mixed additions.
    const affine = base.Z === 1n ? { x: base.X, y: base.Y } : undefined
    let acc = base
    jac.push(acc)
    for (let k = 2; k <= half; k++) {
      acc = k === 2 ? jacDouble(base) : affine === undefined ? jacAdd(acc, base) : jacAddAffine(acc, affine)
      jac.push(acc)
    }
  }
  const aff = batchNormalize(jac)
  return points.map((_, i) => {
    const pos = aff.slice(i * half, (i + 1) * half)
    if (pos.some((a) => a === undefined)) return { w, pos: [], glv: [] }
    const p = pos as Aff[]
    return { w, pos: p, glv: p.map(negPhi) }
  })
}

/**
 * The cached table of a reused base (generators, P1), kept as long as the point lives: a small
 * window-5 table on first use, replaced by the window-10 table from the third use on.
 */
export function prepareFixed(point: G1Point): PreparedBase {
  const hit = fixedTables.get(point)
  if (hit === undefined) {
    const table = buildTables([point], VAR_WINDOW)[0] as PreparedBase
    fixedTables.set(point, { uses: 1, table })
    return table
  }
  hit.uses++
  if (hit.table.w !== FIXED_WINDOW && hit.uses >= PROMOTE_AFTER_USES) hit.table = buildTables([point], FIXED_WINDOW)[0] as PreparedBase
  return hit.table
}

/** Tables for bases used in one or a few MSMs (A, B, D, Abar …), built together with one inversion. */
export function prepareVar(points: readonly G1Point[], w = VAR_WINDOW): PreparedBase[] {
  return buildTables(points, w)
}

/** Signed digits in [-2^(w-1), 2^(w-1)] of k (< 2^128), little-endian windows. */
function signedDigits(k: bigint, w: number, windows: number): Int32Array {
  const out = new Int32Array(windows)
  const mask = (1n << BigInt(w)) - 1n
  const half = 1 << (w - 1)
  const full = 1 << w
  const bw = BigInt(w)
  for (let i = 0; i < windows; i++) {
    let d = Number(k & mask)
    k >>= bw
    if (d > half) {
      d -= full
      k += 1n
    }
    out[i] = d
  }
  return out
}

/**
 * The table points Straus adds at each bit position (index = bit, most significant last) for Σ scalars·bases: each
 * scalar split into GLV halves, each half into signed windows, one table point per non-zero digit. With `zeros`, a zero
 * digit leaves a `null` (for callers that keep the operation count independent of the scalars). Scalars in 0..r-1.
 */
export function digitEvents(terms: ReadonlyArray<readonly [PreparedBase, bigint]>, zeros: boolean): Array<Array<Aff | null>> {
  const events: Array<Array<Aff | null>> = []
  for (const [base, k] of terms) {
    if (k < 0n || k >= R) throw new RangeError('msm scalar out of range')
    if (base.pos.length === 0 || k === 0n) continue
    const windows = Math.ceil(HALF_BITS / base.w)
    const bits = windows * base.w
    while (events.length < bits) events.push([])
    const k1 = k % X_SQUARED
    const k2 = k / X_SQUARED
    for (const [half, table] of [[k1, base.pos], [k2, base.glv]] as const) {
      const digits = signedDigits(half, base.w, windows)
      for (let i = 0; i < windows; i++) {
        const d = digits[i] as number
        const slot = events[i * base.w] as Array<Aff | null>
        if (d === 0) {
          if (zeros) slot.push(null)
        } else slot.push(d > 0 ? (table[d - 1] as Aff) : affNeg(table[-d - 1] as Aff))
      }
    }
  }
  return events
}

/**
 * Σ scalars·bases over prepared bases, scalars in 0..r-1. Bases must be points of G1 (as every
 * decoder here guarantees): the GLV split relies on φ(P) = −x²·P, which fails outside the subgroup. One doubling chain of ~136 doublings is
 * shared by all terms; every window of every term costs one mixed addition (a zero digit adds into
 * a discarded accumulator, so the operation count does not depend on the scalar values).
 */
export function msmPrepared(terms: ReadonlyArray<readonly [PreparedBase, bigint]>): G1Point {
  const events = digitEvents(terms, true)
  let acc: Jac = JAC_ZERO
  let fake: Jac = JAC_ZERO
  const dummy = G1.BASE.toAffine()
  for (let b = events.length - 1; b >= 0; b--) {
    if (acc.Z !== 0n) acc = jacDouble(acc)
    for (const q of events[b] as Array<Aff | null>) {
      if (q === null) fake = jacAddAffine(fake, dummy)
      else acc = jacAddAffine(acc, q)
    }
  }
  void fake
  return toNoble(acc)
}

/**
 * Σ scalars[i]·points[i] for points reused across calls (generators, P1): their tables are cached,
 * so each costs only ~26 mixed additions. Scalars in 0..r-1.
 */
export function msmFixed(points: readonly G1Point[], scalars: readonly bigint[]): G1Point {
  return msmPrepared(points.map((p, i) => [prepareFixed(p), scalars[i] ?? 0n] as const))
}

/** Σ scalars[i]·points[i] for points seen once (public inputs or blinded values). Scalars in 0..r-1. */
export function msmVar(points: readonly G1Point[], scalars: readonly bigint[]): G1Point {
  const tables = prepareVar(points)
  return msmPrepared(tables.map((t, i) => [t, scalars[i] ?? 0n] as const))
}

/** Affine-normalized copies (Z = 1) of several points with one inversion, so their encodings are cheap. */
export function normalizePoints(points: readonly G1Point[]): G1Point[] {
  const aff = batchNormalize(points.map(fromNoble))
  return aff.map((a) => (a === undefined ? G1.ZERO : G1.fromAffine({ x: a.x, y: a.y })))
}

