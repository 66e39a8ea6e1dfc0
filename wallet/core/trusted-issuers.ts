// The wallet's issuer trust list: an offer from a credential issuer not on it is refused before any request to it.
import { EidError } from '../../shared/errors/index.ts'

const normalise = (id: string): string => id.replace(/\/+$/, '')

/**
 * Throws `issuer_untrusted` unless `issuer` (the offer's `credential_issuer`) is one of `trusted` (credential issuer
 * identifiers, compared exactly but for a trailing slash). Called before the wallet fetches anything from the issuer,
 * so an untrusted issuer receives no request and never the `tx_code`.
 */
export function checkIssuerTrusted(issuer: string, trusted: readonly string[]): void {
  if (trusted.length === 0) throw new EidError('issuer_untrusted', 'no trusted credential issuers are configured (WALLET_TRUSTED_ISSUERS)')
  if (!trusted.some((t) => normalise(t) === normalise(issuer))) {
    throw new EidError('issuer_untrusted', 'the offer comes from a credential issuer this wallet does not trust (WALLET_TRUSTED_ISSUERS); nothing was sent to it')
  }
}
