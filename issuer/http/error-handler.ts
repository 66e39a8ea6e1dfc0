// The issuer's error middleware and 404: every failure becomes OAuth-style JSON with a stable code (RFC 6749 §5.2, RFC 6750 §3).
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express'
import type { Logger } from 'pino'
import { EidError, errorMiddleware } from '../../shared/errors/index.ts'
import type { ErrorMiddlewareOptions, ErrorRequestLike, ErrorResponseLike } from '../../shared/errors/index.ts'

/** The issuer's error-middleware options: a 401 carries the admin realm or the bearer error. */
export function issuerErrorOptions<Req extends ErrorRequestLike, Res extends ErrorResponseLike>(logger: Logger): ErrorMiddlewareOptions<Req, Res> {
  return {
    logger,
    wwwAuthenticate: (body) => (body.code === 'unauthorized' ? 'Bearer realm="admin"' : `Bearer error="${body.error}"`),
  }
}

/** Maps errors through `toErrorResponse` (shared `errorMiddleware`) with `issuerErrorOptions`. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return errorMiddleware<Request, Response>(issuerErrorOptions(logger))
}

/** Unmatched routes: 404 `not_found`. */
export const notFound: RequestHandler = (_req, _res, next) => {
  next(new EidError('not_found', 'no such endpoint'))
}
