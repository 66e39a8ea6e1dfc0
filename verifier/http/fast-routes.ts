// The three hot routes on plain node:http, ahead of the express routers: POST /responses (direct_post), GET /requests/:id
// and POST /presentations. A request takes this path only in its plain shape: the exact path, a Content-Length within
// the route's limit, no Content-Encoding or Transfer-Encoding, the route's media type in UTF-8. Every other shape goes on
// to the express routes (routes/wallet.ts, routes/presentations.ts), whose body parsers answer it. Both paths parse a
// body the same way (body-parser's rules, the same qs options), run the same flow and map errors through the same
// error middleware, so limits, checks, status codes and error codes are the same whichever path a request takes.
import { EidError, errorMiddleware } from '../../shared/errors/index.ts'
import { answerFast, parseFormBody, parseJsonBody, plainBodyLength, readBodyText, requestPath, sendNoStore as send } from '../../shared/http-server/index.ts'
import type { AnsweredRequest, FastRoutes } from '../../shared/http-server/index.ts'
import { REQUEST_OBJECT_MEDIA_TYPE } from '../../shared/oid4vp/index.ts'
import type { VerifierDeps } from '../deps.ts'
import { createPresentation } from '../flows/create-presentation.ts'
import { handleDirectPost } from '../flows/direct-post.ts'
import type { PresentationLogFields } from '../flows/direct-post.ts'
import { requestObjectFor } from '../flows/request-object.ts'
import { logAccess } from './access-log.ts'
import { apiKeyCheck } from './api-key.ts'
import { verifierErrorOptions } from './error-handler.ts'

/** `express.json({ limit: '32kb' })` of routes/presentations.ts. */
export const PRESENTATIONS_BODY_LIMIT = 32 * 1024
/** `parameterLimit` of the direct_post form (routes/wallet.ts). */
export const RESPONSE_PARAMETER_LIMIT = 16
const FORM = 'application/x-www-form-urlencoded'
const JSON_TYPE = 'application/json'
/** A session id as createPresentation makes them (base64url); any other id goes to the express route. */
const SESSION_ID = /^[A-Za-z0-9_-]{1,128}$/

/**
 * The middleware (first in the verifier's express app): answers the three routes in their plain shape, passes every
 * other request to `next`. Each answer gets the same access line as the express routes'.
 */
export function fastRoutes(deps: VerifierDeps): FastRoutes {
  const apiKeyOk = apiKeyCheck(deps.config.apiKey)
  const onError = errorMiddleware(verifierErrorOptions(deps.logger))
  const responseLimit = deps.config.bodyLimitBytes

  /** Each answer's access line; an error goes through the verifier's error middleware. */
  const answered = { onError, onAnswered: (a: AnsweredRequest) => logAccess(deps.logger, deps.clientId, a) }

  return (req, res, next) => {
    const path = requestPath(req.url)
    if (req.method === 'POST' && path === '/responses') {
      const length = plainBodyLength(req.headers, FORM, responseLimit)
      if (length === undefined) return next()
      let presentation: PresentationLogFields | undefined
      const onAnswered = (a: AnsweredRequest): void => logAccess(deps.logger, deps.clientId, { ...a, presentation })
      return answerFast(req, res, '/responses', { onError, onAnswered }, async () => {
        const body = parseFormBody(await readBodyText(req, length), RESPONSE_PARAMETER_LIMIT)
        const answer = await handleDirectPost(deps, body, (p) => {
          presentation = p
        })
        send(res, 200, 'application/json; charset=utf-8', JSON.stringify(answer))
      })
    }
    if (req.method === 'GET' && path.startsWith('/requests/') && SESSION_ID.test(path.slice(10))) {
      return answerFast(req, res, '/requests/:id', answered, async () => {
        send(res, 200, `${REQUEST_OBJECT_MEDIA_TYPE}; charset=utf-8`, await requestObjectFor(deps, path.slice(10)))
      })
    }
    if (req.method === 'POST' && path === '/presentations') {
      const length = plainBodyLength(req.headers, JSON_TYPE, PRESENTATIONS_BODY_LIMIT)
      if (length === undefined) return next()
      return answerFast(req, res, '/presentations', answered, async () => {
        if (!apiKeyOk(req.headers.authorization)) throw new EidError('unauthorized', 'API key missing or wrong')
        const body = parseJsonBody(await readBodyText(req, length))
        send(res, 201, 'application/json; charset=utf-8', JSON.stringify(await createPresentation(deps, body)))
      })
    }
    next()
  }
}
