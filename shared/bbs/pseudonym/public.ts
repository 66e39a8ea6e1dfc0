// CalculatePseudonym at the octet level (draft-irtf-cfrg-bbs-per-verifier-linkability-02/-03 §5).
import type { Ciphersuite, CiphersuiteName } from '../ciphersuite.ts'
import { resolveSuite } from '../suite-option.ts'
import { nymApiId } from './api-id.ts'
import { pseudonymOctets } from './calculate.ts'
import { readNyms } from './issuance.ts'

/** The 48-octet pseudonym of `nymSecrets` for `contextId` (what ProofGenWithNym presents). */
export function calculatePseudonym(input: { suite?: Ciphersuite | CiphersuiteName; contextId: Uint8Array; nymSecrets: Uint8Array[] }): Uint8Array {
  const suite = resolveSuite(input.suite)
  return pseudonymOctets(suite, input.contextId, readNyms(input.nymSecrets, 'nym secret'), nymApiId(suite))
}
