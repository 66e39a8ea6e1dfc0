// Top-up of SD-JWT batches through the issuer's refresh grant (RFC 6749 §6; docs/protocol/issuance.md §3a): run on the
// wallet's own random schedule or by `wallet top-up`, never by or at a presentation (docs/protocol/wallet.md "Top-up").
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { EidError } from '../../shared/errors/index.ts'
import { generateSigningKey } from '../../shared/keys/index.ts'
import { buildRefreshTokenRequestBody, createProofJwt, describeErrorResponse, parseTokenResponse } from '../../shared/oid4vci/index.ts'
import { requestCredentials, requestNonce, verifyAndBind } from './accept.ts'
import type { WalletContext } from './context.ts'
import { fetchLimited, parseJsonBody } from './fetch-limited.ts'
import { walletIssuerKeys } from './issuer-keys.ts'
import { pruneSpentCopies } from './prune.ts'
import type { SdJwtRefresh } from './state.ts'
import { keepRefreshToken, unusedCopies } from './top-up-state.ts'

export interface TopUpOptions {
  /** Top up an issuer's batch when fewer unused copies than this remain (default 3). */
  threshold?: number
  /** Also renew a refresh token expiring within this many seconds, even with enough copies (default 14 days). */
  renewWithinSeconds?: number
  /** Top up every batch whatever its count (`wallet top-up --force`). */
  force?: boolean
}

/** One topped-up batch. */
export interface TopUpResult {
  issuer: string
  credentialConfigurationId: string
  /** Credentials added. */
  count: number
  /** Unused copies before the top-up. */
  unusedBefore: number
}

const HOLDER_ALG = 'ES256'

/**
 * For each issuer whose refresh token the wallet holds: when fewer than `threshold` unused copies remain (or the
 * refresh token expires within `renewWithinSeconds`, or `force`), exchanges the refresh token (its successor is stored
 * before anything else is asked), then requests a new batch with fresh holder keys, verified and bound as at accept.
 * Refusals: `refresh_token_invalid` (spent, expired or revoked: accept a new offer), `refresh_denied` (the person's
 * credentials are revoked or suspended), `issuance_failed`.
 */
export async function topUpSdJwt(ctx: WalletContext, opts: TopUpOptions = {}): Promise<TopUpResult[]> {
  await ctx.store.refresh()
  const threshold = opts.threshold ?? 3
  const renewWithin = opts.renewWithinSeconds ?? 14 * 86400
  const results: TopUpResult[] = []
  for (const refresh of ctx.store.read().sdJwtRefresh ?? []) {
    const now = ctx.now()
    const unusedBefore = unusedCopies(ctx.store.read().credentials, refresh, now)
    const due = opts.force === true || unusedBefore < threshold || (refresh.expiresAt !== undefined && refresh.expiresAt - now < renewWithin)
    if (!due) continue
    const count = await topUpOne(ctx, refresh)
    results.push({ issuer: refresh.issuer, credentialConfigurationId: refresh.credentialConfigurationId, count, unusedBefore })
  }
  return results
}

async function topUpOne(ctx: WalletContext, refresh: SdJwtRefresh): Promise<number> {
  const { issuer } = refresh
  const token = await exchangeRefreshToken(ctx, refresh)
  // The old token is spent: keep its successor before anything else can fail.
  await ctx.store.update((state) => {
    keepRefreshToken(state, {
      ...refresh,
      token: token.refreshToken ?? refresh.token,
      ...(token.refreshTokenExpiresIn !== undefined ? { expiresAt: ctx.now() + token.refreshTokenExpiresIn } : {}),
    })
  })
  const nonce = refresh.nonceEndpoint === undefined ? undefined : await requestNonce(ctx, issuer, refresh.nonceEndpoint)
  const keys = await Promise.all(Array.from({ length: refresh.batchSize }, () => generateSigningKey(HOLDER_ALG)))
  const iat = ctx.now()
  const proofJwts = await Promise.all(keys.map((key) => createProofJwt({ key, audience: issuer, iat, ...(nonce === undefined ? {} : { nonce }) })))
  const credentials = await requestCredentials(ctx, issuer, refresh.credentialEndpoint, token.accessToken, refresh.credentialConfigurationId, proofJwts, refresh.batchSize)
  const stored = await verifyAndBind(ctx, {
    credentials,
    keys,
    issuer,
    vct: refresh.vct,
    resolveKey: walletIssuerKeys(ctx, [issuer]),
    batchId: randomUUID(),
    configId: refresh.credentialConfigurationId,
  })
  await ctx.store.update((state) => {
    state.credentials.push(...stored)
    pruneSpentCopies(state, ctx.sdJwtPolicy, ctx.now())
  })
  return stored.length
}

const issuerCode = z.object({ code: z.enum(['refresh_token_invalid', 'refresh_denied']) })

async function exchangeRefreshToken(ctx: WalletContext, refresh: SdJwtRefresh): Promise<ReturnType<typeof parseTokenResponse>> {
  const res = await fetchLimited(refresh.tokenEndpoint, 'token endpoint', ctx.policy, ctx.limits, {
    method: 'POST',
    sameOriginAs: refresh.issuer,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: buildRefreshTokenRequestBody(refresh.token).toString(),
  })
  const json = parseJsonBody(res, 'token endpoint', 'issuance_failed')
  if (res.status !== 200) {
    const known = issuerCode.safeParse(json)
    if (known.success) throw new EidError(known.data.code, `refresh refused: ${describeErrorResponse(res.status, json)}`)
    throw new EidError('issuance_failed', `refresh refused: ${describeErrorResponse(res.status, json)}`)
  }
  return parseTokenResponse(json)
}
