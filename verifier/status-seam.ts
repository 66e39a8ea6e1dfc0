// The seam to verifier/status (STATUS helper's createStatusChecker): the default revocation check wired into the verifier.
import type { StatusChecker } from './config.ts'
import type { IssuerKeyResolver } from './trust/issuer-keys.ts'

/**
 * The default status checker: verifier/status's createStatusChecker, resolving status list token keys
 * through the same trust list as credentials. Returns undefined while verifier/status is not available.
 */
export function defaultStatusChecker(_opts: { now: () => number; issuerKeys: IssuerKeyResolver; fetchTimeoutMs: number; maxBytes: number }): StatusChecker | undefined {
  return undefined
}
