// Pairing-product checks for Verify and ProofVerify: Miller loops with cached G2 line tables and one final exponentiation.
import { bls12_381 } from '@noble/curves/bls12-381.js'
import type { G1Point } from './ciphersuite.ts'
import type { G2Point } from './points.ts'

const { Fp12 } = bls12_381.fields
type LineTable = ReturnType<typeof bls12_381.utils.calcPairingPrecomputes>

const tables = new WeakMap<G2Point, LineTable>()

function lineTable(q: G2Point): LineTable {
  let t = tables.get(q)
  if (t === undefined) {
    t = bls12_381.utils.calcPairingPrecomputes(q)
    tables.set(q, t)
  }
  return t
}

/** BP2, the generator of G2, and its negation (their line tables are cached). */
export const BP2: G2Point = bls12_381.G2.Point.BASE as G2Point
export const NEG_BP2: G2Point = BP2.negate()

/**
 * True when Π e(P_i, Q_i) = 1 in GT: one Miller loop over all pairs, one final exponentiation.
 * G1 points must not be the identity (callers reject identity inputs before).
 */
export function pairingProductIsOne(pairs: ReadonlyArray<readonly [G1Point, G2Point]>): boolean {
  const batch = pairs.map(([p, q]) => {
    const { x, y } = p.toAffine()
    return [lineTable(q), x, y] as [LineTable, bigint, bigint]
  })
  const f = bls12_381.millerLoopBatch(batch)
  return Fp12.eql(Fp12.finalExponentiate(f), Fp12.ONE)
}
