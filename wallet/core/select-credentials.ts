// Evaluates a DCQL query (OpenID4VP 1.0 §6) against held credentials with the `dcql` package and picks,
// per credential query, a credential not yet shown to another service.
import { DcqlQuery } from 'dcql'
import type { ParsedDcqlQuery } from '../../shared/oid4vp/index.ts'
import type { DcqlSdJwtVcCredential } from 'dcql'
import { EidError } from '../../shared/errors/index.ts'
import { fullClaims, valueAt } from './claims-view.ts'
import type { ClaimsPath, StoredCredential } from './state.ts'

export interface Selection {
  credentialQueryId: string
  credential: StoredCredential
  /** Exactly the claims to disclose (the chosen claim set of the query; empty when the query names none). */
  paths: ClaimsPath[]
  /** The values at those paths, for the consent screen. */
  values: unknown[]
}

/** A credential may go to `clientId` if it was never shown, or shown only to that same service. */
function usableFor(cred: StoredCredential, clientId: string): boolean {
  return cred.shownTo.every((s) => s.clientId === clientId)
}

/**
 * Chooses one credential per needed credential query. Preference: already shown to this same
 * service (no new linkability), then a fresh one; never one shown to another service
 * (`no_unlinkable_credential`). Expired credentials are not offered. No match: `no_matching_credential`.
 */
export function selectCredentials(query: ParsedDcqlQuery, held: readonly StoredCredential[], clientId: string, now: number): Selection[] {
  const candidates = held.filter((c) => c.expiresAt === undefined || c.expiresAt > now)
  const claims = candidates.map((c) => fullClaims(c.sdJwt))
  const result = DcqlQuery.query(
    query,
    candidates.map((c, i) => ({ credential_format: 'dc+sd-jwt' as const, vct: c.vct, claims: (claims[i] ?? {}) as DcqlSdJwtVcCredential['claims'], cryptographic_holder_binding: true })),
  )
  const choose = (queryId: string): Selection | EidError => {
    const match = result.credential_matches[queryId]
    const cq = query.credentials.find((c) => c.id === queryId)
    if (match === undefined || !match.success || cq === undefined) {
      return new EidError('no_matching_credential', `no held credential satisfies credential query ${queryId}`)
    }
    const options = match.valid_credentials.map((v) => ({ v, cred: candidates[v.input_credential_index] })).filter((o) => o.cred !== undefined)
    const sameService = options.find((o) => o.cred?.shownTo.some((s) => s.clientId === clientId) && usableFor(o.cred, clientId))
    const fresh = options.find((o) => o.cred?.shownTo.length === 0)
    const pick = sameService ?? fresh
    if (pick === undefined || pick.cred === undefined) {
      return new EidError('no_unlinkable_credential', `every matching credential was already shown to another service (query ${queryId}); accept a new batch`)
    }
    const claimIndexes = pick.v.claims.success ? (pick.v.claims.valid_claim_sets[0]?.valid_claim_indexes ?? []) : []
    const paths = claimIndexes.map((i) => (cq.claims?.[i] as { path?: ClaimsPath } | undefined)?.path).filter((p): p is ClaimsPath => Array.isArray(p))
    const own = claims[pick.v.input_credential_index] ?? {}
    return { credentialQueryId: queryId, credential: pick.cred, paths, values: paths.map((p) => valueAt(own, p)) }
  }
  const needed = neededQueryIds(query, (id) => !(choose(id) instanceof EidError))
  const selections = needed.map(choose)
  const failed = selections.find((s): s is EidError => s instanceof EidError)
  if (failed) throw failed
  return selections as Selection[]
}

/**
 * The credential query ids to answer: all of them without `credential_sets`; otherwise, for each
 * required set, its first option fully satisfiable (or its first option, to report what is missing).
 * Optional sets are skipped: the wallet discloses the minimum.
 */
function neededQueryIds(query: ParsedDcqlQuery, satisfiable: (id: string) => boolean): string[] {
  if (query.credential_sets === undefined) return query.credentials.map((c) => c.id)
  const ids = new Set<string>()
  for (const set of query.credential_sets) {
    if (set.required === false) continue
    const option = set.options.find((o) => o.every(satisfiable)) ?? set.options[0] ?? []
    for (const id of option) ids.add(id)
  }
  return [...ids]
}
