// Status of held credentials: shared/status-check (the verifier's check, same rules and codes), shown as a word.
import { isEidError } from '../../shared/errors/index.ts'
import { createStatusChecker } from '../../shared/status-check/index.ts'
import type { WalletContext } from './context.ts'
import { walletFetcher } from './fetch-limited.ts'
import type { IssuerKeyResolver } from './issuer-keys.ts'

export type CredentialStatus = 'valid' | 'revoked' | 'suspended' | 'unknown' | 'none'

/** Looks up statuses; each status list is fetched and verified once and cached by its ttl. */
export interface StatusLookup {
  /** The check itself: resolves when VALID, else throws the verifier's codes (shared/status-check). */
  check(issuer: string, statusClaim: unknown): Promise<void>
  statusOf(issuer: string, statusClaim: unknown): Promise<CredentialStatus>
}

/**
 * Creates a lookup. A credential without a `status` claim is 'none'. Any failure of the check
 * (list unreachable or invalid, URI off the issuer's path, untrusted key) gives 'unknown' rather than
 * an error, so `list` still works offline; the check itself is the verifier's.
 */
export function createStatusLookup(ctx: Pick<WalletContext, 'now' | 'policy' | 'limits'>, issuerKeys: IssuerKeyResolver): StatusLookup {
  const checker = createStatusChecker({
    now: ctx.now,
    fetch: walletFetcher(ctx.policy, ctx.limits),
    resolveIssuerKey: (issuer, header) => issuerKeys.forIssuer(issuer, header),
  })
  return {
    check: (issuer, statusClaim) => checker.check({ issuer, status: statusClaim }),
    async statusOf(issuer, statusClaim) {
      if (statusClaim === undefined) return 'none'
      try {
        await checker.check({ issuer, status: statusClaim })
        return 'valid'
      } catch (err) {
        if (!isEidError(err)) throw err
        if (err.code === 'credential_revoked') return 'revoked'
        if (err.code === 'credential_suspended') return 'suspended'
        return 'unknown'
      }
    },
  }
}
