// The seam to verifier/status (createStatusChecker): the default revocation check wired into the verifier.
import type { StatusChecker } from './config.ts'
import { createStatusChecker } from './status/index.ts'
import type { IssuerKeyResolver } from './trust/issuer-keys.ts'

/**
 * The default status checker: verifier/status's createStatusChecker, resolving status list token keys
 * through the same trust list as credentials (JWKS by kid, or x5c to the issuer's configured roots).
 */
export function defaultStatusChecker(opts: { now: () => number; issuerKeys: IssuerKeyResolver; fetchTimeoutMs: number }): StatusChecker {
  return createStatusChecker({
    now: opts.now,
    fetchTimeoutMs: opts.fetchTimeoutMs,
    resolveIssuerKey: (issuer, header) => opts.issuerKeys.forIssuer(issuer, header as Record<string, unknown>),
  })
}
