// Evaluates a DCQL query (OpenID4VP 1.0 §6) against held credentials with the `dcql` package and picks, per credential
// query, a copy the wallet's SD-JWT policy allows: never shown (once-only, the default), or shown only to this service.
import { DcqlQuery } from 'dcql'
import type { ParsedDcqlQuery } from '../../shared/oid4vp/index.ts'
import type { DcqlSdJwtVcCredential } from 'dcql'
import { EidError } from '../../shared/errors/index.ts'
import { checkPathsFitHeld } from './claims-path-fit.ts'
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

/**
 * Which copy of an SD-JWT batch may be presented (docs/protocol/wallet.md, "SD-JWT policy"):
 * - `once-only` (default): a copy is presented once, to one presentation, then never again. Each visit, even to the
 *   same service, gets another issuer signature, holder key and salts, so a service recognises a returning person
 *   only by a pseudonym the person saw in the consent screen.
 * - `per-service`: a copy is kept for one service and presented to it again (that service can link the visits).
 */
export type SdJwtPolicy = 'once-only' | 'per-service'

export const SD_JWT_POLICIES: readonly SdJwtPolicy[] = ['once-only', 'per-service']

/** Whether `cred` may be presented to `clientId` under `policy`: never shown, or (per-service) shown only to that service; never a pruned copy. */
export function usableFor(cred: StoredCredential, clientId: string, policy: SdJwtPolicy): boolean {
  if (cred.holderKey === undefined) return false
  return policy === 'once-only' ? cred.shownTo.length === 0 : cred.shownTo.every((s) => s.clientId === clientId)
}

/**
 * Chooses one credential per needed credential query. Under `once-only` only a copy never shown is taken; under
 * `per-service` one already shown to this same service is preferred, then a fresh one. A copy shown elsewhere is
 * never taken (`no_unlinkable_credential`). Expired credentials are not offered. No match: `no_matching_credential`; a
 * claims path stepping wrongly into a held credential (`null` on an object…): `claims_path_invalid`.
 */
export function selectCredentials(query: ParsedDcqlQuery, held: readonly StoredCredential[], clientId: string, now: number, policy: SdJwtPolicy = 'once-only'): Selection[] {
  const candidates = held.filter((c) => c.expiresAt === undefined || c.expiresAt > now)
  const claims = candidates.map((c) => fullClaims(c.sdJwt))
  checkPathsFitHeld(query, candidates.map((c, i) => ({ vct: c.vct, claims: claims[i] ?? {} })))
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
    const sameService = policy === 'per-service' ? options.find((o) => o.cred !== undefined && o.cred.shownTo.length > 0 && usableFor(o.cred, clientId, policy)) : undefined
    const fresh = options.find((o) => o.cred !== undefined && o.cred.shownTo.length === 0 && usableFor(o.cred, clientId, policy))
    const pick = sameService ?? fresh
    if (pick === undefined || pick.cred === undefined) {
      const spent = policy === 'once-only' ? 'already presented once' : 'already shown to another service'
      return new EidError('no_unlinkable_credential', `every matching credential was ${spent} (query ${queryId}); wait for the background top-up or run wallet top-up`)
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
