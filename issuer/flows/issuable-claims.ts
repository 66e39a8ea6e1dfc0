// Which claims paths this issuer's credential types carry (its Credential Issuer Metadata, OpenID4VCI 1.0 Appendix B.2):
// the registrar registers no service for a claim no configured credential type has.
import { EidError } from '../../shared/errors/index.ts'
import { claimsPathStructureProblem } from '../../shared/registration/index.ts'
import type { ClaimsPath, RegisteredCredentialFormat } from '../../shared/registration/index.ts'
import type { IssuerDeps } from '../deps.ts'
import { issuerMetadata } from './metadata.ts'

/** Every claims path the credential configurations name in `credential_metadata.claims`. */
export function issuableClaimPaths(deps: IssuerDeps): ClaimsPath[] {
  return Object.values(issuerMetadata(deps).credential_configurations_supported)
    .flatMap((c) => (c.credential_metadata?.claims ?? []).map((m) => m.path as ClaimsPath))
}

/**
 * Throws `claims_path_invalid` for a path stepping into an array (`null` or an index) where the credential types have
 * none (e.g. `["address", null]`: the address is an object), then `claim_not_issued` unless every path is one a
 * configured credential type carries (e.g. `age_over_25` is refused: the issuer derives 14, 16, 18, 21, 60 and 65
 * only). The path is never quoted.
 */
export function checkClaimsIssuable(deps: IssuerDeps, paths: readonly ClaimsPath[]): void {
  const issuable = issuableClaimPaths(deps)
  for (const p of paths) {
    const problem = claimsPathStructureProblem(p, issuable)
    if (problem !== undefined) throw new EidError('claims_path_invalid', `allowed_claims: ${problem}`)
  }
  const known = new Set(issuable.map((p) => JSON.stringify(p)))
  if (paths.some((p) => !known.has(JSON.stringify(p)))) {
    throw new EidError('claim_not_issued', 'allowed_claims names a claim no credential type of this issuer carries')
  }
}

/** The formats (and SD-JWT VC types) of the credential configurations: the `credentials` entries of a registration certificate. */
export function registeredCredentialFormats(deps: IssuerDeps): RegisteredCredentialFormat[] {
  const seen = new Map<string, RegisteredCredentialFormat>()
  for (const c of Object.values(issuerMetadata(deps).credential_configurations_supported) as { format: string; vct?: string }[]) {
    const entry = seen.get(c.format) ?? { format: c.format }
    if (typeof c.vct === 'string') entry.vctValues = [...new Set([...(entry.vctValues ?? []), c.vct])]
    seen.set(c.format, entry)
  }
  return [...seen.values()]
}
