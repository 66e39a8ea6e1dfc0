// Nonce endpoint: a fresh single-use c_nonce with a short lifetime (OpenID4VCI 1.0 §7).
import type { NonceResponse } from '../../shared/oid4vci/index.ts'
import type { IssuerDeps } from '../deps.ts'
import { randomSecret, secretHash } from './secrets.ts'

/** Creates and stores (hashed) a c_nonce. */
export async function createNonce(deps: IssuerDeps): Promise<NonceResponse> {
  const now = deps.now()
  const nonce = randomSecret()
  await deps.store.issueNonce({ nonceHash: secretHash(nonce), expiresAt: now + deps.config.nonceTtlSeconds, now })
  return { c_nonce: nonce }
}
