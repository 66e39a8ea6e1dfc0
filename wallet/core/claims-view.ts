// The holder's own view of a stored SD-JWT VC: all claims with every disclosure applied (no signature check; verified at accept).
import { decodeSdJwt } from '../../shared/sdjwt/index.ts'
import type { ClaimsPath } from './state.ts'

/** All claims of a credential the wallet holds (its own data), processed with all its disclosures. */
export function fullClaims(sdJwt: string): Record<string, unknown> {
  return decodeSdJwt(sdJwt).claims
}

/** Reads the value at a claims path (`null` selects the whole array); undefined when absent. */
export function valueAt(claims: Record<string, unknown>, path: ClaimsPath): unknown {
  let node: unknown = claims
  for (const seg of path) {
    if (seg === null) return node
    if (typeof seg === 'number') node = Array.isArray(node) ? node[seg] : undefined
    else node = typeof node === 'object' && node !== null && !Array.isArray(node) ? (node as Record<string, unknown>)[seg] : undefined
  }
  return node
}
