// DCQL satisfaction (OpenID4VP 1.0 §6.4) of verified SD-JWT VC presentations for the common query shape, decided
// directly instead of through the `dcql` package, which builds its valibot parsers anew on every call.

import type { ParsedDcqlQuery } from './dcql-query.ts'

/** A presentation after SD-JWT verification, as DCQL sees it (dcql-result.ts and shared/oid4vp export it). */
export interface VerifiedPresentationView {
  vct: string
  claims: Record<string, unknown>
}

type CredentialQuery = ParsedDcqlQuery['credentials'][number]

/**
 * True when `query` has the shape decided here: `dc+sd-jwt` credential queries without `claim_sets`,
 * `trusted_authorities` or `multiple`, every claims path made of names only (no index, no `null`), none of them a
 * property of every object (`toString`, `constructor`, ...: the package refuses an object or array under such a name,
 * a fast-check counterexample). Credential sets are allowed. Any other query is left to the `dcql` package.
 */
export function isSimpleDcqlQuery(query: ParsedDcqlQuery): boolean {
  return query.credentials.every((c) => c.format === 'dc+sd-jwt' && c.claim_sets === undefined && c.trusted_authorities === undefined &&
    c.multiple !== true && (c.claims ?? []).every((q) => 'path' in q && q.path.every((p) => typeof p === 'string' && !(p in Object.prototype))))
}

/**
 * The value a names-only claims path selects the way the `dcql` package reads it (valibot `object` at each step:
 * any object, arrays included, and a name found with `in`), or undefined when the path selects nothing.
 */
function selectByNames(claims: unknown, path: readonly string[]): unknown {
  let current = claims
  for (const name of path) {
    if (!current || typeof current !== 'object' || !(name in current)) return undefined
    current = (current as Record<string, unknown>)[name]
  }
  return current
}

/** One presentation against one credential query: format and vct (meta), then every claim (defined, one of `values`). */
function matches(cq: CredentialQuery, p: VerifiedPresentationView): boolean {
  const vctValues = (cq.meta as { vct_values?: string[] } | undefined)?.vct_values
  if (vctValues !== undefined ? !vctValues.includes(p.vct) : typeof p.vct !== 'string') return false
  for (const q of cq.claims ?? []) {
    const value = selectByNames(p.claims, (q as { path: string[] }).path)
    const values = (q as { values?: unknown[] }).values
    if (values !== undefined ? !values.some((v) => v === value) : value === null || value === undefined) return false
  }
  return true
}

/**
 * `can_be_satisfied` of the `dcql` package's DcqlPresentationResult.fromDcqlPresentation for a query for which
 * isSimpleDcqlQuery holds, each presentation holder-bound (KB-JWT verified): every presented credential query matched
 * by all its presentations, and then every required credential set has an option whose credential queries all
 * matched, or without sets every credential query matched. `presentations` names only credential queries of `query`
 * (checkDcqlSatisfied checks that first).
 */
export function simpleDcqlSatisfied(query: ParsedDcqlQuery, presentations: Readonly<Record<string, readonly VerifiedPresentationView[]>>): boolean {
  const matched = new Set<string>()
  for (const cq of query.credentials) {
    if (!Object.hasOwn(presentations, cq.id)) continue
    const list = presentations[cq.id] as readonly VerifiedPresentationView[]
    if (list.length === 0 || !list.every((p) => matches(cq, p))) return false
    matched.add(cq.id)
  }
  if (query.credential_sets === undefined) return query.credentials.every((c) => matched.has(c.id))
  return query.credential_sets.every((set) => !set.required || set.options.some((option) => option.every((id) => matched.has(id))))
}
