// Choosing the disclosures for a set of DCQL claims paths (OpenID4VP 1.0 §7): the claims, their parents and everything inside them.
import { EidError } from '../errors/index.ts'
import type { ClaimsPath, DecodedDisclosure } from './types.ts'

/** EidError `invalid_request` unless `path` is a non-empty array of strings, non-negative integers and nulls. */
export function assertClaimsPath(path: unknown): asserts path is ClaimsPath {
  if (!Array.isArray(path) || path.length === 0 || path.length > 64) throw new EidError('invalid_request', 'claims path must be a non-empty array')
  for (const c of path) {
    if (c === null || typeof c === 'string' || (typeof c === 'number' && Number.isInteger(c) && c >= 0)) continue
    throw new EidError('invalid_request', 'claims path components must be strings, non-negative integers or null')
  }
}

/** True when the concrete path `at` and the requested path `want` agree on their common prefix. */
function onPath(at: ClaimsPath, want: ClaimsPath): boolean {
  const n = Math.min(at.length, want.length)
  for (let i = 0; i < n; i++) {
    const w = want[i]
    const a = at[i]
    if (w === null ? typeof a !== 'number' : w !== a) return false
  }
  return true
}

/**
 * The disclosures to reveal for `paths`: a disclosure is revealed when its claim lies on a requested
 * path (a parent of the requested claim) or inside a requested claim. Token order is kept.
 */
export function selectDisclosures(disclosures: readonly DecodedDisclosure[], paths: readonly ClaimsPath[]): DecodedDisclosure[] {
  for (const p of paths) assertClaimsPath(p)
  return disclosures.filter((d) => paths.some((p) => onPath(d.path, p)))
}
