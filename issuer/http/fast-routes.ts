// The OpenID4VCI hot routes on plain node:http, ahead of express: POST /token, POST /nonce and POST /credential. A
// request takes this path only in its plain shape: the exact path, and for a body a Content-Length within the limit, no
// Content-Encoding or Transfer-Encoding, the route's media type in UTF-8 (shared/http-server plainBodyLength). Every
// other shape goes on to the express routes (routes/oid4vci.ts), whose body parsers answer it. Both paths parse a body
// the same way, share one rate limiter, run the same flows and map errors through the same error middleware, so limits,
// checks, status codes and error codes are the same whichever path a request takes.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { errorMiddleware } from '../../shared/errors/index.ts'
import { answerFast, parseFormBody, parseJsonBody, plainBodyLength, readBodyText, requestPath, sendNoStore } from '../../shared/http-server/index.ts'
import type { FastErrorMiddleware, FastRoutes } from '../../shared/http-server/index.ts'
import type { IssuerDeps } from '../deps.ts'
import { issueCredentials } from '../flows/credential.ts'
import { createNonce } from '../flows/nonce.ts'
import { TOKEN_PARAMETER_LIMIT, bearerToken, tokenEndpoint } from '../routes/oid4vci.ts'
import { logAccess } from './access-log.ts'
import { issuerErrorOptions } from './error-handler.ts'
import { rateLimited } from './rate-limit.ts'
import type { RateLimiter } from './rate-limit.ts'

const FORM = 'application/x-www-form-urlencoded'
const JSON_TYPE = 'application/json'
const JSON_UTF8 = 'application/json; charset=utf-8'

/**
 * The middleware (first in the issuer's express app, and first in `IssuerApp.handler`): answers the three routes in
 * their plain shape, passes every other request to `next`. The rate-limited routes (token, nonce) take this path only
 * when the client IP is the socket's (`trustProxy` false); behind a proxy express works it out.
 */
export function fastRoutes(deps: IssuerDeps, limiter: RateLimiter): FastRoutes {
  const onError: FastErrorMiddleware = errorMiddleware(issuerErrorOptions(deps.logger))
  const answered = { onError, onAnswered: (a: Parameters<typeof logAccess>[1]) => logAccess(deps.logger, a) }
  const limit = deps.config.bodyLimitBytes
  const socketIp = deps.config.trustProxy === false

  /** The rate limit of token and nonce requests, as routes/oid4vci.ts applies it (429 `rate_limited`, Retry-After). */
  const takeRate = (req: IncomingMessage, res: ServerResponse): void => {
    const retryAfter = limiter.take(req.socket.remoteAddress ?? 'unknown')
    if (retryAfter === undefined) return
    res.setHeader('Retry-After', String(retryAfter))
    throw rateLimited()
  }

  return (req, res, next) => {
    if (req.method !== 'POST') return next()
    const path = requestPath(req.url)
    if (path === '/credential') {
      const length = plainBodyLength(req.headers, JSON_TYPE, limit)
      if (length === undefined) return next()
      return answerFast(req, res, '/credential', answered, async () => {
        const body = parseJsonBody(await readBodyText(req, length))
        sendNoStore(res, 200, JSON_UTF8, JSON.stringify(await issueCredentials(deps, bearerToken(req.headers.authorization), body)))
      })
    }
    if (path === '/token' && socketIp) {
      const length = plainBodyLength(req.headers, FORM, limit)
      if (length === undefined) return next()
      return answerFast(req, res, '/token', answered, async () => {
        takeRate(req, res)
        const body = parseFormBody(await readBodyText(req, length), TOKEN_PARAMETER_LIMIT)
        const answer = JSON.stringify(await tokenEndpoint(deps, body))
        res.setHeader('Pragma', 'no-cache')
        sendNoStore(res, 200, JSON_UTF8, answer)
      })
    }
    if (path === '/nonce' && socketIp) {
      // no body is read (as the express route): whatever was sent is discarded by node once the answer is written
      return answerFast(req, res, '/nonce', answered, async () => {
        takeRate(req, res)
        sendNoStore(res, 200, JSON_UTF8, JSON.stringify(createNonce(deps)))
      })
    }
    next()
  }
}
