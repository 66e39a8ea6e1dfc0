// The issuer's error middleware and 404: every failure becomes OAuth-style JSON with a stable code (RFC 6749 §5.2, RFC 6750 §3).
import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { Logger } from 'pino'
import { EidError, toErrorResponse } from '../../shared/errors/index.ts'

/** Maps errors through `toErrorResponse`; logs the code (and, for 5xx, the error's class), never the request body. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, next) => {
    if (res.headersSent) {
      next(err)
      return
    }
    const { status, body } = toErrorResponse(err)
    res.locals.errorCode = body.code
    if (status >= 500) logger.error({ code: body.code, errorName: err instanceof Error ? err.name : typeof err }, 'request failed')
    if (status === 401) {
      const scheme = body.code === 'unauthorized' ? 'Bearer realm="admin"' : `Bearer error="${body.error}"`
      res.set('WWW-Authenticate', scheme)
    }
    res.set('Cache-Control', 'no-store')
    res.status(status).json(body)
  }
}

/** Unmatched routes: 404 `not_found`. */
export const notFound: RequestHandler = (_req, _res, next) => {
  next(new EidError('not_found', 'no such endpoint'))
}
