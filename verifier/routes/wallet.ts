// Wallet-facing OpenID4VP endpoints: GET request_uri (signed request object), POST response_uri (direct_post). Their
// plain-shaped requests are answered earlier by http/fast-routes.ts with the same parsing and limits; these take the rest.
import express, { Router } from 'express'
import { REQUEST_OBJECT_MEDIA_TYPE } from '../../shared/oid4vp/index.ts'
import type { VerifierDeps } from '../deps.ts'
import { handleDirectPost } from '../flows/direct-post.ts'
import { requestObjectFor } from '../flows/request-object.ts'
import { RESPONSE_PARAMETER_LIMIT } from '../http/fast-routes.ts'

export function walletRouter(deps: VerifierDeps): Router {
  const r = Router()
  r.get('/requests/:id', async (req, res) => {
    const jwt = await requestObjectFor(deps, req.params.id)
    res.set('Cache-Control', 'no-store').type(REQUEST_OBJECT_MEDIA_TYPE).send(jwt)
  })
  r.post(
    '/responses',
    express.urlencoded({ extended: false, limit: deps.config.bodyLimitBytes, parameterLimit: RESPONSE_PARAMETER_LIMIT }),
    async (req, res) => {
      const answer = await handleDirectPost(deps, req.body, (p) => {
        res.locals.presentation = p // for the access line (http/access-log.ts)
      })
      res.set('Cache-Control', 'no-store').json(answer)
    },
  )
  return r
}
