// Token endpoint of the pre-authorized code flow: tx_code check, attempt limit, single-use code (OpenID4VCI 1.0 §6).
import { EidError } from '../../shared/errors/index.ts'
import { parseTokenRequest } from '../../shared/oid4vci/index.ts'
import type { TokenResponse } from '../../shared/oid4vci/index.ts'
import type { IssuerDeps } from '../deps.ts'
import { newRefreshToken } from './refresh-token.ts'
import { randomSecret, secretHash } from './secrets.ts'

/**
 * Exchanges a pre-authorized code and its tx_code for an access token. Codes: `unsupported_grant_type`,
 * `invalid_request`, `tx_code_required`, `tx_code_invalid` (counted), `offer_locked` (after the limit),
 * `pre_authorized_code_invalid` (unknown, expired or already used). With a refresh token for the format the refresh
 * grant renews (pid_sd_jwt), stored (hashed) in the same transaction as the access token.
 */
export async function exchangePreAuthorizedCode(deps: IssuerDeps, body: unknown): Promise<TokenResponse> {
  const request = parseTokenRequest(body)
  if (request.txCode === undefined) throw new EidError('tx_code_required', 'tx_code is required for this offer')
  const now = deps.now()
  const accessToken = randomSecret()
  const ttl = deps.config.accessTokenTtlSeconds
  const refresh = newRefreshToken(deps, now)
  const result = await deps.store.redeemOffer({
    codeHash: secretHash(request.preAuthorizedCode),
    txCodeHash: secretHash(request.preAuthorizedCode, request.txCode),
    now,
    maxAttempts: deps.config.maxTxCodeAttempts,
    // each offered format's credits: the SD-JWT batch, and one BBS PID when it is offered
    token: { tokenHash: secretHash(accessToken), expiresAt: now + ttl, credentialLimit: deps.formats.reduce((n, f) => n + f.credits, 0) },
    ...(refresh ? { refresh: refresh.stored } : {}),
  })
  if (!result.ok) {
    switch (result.reason) {
      case 'tx_code_invalid':
        throw new EidError('tx_code_invalid', `tx_code is wrong; ${result.attemptsLeft} attempt(s) left`)
      case 'locked':
        throw new EidError('offer_locked', 'too many wrong tx_codes; the offer is invalidated')
      case 'unknown_code':
        throw new EidError('pre_authorized_code_invalid', 'pre-authorized code is unknown, expired or already used')
    }
  }
  return { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, ...(refresh ? refresh.response : {}) }
}
