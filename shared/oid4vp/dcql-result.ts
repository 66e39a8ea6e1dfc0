// DCQL evaluation of verified presentations (OpenID4VP 1.0 §6.4) with the `dcql` package: credential sets, claim sets, values.
import { DcqlPresentationResult } from 'dcql'
import { EidError } from '../errors/index.ts'
import type { ParsedDcqlQuery } from './dcql-query.ts'
import { isSimpleDcqlQuery, simpleDcqlSatisfied } from './dcql-simple-match.ts'
import type { VerifiedPresentationView } from './dcql-simple-match.ts'

export type { VerifiedPresentationView }

/**
 * Throws vp_token_invalid when `presentations` names a credential query the query does not have or
 * gives several presentations to a query without `multiple`, and dcql_not_satisfied when the
 * presentations do not satisfy the query (required credential queries, claim sets, values, vct).
 */
export function checkDcqlSatisfied(query: ParsedDcqlQuery, presentations: Record<string, VerifiedPresentationView[]>): void {
  for (const [id, list] of Object.entries(presentations)) {
    const cq = query.credentials.find((c) => c.id === id)
    if (cq === undefined) throw new EidError('vp_token_invalid', `vp_token names credential query ${id}, which the request does not have`)
    if (list.length > 1 && cq.multiple !== true) throw new EidError('vp_token_invalid', `credential query ${id} allows one presentation`)
  }
  // the common shape (presets among them) decided directly: the same answer (test/unit/dcql-simple-match.test.ts)
  if (isSimpleDcqlQuery(query)) {
    if (!simpleDcqlSatisfied(query, presentations)) throw new EidError('dcql_not_satisfied', 'the presentations do not satisfy the query')
    return
  }
  if (!dcqlPackageSatisfied(query, presentations)) throw new EidError('dcql_not_satisfied', 'the presentations do not satisfy the query')
}

/**
 * `can_be_satisfied` of the `dcql` package's evaluation of `presentations` (each holder-bound) against `query`; a
 * presentation record the package refuses is not satisfied.
 */
export function dcqlPackageSatisfied(query: ParsedDcqlQuery, presentations: Record<string, VerifiedPresentationView[]>): boolean {
  const record = Object.fromEntries(Object.entries(presentations).map(([id, list]) => [
    id,
    list.map((p) => ({ credential_format: 'dc+sd-jwt' as const, vct: p.vct, claims: p.claims as Record<string, never>, cryptographic_holder_binding: true })),
  ]))
  try {
    return DcqlPresentationResult.fromDcqlPresentation(record, { dcqlQuery: query }).can_be_satisfied
  } catch {
    return false
  }
}
