// Maps BBS-layer failures inside a JWP algorithm to the JWP code `jwp_proof_invalid` (pseudonym codes pass through).
import { EidError, isEidError } from '../errors/index.ts'

const PASS_THROUGH = new Set(['bbs_pseudonym_invalid', 'bbs_pseudonym_proof_invalid', 'bbs_commitment_invalid', 'bbs_nym_input_invalid'])

/** Runs `fn`; an EidError with a bbs_* code (other than the pseudonym/commitment ones) becomes `jwp_proof_invalid`. */
export function asJwpProofError<T>(fn: () => T, what: string): T {
  try {
    return fn()
  } catch (e) {
    if (isEidError(e) && e.code.startsWith('bbs_') && !PASS_THROUGH.has(e.code)) {
      throw new EidError('jwp_proof_invalid', `${what} does not verify`, { cause: e })
    }
    throw e
  }
}

/** Throws `jwp_proof_invalid` unless the proof has exactly `n` components. */
export function expectProofParts(proof: readonly Uint8Array[], n: number): void {
  if (proof.length !== n) throw new EidError('jwp_proof_invalid', `proof must have ${n} component(s)`)
}

/** Ascending indexes of the disclosed (non-null) payload slots, and their octets (JPA-13 §4.2.5). */
export function disclosedSlots(payloads: readonly (Uint8Array | null)[]): { indexes: number[]; messages: Uint8Array[] } {
  const indexes: number[] = []
  const messages: Uint8Array[] = []
  payloads.forEach((p, i) => {
    if (p !== null) {
      indexes.push(i)
      messages.push(p)
    }
  })
  return { indexes, messages }
}
