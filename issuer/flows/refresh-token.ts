// The refresh grant at the token endpoint (RFC 6749 §6; OpenID4VCI 1.0 §6): a new access token for one more batch of the
// same credential configuration for the same person, and a rotated single-use refresh token (RFC 9700 §4.14.2).
import { randomUUID } from 'node:crypto'
import { EidError } from '../../shared/errors/index.ts'
import { parseRefreshTokenRequest } from '../../shared/oid4vci/index.ts'
import type { TokenResponse } from '../../shared/oid4vci/index.ts'
import type { NewRefreshToken } from '../../shared/store/index.ts'
import type { IssuerDeps } from '../deps.ts'
import { randomSecret, secretHash } from './secrets.ts'

/**
 * A fresh refresh token of a new family for the format the refresh grant renews (none in the table: undefined):
 * `stored` (hashed) for the store, `response` for the Token Response.
 */
export function newRefreshToken(deps: IssuerDeps, now: number): { stored: NewRefreshToken; response: Pick<TokenResponse, 'refresh_token' | 'refresh_token_expires_in'> } | undefined {
  const format = deps.formats.find((f) => f.refresh === true)
  if (format === undefined) return undefined
  const token = randomSecret()
  const ttl = deps.config.refreshTokenTtlSeconds
  return {
    stored: { tokenHash: secretHash(token), familyId: randomUUID(), configurationId: format.id, expiresAt: now + ttl },
    response: { refresh_token: token, refresh_token_expires_in: ttl },
  }
}

/**
 * Exchanges a refresh token. Checks, in order: the request (`invalid_request`), a live refresh token
 * (`refresh_token_invalid`), the person's status (`refresh_denied` when revoked or suspended; the token is not spent,
 * so a reinstated person's wallet can try again), then one transaction spends the token, stores its successor and an
 * access token worth one batch of the token's configuration. A token used before is `refresh_token_invalid` and
 * revokes every token descending from the same pre-authorized code (a thief and the wallet both lose it).
 */
export async function exchangeRefreshToken(deps: IssuerDeps, body: unknown): Promise<TokenResponse> {
  const { refreshToken } = parseRefreshTokenRequest(body)
  const now = deps.now()
  const tokenHash = secretHash(refreshToken)
  const live = await deps.store.findRefreshToken(tokenHash, now)
  if (live) {
    const status = await deps.status.personStatus(live.personId)
    if (status === 'invalid' || status === 'suspended') throw new EidError('refresh_denied', 'the credentials of this person are revoked or suspended')
  }
  const format = deps.formats.find((f) => f.id === live?.configurationId)
  const accessToken = randomSecret()
  const next = randomSecret()
  const ttl = deps.config.accessTokenTtlSeconds
  const refreshTtl = deps.config.refreshTokenTtlSeconds
  // No live token (or its configuration is no longer offered): rotate anyway, so a replay is detected and revokes the family.
  const result = await deps.store.rotateRefreshToken({
    tokenHash,
    now,
    next: { tokenHash: secretHash(next), expiresAt: now + refreshTtl },
    token: { tokenHash: secretHash(accessToken), expiresAt: now + ttl, credentialLimit: format?.credits ?? 0 },
  })
  if (!result.ok || format === undefined || format.id !== result.configurationId) {
    throw new EidError('refresh_token_invalid', 'refresh token is unknown, expired or already used')
  }
  return { access_token: accessToken, token_type: 'Bearer', expires_in: ttl, refresh_token: next, refresh_token_expires_in: refreshTtl }
}
