// Disclosed-index checks for ProofGen/ProofVerify (draft-irtf-cfrg-bbs-signatures-09 §3.6.3 / §3.7.3: ascending, unique, in range).
import { EidError } from '../errors/index.ts'

/**
 * Checks `disclosed` is strictly ascending (hence unique), integers in 0..total-1
 * (`bbs_invalid_index`), and returns the complementary undisclosed indexes in ascending order.
 */
export function undisclosedIndexes(disclosed: readonly number[], total: number): number[] {
  if (!Array.isArray(disclosed)) throw new EidError('bbs_invalid_index', 'disclosed indexes must be an array')
  if (disclosed.length > total) throw new EidError('bbs_invalid_index', 'more disclosed indexes than messages')
  let prev = -1
  for (const i of disclosed) {
    if (!Number.isSafeInteger(i) || i < 0 || i >= total) throw new EidError('bbs_invalid_index', 'disclosed index out of range')
    if (i <= prev) throw new EidError('bbs_invalid_index', 'disclosed indexes must be unique and ascending')
    prev = i
  }
  const out: number[] = []
  let k = 0
  for (let j = 0; j < total; j++) {
    if (disclosed[k] === j) k++
    else out.push(j)
  }
  return out
}
