// The wallet's issuer trust list (WALLET_TRUSTED_ISSUERS): issuer identifiers, and root certificates under which an
// issuer is trusted when its credential-signing certificate names it. An offer from an issuer trusted by neither is
// refused before any request beyond its key metadata, so it never receives a token request or the `tx_code`.
import { EidError } from '../../shared/errors/index.ts'
import { certifiedIssuerKeys, fetchIssuerJwks } from '../../shared/trust/index.ts'
import type { TrustedIssuer } from '../../shared/trust/index.ts'
import type { WalletContext } from './context.ts'
import { walletFetcher } from './fetch-limited.ts'
import { readCertificates } from './root-certificates.ts'

const normalise = (id: string): string => id.replace(/\/+$/, '')

/**
 * The trust entry for `issuer` (the offer's `credential_issuer`), or `issuer_untrusted`:
 * - named in `ctx.trustedIssuers` (compared exactly but for a trailing slash): trusted, no request made;
 * - else, with root certificates configured (`ctx.trustedIssuerRoots`): its JWT VC issuer metadata is fetched (the
 *   only request an untrusted issuer receives) and it is trusted when at least one published key carries an `x5c`
 *   chaining to one of the roots whose leaf names the issuer (shared/trust `certifiedIssuerKeys`). Its credentials
 *   must then verify with one of those keys, or with an `x5c` to the same roots naming it.
 */
export async function issuerTrust(ctx: Pick<WalletContext, 'trustedIssuers' | 'trustedIssuerRoots' | 'now' | 'policy' | 'limits'>, issuer: string): Promise<TrustedIssuer> {
  if (ctx.trustedIssuers.length === 0 && ctx.trustedIssuerRoots.length === 0) {
    throw new EidError('issuer_untrusted', 'no trusted credential issuers are configured (WALLET_TRUSTED_ISSUERS)')
  }
  if (ctx.trustedIssuers.some((t) => normalise(t) === normalise(issuer))) return { issuer }
  if (ctx.trustedIssuerRoots.length === 0) {
    throw new EidError('issuer_untrusted', 'the offer comes from a credential issuer this wallet does not trust (WALLET_TRUSTED_ISSUERS); nothing was sent to it')
  }
  const roots = (await Promise.all(ctx.trustedIssuerRoots.map((s) => readCertificates(s, 'trusted issuer root certificate')))).flat()
  const published = await fetchIssuerJwks(issuer, walletFetcher(ctx.policy, ctx.limits))
  try {
    const keys = await certifiedIssuerKeys(issuer, published, roots, new Date(ctx.now() * 1000))
    return { issuer, jwks: { keys }, rootCertificates: roots, requireIssuerName: true }
  } catch (err) {
    throw new EidError('issuer_untrusted', 'the offer comes from a credential issuer neither named in WALLET_TRUSTED_ISSUERS nor certified under its root certificates; no token was requested and the tx_code was not sent', { cause: err })
  }
}
