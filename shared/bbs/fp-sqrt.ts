// Square roots in the BLS12-381 base field Fp (p ≡ 3 mod 4: √a = a^((p+1)/4), RFC 9380 Appendix I.1), for point decoding.
import { bls12_381 } from '@noble/curves/bls12-381.js'

const P = bls12_381.fields.Fp.ORDER
const WINDOW = 5

/**
 * The exponent (p+1)/4 as sliding-window steps [squarings before, index of the odd power a^(2k+1) to multiply by]:
 * 379 squarings and 65 products instead of the 229 products of square-and-multiply. The exponent is public and fixed,
 * so the sequence of operations does not depend on `a`.
 */
function slidingWindowPlan(e: bigint): { steps: Array<readonly [number, number]>; tail: number } {
  const bits = e.toString(2)
  const steps: Array<readonly [number, number]> = []
  let squarings = 0
  let i = 0
  while (i < bits.length) {
    if (bits[i] === '0') {
      squarings++
      i++
      continue
    }
    let j = Math.min(i + WINDOW, bits.length)
    while (bits[j - 1] === '0') j--
    steps.push([steps.length === 0 ? 0 : squarings + j - i, (parseInt(bits.slice(i, j), 2) - 1) / 2])
    squarings = 0
    i = j
  }
  return { steps, tail: squarings }
}

const PLAN = slidingWindowPlan((P + 1n) / 4n)

/** √a for a in [0, p) when a is a square (the root r with r² = a that a^((p+1)/4) gives), else undefined. */
export function fpSqrt(a: bigint): bigint | undefined {
  const a2 = (a * a) % P
  const odd: bigint[] = [a]
  for (let k = 1; k < 1 << (WINDOW - 1); k++) odd.push(((odd[k - 1] as bigint) * a2) % P)
  let r = 1n
  for (const [squarings, k] of PLAN.steps) {
    for (let s = 0; s < squarings; s++) r = (r * r) % P
    r = (r * (odd[k] as bigint)) % P
  }
  for (let s = 0; s < PLAN.tail; s++) r = (r * r) % P
  return (r * r) % P === a ? r : undefined
}
