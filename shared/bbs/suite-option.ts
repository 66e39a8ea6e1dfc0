// Resolves the optional `suite` argument of the public BBS functions (default BLS12-381-SHA-256).
import type { Ciphersuite, CiphersuiteName } from './ciphersuite.ts'
import { BLS12_381_SHA_256, getCiphersuite } from './ciphersuite.ts'

/** The ciphersuite object for a name or object; BLS12-381-SHA-256 when absent. */
export function resolveSuite(suite: Ciphersuite | CiphersuiteName | undefined): Ciphersuite {
  if (suite === undefined) return BLS12_381_SHA_256
  return typeof suite === 'string' ? getCiphersuite(suite) : suite
}
