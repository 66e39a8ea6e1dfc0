// Registration policy: every claims path a DCQL query (OpenID4VP 1.0 §6) requests must be covered by the registration's allowed claims.
import { z } from 'zod'
import { EidError, parseInput } from '../errors/index.ts'
import { claimsPathSchema, formatClaimsPath, pathCovers } from './claims-path.ts'
import type { ClaimsPath } from './claims-path.ts'

const MAX_CREDENTIAL_QUERIES = 16
const MAX_CLAIMS_PER_QUERY = 64

// Only the parts the policy reads; full DCQL validation is shared/oid4vp's job.
const querySchema = z.object({
  credentials: z
    .array(
      z.object({
        id: z.string().max(128),
        claims: z.array(z.object({ path: claimsPathSchema })).max(MAX_CLAIMS_PER_QUERY).optional(),
      }),
    )
    .min(1)
    .max(MAX_CREDENTIAL_QUERIES),
})

/** Every claims path a DCQL query can make the wallet disclose (each credential query's `claims`). */
export function requestedClaimsPaths(dcqlQuery: unknown): ClaimsPath[] {
  const q = parseInput(querySchema, dcqlQuery, 'dcql_query_invalid', 'dcql_query')
  return q.credentials.flatMap((c) => (c.claims ?? []).map((cl) => cl.path))
}

/**
 * Throws claim_not_registered naming the first requested path not covered by `allowedClaims`
 * (see `pathCovers`); dcql_query_invalid when the query has no readable credentials/claims.
 * A credential query without `claims` asks for no selectively disclosable claim and passes.
 */
export function checkQueryAllowed(dcqlQuery: unknown, allowedClaims: readonly ClaimsPath[]): void {
  checkPathsAllowed(requestedClaimsPaths(dcqlQuery), allowedClaims)
}

/**
 * The policy half of checkQueryAllowed, for paths already read from a query by requestedClaimsPaths (a caller that
 * keeps them for a query it parsed once): claim_not_registered naming the first path not covered by `allowedClaims`.
 */
export function checkPathsAllowed(paths: readonly ClaimsPath[], allowedClaims: readonly ClaimsPath[]): void {
  for (const path of paths) {
    if (!allowedClaims.some((allowed) => pathCovers(allowed, path))) {
      throw new EidError('claim_not_registered', `claim ${formatClaimsPath(path)} is not in the registration certificate`)
    }
  }
}
