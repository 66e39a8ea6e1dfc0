// OpenID4VCI endpoints: token (form-encoded; pre-authorized code and refresh grants), nonce, credential (JSON, bearer access token). Thin: parse, call, respond.
import express, { Router } from 'express'
import type { IssuerDeps } from '../deps.ts'
import { issueCredentials } from '../flows/credential.ts'
import { createNonce } from '../flows/nonce.ts'
import { exchangeRefreshToken } from '../flows/refresh-token.ts'
import { exchangePreAuthorizedCode } from '../flows/token.ts'
import { REFRESH_TOKEN_GRANT, tokenGrantType } from '../../shared/oid4vci/index.ts'
import { rateLimit } from '../http/rate-limit.ts'

/** `POST /token`, `POST /nonce`, `POST /credential`. */
export function oid4vciRouter(deps: IssuerDeps): Router {
  const r = Router()
  const limit = rateLimit({ ...deps.config.rateLimit, now: deps.now })
  const form = express.urlencoded({ extended: false, limit: deps.config.bodyLimitBytes, parameterLimit: 32 })
  const json = express.json({ limit: deps.config.bodyLimitBytes })

  r.post('/token', limit, form, async (req, res) => {
    const body = tokenGrantType(req.body) === REFRESH_TOKEN_GRANT ? await exchangeRefreshToken(deps, req.body) : await exchangePreAuthorizedCode(deps, req.body)
    res.set('Cache-Control', 'no-store').set('Pragma', 'no-cache').json(body)
  })
  r.post('/nonce', limit, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(createNonce(deps))
  })
  r.post('/credential', json, async (req, res) => {
    const auth = /^Bearer ([A-Za-z0-9_-]{1,256})$/.exec(req.get('authorization') ?? '')
    res.set('Cache-Control', 'no-store').json(await issueCredentials(deps, auth?.[1], req.body))
  })
  return r
}
