// OpenID4VCI endpoints: token (form-encoded; pre-authorized code and refresh grants), nonce, credential (JSON, bearer access token). Thin: parse, call, respond.
// Plain-shaped requests are answered earlier by http/fast-routes.ts with the same parsing, limits and flows; these take the rest.
import express, { Router } from 'express'
import type { IssuerDeps } from '../deps.ts'
import { issueCredentials } from '../flows/credential.ts'
import { createNonce } from '../flows/nonce.ts'
import { exchangeRefreshToken } from '../flows/refresh-token.ts'
import { exchangePreAuthorizedCode } from '../flows/token.ts'
import { REFRESH_TOKEN_GRANT, tokenGrantType } from '../../shared/oid4vci/index.ts'
import type { TokenResponse } from '../../shared/oid4vci/index.ts'
import { rateLimit } from '../http/rate-limit.ts'
import type { RateLimiter } from '../http/rate-limit.ts'

/** `parameterLimit` of the token request form. */
export const TOKEN_PARAMETER_LIMIT = 32

/** The token endpoint's answer to a parsed form: the refresh grant or the pre-authorized code grant. */
export function tokenEndpoint(deps: IssuerDeps, body: unknown): Promise<TokenResponse> {
  return tokenGrantType(body) === REFRESH_TOKEN_GRANT ? exchangeRefreshToken(deps, body) : exchangePreAuthorizedCode(deps, body)
}

/** The access token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1), or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer ([A-Za-z0-9_-]{1,256})$/.exec(header ?? '')?.[1]
}

/** `POST /token`, `POST /nonce`, `POST /credential`; `limiter` counts token and nonce requests (shared with the fast path). */
export function oid4vciRouter(deps: IssuerDeps, limiter: RateLimiter): Router {
  const r = Router()
  const limit = rateLimit(limiter)
  const form = express.urlencoded({ extended: false, limit: deps.config.bodyLimitBytes, parameterLimit: TOKEN_PARAMETER_LIMIT })
  const json = express.json({ limit: deps.config.bodyLimitBytes })

  r.post('/token', limit, form, async (req, res) => {
    const body = await tokenEndpoint(deps, req.body)
    res.set('Cache-Control', 'no-store').set('Pragma', 'no-cache').json(body)
  })
  r.post('/nonce', limit, (_req, res) => {
    res.set('Cache-Control', 'no-store').json(createNonce(deps))
  })
  r.post('/credential', json, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await issueCredentials(deps, bearerToken(req.get('authorization')), req.body))
  })
  return r
}
