// The verifier's use of shared/trust and shared/status-check: its trust list, its fetch bounds, one key resolver for both.
import { createBoundedFetcher } from '../../shared/http-fetch/index.ts'
import { createStatusChecker } from '../../shared/status-check/index.ts'
import type { StatusChecker } from '../../shared/status-check/index.ts'
import { createIssuerKeyResolver } from '../../shared/trust/index.ts'
import type { IssuerKeyResolver } from '../../shared/trust/index.ts'
import type { ResolvedVerifierConfig } from '../config.ts'

/** Largest status list token fetched, bytes (lists are larger than metadata documents). */
const STATUS_LIST_MAX_BYTES = 2 * 1024 * 1024

type TrustConfig = Pick<ResolvedVerifierConfig, 'trustedIssuers' | 'now' | 'fetchTimeoutMs' | 'maxFetchBytes' | 'jwksCacheSeconds'>

/** Issuer keys of the configured trust list: x5c to an issuer's roots, else JWKS by kid from its metadata. */
export function createVerifierIssuerKeys(c: TrustConfig): IssuerKeyResolver {
  return createIssuerKeyResolver({
    trustedIssuers: c.trustedIssuers,
    now: c.now,
    fetch: createBoundedFetcher({ timeoutMs: c.fetchTimeoutMs, maxBytes: c.maxFetchBytes }),
    cacheSeconds: c.jwksCacheSeconds,
  })
}

/** The revocation check: status list token keys come through the same trust list as credentials. */
export function createVerifierStatusChecker(c: Pick<TrustConfig, 'now' | 'fetchTimeoutMs'> & { statusListBaseUrls?: readonly string[] }, issuerKeys: IssuerKeyResolver): StatusChecker {
  return createStatusChecker({
    now: c.now,
    ...(c.statusListBaseUrls ? { statusListBaseUrls: c.statusListBaseUrls } : {}),
    fetch: createBoundedFetcher({ timeoutMs: c.fetchTimeoutMs, maxBytes: STATUS_LIST_MAX_BYTES }),
    resolveIssuerKey: (issuer, header) => issuerKeys.forIssuer(issuer, header),
  })
}
