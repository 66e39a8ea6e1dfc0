// The consent question put to the person before anything leaves the wallet: who asks, why, and exactly what.
import type { ClaimsPath } from './state.ts'
import { pseudonymConsentText } from './bbs/consent-text.ts'
import { terminalSafe, terminalValue } from './terminal-text.ts'

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

/**
 * Renders a consent request as plain text for a terminal (values included: the reader is the owner). Every string
 * from the service or issuer is passed through `terminalSafe` (escapes made visible, long text cut).
 */
export function describeConsent(req: ConsentRequest): string {
  const name = terminalSafe(req.serviceName)
  const lines = [
    `${name} asks for your data.`,
    `  Purpose:   ${terminalSafe(req.purpose, 512)}`,
    `  Service:   ${terminalSafe(req.clientId)}`,
    `  Answer to: ${terminalSafe(req.responseOrigin)}`,
    `  Registered by the authority to ask for: ${req.registeredClaims.map(formatPathForTerminal).join(', ') || 'nothing'} (this request stays within it)`,
    '  It would receive exactly:',
  ]
  for (const c of req.credentials) {
    if (c.claims.length === 0) lines.push(`    - proof that you hold a credential of type ${terminalSafe(c.vct)} (no claims)`)
    for (const claim of c.claims) lines.push(`    - ${formatPathForTerminal(claim.path)}: ${terminalValue(claim.value)}`)
    if (c.pseudonym) lines.push(`    - ${pseudonymConsentText(name)}`)
  }
  return lines.join('\n')
}

/** `['address', 'region']` → `address.region`; `null` → `*`. */
export function formatPath(path: ClaimsPath): string {
  return path.map((p) => (p === null ? '*' : String(p))).join('.')
}

/** `formatPath` for a terminal: the path's names come from a service or issuer. */
export function formatPathForTerminal(path: ClaimsPath): string {
  return terminalSafe(formatPath(path))
}
