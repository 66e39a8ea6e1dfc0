// The verifier's error middleware and 404: OAuth-style JSON with a stable code (RFC 6749 §5.2); logs the code, never the body.
import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { Logger } from 'pino'
import { EidError, toErrorResponse } from '../../shared/errors/index.ts'

/** Maps every error through `toErrorResponse`; 5xx are logged with the error class only. */
export function verifierErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) {
      next(err)
      return
    }
    const { status, body } = toErrorResponse(err)
    res.locals.errorCode = body.code
    if (status >= 500) logger.error({ code: body.code, errorName: err instanceof Error ? err.name : typeof err }, 'request failed')
    if (status === 401) res.set('WWW-Authenticate', 'Bearer realm="verifier"')
    res.set('Cache-Control', 'no-store').status(status).json(body)
  }
}

/** Unmatched routes: 404 `not_found`. */
export const notFoundHandler: RequestHandler = (_req, _res, next) => {
  next(new EidError('not_found', 'no such endpoint'))
}
