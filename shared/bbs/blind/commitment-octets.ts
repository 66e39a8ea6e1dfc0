// commitment_with_proof encoding (draft-irtf-cfrg-bbs-blind-signatures-02 §6.1-6.2): C || s^ || m^_1..m^_M || challenge.
import { EidError } from '../../errors/index.ts'
import type { G1Point } from '../ciphersuite.ts'
import { R_ORDER } from '../hash-to-scalar.ts'
import { os2ip } from '../octets.ts'
import { G1_LENGTH, SCALAR_LENGTH, octetsToG1 } from '../points.ts'
import { serialize } from '../serialize.ts'

/** A commitment `C` with its proof of correctness `(s^, (m^_1..m^_M), challenge)`. */
export interface CommitmentWithProof {
  readonly C: G1Point
  readonly sHat: bigint
  readonly mHats: readonly bigint[]
  readonly challenge: bigint
}

/** Most committed scalars accepted in one commitment (bounds the signer's work). */
export const MAX_COMMITTED = 256

/** `commitment_with_proof_to_octets(C, proof)`. */
export function commitmentWithProofToOctets(c: CommitmentWithProof): Uint8Array {
  return serialize([c.C, c.sHat, ...c.mHats, c.challenge])
}

/** Number of committed scalars M that a commitment_with_proof of `length` octets carries (-1 if none fits). */
export function committedCount(length: number): number {
  const rest = length - G1_LENGTH - 2 * SCALAR_LENGTH
  if (rest < 0 || rest % SCALAR_LENGTH !== 0) return -1
  return rest / SCALAR_LENGTH
}

/**
 * `octets_to_commitment_with_proof`: length 48 + 32*(M+2) with M <= MAX_COMMITTED, C a valid
 * non-identity G1 point, every scalar in 1..r-1. Throws `bbs_commitment_invalid`.
 */
export function octetsToCommitmentWithProof(bytes: Uint8Array): CommitmentWithProof {
  const M = bytes instanceof Uint8Array ? committedCount(bytes.length) : -1
  if (M < 0 || M > MAX_COMMITTED) throw new EidError('bbs_commitment_invalid', 'commitment_with_proof has an invalid length')
  let C: G1Point
  try {
    C = octetsToG1(bytes.subarray(0, G1_LENGTH), 'commitment')
  } catch (e) {
    throw new EidError('bbs_commitment_invalid', 'commitment is not a valid G1 point', { cause: e })
  }
  const scalars: bigint[] = []
  for (let off = G1_LENGTH; off < bytes.length; off += SCALAR_LENGTH) {
    const s = os2ip(bytes.subarray(off, off + SCALAR_LENGTH))
    if (s === 0n || s >= R_ORDER) throw new EidError('bbs_commitment_invalid', 'commitment proof scalar out of range')
    scalars.push(s)
  }
  return { C, sHat: scalars[0] as bigint, mHats: scalars.slice(1, 1 + M), challenge: scalars[1 + M] as bigint }
}
