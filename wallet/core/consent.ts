// The consent question put to the person before anything leaves the wallet: who asks, why, and exactly what.
import type { ClaimsPath } from './state.ts'
import { pseudonymConsentText } from './bbs/consent-text.ts'

export interface ConsentRequest {
  /** Service display name from its registration certificate (registrar-verified). */
  serviceName: string
  /** Purpose from the registration certificate. */
  purpose: string
  clientId: string
  /** Origin the answer is posted to. */
  responseOrigin: string
  /** Everything the service is registered to ask for (the query is within it). */
  registeredClaims: ClaimsPath[]
  /** Per credential: exactly the claims to be disclosed, with their values (shown to the owner only). */
  credentials: { credentialQueryId: string; vct: string; issuer: string; claims: { path: ClaimsPath; value: unknown }[]; pseudonym?: boolean }[]
}

/** Decides on a consent request: true to disclose, false to decline (the service is told `access_denied`). */
export type ConsentDecider = (request: ConsentRequest) => boolean | Promise<boolean>

/** Renders a consent request as plain text for a terminal (values included: the reader is the owner). */
export function describeConsent(req: ConsentRequest): string {
  const lines = [
    `${req.serviceName} asks for your data.`,
    `  Purpose:   ${req.purpose}`,
    `  Service:   ${req.clientId}`,
    `  Answer to: ${req.responseOrigin}`,
    `  Registered by the authority to ask for: ${req.registeredClaims.map(formatPath).join(', ') || 'nothing'} (this request stays within it)`,
    '  It would receive exactly:',
  ]
  for (const c of req.credentials) {
    if (c.claims.length === 0) lines.push(`    - proof that you hold a credential of type ${c.vct} (no claims)`)
    for (const claim of c.claims) lines.push(`    - ${formatPath(claim.path)}: ${JSON.stringify(claim.value)}`)
    if (c.pseudonym) lines.push(`    - ${pseudonymConsentText(req.serviceName)}`)
  }
  return lines.join('\n')
}

/** `['address', 'region']` → `address.region`; `null` → `*`. */
export function formatPath(path: ClaimsPath): string {
  return path.map((p) => (p === null ? '*' : String(p))).join('.')
}
