// The dc+sd-jwt row of the verifier's format table: SD-JWT VC presentations (OpenID4VP 1.0 §8.6, RFC 9901 §7),
// every check in the order below, a code each.
import { derivedPerFrozen } from '../../shared/cache/index.ts'
import { EidError } from '../../shared/errors/index.ts'
import {
  PRESET_NAMES, SD_JWT_VC_FORMAT, SD_JWT_VC_VP_FORMAT, checkClaimValues, checkDcqlSatisfied, checkNoOverDisclosure, checkRequiredClaims,
  parseDcqlQuery, presetQuery, projectClaims, requestedPathsOf, vctValuesOf,
} from '../../shared/oid4vp/index.ts'
import type { ClaimValuesQuery, ParsedDcqlQuery, VerifiedPresentationView } from '../../shared/oid4vp/index.ts'
import { verifySdJwt } from '../../shared/sdjwt/index.ts'
import type { ClaimsPath } from '../../shared/sdjwt/index.ts'
import type { Session } from '../../shared/store/verifier/index.ts'
import type { VerifierDeps } from '../deps.ts'
import type { VerifierFormat } from './types.ts'

/**
 * For each presentation: SD-JWT VC signature by a trusted issuer key, typ, times, disclosures, KB-JWT
 * (cnf key, sd_hash, aud = client_id, nonce = session nonce, fresh iat) via verifySdJwt; vct within the
 * query's vct_values (vct_mismatch); nothing disclosed beyond the query (over_disclosure); every
 * requested claim present (required_claim_missing); every claim the query restricts with `values` holding
 * one of them (claim_value_mismatch: `age_over_18: false` is never verified); status list (credential_revoked / _suspended /
 * status_*). Then the whole query (dcql_not_satisfied). Returns only the requested
 * claims: flat for a single credential query, keyed by credential query id otherwise.
 */
async function verifySdJwtPresentations(deps: VerifierDeps, session: Session, vpToken: Record<string, string[]>, query: ParsedDcqlQuery): Promise<Record<string, unknown>> {
  const now = deps.now()
  const prepared = preparedQuery(query)
  const views: Record<string, VerifiedPresentationView[]> = {}
  const projected: Record<string, Record<string, unknown>> = {}
  for (const [id, presentations] of Object.entries(vpToken)) {
    const cq = prepared.get(id)
    if (!cq) throw new EidError('vp_token_invalid', 'vp_token names a credential query the request does not have')
    for (const token of presentations) {
      const v = await verifySdJwt(token, {
        now,
        skewSeconds: deps.config.skewSeconds,
        resolveIssuerKey: (header, payload) => deps.issuerKeys.forCredential(header, payload),
        // The wallet takes iat from our request object (issued within the session's lifetime), not its clock.
        keyBinding: { aud: deps.clientId, nonce: session.nonce, maxAgeSeconds: deps.config.sessionTtlSeconds },
      })
      const vct = v.claims.vct as string
      if (cq.vctValues && !cq.vctValues.includes(vct)) throw new EidError('vct_mismatch', 'credential vct is not one the query asked for')
      checkNoOverDisclosure(v.disclosedPaths, cq.requested)
      if (cq.requireAll) checkRequiredClaims(v.claims, cq.requested)
      checkClaimValues(v.claims, cq.claims)
      // Last: the only check that may go to the network (cached by the list's ttl).
      if (deps.status) await deps.status.check({ issuer: v.claims.iss as string, status: v.claims.status })
      ;(views[id] ??= []).push({ vct, claims: v.claims })
      projected[id] = projectClaims(v.claims, cq.requested)
    }
  }
  checkDcqlSatisfied(query, views)
  const only = query.credentials.length === 1 ? query.credentials[0]?.id : undefined
  return only !== undefined ? (projected[only] ?? {}) : projected
}

/** What the checks above read of one credential query, derived from the parsed query. */
interface PreparedCredentialQuery {
  /** requestedPathsOf: every claims path the credential query names. */
  requested: readonly ClaimsPath[]
  vctValues: readonly string[] | undefined
  claims: readonly ClaimValuesQuery[]
  /** Without `claim_sets` every requested claim is required. */
  requireAll: boolean
}

/**
 * The credential queries of `query` by id, each with what the checks read of it: derived once per parsed query (the
 * session queries parsedQueryOf returns are deeply frozen and shared by every session with the same query text), not
 * at every presentation; a query that is not frozen could change, so it is derived again at each call.
 */
const preparedQuery = derivedPerFrozen((query: ParsedDcqlQuery): ReadonlyMap<string, PreparedCredentialQuery> =>
  new Map(query.credentials.map((cq) => [cq.id, {
    requested: requestedPathsOf(query, cq.id),
    vctValues: vctValuesOf(query, cq.id),
    claims: (cq.claims ?? []) as ClaimValuesQuery[],
    requireAll: cq.claim_sets === undefined,
  }])))

/** SD-JWT VC: the `dcql` package's DCQL, the presets of shared/oid4vp, verifySdJwt and the disclosure policy. */
export const sdJwtVcFormat: VerifierFormat = {
  format: SD_JWT_VC_FORMAT,
  vpFormat: SD_JWT_VC_VP_FORMAT,
  presets: Object.fromEntries(PRESET_NAMES.map((name) => [name, (vct: string) => presetQuery(name, vct)])),
  parseQuery: (input) => parseDcqlQuery(input),
  verify: verifySdJwtPresentations,
}
