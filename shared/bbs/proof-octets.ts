// proof_to_octets / octets_to_proof (draft-irtf-cfrg-bbs-signatures-09 §4.7.4, §4.7.5).
import { EidError } from '../errors/index.ts'
import type { G1Point } from './ciphersuite.ts'
import { assertBytes } from './octets.ts'
import { G1_LENGTH, octetsToG1, SCALAR_LENGTH } from './points.ts'
import { serialize } from './serialize.ts'
import { nonZeroScalar } from './signature-octets.ts'

/** A decoded BBS proof: `(Abar, Bbar, D, e^, r1^, r3^, (m^_j1..m^_jU), c)`. */
export interface Proof {
  readonly Abar: G1Point
  readonly Bbar: G1Point
  readonly D: G1Point
  readonly eHat: bigint
  readonly r1Hat: bigint
  readonly r3Hat: bigint
  /** `m^_j` for the undisclosed messages, in ascending index order. */
  readonly commitments: readonly bigint[]
  readonly challenge: bigint
}

/** `proof_len_floor` = 3 * 48 + 4 * 32 = 272 bytes (a proof with no undisclosed message). */
export const PROOF_LENGTH_FLOOR = 3 * G1_LENGTH + 4 * SCALAR_LENGTH

/** Proof length for `undisclosed` undisclosed messages: 272 + 32 * U. */
export function proofLength(undisclosed: number): number {
  return PROOF_LENGTH_FLOOR + SCALAR_LENGTH * undisclosed
}

/** Number of undisclosed messages a proof of this length carries; `bbs_invalid_length` if it is not a proof length. */
export function undisclosedCount(proofLen: number): number {
  if (proofLen < PROOF_LENGTH_FLOOR || (proofLen - PROOF_LENGTH_FLOOR) % SCALAR_LENGTH !== 0) {
    throw new EidError('bbs_invalid_length', 'proof length must be 272 + 32*U bytes')
  }
  return (proofLen - PROOF_LENGTH_FLOOR) / SCALAR_LENGTH
}

/** `proof_to_octets(proof)`. */
export function proofToOctets(p: Proof): Uint8Array {
  return serialize([p.Abar, p.Bbar, p.D, p.eHat, p.r1Hat, p.r3Hat, ...p.commitments, p.challenge])
}

/**
 * `octets_to_proof`: length 272 + 32*U (`bbs_invalid_length`), three valid non-identity G1 points
 * (`bbs_invalid_point`), every scalar in 1..r-1 (`bbs_invalid_scalar`).
 */
export function octetsToProof(bytes: Uint8Array): Proof {
  assertBytes(bytes, 'proof')
  const U = undisclosedCount(bytes.length)
  const point = (i: number, name: string): G1Point => octetsToG1(bytes.subarray(i * G1_LENGTH, (i + 1) * G1_LENGTH), name)
  const Abar = point(0, 'proof Abar')
  const Bbar = point(1, 'proof Bbar')
  const D = point(2, 'proof D')
  const scalars: bigint[] = []
  for (let off = 3 * G1_LENGTH; off < bytes.length; off += SCALAR_LENGTH) {
    scalars.push(nonZeroScalar(bytes.subarray(off, off + SCALAR_LENGTH), 'proof scalar'))
  }
  const [eHat, r1Hat, r3Hat] = scalars as [bigint, bigint, bigint]
  return { Abar, Bbar, D, eHat, r1Hat, r3Hat, commitments: scalars.slice(3, 3 + U), challenge: scalars[3 + U] as bigint }
}
