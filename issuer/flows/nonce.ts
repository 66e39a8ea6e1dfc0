// Nonce endpoint: a fresh single-use c_nonce with a short lifetime (OpenID4VCI 1.0 §7), stateless: the issuer's MAC
// over its expiry (shared/oid4vci c-nonce.ts). Its single use is recorded when it is spent, in the issuance transaction.
import { checkCNonce, createCNonce } from '../../shared/oid4vci/index.ts'
import type { NonceResponse } from '../../shared/oid4vci/index.ts'
import type { IssuerDeps } from '../deps.ts'
import { secretHash } from './secrets.ts'

/** Makes a c_nonce valid for `nonceTtlSeconds`; nothing is written. */
export function createNonce(deps: IssuerDeps): NonceResponse {
  return { c_nonce: createCNonce(deps.nonceKey, deps.now() + deps.config.nonceTtlSeconds) }
}

/**
 * The c_nonce of a credential request, checked (made by this issuer, not expired: else `nonce_invalid`) and ready to
 * be spent by `IssuerStore.issueBatch`, which refuses it (`nonce_invalid`) when it was spent before.
 */
export function nonceToSpend(deps: IssuerDeps, nonce: string, now: number): { nonceHash: string; nonceExpiresAt: number } {
  const { expiresAt } = checkCNonce(deps.nonceKey, nonce, now)
  return { nonceHash: secretHash(nonce), nonceExpiresAt: expiresAt }
}
