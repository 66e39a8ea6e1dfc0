// The issuer's error middleware and 404: every failure becomes OAuth-style JSON with a stable code (RFC 6749 §5.2, RFC 6750 §3).
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express'
import type { Logger } from 'pino'
import { EidError, errorMiddleware } from '../../shared/errors/index.ts'

/** Maps errors through `toErrorResponse` (shared `errorMiddleware`); a 401 carries the admin realm or the bearer error. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return errorMiddleware<Request, Response>({
    logger,
    wwwAuthenticate: (body) => (body.code === 'unauthorized' ? 'Bearer realm="admin"' : `Bearer error="${body.error}"`),
  })
}

/** Unmatched routes: 404 `not_found`. */
export const notFound: RequestHandler = (_req, _res, next) => {
  next(new EidError('not_found', 'no such endpoint'))
}
