// What a stored BBS credential says, for the person's own listing: its claims decoded from the issued JWP.
import { jptClaimsFromPayloads, parseIssuedJwp } from '../../../shared/jwp/index.ts'
import type { StoredBbsCredential } from './state.ts'

/** Validity metadata carried as JPT claims; listings show it as issuer and expiry, not as personal data. */
const METADATA = new Set(['iss', 'iat', 'exp', 'nbf', 'vct'])

/** The personal claims of a held BBS credential (all of them: the reader is its owner), `null` slots left out. */
export function bbsCredentialClaims(cred: StoredBbsCredential): Record<string, unknown> {
  const jwp = parseIssuedJwp(cred.jpt)
  const names = jwp.issuerHeader.claims ?? []
  const claims = jptClaimsFromPayloads(names, jwp.payloads)
  return Object.fromEntries(Object.entries(claims).filter(([k, v]) => v !== null && !METADATA.has(k)))
}
