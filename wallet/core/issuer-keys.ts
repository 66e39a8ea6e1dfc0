// The wallet's issuer keys: shared/trust's resolver (the verifier's too) over the wallet's bounded fetch.
import { createIssuerKeyResolver } from '../../shared/trust/index.ts'
import type { IssuerKeyResolver, TrustedIssuer } from '../../shared/trust/index.ts'
import type { WalletContext } from './context.ts'
import { walletFetcher } from './fetch-limited.ts'

export type { IssuerKeyResolver }

/** How long fetched issuer keys are reused by one resolver, seconds. */
const KEY_CACHE_SECONDS = 300

/**
 * A resolver trusting `issuers` (the issuers whose offers the person accepted, or the entry `issuerTrust` made for
 * an offer): keys by `kid` from each issuer's `/.well-known/jwt-vc-issuer` (or the entry's certified keys, or an
 * `x5c` to its roots), with the same codes as the verifier (`issuer_untrusted`, `issuer_key_unknown`,
 * `issuer_metadata_invalid`, `upstream_fetch_failed`, `url_not_allowed`).
 */
export function walletIssuerKeys(ctx: Pick<WalletContext, 'now' | 'policy' | 'limits'>, issuers: readonly (string | TrustedIssuer)[]): IssuerKeyResolver {
  const entries = issuers.map((i) => (typeof i === 'string' ? { issuer: i } : i))
  return createIssuerKeyResolver({
    trustedIssuers: entries.filter((e, i) => entries.findIndex((x) => x.issuer === e.issuer) === i),
    now: ctx.now,
    fetch: walletFetcher(ctx.policy, ctx.limits),
    cacheSeconds: KEY_CACHE_SECONDS,
  })
}
