// The wallet's issuer keys: shared/trust's resolver (the verifier's too) over the wallet's bounded fetch.
import { createIssuerKeyResolver } from '../../shared/trust/index.ts'
import type { IssuerKeyResolver } from '../../shared/trust/index.ts'
import type { WalletContext } from './context.ts'
import { walletFetcher } from './fetch-limited.ts'

export type { IssuerKeyResolver }

/** How long fetched issuer keys are reused by one resolver, seconds. */
const KEY_CACHE_SECONDS = 300

/**
 * A resolver trusting `issuers` (the issuers whose offers the person accepted): keys by `kid` from each
 * issuer's `/.well-known/jwt-vc-issuer`, with the same codes as the verifier (`issuer_untrusted`,
 * `issuer_key_unknown`, `issuer_metadata_invalid`, `upstream_fetch_failed`, `url_not_allowed`).
 */
export function walletIssuerKeys(ctx: Pick<WalletContext, 'now' | 'policy' | 'limits'>, issuers: readonly string[]): IssuerKeyResolver {
  return createIssuerKeyResolver({
    trustedIssuers: [...new Set(issuers)].map((issuer) => ({ issuer })),
    now: ctx.now,
    fetch: walletFetcher(ctx.policy, ctx.limits),
    cacheSeconds: KEY_CACHE_SECONDS,
  })
}
